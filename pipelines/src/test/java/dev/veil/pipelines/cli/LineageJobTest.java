package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.pipelines.lineage.LineageEvents;
import dev.veil.pipelines.lineage.OpenLineageSchemas;
import dev.veil.transforms.audit.LeakScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage run events end to end, on the synthetic workspace of test-data/OptOutTest: the default file transport
 * writes START and COMPLETE to OUT/lineage/openlineage.jsonl; a job that fails in the pipeline (a k-anonymity bar no
 * generalization meets) writes START and FAIL; every event validates against the stored OpenLineage schema and each
 * facet against its facet schema; a local HTTP server standing in for Marquez receives START and COMPLETE with one run
 * id and the manifest's counts; a server that refuses events costs a warning, not the run; and no event names an
 * opted-out person, an e-mail address or a quarantined file.
 */
class LineageJobTest {
  static final Path DATA = OptOutTest.DATA;
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  /** What the stand-in server received. */
  record Request(String method, String path, String contentType, String authorization, String body) {}

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static List<String> inputs() {
    return List.of(
        "slack=" + DATA.resolve("slack-export"),
        "jira=" + DATA.resolve("jira"),
        "capture=" + DATA.resolve("captures"));
  }

  /** The opt-out test's policy and opt-outs, plus this lineage mapping (empty: the default). */
  private Path policy(String name, String lineage) throws IOException {
    Path policy = tmp.resolve(name + ".yaml");
    Files.writeString(
        policy,
        OptOutTest.policy(OptOutTest.OPT_OUT, "") + lineage);
    return policy;
  }

  /** Runs the job as the command line does; returns the exit status, stdout and stderr together in {@code log}. */
  private static int run(Path policy, Path out, StringWriter log) throws Exception {
    JobSpec spec = JobLauncher.prepare(policy, inputs(), out, false);
    return JobLauncher.execute(spec, Runners.direct(2, false), "direct", 2, false, new PrintWriter(log), new PrintWriter(log));
  }

