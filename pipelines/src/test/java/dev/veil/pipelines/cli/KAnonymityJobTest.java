package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.pipelines.JobSpec;
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
 * k-anonymity end to end on the synthetic workspace of test-data/OptOutTest (chat, tickets, recordings): the released
 * periods form classes of at least k (2 here; the lone conversation of its year is suppressed), every example's header line shows its released period, the manifest reports
 * the risk before and after, and a bar no generalization can meet stops the job before a manifest exists.
 */
class KAnonymityJobTest {
  static final Path DATA = TestData.path("OptOutTest");
  @TempDir Path tmp;

  static final String POLICY =
      """
      veil_policy: 1
      version: "kanon-test-1"
      pseudonymization:
        key:
          file: KEY
      licenses:
        - input: "*"
          license: LicenseRef-Acme-Internal
      k_anonymity:
        k: K
        suppression_limit: 0.2
        metric: entropy
        quasi_identifiers:
          period: {generalize: period}
      output:
        shards: 2
      """;

  private Path policy(int k) throws Exception {
    Path policy = tmp.resolve("policy-" + k + ".yaml");
    Files.writeString(
        policy, POLICY.replace("KEY", TestData.path("demo/demo.key").toString()).replace("K\n", k + "\n"));
    return policy;
  }

  private static List<String> inputs() {
    return List.of(
        "slack=" + DATA.resolve("slack-export"),
        "jira=" + DATA.resolve("jira"),
        "capture=" + DATA.resolve("captures"));
  }

  @Test
  void releasedPeriodsFormClassesOfAtLeastKAndTheManifestReportsTheRisk() throws Exception {
    Path out = Outputs.run(policy(2), inputs(), tmp.resolve("out"), true);
    List<JsonNode> examples = CrossSourceTest.examples(out);
    Map<String, Integer> classes = new HashMap<>();
    int suppressed = 0;
    for (JsonNode e : examples) {
      String period = e.path("meta").path("period").asText();
      if (period.equals("*")) {
        suppressed++;
      } else {
        classes.merge(period, 1, Integer::sum);
      }
      String text = e.path("text").asText();
      String header =
          e.path("kind").asText().equals("episode")
              ? text.lines().filter(l -> l.startsWith("Environment: ")).findFirst().orElseThrow()
              : text.lines().findFirst().orElseThrow();
      assertThat(header).as(e.path("kind").asText()).endsWith(" " + period);
    }
    assertThat(classes.values()).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(2));
    // Several months in the input: something had to be generalized.
    assertThat(classes.keySet()).noneMatch(p -> p.matches("\\d{4}-\\d{2}"));

    JsonNode k = Outputs.manifest(out).path("k_anonymity");
    assertThat(k.path("k").asInt()).isEqualTo(2);
    assertThat(k.path("before").path("records").asLong()).isEqualTo(examples.size());
    assertThat(k.path("before").path("k").asLong()).isEqualTo(1);
    assertThat(k.path("after").path("records").asLong()).isEqualTo(examples.size());
    assertThat(k.path("after").path("suppressed").asLong()).isEqualTo(suppressed);
    assertThat(k.path("after").path("classes").asLong()).isEqualTo(classes.size());
    assertThat(k.path("after").path("k").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(suppressed).isPositive(); // one conversation alone in its year
    assertThat(k.path("records_suppressed").asLong()).isEqualTo(suppressed);
    assertThat(k.path("levels").path("period").asInt()).isPositive();
    assertThat(Outputs.manifest(out).path("records").path("balanced").asBoolean()).isTrue();
  }

  @Test
  void aBarNoGeneralizationMeetsStopsTheJobWithoutAManifest() throws Exception {
    Path out = tmp.resolve("out-strict");
    JobSpec spec = JobLauncher.prepare(policy(1000), inputs(), out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(spec, Runners.direct(2, true), "direct", 2, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(log.toString()).contains("meets k = 1000 within the suppression limit 0.2");
    assertThat(out.resolve("manifest.json")).doesNotExist();
  }
}
