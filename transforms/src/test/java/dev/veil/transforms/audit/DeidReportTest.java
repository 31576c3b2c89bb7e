package dev.veil.transforms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report from a hand-made manifest: escaping, techniques, time window, k-anonymity, and what it leaves out. */
class DeidReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A manifest's deterministic part, with strings an attacker could plant in a policy or license table. */
  static ObjectNode manifest() throws Exception {
    return (ObjectNode)
        MAPPER.readTree(
            """
            {"format": "veil-manifest/1", "dataset_id": "d1",
             "policy": {"version": "v<1>&\\"'", "sha256": "abc"},
             "key_id": "k-1111", "tokenization_key_id": "k-2222", "signing_key_id": "5555",
             "inputs": [{"label": "slack:dana-whitfield-export", "kind": "slack", "license": "LicenseRef-<script>x</script>"},
                        {"label": "jira:omar", "kind": "jira", "license": "MIT"},
                        {"label": "slack:second", "kind": "slack", "license": "LicenseRef-<script>x</script>"}],
             "people_list": false, "capture_timing": "coarse 250 ms",
             "detection": {"phone_regions": ["US"], "allow_list_size": 1, "deny_list_size": 2,
                           "operators": {"PERSON": "pseudonymize/surrogate", "PHONE": "tokenize/ff1", "CARD": "mask/4",
                                         "IBAN": "tokenize/siv", "AGE": "generalize/10", "US_SSN": "drop"}},
             "filters": {"min_chars": 16, "bot_only": true},
             "dedup": {"exact": true, "near": false, "ngram": 5, "bands": 14, "rows": 8, "threshold": 0.75, "rounds": 4,
                       "messages": true, "message_min_chars": 32},
             "exclusion": {"opt_out": {"people": 1, "channels": 0, "projects": 0, "sessions": 0}},
             "output": {"format": "jsonl", "tokenizer": "cl100k_base", "buckets": 2, "shard_tokens": 100,
                        "shard_bytes": 4096, "validation_fraction": 0.0, "accept_licenses": ["MIT"]},
             "shards": [{"path": "data/train-00000-00000.jsonl.zst", "bytes": 10, "records": 3, "tokens": 30, "sha256": "ff"}],
             "examples": {"output": 3, "by_split": {"train": 3}, "tokens": 30, "tokens_by_split": {"train": 30}},
             "entities": {"PERSON": 9, "PHONE": 2, "CARD": 0, "IBAN": 0, "AGE": 1, "US_SSN": 0},
             "periods": {"*": 1, "2023-12": 1, "2024-Q1": 1},
             "records": {"read": 12, "unread_units": 1, "input": 13, "output": 8,
                         "dropped": {"exact_duplicate": 2, "contains_us_ssn": 1, "license_not_accepted": 1},
                         "quarantined": {"invalid_json": 1}, "balanced": true},
             "k_anonymity": {"k": 2, "suppression_limit": 0.5, "metric": "loss", "kinds": ["conversation"],
                             "quasi_identifiers": {"period": {"kind": "period", "levels": 5}},
                             "before": {"records": 3, "suppressed": 0, "k": 1, "classes": 3, "prosecutor_risk": 1.0,
                                        "average_risk": 1.0, "unique_share": 1.0},
                             "levels": {"period": 1}, "information_loss": 0.5, "nodes_evaluated": 3,
                             "records_suppressed": 1, "values_outside_hierarchy": {"period": 0},
                             "after": {"records": 3, "suppressed": 1, "k": 2, "classes": 1, "prosecutor_risk": 0.5,
                                       "average_risk": 0.5, "unique_share": 0.0}}}
            """);
  }

  @Test
  void everyStringIsEscapedAndThePageIsWellFormed() throws Exception {
    String html = new String(DeidReport.html(manifest()), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script>").doesNotContain("<1>").contains("v&lt;1&gt;&amp;&quot;&#39;")
        .contains("LicenseRef-&lt;script&gt;x&lt;/script&gt;");
    Document doc =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(9);
    assertThat(html).doesNotContain("http").doesNotContain("src=").doesNotContain("href=");
  }

  @Test
  void inputLabelsStayInTheManifest() throws Exception {
    byte[] json = DeidReport.json(manifest());
    String both = new String(json, StandardCharsets.UTF_8) + new String(DeidReport.html(manifest()), StandardCharsets.UTF_8);
    assertThat(both).doesNotContain("dana").doesNotContain("omar").doesNotContain("second");
    JsonNode sources = MAPPER.readTree(json).path("scope").path("sources");
    assertThat(sources.toString())
        .isEqualTo(
            "[{\"kind\":\"jira\",\"license\":\"MIT\",\"inputs\":1},"
                + "{\"kind\":\"slack\",\"license\":\"LicenseRef-<script>x</script>\",\"inputs\":2}]");
  }

  @Test
  void techniquesSayWhatIsReversible() throws Exception {
    JsonNode rows = DeidReport.build(manifest()).path("techniques");
    assertThat(rows.size()).isEqualTo(6 + 3); // six types, authors, one quasi-identifier, capture timing
    assertThat(row(rows, "PHONE").path("reversible").asText()).isEqualTo("with the tokenization key");
    assertThat(row(rows, "PHONE").path("parameters").asText()).contains("FF1").contains("k-2222");
    assertThat(row(rows, "IBAN").path("parameters").asText()).contains("AES-256-SIV");
    assertThat(row(rows, "PERSON").path("reversible").asText()).isEqualTo("no (keyed one-way)");
    assertThat(row(rows, "PERSON").path("parameters").asText()).contains("k-1111").contains("fake");
    assertThat(row(rows, "CARD").path("parameters").asText()).isEqualTo("letters and digits masked, last 4 kept");
    assertThat(row(rows, "CARD").path("reversible").asText()).isEqualTo("no");
    assertThat(row(rows, "US_SSN").path("parameters").asText()).contains("contains_us_ssn");
    assertThat(row(rows, "meta.period").path("parameters").asText()).contains("level 1 of 4");
    assertThat(row(rows, "capture timing").path("parameters").asText()).contains("250 ms");
  }

  @Test
  void figuresComeFromTheManifest() throws Exception {
    JsonNode r = DeidReport.build(manifest());
    JsonNode window = r.path("scope").path("time_window");
    assertThat(window.path("first").asText()).isEqualTo("2023-12");
    assertThat(window.path("last").asText()).isEqualTo("2024-Q1");
    assertThat(window.path("examples_without_period").asLong()).isEqualTo(1);
    assertThat(r.path("dedup").path("dropped").path("exact_duplicate").asLong()).isEqualTo(2);
    assertThat(r.path("dedup").path("dropped").path("near_duplicate").asLong()).isZero();
    assertThat(r.path("licenses").path("dropped_not_accepted").asLong()).isEqualTo(1);
    assertThat(r.path("accounting").path("dropped").asLong()).isEqualTo(4);
    assertThat(r.path("k_anonymity").path("after").path("k").asLong()).isEqualTo(2);
    assertThat(r.path("policy").path("signing_key_id").asText()).isEqualTo("5555");
    String html = new String(DeidReport.html(manifest()), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("input 13 = read 12 + unread units 1 = output 8 + dropped 4 + quarantined 1")
        .contains("prosecutor_risk after</text>")
        .contains("2023-12 to 2024-Q1");
  }

  @Test
  void aManifestWithoutPeriodsOrKAnonymitySaysSo() throws Exception {
    ObjectNode m = manifest();
    m.remove("periods");
    m.remove("k_anonymity");
    m.remove("signing_key_id");
    String html = new String(DeidReport.html(m), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<th>Time window</th><td>not recorded</td>")
        .contains("The policy sets no k-anonymity bar")
        .contains("none (the manifest is not signed)");
    assertThat(DeidReport.build(m).path("k_anonymity").isNull()).isTrue();
  }

  private static JsonNode row(JsonNode rows, String id) {
    for (JsonNode r : rows) {
      if (r.path("entity_type").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no row " + id);
  }
}
