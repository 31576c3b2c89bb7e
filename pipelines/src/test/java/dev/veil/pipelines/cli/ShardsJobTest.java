package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.pipelines.generate.CorpusGenerator;
import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.write.ExampleJson;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.TokenCounter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token-budgeted shards through the whole job: within budget and cap, tokens adding up in the manifest, the same
 * bytes across runs, runners and parallelism in every format, Avro and Parquet holding the same examples as JSONL.
 */
class ShardsJobTest {
  static final Path DEMO = TestData.path("demo");
  static final long BUDGET = 2_500;
  static final long CAP = 16_384;
  @TempDir static Path corpusDir;
  @TempDir Path tmp;

  @BeforeAll
  static void corpus() throws Exception {
    new CorpusGenerator(corpusDir.resolve("corpus"), 150_000, 5).generate();
  }

  /** The demo policy (key and license made absolute and general) with this {@code output} block. */
  private Path policy(String output) throws Exception {
    String demo = Files.readString(DEMO.resolve("policy.yaml"));
    String head =
        demo.substring(0, demo.indexOf("\noutput:") + 1)
            .replace("file: demo.key", "file: " + DEMO.resolve("demo.key"))
            .replace("input: \"slack:*\"", "input: \"*\"");
    Path p = Files.createTempFile(tmp, "policy", ".yaml");
    Files.writeString(p, head + "output:\n" + output);
    return p;
  }

  private static String output(ShardFormat format, long budget, long cap) {
    return "  buckets: 3\n  validation_fraction: 0.4\n  format: "
        + format.policyName()
        + "\n  shard_tokens: "
        + budget
        + "\n  shard_bytes: "
        + cap
        + "\n";
  }

  private Path run(Path policy, List<String> inputs, String name, PipelineOptions options, String runner, int parallelism)
      throws Exception {
    Path out = tmp.resolve(name);
    JobSpec spec = JobLauncher.prepare(policy, inputs, out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(spec, options, runner, parallelism, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).as(log.toString()).isZero();
    return out;
  }

  private List<String> corpusInputs() {
    Path c = corpusDir.resolve("corpus");
    return List.of(
        "slack=" + c.resolve("slack"), "jira=" + c.resolve("jira"), "mbox=" + c.resolve("mbox"),
        "capture=" + c.resolve("capture"));
  }

  /** Every example of every shard the manifest lists, as output lines sorted by id; checks each shard on the way. */
  private static List<String> readBack(Path out, long budget, long cap) throws Exception {
    JsonNode m = Outputs.manifest(out);
    TokenCounter counter = TokenCounter.forEncoding(m.path("output").path("tokenizer").asText());
    List<String> lines = new ArrayList<>();
    long tokens = 0;
    Map<String, Long> bySplit = new TreeMap<>();
    Set<String> listed = new HashSet<>();
    for (JsonNode s : m.path("shards")) {
      String path = s.path("path").asText();
      listed.add(path);
      byte[] bytes = Files.readAllBytes(out.resolve(path));
      assertThat(Hashes.sha256Hex(bytes)).isEqualTo(s.path("sha256").asText());
      assertThat((long) bytes.length).isEqualTo(s.path("bytes").asLong());
      List<ReleasedExample> records = ShardFormat.ofFile(path).decode(bytes);
      long shardTokens = 0;
      for (ReleasedExample e : records) {
        assertThat(e.getTokens()).isEqualTo(counter.count(e.getText()));
        shardTokens += e.getTokens();
        lines.add(ExampleJson.line(e));
      }
      assertThat(records).hasSize((int) s.path("records").asLong());
      assertThat(shardTokens).as(path).isEqualTo(s.path("tokens").asLong());
      if (records.size() > 1) {
        assertThat(shardTokens).as(path).isLessThanOrEqualTo(budget);
        assertThat((long) bytes.length).as(path).isLessThanOrEqualTo(cap);
      }
      bySplit.merge(path.substring(5, path.indexOf('-')), shardTokens, Long::sum);
      tokens += shardTokens;
    }
    try (var files = Files.list(out.resolve("data"))) {
      assertThat(files.map(f -> "data/" + f.getFileName()).toList()).containsExactlyInAnyOrderElementsOf(listed);
    }
    assertThat(m.path("examples").path("tokens").asLong()).isEqualTo(tokens).isPositive();
    Map<String, Long> reported = new TreeMap<>();
    m.path("examples").path("tokens_by_split").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asLong()));
    assertThat(reported).isEqualTo(bySplit);
    assertThat(lines).hasSize((int) m.path("examples").path("output").asLong());
    lines.sort(null);
    return lines;
  }

  @Test
  void shardsStayWithinBudgetAndCapAndEveryFormatHoldsTheSameExamples() throws Exception {
    List<String> jsonl = null;
    for (ShardFormat f : ShardFormat.values()) {
      Path out =
          run(policy(output(f, BUDGET, CAP)), corpusInputs(), f.policyName(), Runners.flink(Runners.FLINK_LOCAL, 2),
              "flink [local]", 2);
      JsonNode m = Outputs.manifest(out);
      assertThat(m.path("records").path("balanced").asBoolean()).isTrue();
      assertThat(m.path("shards").size()).as("the budget cuts buckets into several shards").isGreaterThan(6);
      List<String> lines = readBack(out, BUDGET, CAP);
      if (jsonl == null) {
        jsonl = lines;
        assertThat(lines).hasSizeGreaterThan(50);
      } else {
        assertThat(lines).as(f.name()).isEqualTo(jsonl);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void shardsAreByteIdenticalAcrossRunsRunnersAndParallelism(ShardFormat format) throws Exception {
    // A budget small enough that the demo's buckets are cut into several shards.
    Path policy = policy(output(format, 120, 8_192));
    List<String> in = List.of("slack=" + DEMO.resolve("acme-export"));
    Path a = run(policy, in, "a", Runners.direct(1, true), "direct", 1);
    Path b = run(policy, in, "b", Runners.direct(3, false), "direct", 3);
    Path c = run(policy, in, "c", Runners.flink(Runners.FLINK_LOCAL, 2), "flink [local]", 2);
    Map<String, String> hashes = Outputs.fileHashes(a);
    assertThat(hashes.keySet().stream().filter(k -> k.startsWith("data/train-"))).hasSizeGreaterThan(2);
    assertThat(hashes.keySet()).allMatch(k -> !k.startsWith("data/") || k.endsWith("." + format.extension()));
    assertThat(Outputs.fileHashes(b)).isEqualTo(hashes);
    assertThat(Outputs.fileHashes(c)).isEqualTo(hashes);
    assertThat(Outputs.deterministicManifest(b)).isEqualTo(Outputs.deterministicManifest(a));
    assertThat(Outputs.deterministicManifest(c)).isEqualTo(Outputs.deterministicManifest(a));
    readBack(a, 120, 8_192);
  }
}
