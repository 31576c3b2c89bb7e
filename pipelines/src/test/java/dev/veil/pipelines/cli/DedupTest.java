package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deduplication in the job: repeated alerts and a pasted reminder collapse to their first message, a copied ticket
 * and a lightly edited one collapse to one ticket; every removal is counted, the accounting balances, and the
 * survivors and shards are the same on every runner and parallelism.
 */
class DedupTest {
  static final Path DATA = TestData.path("DedupTest");
  @TempDir Path tmp;

  private Path run(String name, PipelineOptions options, String runner, int parallelism) throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        Outputs.withoutKAnonymity(Files.readString(TestData.path("demo/policy.yaml")))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key"))
            .replace("input: \"slack:*\"", "input: \"*\""));
    Path out = tmp.resolve(name);
    JobSpec spec =
        JobLauncher.prepare(
            policy, List.of("slack=" + DATA.resolve("slack-export"), "jira=" + DATA.resolve("jira")), out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(spec, options, runner, parallelism, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).as(log.toString()).isZero();
    return out;
  }

  @Test
  void duplicatesAreRemovedCountedAndTheSameOnEveryRunner() throws Exception {
    Path a = run("a", Runners.direct(2, true), "direct", 2);
    JsonNode m = Outputs.manifest(a);
    JsonNode r = m.path("records");
    assertThat(r.path("balanced").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("input").asLong()).isEqualTo(17); // 13 messages, 4 tickets
    assertThat(r.path("dropped").path("repeated_message").asLong()).isEqualTo(5); // 4 alerts, 1 reminder
    assertThat(r.path("dropped").path("exact_duplicate").asLong()).isEqualTo(1);
    assertThat(r.path("dropped").path("near_duplicate").asLong()).isEqualTo(1);
    assertThat(m.path("dedup").path("bands").asInt()).isEqualTo(14);

    List<JsonNode> examples = CrossSourceTest.examples(a);
    assertThat(examples.stream().filter(e -> e.path("kind").asText().equals("ticket"))).hasSize(2);
    String chat =
        String.join(
            "\n",
            examples.stream()
                .filter(e -> e.path("kind").asText().equals("conversation"))
                .map(e -> e.path("text").asText())
                .toList());
    assertThat(chat.split("Disk usage", -1)).hasSize(2); // once
    assertThat(chat).contains("Disk usage 91% on web-03");
    // What is left of day two in #alerts is one bot post with no one answering: a bot-only conversation, filtered.
    assertThat(chat).doesNotContain("Backup finished");
    assertThat(r.path("dropped").path("bot_only").asLong()).isEqualTo(1);
    assertThat(chat.split("quarterly access review", -1)).hasSize(2);
    assertThat(chat.split(": ok\\b|\\bok\\n|\\bok$", -1).length).isGreaterThan(3); // people's short replies stay

    // A second run on another runner with another parallelism: the same survivors, the same bytes.
    Path c = run("c", Runners.flink(Runners.FLINK_LOCAL, 1), "flink [local]", 1);
    assertThat(Outputs.fileHashes(c)).isEqualTo(Outputs.fileHashes(a));
    assertThat(Outputs.deterministicManifest(c)).isEqualTo(Outputs.deterministicManifest(a));
  }
}