  private static List<JsonNode> events(Path out) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("lineage/openlineage.jsonl"), StandardCharsets.UTF_8)) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  @Test
  void theFileTransportWritesStartAndCompleteThatValidateAndAgreeWithTheManifest() throws Exception {
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    assertThat(run(policy("policy", ""), out, log)).as(log.toString()).isZero();
    assertThat(log.toString()).doesNotContain("warning");

    List<JsonNode> events = events(out);
    assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("START", "COMPLETE");
    OpenLineageSchemas schemas = new OpenLineageSchemas();
    for (JsonNode e : events) {
      assertThat(schemas.problems(e)).as(e.path("eventType").asText()).isEmpty();
    }
    // Every standard facet emitted was checked against its own schema, and so was the custom one.
    assertThat(OpenLineageSchemas.facetSchemas(events.get(1)))
        .anyMatch(u -> u.contains("/SchemaDatasetFacet.json"))
        .anyMatch(u -> u.contains("/OutputStatisticsOutputDatasetFacet.json"))
        .anyMatch(u -> u.contains("/DataQualityMetricsDatasetFacet.json"))
        .anyMatch(u -> u.contains("/JobTypeJobFacet.json"))
        .anyMatch(u -> u.contains("/ProcessingEngineRunFacet.json"))
        .anyMatch(u -> u.contains("VeilDeidentificationRunFacet"));

    JsonNode manifest = Outputs.manifest(out);
    JsonNode start = events.get(0);
    JsonNode complete = events.get(1);
    String runId = complete.path("run").path("runId").asText();
    assertThat(start.path("run").path("runId").asText()).isEqualTo(runId);
    assertThat(UUID.fromString(runId)).isEqualTo(LineageEvents.runUuid(manifest.path("run").path("id").asText()));
    assertThat(complete.path("job").path("namespace").asText()).isEqualTo("veil");
    assertThat(complete.path("job").path("name").asText()).isEqualTo("veil-optout-test-1"); // the dataset's name
    assertThat(complete.path("inputs"))
        .extracting(i -> i.path("namespace").asText() + " " + i.path("name").asText())
        .containsExactly(
            "file " + DATA.resolve("slack-export"), "file " + DATA.resolve("jira"), "file " + DATA.resolve("captures"));
    assertThat(complete.path("outputs")).hasSize(1);
    JsonNode output = complete.path("outputs").get(0);
    assertThat(output.path("namespace").asText()).isEqualTo("file");
    assertThat(output.path("name").asText()).isEqualTo(out.resolve("data").toAbsolutePath().toString());
    assertFacetsAgreeWith(manifest, complete);
    assertValidatorCatchesBrokenCopiesOf(complete);
    assertThat(start.path("run").path("facets").has("veil_deidentification")).isFalse();
    assertThat(start.path("outputs").get(0).has("outputFacets")).isFalse();
  }

  /** The validation above can fail: each of these broken copies of a valid event has a problem. */
  private static void assertValidatorCatchesBrokenCopiesOf(JsonNode valid) {
    OpenLineageSchemas schemas = new OpenLineageSchemas();
    Map<String, java.util.function.Consumer<ObjectNode>> breakages = new LinkedHashMap<>();
    breakages.put("run id not a UUID", e -> ((ObjectNode) e.path("run")).put("runId", "run-20260101T000000Z-1a2b3c4d"));
    breakages.put("unknown event type", e -> e.put("eventType", "DONE"));
    breakages.put("no event time", e -> e.remove("eventTime"));
    breakages.put("input without a name", e -> ((ObjectNode) e.path("inputs").get(0)).remove("name"));
    breakages.put(
        "custom facet without _producer",
        e -> ((ObjectNode) e.path("run").path("facets").path("veil_deidentification")).remove("_producer"));
    breakages.put(
        "custom facet with a negative count",
        e -> ((ObjectNode) e.path("run").path("facets").path("veil_deidentification").path("records")).put("output", -1));
    breakages.put(
        "custom facet with an unknown key",
        e -> ((ObjectNode) e.path("run").path("facets").path("veil_deidentification").path("records")).put("names", 1));
    breakages.put(
        "output statistics with a text row count",
        e -> ((ObjectNode) e.path("outputs").get(0).path("outputFacets").path("outputStatistics")).put("rowCount", "12"));
    breakages.put(
        "data quality metrics without column metrics",
        e -> ((ObjectNode) e.path("outputs").get(0).path("facets").path("dataQualityMetrics")).remove("columnMetrics"));
    breakages.put(
        "a facet whose schema is not stored",
        e -> ((ObjectNode) e.path("job").path("facets").path("jobType"))
            .put("_schemaURL", "https://example.test/NoSuchFacet.json#/$defs/NoSuchFacet"));
    breakages.forEach(
        (what, breakage) -> {
          ObjectNode copy = valid.deepCopy();
          breakage.accept(copy);
          assertThat(schemas.problems(copy)).as(what).isNotEmpty();
        });
  }

  /** The COMPLETE event's figures are the manifest's. */
  private static void assertFacetsAgreeWith(JsonNode manifest, JsonNode complete) {
    JsonNode output = complete.path("outputs").get(0);
    long examples = manifest.path("examples").path("output").asLong();
    long bytes = 0;
    for (JsonNode shard : manifest.path("shards")) {
      bytes += shard.path("bytes").asLong();
    }
    assertThat(examples).isPositive();
    JsonNode stats = output.path("outputFacets").path("outputStatistics");
    assertThat(stats.path("rowCount").asLong()).isEqualTo(examples);
    assertThat(stats.path("size").asLong()).isEqualTo(bytes);
    assertThat(stats.path("fileCount").asLong()).isEqualTo(manifest.path("shards").size());
    JsonNode quality = output.path("facets").path("dataQualityMetrics");
    assertThat(quality.path("rowCount").asLong()).isEqualTo(examples);
    assertThat(quality.path("columnMetrics").path("tokens").path("sum").asLong())
        .isEqualTo(manifest.path("examples").path("tokens").asLong());
    assertThat(output.path("facets").path("schema").path("fields"))
        .extracting(f -> f.path("name").asText())
        .containsExactly("id", "source", "kind", "license", "text", "tokens", "meta", "entities");

    JsonNode facet = complete.path("run").path("facets").path("veil_deidentification");
    assertThat(facet.path("records")).isEqualTo(manifest.path("records"));
    assertThat(facet.path("dataset_id").asText()).isEqualTo(manifest.path("dataset_id").asText());
    assertThat(facet.path("policy")).isEqualTo(manifest.path("policy"));
    assertThat(facet.path("examples")).isEqualTo(manifest.path("examples"));
    JsonNode dropped = manifest.path("records").path("dropped");
    for (String reason : new String[] {"exact_duplicate", "near_duplicate", "repeated_message"}) {
      assertThat(facet.path("dedup_dropped").path(reason).asLong()).as(reason).isEqualTo(dropped.path(reason).asLong());
    }
    assertThat(facet.path("license_dropped").path("license_not_accepted").asLong())
        .isEqualTo(dropped.path("license_not_accepted").asLong());
    // The opt-outs and the retention window dropped records here: the counts are not trivially zero.
    assertThat(facet.path("records").path("dropped").path("opted_out_person").asLong()).isPositive();
  }

  @Test
  void eventsNameNoOptedOutPersonNoAddressAndNoQuarantinedFile() throws Exception {
    // Without opt-outs the quarantine pointers name Dana (her handle, her e-mail): the events must not.
    Path policy = tmp.resolve("no-opt-out.yaml");
    Files.writeString(
        policy,
        OptOutTest.policy("", ""));
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    assertThat(run(policy, out, log)).as(log.toString()).isZero();
    Path lineage = out.resolve("lineage");
    assertThat(new LeakScan(List.of("danaw", "dana.whitfield@example.test")).scan(out.resolve("restricted"))).isNotEmpty();
    assertThat(new LeakScan(OptOutTest.DANA).scan(lineage)).isEmpty();
    String events = Files.readString(lineage.resolve("openlineage.jsonl"));
    assertThat(events).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");
    for (String line : Files.readAllLines(out.resolve("restricted/quarantine/quarantine.jsonl"))) {
      String file = JSON.readTree(line).path("file").asText();
      assertThat(events).as("a quarantined file").doesNotContain(file);
    }
    assertThat(events).doesNotContain(out.resolve("restricted").toString()).doesNotContain("quarantine.jsonl");
  }

  @Test
  void aJobThatFailsInThePipelineWritesStartAndAFailEventWithOnlyTheSafeDescription() throws Exception {
    Path policy = tmp.resolve("kanon.yaml");
    Files.writeString(
        policy,
        KAnonymityJobTest.POLICY.replace("KEY", TestData.path("demo/demo.key").toString()).replace("K\n", "1000\n"));
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    assertThat(run(policy, out, log)).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.resolve("manifest.json")).doesNotExist();

    List<JsonNode> events = events(out);
    assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("START", "FAIL");
    OpenLineageSchemas schemas = new OpenLineageSchemas();
    for (JsonNode e : events) {
      assertThat(schemas.problems(e)).as(e.path("eventType").asText()).isEmpty();
    }
    JsonNode fail = events.get(1);
    assertThat(fail.path("run").path("runId").asText()).isEqualTo(events.get(0).path("run").path("runId").asText());
    JsonNode error = fail.path("run").path("facets").path("errorMessage");
    String stderrLine = log.toString().lines().filter(l -> l.startsWith("veil: job failed: ")).findFirst().orElseThrow();
    assertThat(error.path("message").asText()).isEqualTo(stderrLine.substring("veil: job failed: ".length()));
    assertThat(error.path("message").asText()).contains("meets k = 1000");
    assertThat(error.path("programmingLanguage").asText()).isEqualTo("JAVA");
    assertThat(error.has("stackTrace")).isFalse();
    assertThat(fail.path("run").path("facets").has("veil_deidentification")).isFalse();
    assertThat(fail.path("outputs").get(0).has("outputFacets")).isFalse();
  }

  /** A Marquez-compatible endpoint: records every request, answers {@code status}. */
  private String startServer(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aMarquezCompatibleEndpointReceivesStartAndCompleteWithTheManifestsCounts() throws Exception {
    String url = startServer(201);
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    String lineage = "lineage:\n  transport: http\n  url: " + url + "\n  namespace: acme-governance\n  job: weekly-export\n";
    assertThat(run(policy("policy", lineage), out, log)).as(log.toString()).isZero();
    assertThat(log.toString()).doesNotContain("warning");

    assertThat(requests).hasSize(2);
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/api/v1/lineage");
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.authorization()).isNull();
    });
    JsonNode start = JSON.readTree(requests.get(0).body());
    JsonNode complete = JSON.readTree(requests.get(1).body());
    assertThat(start.path("eventType").asText()).isEqualTo("START");
    assertThat(complete.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(complete.path("run").path("runId").asText()).isEqualTo(start.path("run").path("runId").asText());
    assertThat(complete.path("job").path("namespace").asText()).isEqualTo("acme-governance");
    assertThat(complete.path("job").path("name").asText()).isEqualTo("weekly-export");
    assertThat(start.path("inputs")).hasSize(3);
    assertThat(complete.path("inputs")).hasSize(3);
    assertThat(start.path("outputs").get(0).path("name").asText())
        .isEqualTo(complete.path("outputs").get(0).path("name").asText());
    OpenLineageSchemas schemas = new OpenLineageSchemas();
    assertThat(schemas.problems(start)).isEmpty();
    assertThat(schemas.problems(complete)).isEmpty();
    assertFacetsAgreeWith(Outputs.manifest(out), complete);
    // Events went to the server only.
    assertThat(out.resolve("lineage")).doesNotExist();
  }

  @Test
  void anApiKeyGoesAsABearerTokenFromTheVariableThePolicyNames() throws Exception {
    String variable = System.getenv().keySet().stream().filter(k -> k.equals("PATH") || k.equals("HOME")).findFirst().orElseThrow();
    String url = startServer(201);
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    String lineage = "lineage:\n  transport: http\n  url: " + url + "/custom/lineage\n  api_key_env: " + variable + "\n";
    assertThat(run(policy("policy", lineage), out, log)).as(log.toString()).isZero();
    assertThat(requests).hasSize(2);
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/custom/lineage");
      assertThat(r.authorization()).isEqualTo("Bearer " + System.getenv(variable));
    });
  }

  @Test
  void aServerThatRefusesEventsCostsAWarningNotTheRun() throws Exception {
    String url = startServer(500);
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    assertThat(run(policy("policy", "lineage:\n  transport: http\n  url: " + url + "\n"), out, log)).isZero();
    assertThat(requests).hasSize(2);
    assertThat(log.toString())
        .contains("veil: warning: lineage: START event not accepted by " + url + "/api/v1/lineage: HTTP 500")
        .contains("veil: warning: lineage: COMPLETE event not accepted by " + url + "/api/v1/lineage: HTTP 500");
    assertThat(Outputs.manifest(out).path("records").path("balanced").asBoolean()).isTrue();
  }

  @Test
  void noServerListeningCostsAWarningNotTheRun() throws Exception {
    String url = startServer(201);
    server.stop(0);
    server = null;
    Path out = tmp.resolve("out");
    StringWriter log = new StringWriter();
    assertThat(run(policy("policy", "lineage:\n  transport: http\n  url: " + url + "\n"), out, log)).isZero();
    assertThat(log.toString()).contains("veil: warning: lineage: START event not delivered to " + url);
    assertThat(requests).isEmpty();
  }

  @Test
  void theLineageUrlOptionSendsToTheServerAndAMissingKeyVariableIsAUsageError() throws Exception {
    String url = startServer(201);
    Path out = tmp.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int status =
        VeilCli.execute(
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true),
            "run", "--policy", policy("policy", "").toString(), "--output", out.toString(), "--runner", "direct",
            "--input", "slack=" + DATA.resolve("slack-export"), "--lineage-url", url);
    assertThat(status).as(stderr.toString()).isZero();
    assertThat(requests).extracting(r -> JSON.readTree(r.body()).path("eventType").asText())
        .containsExactly("START", "COMPLETE");
    assertThat(out.resolve("lineage")).doesNotExist();

    Path out2 = tmp.resolve("out2");
    status =
        VeilCli.execute(
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true),
            "run", "--policy",
            policy("keyed", "lineage:\n  api_key_env: VEIL_TEST_LINEAGE_KEY_THAT_IS_NOT_SET\n").toString(),
            "--output", out2.toString(), "--runner", "direct",
            "--input", "slack=" + DATA.resolve("slack-export"), "--lineage-url", url);
    assertThat(status).isEqualTo(VeilCli.USAGE);
    assertThat(stderr.toString())
        .contains("lineage.api_key_env: environment variable VEIL_TEST_LINEAGE_KEY_THAT_IS_NOT_SET is not set");
    assertThat(out2).doesNotExist();
  }

  @Test
  void identicalRunsDifferOnlyInTheManifestsRunAndTheLineageFile() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path policy = policy("policy", "");
    StringWriter log = new StringWriter();
    assertThat(run(policy, a, log)).as(log.toString()).isZero();
    assertThat(run(policy, b, log)).as(log.toString()).isZero();
    assertThat(Outputs.fileHashes(a)).isEqualTo(Outputs.fileHashes(b)).doesNotContainKey("lineage/openlineage.jsonl");
    assertThat(Outputs.deterministicManifest(a)).isEqualTo(Outputs.deterministicManifest(b));
    try (Stream<Path> files = Files.list(a.resolve("lineage"))) {
      assertThat(files).containsExactly(a.resolve("lineage/openlineage.jsonl"));
    }
    assertThat(Files.readString(a.resolve("lineage/openlineage.jsonl")))
        .isNotEqualTo(Files.readString(b.resolve("lineage/openlineage.jsonl")));
  }
}
