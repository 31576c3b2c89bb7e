package dev.veil.pipelines.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.pipelines.TestData;
import dev.veil.pipelines.lineage.LineageSettings;
import dev.veil.transforms.deidentify.KeyTimingPolicy;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.ShardLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {
  @TempDir Path tmp;

  static final String VALID =
      """
      veil_policy: 1
      version: "t-1"
      pseudonymization:
        key:
          env: SOME_KEY
      licenses:
        - input: "slack:acme*"
          license: CC-BY-4.0
        - input: "slack:*"
          license: LicenseRef-Internal
      license_order: [CC-BY-4.0, LicenseRef-Internal]
      output:
        shards: 3
      """;

  static final String ORDER = "license_order: [CC-BY-4.0, LicenseRef-Internal]\n";
  /** {@link #VALID} without its license order (allowed only when dedup is off). */
  static final String UNORDERED = VALID.replace(ORDER, "");
  static final String DEDUP_OFF = "dedup:\n  exact: false\n  near:\n    enabled: false\n";

  Path write(String yaml) throws Exception {
    Path p = tmp.resolve("policy.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void loadsTheDemoPolicy() throws Exception {
    Policy p = Policy.load(TestData.path("demo/policy.yaml"));
    assertThat(p.version()).isEqualTo("demo-2026.11");
    assertThat(p.layout().buckets()).isEqualTo(2);
    assertThat(p.layout().validationFraction()).isEqualTo(0.2);
    assertThat(p.card().name()).isEqualTo("acme-demo");
    assertThat(p.key().describe()).endsWith("test-data/demo/demo.key");
    assertThat(p.sha256()).hasSize(64);
  }

  @Test
  void lineageGoesToAFileInTheVeilNamespaceUnlessThePolicySaysOtherwise() throws Exception {
    LineageSettings none = Policy.load(write(VALID)).lineage();
    assertThat(none).isEqualTo(LineageSettings.defaults());
    assertThat(none.transport()).isEqualTo(LineageSettings.Transport.FILE);
    assertThat(none.namespace()).isEqualTo("veil");
    assertThat(none.jobName("acme-demo")).isEqualTo("acme-demo");

    LineageSettings http =
        Policy.load(
                write(
                    VALID
                        + "lineage:\n  transport: http\n  url: http://marquez:5000\n  api_key_env: MARQUEZ_KEY\n"
                        + "  namespace: governance\n  job: weekly\n"))
            .lineage();
    assertThat(http.url()).hasToString("http://marquez:5000");
    assertThat(http.endpoint()).isEqualTo("/api/v1/lineage");
    assertThat(http.apiKeyEnv()).isEqualTo("MARQUEZ_KEY");
    assertThat(http.jobName("acme-demo")).isEqualTo("weekly");

    LineageSettings path = Policy.load(write(VALID + "lineage:\n  transport: http\n  url: https://lin.example/v2/events\n")).lineage();
    assertThat(path.url()).hasToString("https://lin.example");
    assertThat(path.endpoint()).isEqualTo("/v2/events");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'transport: http'|lineage.url: required key is missing",
        "'transport: kafka'|lineage.transport",
        "'transport: http\n  url: ftp://marquez'|lineage.url",
        "'transport: http\n  url: http://user:pw@marquez:5000'|lineage.url",
        "'transport: http\n  url: http://marquez:5000?key=1'|lineage.url",
        "'transport: http\n  url: http://m:5000/a\n  endpoint: /b'|lineage: name the path in url or in endpoint, not in both",
        "'api_key_env: \"1BAD\"'|lineage.api_key_env",
        "'namespace: \"\"'|lineage.namespace",
        "'topic: lineage'|lineage.topic: unknown key",
      })
  void aBadLineageMappingIsAnErrorNamingTheKey(String mapping, String expected) throws Exception {
    Path file = write(VALID + "lineage:\n  " + mapping + "\n");
    assertThatThrownBy(() -> Policy.load(file)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }

  @Test
  void theLineageUrlOptionSwitchesToHttpAndKeepsTheRest() {
    LineageSettings s =
        new LineageSettings(LineageSettings.Transport.FILE, null, null, "KEY_VAR", "governance", "weekly")
            .withHttpUrl(java.net.URI.create("http://marquez:5000/"));
    assertThat(s.transport()).isEqualTo(LineageSettings.Transport.HTTP);
    assertThat(s.url()).hasToString("http://marquez:5000");
    assertThat(s.endpoint()).isEqualTo("/api/v1/lineage");
    assertThat(s.apiKeyEnv()).isEqualTo("KEY_VAR");
    assertThat(s.namespace()).isEqualTo("governance");
    assertThat(LineageSettings.defaults().withHttpUrl(java.net.URI.create("http://m:5000/custom")).endpoint())
        .isEqualTo("/custom");
    assertThatThrownBy(() -> LineageSettings.defaults().withHttpUrl(java.net.URI.create("marquez:5000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void licensesGoToTheFirstMatchingRule() throws Exception {
    Policy p = Policy.load(write(VALID));
    assertThat(p.licenseFor("slack:acme-2024")).isEqualTo("CC-BY-4.0");
    assertThat(p.licenseFor("slack:other")).isEqualTo("LicenseRef-Internal");
    assertThat(p.key().describe()).isEqualTo("env:SOME_KEY");
    assertThat(p.layout().validationFraction()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'shards: 3'|'shards: 0'|output.shards",
        "'shards: 3'|'shards: three'|output.shards",
        "'shards: 3'|'shardz: 3'|output.shardz: unknown key",
        "'veil_policy: 1'|'veil_policy: 2'|veil_policy",
        "'version: \"t-1\"'|''|version: required key is missing",
        "'license: CC-BY-4.0'|'license: \"not a license!\"'|licenses[0].license",
        "'env: SOME_KEY'|'env: \"1BAD\"'|pseudonymization.key.env",
        "'output:'|'outputs:'|outputs: unknown key",
        "'output:'|'detection:\n  phone_regions: [us]\noutput:'|detection.phone_regions[0]",
        "'shards: 3'|'buckets: 0'|output.buckets",
        "'shards: 3'|'shard_tokens: 0'|output.shard_tokens",
        "'shards: 3'|'shard_bytes: 100'|output.shard_bytes",
        "'shards: 3'|'shard_bytes: 4294967296'|output.shard_bytes",
        "'shards: 3'|'format: csv'|output.format",
        "'shards: 3'|'tokenizer: gpt2'|output.tokenizer",
        "'shards: 3'|'card:\n    date_published: 2026-11'|output.card.date_published",
        "'shards: 3'|'card:\n    owner: Dana'|output.card.owner: unknown key"
      })
  void everyErrorNamesTheOffendingKey(String from, String to, String expected) throws Exception {
    Path p = write(VALID.replace(from, to));
    assertThatThrownBy(() -> Policy.load(p)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }

  @Test
  void keyTimingIsNoneUnlessThePolicySaysOtherwise() throws Exception {
    assertThat(Policy.load(write(VALID)).keyTiming()).isEqualTo(KeyTimingPolicy.none());
    assertThat(Policy.load(write(VALID + "capture:\n  timing: coarse\n")).keyTiming().released()).isFalse();
    assertThat(Policy.load(write(VALID + "capture:\n  key_timing: none\n")).keyTiming()).isEqualTo(KeyTimingPolicy.none());
  }

  @Test
  void readsKeyTimingBucketWithItsResolutionAndResample() throws Exception {
    Policy bucket = Policy.load(write(VALID + "capture:\n  key_timing: bucket\n"));
    assertThat(bucket.keyTiming()).isEqualTo(KeyTimingPolicy.bucket(250));
    assertThat(bucket.keyTiming()).hasToString("bucket 250 ms");
    Policy fine = Policy.load(write(VALID + "capture:\n  key_timing: bucket\n  key_timing_resolution_ms: 40\n"));
    assertThat(fine.keyTiming().resolutionMs()).isEqualTo(40);
    Policy resample = Policy.load(write(VALID + "capture:\n  key_timing: resample\n"));
    assertThat(resample.keyTiming().needsPopulation()).isTrue();
    assertThat(resample.keyTiming()).hasToString("resample");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "key_timing: raw|capture.key_timing",
        "key_timing: jitter|capture.key_timing",
        "key_timing: bucket\\n  key_timing_resolution_ms: 5|capture.key_timing_resolution_ms",
        "key_timing: bucket\\n  key_timing_resolution_ms: 60001|capture.key_timing_resolution_ms",
        "key_timing: bucket\\n  key_timing_resolution_ms: fine|capture.key_timing_resolution_ms",
        "key_timing_ms: 50|capture.key_timing_ms: unknown key"
      })
  void keyTimingErrorsNameTheKey(String block, String expected) throws Exception {
    Path p = write(VALID + "capture:\n  " + block.replace("\\n", "\n") + "\n");
    assertThatThrownBy(() -> Policy.load(p)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }

  @Test
  void readsTheShardingKeysWithTheirDefaults() throws Exception {
    Policy old = Policy.load(write(VALID));
    assertThat(old.layout().buckets()).as("shards is the older name of buckets").isEqualTo(3);
    assertThat(old.layout().format()).isEqualTo(ShardFormat.JSONL);
    assertThat(old.layout().tokenizer()).isEqualTo("cl100k_base");
    assertThat(old.layout().shardTokens()).isEqualTo(ShardLayout.DEFAULT_SHARD_TOKENS);
    assertThat(old.layout().shardBytes()).isEqualTo(ShardLayout.DEFAULT_SHARD_BYTES);
    assertThat(old.card().name()).isEqualTo("veil-t-1");
    assertThat(old.card().datePublished()).isNull();
    Policy p =
        Policy.load(
            write(
                VALID.replace(
                    "shards: 3",
                    "buckets: 5\n  format: parquet\n  tokenizer: o200k_base\n  shard_tokens: 1000\n"
                        + "  shard_bytes: 65536\n  card:\n    name: ops-chat\n    date_published: \"2026-01-31\"")));
    assertThat(p.layout().buckets()).isEqualTo(5);
    assertThat(p.layout().format()).isEqualTo(ShardFormat.PARQUET);
    assertThat(p.layout().tokenizer()).isEqualTo("o200k_base");
    assertThat(p.layout().shardTokens()).isEqualTo(1000);
    assertThat(p.layout().shardBytes()).isEqualTo(65536);
    assertThat(p.card().name()).isEqualTo("ops-chat");
    assertThat(p.card().datePublished()).isEqualTo("2026-01-31");
    Path both = write(VALID.replace("shards: 3", "shards: 3\n  buckets: 3"));
    assertThatThrownBy(() -> Policy.load(both)).isInstanceOf(PolicyException.class).hasMessageContaining("output");
  }

  @Test
  void anUnknownPhoneRegionIsAnErrorNamingTheKey() throws Exception {
    Path p = write(VALID.replace("output:", "detection:\n  phone_regions: [GB, XX]\noutput:"));
    assertThatThrownBy(() -> Policy.load(p)).hasMessageContaining("detection.phone_regions").hasMessageContaining("XX");
  }

  @Test
  void detectionSettingsAreRead() throws Exception {
    Policy p = Policy.load(write(VALID.replace("output:", "detection:\n  phone_regions: [GB]\n  deny: [Initech]\noutput:")));
    assertThat(p.detection().phoneRegions()).containsExactly("GB");
    assertThat(p.detection().deny()).containsExactly("Initech");
  }

  /** The example of docs/policy.md, verbatim: every operator and option it shows is accepted and read. */
  @Test
  void theDocumentedOperatorsExampleLoads() throws Exception {
    String doc = java.nio.file.Files.readString(dev.veil.pipelines.TestData.path("../docs/policy.md"));
    String example = doc.substring(doc.indexOf("operators:\n  PERSON"), doc.indexOf("```", doc.indexOf("operators:\n  PERSON")));
    Policy p = Policy.load(write(VALID.replace("output:", example + "output:")));
    var ops = p.detection().operators();
    assertThat(ops.describe())
        .containsEntry("PERSON", "pseudonymize/surrogate")
        .containsEntry("PHONE", "tokenize/ff1")
        .containsEntry("CARD", "mask/4")
        .containsEntry("IBAN", "tokenize/siv")
        .containsEntry("DATE_OF_BIRTH", "generalize/year")
        .containsEntry("AGE", "generalize/10")
        .containsEntry("IP_ADDRESS", "generalize")
        .containsEntry("US_SSN", "drop")
        .containsEntry("SECRET", "redact");
    assertThat(p.detection().tokenKey().describe()).isEqualTo("env:VEIL_TOKEN_KEY");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "operators:\\n  EMAIL: {operator: tokenize, method: ff1}\\n|operators.EMAIL: format-preserving ff1",
        "operators:\\n  CARD: generalize\\n|operators.CARD: generalize applies only to",
        "operators:\\n  URL_QUERY: mask\\n|operators.URL_QUERY: URL queries can only be removed",
        "operators:\\n  CARD: {operator: redact, keep_last: 4}\\n|operators.CARD.keep_last: does not apply to redact",
        "operators:\\n  CARD: shred\\n|operators.CARD",
        "operators:\\n  NAME: redact\\n|operators.NAME: unknown key"
      })
  void operatorsThatCannotApplyAreErrorsNamingTheKey(String block, String expected) throws Exception {
    Path p = write(VALID.replace("output:", block.replace("\\n", "\n") + "output:"));
    assertThatThrownBy(() -> Policy.load(p)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }

  @Test
  void notYamlIsReportedWithItsLine() throws Exception {
    Path p = write("veil_policy: 1\nversion: [unclosed\n");
    assertThatThrownBy(() -> Policy.load(p)).hasMessageContaining("not valid YAML").hasMessageContaining("line");
  }

  @Test
  void anInputNoRuleCoversIsAnError() throws Exception {
    Policy p = Policy.load(write(VALID.replace("\"slack:*\"", "\"slack:x\"")));
    assertThatThrownBy(() -> p.licenseFor("slack:other")).hasMessageContaining("no rule matches input slack:other");
  }

  @Test
  void optOutsRetentionAndLicensingAreRead() throws Exception {
    Policy p =
        Policy.load(
            write(
                VALID.replace(
                        "output:",
                        """
                        opt_out:
                          people: [" Ann@Example.test ", "@bob"]
                          channels: ["#Secret"]
                          projects: [hr]
                          sessions: [s-1]
                        retention:
                          max_age_days: 365
                          as_of: 2026-01-01
                        license_order: [CC-BY-4.0, LicenseRef-Internal]
                        output:""")
                    .replace("shards: 3", "shards: 3\n  accept_licenses: [CC-BY-4.0]")));
    assertThat(p.optOuts().people()).containsExactly("ann@example.test", "bob");
    assertThat(p.optOuts().channels()).containsExactly("secret");
    assertThat(p.optOuts().projectListed("HR")).isTrue();
    assertThat(p.optOuts().sessionListed("s-1")).isTrue();
    assertThat(p.retention().asOf()).isEqualTo("2026-01-01");
    assertThat(p.retention().keepFromMicros())
        .isEqualTo(java.time.Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
    assertThat(p.licenses().order()).containsExactly("CC-BY-4.0", "LicenseRef-Internal");
    assertThat(p.licenses().accepts("CC-BY-4.0")).isTrue();
    assertThat(p.licenses().accepts("LicenseRef-Internal")).isFalse();
    assertThat(p.licenses().mostRestrictive(java.util.List.of("LicenseRef-Internal", "CC-BY-4.0")))
        .isEqualTo("LicenseRef-Internal");
  }

  @Test
  void withoutTheNewKeysNothingIsExcludedAndEveryLicenseAccepted() throws Exception {
    Policy p = Policy.load(write(UNORDERED.replace("output:", DEDUP_OFF + "output:")));
    assertThat(p.optOuts().isEmpty()).isTrue();
    assertThat(p.retention().isNone()).isTrue();
    assertThat(p.licenses().accepted()).isNull();
    assertThat(p.licenses().order()).isEmpty();
  }

  @Test
  void scopedLicenseRulesAreReadButEveryInputNeedsAnUnscopedOne() throws Exception {
    Policy p =
        Policy.load(
            write(
                VALID.replace(ORDER, "license_order: [CC-BY-4.0, MIT, Apache-2.0, LicenseRef-Internal]\n")
                    .replace(
                        "licenses:\n",
                        "licenses:\n  - input: \"slack:*\"\n    channel: \"oss-*\"\n    license: MIT\n"
                            + "  - input: \"jira:*\"\n    project: APACHE\n    license: Apache-2.0\n")));
    assertThat(p.licenses().licenseOf(new dev.veil.transforms.tag.LicenseSource("slack:other", "oss-a")))
        .isEqualTo("MIT");
    assertThat(p.licenseFor("slack:other")).isEqualTo("LicenseRef-Internal");
    assertThatThrownBy(() -> p.licenseFor("jira:t")).hasMessageContaining("no rule matches input jira:t")
        .hasMessageContaining("without channel or project");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "retention:\\n  max_age_days: 30\\n  as_of: 2026-13-01\\n|retention.as_of: not a calendar date",
        "retention:\\n  max_age_days: 30\\n|retention.as_of: required key is missing",
        "retention:\\n  max_age_days: 0\\n  as_of: 2026-01-01\\n|retention.max_age_days",
        "retention:\\n  max_age_days: 30\\n  as_of: January 1\\n|retention.as_of",
        "retention:\\n  days: 30\\n|retention.days: unknown key",
        "opt_out:\\n  persons: [a@b.test]\\n|opt_out.persons: unknown key",
        "opt_out:\\n  people: a@b.test\\n|opt_out.people",
        "license_order: [CC-BY-4.0]\\n|license_order: does not rank LicenseRef-Internal",
        "license_order: [CC-BY-4.0, CC-BY-4.0, LicenseRef-Internal]\\n|license_order",
      })
  void newKeysErrorsNameTheKey(String block, String expected) throws Exception {
    String base = block.startsWith("license_order") ? UNORDERED : VALID;
    Path p = write(base.replace("output:", block.replace("\\n", "\n") + "output:"));
    assertThatThrownBy(() -> Policy.load(p)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }

  /** Dedup may merge copies from several licenses: their order must be known before the run, not found missing in it. */
  @Test
  void severalLicensesWithDedupOnNeedAnOrder() throws Exception {
    assertThatThrownBy(() -> Policy.load(write(UNORDERED)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("license_order: required when the licenses table names more than one license");
    assertThat(Policy.load(write(UNORDERED.replace("output:", DEDUP_OFF + "output:"))).licenses().order()).isEmpty();
    assertThat(Policy.load(write(VALID)).dedup().near()).isTrue();
  }

  @Test
  void aRuleNamingBothChannelAndProjectIsAnError() throws Exception {
    Path p = write(VALID.replace("  - input: \"slack:acme*\"\n", "  - input: \"slack:acme*\"\n    channel: a\n    project: B\n"));
    assertThatThrownBy(() -> Policy.load(p)).hasMessageContaining("licenses[0]: name a channel or a project, not both");
  }

  @Test
  void anAcceptedLicenseTheTableDoesNotNameIsAnError() throws Exception {
    Path p = write(VALID.replace("shards: 3", "shards: 3\n  accept_licenses: [MIT]"));
    assertThatThrownBy(() -> Policy.load(p))
        .hasMessageContaining("output.accept_licenses: MIT is not a license of the licenses table");
  }

  /** A malformed opt-out list is reported by its key and position, never by the values it holds. */
  @Test
  void optOutErrorsNeverEchoTheListedPeople() throws Exception {
    Path p = write(VALID.replace("output:", "opt_out:\n  people: [dana.secret@example.test, 42, \"\"]\noutput:"));
    assertThatThrownBy(() -> Policy.load(p))
        .hasMessageContaining("opt_out.people[")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dana"));
  }

  /** The Licenses, Opt-outs and Retention examples of docs/policy.md, verbatim, load and mean what the text says. */
  @Test
  void theDocumentedLicensingOptOutAndRetentionExamplesLoad() throws Exception {
    String doc = java.nio.file.Files.readString(TestData.path("../docs/policy.md"));
    String licensing = block(doc, "licenses:\n  - input: \"slack:*\"\n    channel:");
    String optOut = block(doc, "opt_out:\n  people:");
    String retention = block(doc, "retention:\n  max_age_days:");
    String header = VALID.substring(0, VALID.indexOf("licenses:"));
    Policy p = Policy.load(write(header + optOut + retention + licensing));
    assertThat(p.licenses().licenseOf(new dev.veil.transforms.tag.LicenseSource("slack:acme", "oss-tools")))
        .isEqualTo("CC-BY-4.0");
    assertThat(p.licenses().accepts("LicenseRef-Acme-Internal")).isFalse();
    assertThat(p.licenses().mostRestrictive(java.util.List.of("Apache-2.0", "CC-BY-4.0"))).isEqualTo("Apache-2.0");
    assertThat(p.optOuts().toString()).isEqualTo("OptOuts{people=3, channels=2, projects=2, sessions=1}");
    assertThat(p.optOuts().people()).contains("rk");
    assertThat(p.retention().keepFromMicros())
        .isEqualTo(java.time.Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
  }

  private static String block(String doc, String start) {
    int from = doc.indexOf(start);
    assertThat(from).as(start).isNotNegative();
    return doc.substring(from, doc.indexOf("```", from));
  }

  /** The k-anonymity example of docs/policy.md, verbatim, loads and means what the text says. */
  @Test
  void theDocumentedKAnonymityExampleLoads() throws Exception {
    String doc = java.nio.file.Files.readString(TestData.path("../docs/policy.md"));
    Policy p = Policy.load(write(VALID.replace("output:", block(doc, "k_anonymity:\n  k: 5\n  suppression_limit: 0.02") + "output:")));
    var s = p.kAnonymity();
    assertThat(s.k()).isEqualTo(5);
    assertThat(s.suppressionLimit()).isEqualTo(0.02);
    assertThat(s.attributes()).containsExactly("period", "channel_type", "speakers");
    assertThat(s.hierarchy("channel_type").materialize("channel_type", java.util.List.of("dm")).generalize("dm", 1))
        .isEqualTo("direct");
    assertThat(s.hierarchy("speakers").materialize("speakers", java.util.List.of("7")).generalize("7", 2))
        .isEqualTo("0-19");
    assertThat(s.describe()).containsEntry("metric", "loss").containsEntry("kinds", java.util.List.of("conversation"));
    assertThat(Policy.load(write(VALID)).kAnonymity()).isNull();
  }

  @Test
  void aHierarchyFileIsReadRelativeToThePolicy() throws Exception {
    Files.writeString(tmp.resolve("project.csv"), "OPS;eng;*\nHR;corp;*\n");
    Policy p =
        Policy.load(
            write(
                VALID.replace(
                    "output:",
                    "k_anonymity:\n  k: 3\n  quasi_identifiers:\n    project: {hierarchy_file: project.csv}\n"
                        + "  l_diversity: {attribute: issue_type, l: 2}\noutput:")));
    assertThat(p.kAnonymity().hierarchy("project").materialize("project", java.util.List.of("HR")).generalize("HR", 1))
        .isEqualTo("corp");
    assertThat(p.kAnonymity().l()).isEqualTo(2);
    assertThat(p.kAnonymity().sensitive()).isEqualTo("issue_type");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "k_anonymity:\\n  k: 1\\n  quasi_identifiers:\\n    period: {generalize: period}\\n|k_anonymity.k",
        "k_anonymity:\\n  k: 3\\n  metric: precision\\n  quasi_identifiers:\\n    period: {generalize: period}\\n|k_anonymity.metric",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers:\\n    n: {intervals: [5, 12]}\\n|k_anonymity.quasi_identifiers.n: each interval width must be a multiple",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers:\\n    c: {hierarchy: [[a, b, \"*\"], [c, \"*\"]]}\\n|k_anonymity.quasi_identifiers.c: hierarchy row 2 has 2 levels",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers:\\n    c: {hierarchy_file: missing.csv}\\n|k_anonymity.quasi_identifiers.c: cannot read hierarchy file",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers:\\n    p: {generalize: period, intervals: [5]}\\n|k_anonymity.quasi_identifiers.p",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers:\\n    p: {generalize: period}\\n  l_diversity: {attribute: p, l: 2}\\n|k_anonymity: the sensitive attribute cannot be a quasi-identifier",
        "k_anonymity:\\n  k: 3\\n  quasi_identifiers: {}\\n|k_anonymity.quasi_identifiers"
      })
  void kAnonymityErrorsNameTheKey(String block, String expected) throws Exception {
    Path p = write(VALID.replace("output:", block.replace("\\n", "\n") + "output:"));
    assertThatThrownBy(() -> Policy.load(p)).isInstanceOf(PolicyException.class).hasMessageContaining(expected);
  }
}
