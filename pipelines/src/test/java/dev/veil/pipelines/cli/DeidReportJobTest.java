package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The de-identification report of a real run, on the synthetic workspace of OptOutTest (Slack, Jira and recordings of
 * Dana, Omar and Lena, no opt-outs, so every person is in the data): the report names no person, e-mail, account or
 * input; its figures are the manifest's; the manifest's entity and period totals are those of the examples written;
 * the page is well-formed and refers to nothing outside itself.
 */
class DeidReportJobTest {
  static final Path DATA = TestData.path("OptOutTest");
  @TempDir Path tmp;

  @Test
  void theReportHoldsTheManifestsFiguresAndNoPersonalData() throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        OptOutTest.policy("", ""));
    Path out =
        Outputs.run(
            policy,
            List.of(
                "slack=" + DATA.resolve("slack-export"),
                "jira=" + DATA.resolve("jira"),
                "capture=" + DATA.resolve("captures")),
            tmp.resolve("out"),
            false);
    Path reportDir = out.resolve("report");
    String json = Files.readString(reportDir.resolve("report.json"));
    String html = Files.readString(reportDir.resolve("report.html"));
    JsonNode m = Outputs.manifest(out);
    JsonNode r = new ObjectMapper().readTree(json);

    // No person: every form the Slack directory holds, the Jira and recorder people, and the input labels.
    List<String> forms = new ArrayList<>(LeakScan.slackUserForms(Files.readAllBytes(DATA.resolve("slack-export/users.json"))));
    forms.addAll(OptOutTest.DANA);
    forms.addAll(List.of("Omar Haddad", "omar.haddad@example.test", "Lena Park", "lena.park@example.test", "Omar", "Lena"));
    assertThat(forms).contains("danaw", "Dana Whitfield");
    assertThat(new LeakScan(forms).scan(reportDir)).isEmpty();
    m.path("inputs").forEach(i -> assertThat(json + html).doesNotContain(i.path("label").asText()));

    // The manifest's totals are the written examples' own.
    List<JsonNode> examples = CrossSourceTest.examples(out);
    Map<String, Long> entities = new TreeMap<>();
    Map<String, Long> periods = new TreeMap<>();
    for (JsonNode e : examples) {
      e.path("entities").fields().forEachRemaining(c -> entities.merge(c.getKey(), c.getValue().asLong(), Long::sum));
      periods.merge(e.path("meta").path("period").asText(), 1L, Long::sum);
    }
    assertThat(entities.get("PERSON")).isPositive();
    m.path("entities").fields().forEachRemaining(e -> assertThat(e.getValue().asLong()).as(e.getKey())
        .isEqualTo(entities.getOrDefault(e.getKey(), 0L)));
    assertThat(m.path("entities").size()).isEqualTo(15);
    Map<String, Long> manifestPeriods = new TreeMap<>();
    m.path("periods").fields().forEachRemaining(e -> manifestPeriods.put(e.getKey(), e.getValue().asLong()));
    assertThat(manifestPeriods).isEqualTo(periods);

    // The report's figures are the manifest's.
    assertThat(r.path("entities")).isEqualTo(m.path("entities"));
    assertThat(r.path("dropped")).isEqualTo(m.path("records").path("dropped"));
    assertThat(r.path("quarantined")).isEqualTo(m.path("records").path("quarantined"));
    assertThat(r.path("quarantined").path("invalid_json").asLong()).isEqualTo(2);
    assertThat(r.path("accounting").path("input").asLong()).isEqualTo(m.path("records").path("input").asLong());
    assertThat(r.path("accounting").path("balanced").asBoolean()).isTrue();
    assertThat(r.path("scope").path("examples").path("output").asLong()).isEqualTo(examples.size());
    assertThat(r.path("scope").path("sources").size()).isEqualTo(3);
    assertThat(r.path("scope").path("time_window").path("first").asText()).isEqualTo(periods.keySet().iterator().next());
    assertThat(r.path("policy").path("sha256").asText()).isEqualTo(m.path("policy").path("sha256").asText());
    assertThat(r.path("techniques").size()).isEqualTo(15 + 2);
    assertThat(r.path("typing_risk").path("capture_inputs").asLong()).isEqualTo(1);
    // The page shows the same figures.
    assertThat(html)
        .contains("input " + m.path("records").path("input").asLong() + " = read ")
        .contains(">" + m.path("entities").path("PERSON").asLong() + "</text>")
        .contains(m.path("key_id").asText());

    // Well-formed (XML parser), every section present, charts inline, nothing outside the page.
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reportDir.resolve("report.html").toFile());
    assertThat(doc.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(7);
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    assertThat(doc.getElementsByTagName("h2").getLength()).isEqualTo(10);
    assertThat(html).doesNotContain("http").doesNotContain("src=").doesNotContain("href=").doesNotContain("url(")
        .doesNotContain("@import");
  }
}
