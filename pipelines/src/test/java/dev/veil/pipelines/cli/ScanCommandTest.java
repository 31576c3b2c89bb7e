package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.pipelines.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veil scan}: the demo output holds no form of any demo user (and the job's own scan says so in the manifest);
 * a form planted in an output file is found and reported by file and list line, never by value.
 */
class ScanCommandTest {
  @TempDir Path tmp;

  @Test
  void findsWhatIsPlantedAndNothingElse() throws Exception {
    Path out = Outputs.runAll(tmp, List.of("slack=" + TestData.path("demo/acme-export")));
    assertThat(Outputs.manifest(out).path("leak_scan").path("hits").asInt()).isZero();
    assertThat(Outputs.manifest(out).path("leak_scan").path("examples").asLong())
        .isEqualTo(Outputs.manifest(out).path("examples").path("output").asLong());
    Path users = TestData.path("demo/acme-export/users.json");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    assertThat(VeilCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), "scan", out.toString(), "--identities", users.toString()))
        .as(o.toString())
        .isZero();
    assertThat(o.toString()).startsWith("clean: ");

    Path list = tmp.resolve("people.txt");
    Files.writeString(list, "# people to look for\nnobody.here@example.test\n\nDana Whitfield\n");
    Files.writeString(out.resolve("notes.txt"), "contact: dana whitfield, later");
    o.getBuffer().setLength(0);
    assertThat(VeilCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), "scan", out.toString(), "--identities", list.toString()))
        .isEqualTo(VeilCli.JOB_FAILED);
    assertThat(o.toString())
        .contains("HIT   notes.txt: line 4 of people.txt, 1 time(s)")
        .contains("FOUND: 1 occurrence(s) in 1 file(s); 2 forms searched")
        .doesNotContain("Whitfield");
  }
}
