package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.TestData;
import dev.veil.pipelines.erase.Erasure;
import dev.veil.pipelines.policy.Policy;
import dev.veil.transforms.audit.LeakScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veil erase} on the synthetic workspace of test-data/OptOutTest without opt-outs (Dana is in chat, tickets and
 * a recording): afterwards no released file holds Dana's pseudonym ({@code veil scan} finds none), the shards of
 * untouched buckets keep their hashes, the output still verifies (new manifest version, re-signed), the accounting
 * counts the erased records, and a tombstone is logged.
 */
class EraseCommandTest {
  @TempDir Path tmp;

  @Test
  void erasesEveryTraceOfASubjectAndOnlyThat() throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        OptOutTest.policy("", "")
            .replace("licenses:", "signing:\n  key:\n    file: " + TestData.path("demo/demo-signing.key") + "\nlicenses:")
            .replace("shards: 2", "shards: 8")); // enough buckets that some hold nothing of Dana
    Path out =
        Outputs.run(
            policy,
            List.of(
                "slack=" + OptOutTest.DATA.resolve("slack-export"),
                "jira=" + OptOutTest.DATA.resolve("jira"),
                "capture=" + OptOutTest.DATA.resolve("captures")),
            tmp.resolve("out"),
            false);
    String dana = Erasure.pseudonym(Policy.load(policy), "Dana.Whitfield@example.test");
    LeakScan scan = new LeakScan(List.of(dana));
    assertThat(scan.scanOutput(out, false)).isNotEmpty(); // she is there before
    JsonNode before = Outputs.manifest(out);
    Map<String, String> hashesBefore = new HashMap<>();
    before.path("shards").forEach(s -> hashesBefore.put(s.path("path").asText(), s.path("sha256").asText()));

    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int status =
        VeilCli.execute(
            new PrintWriter(o, true), new PrintWriter(e, true),
            "erase", "--subject", "dana.whitfield@example.test", "--output", out.toString(), "--policy", policy.toString());
    assertThat(status).as(e.toString()).isZero();
    assertThat(o.toString()).startsWith("erased ").contains("holding " + dana).contains("manifest version 2");

    assertThat(scan.scanOutput(out, false)).isEmpty();
    Path ids = tmp.resolve("ids.txt");
    Files.writeString(ids, dana + "\n");
    o.getBuffer().setLength(0);
    assertThat(VeilCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), "scan", out.toString(), "--identities", ids.toString()))
        .as(o.toString())
        .isZero();

    JsonNode after = Outputs.manifest(out);
    int untouched = 0;
    int rebuilt = 0;
    for (JsonNode s : after.path("shards")) {
      if (s.path("sha256").asText().equals(hashesBefore.get(s.path("path").asText()))) {
        untouched++;
      } else {
        rebuilt++;
      }
    }
    assertThat(rebuilt).isPositive();
    assertThat(untouched).isPositive();
    assertThat(after.path("manifest_version").asInt()).isEqualTo(2);
    long erasedRecords = after.path("erasures").get(0).path("records").asLong();
    assertThat(erasedRecords).isPositive();
    assertThat(after.path("records").path("dropped").path("erased").asLong()).isEqualTo(erasedRecords);
    assertThat(after.path("records").path("output").asLong())
        .isEqualTo(before.path("records").path("output").asLong() - erasedRecords);
    assertThat(after.path("examples").path("output").asLong())
        .isEqualTo(before.path("examples").path("output").asLong() - after.path("erasures").get(0).path("examples").asLong());
    assertThat(Files.readString(out.resolve(Erasure.TOMBSTONES))).contains(dana);

    o.getBuffer().setLength(0);
    assertThat(VeilCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), "verify", out.toString()))
        .as(o.toString())
        .isZero();
  }
}
