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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VeilCliTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int veil(String... args) {
    return VeilCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  String policy() {
    return TestData.path("demo/policy.yaml").toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "demo", "generate", "detect", "evaluate", "evaluate-dedup", "kanon", "keys", "verify", "risk", "bench", ""})
  void everyCommandHasHelp(String command) {
    int status = command.isEmpty() ? veil("--help") : veil(command, "--help");
    assertThat(status).isZero();
    assertThat(out.toString()).contains("Usage: veil");
  }

  /**
   * {@code veil kanon --json} on a small table: the levels it reports make the table k-anonymous within the
   * suppression limit (checked here from the files, independently of the solver); the note column, which has no
   * hierarchy, is no quasi-identifier.
   */
  @Test
  void kanonReportsAGeneralizationThatIsKAnonymous() throws Exception {
    Path dir = TestData.path("KanonTest");
    int status =
        veil("kanon", "--table", dir.resolve("people.csv").toString(), "--hierarchies", dir.toString(), "--k", "4",
            "--suppression", "0.1", "--metric", "discernibility", "--json");
    assertThat(status).as(err.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(r.path("levels").fieldNames()).toIterable().containsExactly("age", "city", "flag");
    java.util.Map<String, java.util.Map<String, String>> gen = new java.util.HashMap<>();
    for (String attr : List.of("age", "city", "flag")) {
      int level = r.path("levels").path(attr).asInt();
      java.util.Map<String, String> m = new java.util.HashMap<>();
      for (String line : Files.readAllLines(dir.resolve("t_hierarchy_" + attr + ".csv"))) {
        String[] cells = line.split(";");
        m.put(cells[0], cells[level]);
      }
      gen.put(attr, m);
    }
    java.util.Map<String, Integer> classes = new java.util.HashMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("people.csv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(";");
      classes.merge(gen.get("age").get(c[0]) + "|" + gen.get("city").get(c[1]) + "|" + gen.get("flag").get(c[2]), 1, Integer::sum);
    }
    int small = classes.values().stream().filter(n -> n < 4).mapToInt(Integer::intValue).sum();
    assertThat(small).isEqualTo(r.path("suppressed").asInt()).isLessThanOrEqualTo(6); // 10% of 60
    assertThat(classes.values().stream().filter(n -> n >= 4).count()).isEqualTo(r.path("classes").asLong());

    // --reference (entropy metric): a case holding the entropy optimum passes (exit 0); other levels fail (exit 1).
    out.getBuffer().setLength(0);
    assertThat(
            veil("kanon", "--table", dir.resolve("people.csv").toString(), "--hierarchies", dir.toString(), "--k", "4",
                "--suppression", "0.1", "--metric", "entropy", "--json"))
        .isZero();
    com.fasterxml.jackson.databind.JsonNode e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    Path ref = tmp.resolve("reference.json");
    Files.writeString(ref, "{\"cases\": [{\"k\": 4, \"suppression_limit\": 0.1, \"optimal_levels\": "
        + e.path("levels") + ", \"records_suppressed\": " + e.path("suppressed").asInt() + "}]}");
    out.getBuffer().setLength(0);
    assertThat(veil("kanon", "--table", dir.resolve("people.csv").toString(), "--hierarchies", dir.toString(),
        "--reference", ref.toString())).isZero();
    assertThat(out.toString()).startsWith("PASS k=4");
    Files.writeString(ref, "{\"cases\": [{\"k\": 4, \"suppression_limit\": 0.1, \"optimal_levels\": "
        + "{\"age\": 3, \"city\": 2, \"flag\": 1}, \"records_suppressed\": 0}]}");
    out.getBuffer().setLength(0);
    assertThat(veil("kanon", "--table", dir.resolve("people.csv").toString(), "--hierarchies", dir.toString(),
        "--reference", ref.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith("FAIL k=4").contains("differ");
  }

  @Test
  void kanonRefusesAMissingTable() {
    assertThat(veil("kanon", "--table", tmp.resolve("none.csv").toString(), "--hierarchies", tmp.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot read the table");
  }

  @Test
  void evaluateDedupRefusesBadSizesAndRunners() {
    assertThat(veil("evaluate-dedup", "--units", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--units must be between 1 and 10000000");
    assertThat(veil("evaluate-dedup", "--runner", "spark")).isEqualTo(2);
    assertThat(err.toString()).contains("--runner must be direct or flink");
  }

  /** A dedup setting the schema allows but the stage cannot use (bands × rows over 1024) names its key. */
  @Test
  void anImpossibleDedupSettingIsAUsageErrorNamingTheKey() throws Exception {
    Path bad = tmp.resolve("policy.yaml");
    Files.writeString(
        bad,
        Files.readString(TestData.path("demo/policy.yaml"))
            + "dedup:\n  near:\n    bands: 128\n    rows: 64\n");
    Files.copy(TestData.path("demo/demo.key"), tmp.resolve("demo.key"));
    Files.copy(TestData.path("demo/demo-signing.key"), tmp.resolve("demo-signing.key"));
    int status =
        veil("run", "--policy", bad.toString(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("dedup.near").contains("1024");
  }

  @Test
  void aMissingInputIsAUsageErrorOnOneLine() {
    int status =
        veil("run", "--policy", policy(), "--input", "slack=" + tmp.resolve("nope.zip"), "--output", tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("nope.zip").contains("no such file");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  /** Runner flags are checked before anything is prepared: an --overwrite of a previous run must not happen first. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "--flink-master|localhost|--flink-master must be [local], [auto] or HOST:PORT",
        "--restart-attempts|-1|--restart-attempts must be 0 or more",
        "--restart-delay|-5|--restart-delay must be 0 or more seconds",
        "--parallelism|0|--parallelism must be at least 1",
        "--runner|spark|--runner must be direct or flink"
      })
  void aBadRunnerFlagIsAUsageErrorBeforeTheOutputIsTouched(String caseLine) throws Exception {
    String[] c = caseLine.split("\\|");
    Path previous = tmp.resolve("o");
    Files.createDirectories(previous);
    Files.writeString(previous.resolve("manifest.json"), "{}");
    int status =
        veil("run", "--policy", policy(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            previous.toString(), "--overwrite", c[0], c[1]);
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains(c[2]);
    assertThat(previous.resolve("manifest.json")).exists();
  }

  /** A cluster loads the job's classes from the staged fat jar; run from classes there is none to stage. */
  @Test
  void submittingToAClusterWithoutTheJobJarFailsNamingWhy() throws Exception {
    int status =
        veil("run", "--policy", policy(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString(), "--flink-master", "localhost:1");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("needs the job jar").contains("./veil");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--sizes|8MB,huge|each must look like 500KB",
        "--runs|0|--runs must be 1–20",
        "--runner|spark|--runner must be direct or flink"
      })
  void benchRefusesBadFlagsBeforeGeneratingAnything(String caseLine) {
    String[] c = caseLine.split("\\|");
    assertThat(veil("bench", "--work", tmp.resolve("w").toString(), c[0], c[1])).isEqualTo(2);
    assertThat(err.toString()).contains(c[2]);
    assertThat(tmp.resolve("w")).doesNotExist();
  }

  /** Run from classes (no fat jar) the benchmark cannot start the job as ./veil does: a usage error naming why. */
  @Test
  void benchNeedsTheJobJar() {
    assertThat(veil("bench", "--work", tmp.resolve("w").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("./veil");
  }

  @Test
  void benchPassesThisJvmsOptionsButNotItsClassPathOrProgram() {
    assertThat(
            BenchCommand.jvmOptions(
                new String[] {"-Xmx2g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", "veil.jar", "bench"}))
        .containsExactly("-Xmx2g", "--add-opens=java.base/java.lang=ALL-UNNAMED");
    assertThat(BenchCommand.jvmOptions(new String[] {"-cp", "a.jar", "Main"})).isEmpty();
  }

  @Test
  void benchReadsThePeakResidentSetOfAProcess() throws Exception {
    Path status = tmp.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1000 kB\n");
    assertThat(BenchCommand.highWaterMark(status)).isEqualTo(204800L * 1024);
    assertThat(BenchCommand.highWaterMark(tmp.resolve("gone"))).isZero();
  }

  @Test
  void benchTakesTheLargestHeapAfterACollectionFromTheGcLog() {
    List<String> log =
        List.of(
            "[0.512s][info][gc] Using G1",
            "[3.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->5M(376M) 4.210ms",
            "[9.870s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 812M->143M(1024M) 9.1ms",
            "[9.901s][info][gc] GC(2) Concurrent Mark Cycle 30.5ms",
            "[12.000s][info][gc] GC(3) Pause Full (System.gc()) 2G->1G(3G) 120.3ms",
            "[13.000s][info][gc] GC(4) Pause Remark 300M->290M(3072M) 2.0ms");
    assertThat(BenchCommand.heapAfterGc(log)).isEqualTo(1L << 30);
    assertThat(BenchCommand.heapAfterGc(log.subList(0, 3))).isEqualTo(143L << 20);
    assertThat(BenchCommand.heapAfterGc(List.of("[0.5s][info][gc] Using G1"))).isZero();
  }

  @Test
  void anUnknownInputKindIsAUsageError() {
    int status = veil("run", "--policy", policy(), "--input", "teams=" + tmp, "--output", tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("'teams' is not supported");
  }

  @Test
  void anInvalidPolicyIsAUsageErrorNamingTheKey() throws Exception {
    Path bad = tmp.resolve("policy.yaml");
    Files.writeString(
        bad,
        Files.readString(TestData.path("demo/policy.yaml")).replace("buckets: 2", "buckets: 0"));
    Files.copy(TestData.path("demo/demo.key"), tmp.resolve("demo.key"));
    Files.copy(TestData.path("demo/demo-signing.key"), tmp.resolve("demo-signing.key"));
    int status =
        veil("run", "--policy", bad.toString(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("output.buckets");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "retention:\n  max_age_days: 365\n  as_of: 2026-02-30\n|retention.as_of: not a calendar date (YYYY-MM-DD)",
        "retention:\n  as_of: 2026-01-01\n|retention.max_age_days: required key is missing",
        "opt_out:\n  people: [dana.secret@example.test]\n  teams: [x]\n|opt_out.teams: unknown key",
        "opt_out:\n  people: [dana.secret@example.test, 7]\n|opt_out.people[1]: integer found, string expected",
        "license_order: [MIT]\n|license_order: does not rank LicenseRef-Acme-Internal-Demo (every license of the table must be listed)"
      })
  void newPolicyKeyErrorsExitTwoOnOneLineNamingTheKeyNeverAnOptedOutPerson(String caseLine) throws Exception {
    String[] parts = caseLine.split("\\|");
    Path bad = tmp.resolve("policy.yaml");
    Files.writeString(bad, Files.readString(TestData.path("demo/policy.yaml")).replace("output:", parts[0] + "output:"));
    Files.copy(TestData.path("demo/demo.key"), tmp.resolve("demo.key"));
    Files.copy(TestData.path("demo/demo-signing.key"), tmp.resolve("demo-signing.key"));
    int status =
        veil("run", "--policy", bad.toString(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").startsWith("veil: policy ").endsWith(parts[1])
        .doesNotContain("dana");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void aMissingKeyIsAUsageErrorThatNamesTheReferenceNotTheKey() throws Exception {
    Path p = tmp.resolve("policy.yaml");
    Files.writeString(
        p,
        Files.readString(TestData.path("demo/policy.yaml"))
            .replace("file: demo.key", "env: VEIL_TEST_KEY_THAT_IS_NOT_SET"));
    int status =
        veil("run", "--policy", p.toString(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("VEIL_TEST_KEY_THAT_IS_NOT_SET").contains("not set");
  }

  @Test
  void refusesToMixWithANonVeilDirectory() throws Exception {
    Files.writeString(tmp.resolve("precious.txt"), "keep me");
    int status =
        veil("run", "--policy", policy(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.toString(), "--overwrite");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("holds no Veil output");
    assertThat(tmp.resolve("precious.txt")).exists();
  }

  @Test
  void aPeopleListWithoutEmailsIsAUsageError() throws Exception {
    Path p = tmp.resolve("policy.yaml");
    Files.writeString(tmp.resolve("hr.csv"), "name,phone\nAnn Example,+1 555 0100\n");
    Files.copy(TestData.path("demo/demo.key"), tmp.resolve("demo.key"));
    Files.copy(TestData.path("demo/demo-signing.key"), tmp.resolve("demo-signing.key"));
    Files.writeString(
        p,
        Files.readString(TestData.path("demo/policy.yaml")).replace("licenses:", "identity:\n  people_csv: hr.csv\nlicenses:"));
    int status =
        veil("run", "--policy", p.toString(), "--input", "slack=" + TestData.path("demo/acme-export"), "--output",
            tmp.resolve("o").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("veil: identity.people_csv: the people list has no 'email' column");
  }

  @Test
  void detectPrintsFindingsAndTransformedText() throws Exception {
    Path text = tmp.resolve("in.txt");
    Files.writeString(text, "call (415) 555-2671 or mail bob@example.test\nversion 1.2.3.4 only\n");
    assertThat(veil("detect", "--transform", text.toString())).isZero();
    assertThat(out.toString()).isEqualTo("call [PHONE] or mail [EMAIL]\nversion 1.2.3.4 only\n");
    out.getBuffer().setLength(0);
    assertThat(veil("detect", text.toString())).isZero();
    assertThat(out.toString()).isEqualTo("1\tPHONE\t5\t19\t0.90\tphone\n1\tEMAIL\t28\t44\t1.00\temail\n");
    assertThat(veil("detect", "--region", "XX", text.toString())).isEqualTo(2);
  }

  @Test
  void detectTakesRegionsAndListsFromAPolicy() throws Exception {
    Path policy = tmp.resolve("p.yaml");
    Files.writeString(
        policy,
        Files.readString(TestData.path("demo/policy.yaml"))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key").toAbsolutePath())
            .replace("file: demo-signing.key", "file: " + TestData.path("demo/demo-signing.key"))
            .replace("output:", "detection:\n  phone_regions: [GB]\n  allow: [help@acme.example]\n  deny: [Initech]\noutput:"));
    Path text = tmp.resolve("in.txt");
    Files.writeString(text, "ring 020 7946 0958, mail help@acme.example or bob@acme.example re Initech\n");
    assertThat(veil("detect", "--policy", policy.toString(), "--transform", text.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ring [PHONE], mail help@acme.example or [EMAIL] re [REDACTED]\n");
  }

  /** A policy with the demo key (absolute path) and the given operators block. */
  private Path policyWithOperators(String operators) throws Exception {
    Path policy = tmp.resolve("ops.yaml");
    Files.writeString(
        policy,
        Files.readString(TestData.path("demo/policy.yaml"))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key").toAbsolutePath())
            .replace("file: demo-signing.key", "file: " + TestData.path("demo/demo-signing.key"))
            .replace("output:", operators + "output:"));
    return policy;
  }

  @Test
  void detectTransformsWithThePolicysOperatorsAndDetokenizeReversesTokens() throws Exception {
    Path policy =
        policyWithOperators(
            "operators:\n  EMAIL: tokenize\n  PHONE: {operator: tokenize, method: ff1}\n"
                + "  CARD: {operator: mask, keep_last: 4}\n  IP_ADDRESS: {operator: pseudonymize, style: surrogate}\n");
    Path text = tmp.resolve("in.txt");
    Files.writeString(text, "mail bob@example.test, call (415) 555-2671, card 4111 1111 1111 1111 from 10.2.3.4\n");
    assertThat(veil("detect", "--policy", policy.toString(), "--transform", text.toString())).isZero();
    String transformed = out.toString();
    assertThat(transformed)
        .doesNotContain("bob@example.test", "555-2671", "10.2.3.4")
        .contains("[EMAIL:", "card **** **** **** 1111 from 198.1")
        .containsPattern("call \\(\\d{3}\\) \\d{3}-\\d{4},");

    Path tokens = tmp.resolve("tokens.txt");
    Files.writeString(tokens, transformed);
    out.getBuffer().setLength(0);
    assertThat(veil("detokenize", "--policy", policy.toString(), tokens.toString())).isZero();
    assertThat(out.toString()).startsWith("mail bob@example.test, call (");
    assertThat(err.toString()).contains("restored 1 token(s)");

    String phoneToken = transformed.replaceAll("(?s).*call (\\(\\d{3}\\) \\d{3}-\\d{4}),.*", "$1");
    Path phones = tmp.resolve("phones.txt");
    Files.writeString(phones, phoneToken + "\n");
    out.getBuffer().setLength(0);
    assertThat(veil("detokenize", "--policy", policy.toString(), "--ff1", "PHONE", phones.toString())).isZero();
    assertThat(out.toString()).isEqualTo("(415) 555-2671\n");
    assertThat(veil("detokenize", "--policy", policy.toString(), "--ff1", "EMAIL", phones.toString())).isEqualTo(2);
  }

  @Test
  void operatorsAPolicyCannotApplyAreUsageErrors() throws Exception {
    Path policy = policyWithOperators("operators:\n  EMAIL: {operator: tokenize, method: ff1}\n");
    assertThat(veil("detect", "--policy", policy.toString(), "--transform", tmp.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("operators.EMAIL").contains("ff1");
    err.getBuffer().setLength(0);
    Path bad = policyWithOperators("operators:\n  CARD: {operator: redact, keep_last: 4}\n");
    assertThat(veil("detect", "--policy", bad.toString(), "--transform", tmp.resolve("none").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("operators.CARD.keep_last");
  }

  @Test
  void keysGenerateWritesAnOwnerOnlyKeyAndNeverOverwrites() throws Exception {
    Path key = tmp.resolve("veil.key");
    assertThat(veil("keys", "generate", "--out", key.toString())).isZero();
    assertThat(java.nio.file.Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    byte[] resolved = dev.veil.transforms.common.KeyReference.ofFile(key.toString()).resolve();
    assertThat(resolved).hasSize(32);
    assertThat(out.toString()).contains(dev.veil.transforms.common.KeyReference.keyId(resolved));
    String before = Files.readString(key);
    assertThat(veil("keys", "generate", "--out", key.toString())).isEqualTo(2);
    assertThat(Files.readString(key)).isEqualTo(before);
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    assertThat(veil("run", "--policy", policy())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option");
  }
}
