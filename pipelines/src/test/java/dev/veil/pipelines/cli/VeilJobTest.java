package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on the synthetic demo export: privacy, accounting and determinism across runs and runners. */
class VeilJobTest {
  static final Path DEMO = TestData.path("demo");
  @TempDir Path tmp;

  private Path run(String name, PipelineOptions options, String runner, int parallelism) throws Exception {
    Path out = tmp.resolve(name);
    JobSpec spec =
        JobLauncher.prepare(
            DEMO.resolve("policy.yaml"), List.of("slack=" + DEMO.resolve("acme-export")), out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(
            spec, options, runner, parallelism, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).as(log.toString()).isZero();
    return out;
  }

  @Test
  void noDirectoryFormReachesAnyOutputFile() throws Exception {
    Path out = run("out", Runners.direct(2, true), "direct", 2);
    List<String> forms =
        LeakScan.slackUserForms(Files.readAllBytes(DEMO.resolve("acme-export/users.json")));
    assertThat(forms).contains("Dana Whitfield", "dana.whitfield@acme.example", "+1 415 555 0142", "U01DANA01");
    // Every released file; restricted/ holds source pointers (folder names of group DMs name their members), by design.
    assertThat(new LeakScan(forms).scanOutput(out, false)).isEmpty();
    // Raw fields that must never be carried: tokens of file links, avatar URLs, profile blocks.
    assertThat(new LeakScan(List.of("xoxe-999888777-secret", "gravatar", "user_profile", "image_72")).scan(out))
        .isEmpty();
  }

  @Test
  void theAccountingAddsUpAndNamesEveryReason() throws Exception {
    JsonNode m = Outputs.manifest(run("out", Runners.direct(2, true), "direct", 2));
    JsonNode r = m.path("records");
    assertThat(r.path("balanced").asBoolean()).isTrue();
    assertThat(r.path("input").asLong()).isEqualTo(22);
    assertThat(r.path("dropped").path("membership_event").asLong()).isEqualTo(2);
    assertThat(r.path("dropped").path("deleted").asLong()).isEqualTo(1);
    assertThat(r.path("dropped").path("empty_text").asLong()).isEqualTo(1);
    assertThat(r.path("output").asLong()).isEqualTo(18);
    assertThat(m.path("shards").size()).isEqualTo(3);
    long examples = 0;
    long tokens = 0;
    for (JsonNode s : m.path("shards")) {
      examples += s.path("records").asLong();
      tokens += s.path("tokens").asLong();
      assertThat(s.path("sha256").asText()).hasSize(64);
    }
    assertThat(examples).isEqualTo(m.path("examples").path("output").asLong()).isEqualTo(7);
    assertThat(tokens).isEqualTo(m.path("examples").path("tokens").asLong()).isPositive();
    assertThat(m.path("examples").path("tokens_by_split").path("train").asLong()
            + m.path("examples").path("tokens_by_split").path("validation").asLong())
        .isEqualTo(tokens);
    assertThat(m.path("run").path("id").asText()).startsWith("run-");
  }

  @Test
  void outputIsByteIdenticalAcrossRunsParallelismAndRunners() throws Exception {
    Path a = run("a", Runners.direct(1, true), "direct", 1);
    Path b = run("b", Runners.direct(3, false), "direct", 3);
    Path c = run("c", Runners.flink(Runners.FLINK_LOCAL, 2), "flink [local]", 2);
    Map<String, String> hashes = Outputs.fileHashes(a);
    assertThat(hashes)
        .containsKeys(
            "data/train-00000-00000.jsonl.zst", "croissant.json", "README.md", "report/report.json", "report/report.html");
    assertThat(Outputs.fileHashes(b)).isEqualTo(hashes);
    assertThat(Outputs.fileHashes(c)).isEqualTo(hashes);
    assertThat(Outputs.deterministicManifest(b)).isEqualTo(Outputs.deterministicManifest(a));
    assertThat(Outputs.deterministicManifest(c)).isEqualTo(Outputs.deterministicManifest(a));
  }
}
