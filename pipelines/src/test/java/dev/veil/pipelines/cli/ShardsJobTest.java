package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.pipelines.generate.CorpusGenerator;
import dev.veil.schemas.ReleasedExample;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.transforms.audit.LeakScan;
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
            .replace("file: demo-signing.key", "file: " + TestData.path("demo/demo-signing.key"))
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

  /** {@code veil run --runner direct} in a fresh JVM on this test's class path. */
  private Path runInAnotherJvm(Path policy, List<String> inputs, String name) throws Exception {
    Path out = tmp.resolve(name);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                VeilCli.class.getName(),
                "run",
                "--policy",
                policy.toString(),
                "--output",
                out.toString(),
                "--runner",
                "direct",
                "--parallelism",
                "2"));
    for (String in : inputs) {
      cmd.add("--input");
      cmd.add(in);
    }
    Path log = tmp.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor()).as(Files.readString(log)).isZero();
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
    Path d = runInAnotherJvm(policy, in, "d");
    Map<String, String> hashes = Outputs.fileHashes(a);
    assertThat(hashes.keySet().stream().filter(k -> k.startsWith("data/train-"))).hasSizeGreaterThan(2);
    assertThat(hashes.keySet()).allMatch(k -> !k.startsWith("data/") || k.endsWith("." + format.extension()));
    assertThat(Outputs.fileHashes(b)).isEqualTo(hashes);
    assertThat(Outputs.fileHashes(c)).isEqualTo(hashes);
    assertThat(Outputs.deterministicManifest(b)).isEqualTo(Outputs.deterministicManifest(a));
    assertThat(Outputs.deterministicManifest(c)).isEqualTo(Outputs.deterministicManifest(a));
    // Another process: identity hash codes, hash-map layouts and Avro's sync-marker seed all differ there.
    assertThat(Outputs.fileHashes(d)).isEqualTo(hashes);
    assertThat(Outputs.deterministicManifest(d)).isEqualTo(Outputs.deterministicManifest(a));
    readBack(a, 120, 8_192);
  }

  @Test
  void croissantAndCardDescribeTheWrittenShards() throws Exception {
    Path out =
        run(policy(output(ShardFormat.PARQUET, 120, 8_192) + CARD), List.of("slack=" + DEMO.resolve("acme-export")),
            "card", Runners.direct(2, false), "direct", 2);
    JsonNode m = Outputs.manifest(out);
    JsonNode c = new ObjectMapper().readTree(out.resolve("croissant.json").toFile());

    // What Croissant 1.1 requires of a dataset, and the context its appendix recommends.
    assertThat(c.path("@context").path("@vocab").asText()).isEqualTo("http://schema.org/");
    assertThat(c.path("@context").path("cr").asText()).isEqualTo("http://mlcommons.org/croissant/");
    assertThat(c.path("@context").path("conformsTo").asText()).isEqualTo("dct:conformsTo");
    assertThat(c.path("@context").path("dct").asText()).isEqualTo("http://purl.org/dc/terms/");
    assertThat(c.path("@type").asText()).isEqualTo("sc:Dataset");
    assertThat(c.path("conformsTo").asText()).isEqualTo("http://mlcommons.org/croissant/1.1");
    assertThat(c.path("name").asText()).isEqualTo("acme-demo");
    assertThat(c.path("description").asText()).isNotBlank();
    assertThat(c.path("url").asText()).isEqualTo("https://data.acme.example/acme-demo");
    assertThat(c.path("creator").path("name").asText()).isEqualTo("Acme Demo Data Team");
    assertThat(c.path("datePublished").asText()).isEqualTo("2026-11-01");
    assertThat(c.path("license").get(0).path("name").asText()).isEqualTo("LicenseRef-Acme-Internal-Demo");

    // Every shard on disk is a FileObject with its true size and SHA-256; every @id is defined once and every
    // reference points at one.
    Set<String> ids = new HashSet<>();
    Map<String, JsonNode> files = new TreeMap<>();
    for (JsonNode d : c.path("distribution")) {
      assertThat(ids.add(d.path("@id").asText())).isTrue();
      if (d.path("@type").asText().equals("cr:FileObject")) {
        files.put(d.path("contentUrl").asText(), d);
        assertThat(d.path("encodingFormat").asText()).isEqualTo("application/x-parquet");
      } else {
        assertThat(d.path("@type").asText()).isEqualTo("cr:FileSet");
        assertThat(d.path("includes").asText()).isEqualTo("data/*.parquet");
      }
    }
    try (var onDisk = Files.list(out.resolve("data"))) {
      List<Path> shards = onDisk.toList();
      assertThat(files).hasSize(shards.size()).hasSize(m.path("shards").size());
      for (Path f : shards) {
        JsonNode d = files.get("data/" + f.getFileName());
        assertThat(d).as(f.toString()).isNotNull();
        assertThat(d.path("sha256").asText()).isEqualTo(Hashes.sha256Hex(Files.readAllBytes(f)));
        assertThat(d.path("contentSize").asText()).isEqualTo(Files.size(f) + " B");
      }
    }
    List<String> references = new ArrayList<>();
    for (JsonNode rs : c.path("recordSet")) {
      assertThat(ids.add(rs.path("@id").asText())).isTrue();
      references.add(rs.path("key").path("@id").asText());
      for (JsonNode f : rs.path("field")) {
        assertThat(ids.add(f.path("@id").asText())).isTrue();
        assertThat(f.path("dataType").asText()).startsWith("sc:");
        if (f.has("source")) {
          references.add(f.path("source").path("fileSet").path("@id").asText());
        }
        if (f.has("references")) {
          references.add(f.path("references").path("@id").asText());
        }
      }
    }
    assertThat(ids).containsAll(references);
    assertThat(ids).contains("examples/text", "examples/tokens", "examples/split", "splits/name");

    // The card: counts, tokens, licenses, sources, policy version; no input label, no person.
    String card = Files.readString(out.resolve("README.md"));
    assertThat(card)
        .contains("# acme-demo")
        .contains("| train | ")
        .contains("| **total** | " + m.path("shards").size() + " | 7 | " + m.path("examples").path("tokens").asLong() + " |")
        .contains("| slack | 1 | `LicenseRef-Acme-Internal-Demo` |")
        .contains("`demo-2026.11`")
        .contains(m.path("dataset_id").asText())
        .contains("Input records: 22; in examples: 18; dropped: 4; quarantined: 0. Balanced: true.")
        .doesNotContain("acme-export");
    assertThat(Files.readString(out.resolve("croissant.json"))).doesNotContain("acme-export");
    List<String> forms =
        LeakScan.slackUserForms(Files.readAllBytes(DEMO.resolve("acme-export/users.json")));
    // Every released file; restricted/ holds source pointers (group-DM folders name their members), by design.
    assertThat(new LeakScan(forms).scanOutput(out, false)).isEmpty();
  }

  static final String CARD =
      "  card:\n    name: acme-demo\n    url: https://data.acme.example/acme-demo\n"
          + "    creator: Acme Demo Data Team\n    date_published: \"2026-11-01\"\n";
}
