package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken inputs: a zip with a traversal entry, a truncated copy of it, a day file with invalid JSON, one that is not
 * UTF-8, and a message from a user missing from users.json. The job finishes, every problem is quarantined with a
 * reason, nothing is written outside the output directory, and the accounting adds up.
 */
class BadInputTest {
  static final Path EXPORT = TestData.path("BadInputTest/export");
  @TempDir Path tmp;

  @Test
  void quarantinesEveryProblemAndLosesNothing() throws Exception {
    Path zips = Files.createDirectories(tmp.resolve("in/deep/zips"));
    Path good = zips.resolve("bad-export.zip");
    zipWithTraversalEntry(EXPORT, good);
    Path truncated = zips.resolve("truncated.zip");
    byte[] whole = Files.readAllBytes(good);
    Files.write(truncated, Arrays.copyOf(whole, whole.length * 2 / 3));
    Path out = tmp.resolve("in/deep/out");

    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        Outputs.withoutKAnonymity(Files.readString(TestData.path("demo/policy.yaml")))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key")));
    JobSpec spec = JobLauncher.prepare(policy, List.of("slack=" + good, "slack=" + truncated), out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(spec, Runners.direct(2, true), "direct", 2, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).as(log.toString()).isZero();

    List<String> quarantine = Files.readAllLines(out.resolve("restricted/quarantine/quarantine.jsonl"));
    List<String> complete =
        List.of(
            q("slack:bad-export", "../../etc/x", -1, "read", "unsafe_path"),
            q("slack:bad-export", "general/2024-02-01.json", 1, "deidentify", "unknown_author"),
            q("slack:bad-export", "general/2024-02-02.json", 1, "read", "invalid_json"),
            q("slack:bad-export", "general/2024-02-03.json", -1, "read", "not_utf8"));
    assertThat(quarantine).containsAll(complete);
    // The truncated copy: what precedes the cut is read, the cut itself is one unit, the rest is unknown.
    assertThat(quarantine.stream().filter(l -> l.contains("\"truncated_archive\"")).toList())
        .hasSize(1)
        .allMatch(l -> l.contains("slack:truncated"));

    JsonNode records = Outputs.manifest(out).path("records");
    assertThat(records.path("balanced").asBoolean()).isTrue();
    // Both archives hold the traversal entry before the cut.
    assertThat(records.path("quarantined").path("unsafe_path").asLong()).isEqualTo(2);
    assertThat(records.path("quarantined").path("truncated_archive").asLong()).isEqualTo(1);
    assertThat(records.path("input").asLong())
        .isEqualTo(
            records.path("output").asLong()
                + sum(records.path("dropped"))
                + sum(records.path("quarantined")));

    // Nothing escaped: no "etc/x" anywhere near the inputs or outputs, and no payloads in the quarantine.
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(p -> tmp.relativize(p).toString())).noneMatch(p -> p.endsWith("etc/x") || p.equals("etc"));
    }
    assertThat(String.join("\n", quarantine)).doesNotContain("broken").doesNotContain("not in users.json");
    assertThat(new LeakScan(LeakScan.slackUserForms(Files.readAllBytes(EXPORT.resolve("users.json")))).scan(out))
        .isEmpty();
  }

  private static long sum(JsonNode counts) {
    long s = 0;
    for (JsonNode n : counts) {
      s += n.asLong();
    }
    return s;
  }

  private static String q(String source, String file, long index, String stage, String reason) {
    return String.format(
        "{\"source\":\"%s\",\"file\":\"%s\",\"index\":%d,\"stage\":\"%s\",\"reason\":\"%s\"}",
        source, file, index, stage, reason);
  }

  /** Zips an export directory, sorted, with a {@code ../../etc/x} entry in the middle. */
  static void zipWithTraversalEntry(Path dir, Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (int i = 0; i < files.size(); i++) {
        if (i == 1) {
          out.putNextEntry(new ZipEntry("../../etc/x"));
          out.write("escape attempt".getBytes());
          out.closeEntry();
        }
        out.putNextEntry(new ZipEntry(dir.relativize(files.get(i)).toString()));
        out.write(Files.readAllBytes(files.get(i)));
        out.closeEntry();
      }
    }
  }
}
