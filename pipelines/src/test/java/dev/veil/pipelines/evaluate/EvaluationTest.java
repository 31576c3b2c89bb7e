package dev.veil.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  /**
   * Two hand-made documents and hand-made findings:
   *
   * <pre>
   * doc a: "call Ann at 555 0100 or ann@x.io"   gold PERSON [5,8), PHONE [12,20), EMAIL [24,32)
   *   PERSON [5,8)          TP (exact)
   *   CARD   [12,20)        FP for CARD; the phone is missed, found as another type
   *   EMAIL  [20,28)        TP (overlaps the e-mail partly)
   *   EMAIL  [0,4)          FP (on unlabelled text)
   * doc b: "Bob Vance"      gold PERSON [0,9)
   *   PERSON [0,3), PERSON [4,9)   two TPs recalling one span
   * </pre>
   */
  @Test
  void countsTruePositivesFalsePositivesAndMissesByOverlap() {
    LabelledDoc a =
        new LabelledDoc("a", "chat", "call Ann at 555 0100 or ann@x.io",
            List.of(new GoldSpan(EntityType.PERSON, "p", 5, 8), new GoldSpan(EntityType.PHONE, "ph", 12, 20),
                new GoldSpan(EntityType.EMAIL, "e", 24, 32)));
    LabelledDoc b = new LabelledDoc("b", "mail", "Bob Vance", List.of(new GoldSpan(EntityType.PERSON, "p", 0, 9)));
    Map<String, List<Finding>> findings =
        Map.of(
            a.text(),
            List.of(find(EntityType.EMAIL, 0, 4), find(EntityType.PERSON, 5, 8), find(EntityType.CARD, 12, 20),
                find(EntityType.EMAIL, 20, 28)),
            b.text(),
            List.of(find(EntityType.PERSON, 0, 3), find(EntityType.PERSON, 4, 9)));

    EvalReport r = Evaluation.score(0, List.of(a, b), findings::get);

    assertScore(r.type(EntityType.PERSON), 2, 2, 3, 3, 0, 0, 0);
    assertScore(r.type(EntityType.PHONE), 1, 0, 0, 0, 0, 1, 1);
    assertScore(r.type(EntityType.EMAIL), 1, 1, 2, 1, 1, 0, 0);
    assertScore(r.type(EntityType.CARD), 0, 0, 1, 0, 1, 0, 0);
    assertThat(r.type(EntityType.CARD).falseOnOtherGold()).isEqualTo(1);
    assertThat(r.type(EntityType.EMAIL).falseOnOtherGold()).isZero();
    assertThat(r.type(EntityType.EMAIL).precision()).isCloseTo(0.5, within(1e-9));
    assertThat(r.type(EntityType.PHONE).recall()).isZero();
    assertThat(r.type(EntityType.CARD).recall()).isNaN();
    assertThat(r.type(EntityType.SECRET).precision()).isNaN();
    // Micro average: 4 gold, 3 recalled; 6 findings, 4 true.
    assertScore(r.overall(), 4, 3, 6, 4, 2, 1, 1);
    assertThat(r.overall().precision()).isCloseTo(4 / 6.0, within(1e-9));
    assertThat(r.overall().recall()).isCloseTo(0.75, within(1e-9));
    assertThat(r.docs()).isEqualTo(2);
    assertThat(r.chars()).isEqualTo(a.text().length() + b.text().length());
    assertThat(r.genres()).containsExactly(Map.entry("chat", 1L), Map.entry("mail", 1L));
    assertThat(r.kinds()).filteredOn(k -> k.kind().equals("ph")).singleElement()
        .satisfies(k -> assertThat(k.otherTypes()).containsExactly(Map.entry(EntityType.CARD, 1L)));
  }

  @Test
  void theReportHasARowForEveryTypeInMarkdownAndJson() throws Exception {
    EvalReport r = Evaluation.score(0, List.of(), text -> List.of());
    String md = r.markdown();
    for (EntityType t : EntityType.values()) {
      assertThat(md).contains("| " + t.name() + " | 0 | 0 | 0 | 0 | 0 | – | – | 0 |");
    }
    JsonNode json = new ObjectMapper().readTree(r.json(new ObjectMapper()).toString());
    assertThat(json.path("types")).hasSize(EntityType.values().length);
    assertThat(json.path("types").get(0).path("precision").isNull()).isTrue();
  }

  /**
   * The real detectors on a small set: the wiring is right when what the stable recognizers find is found (directory
   * forms through the set's directory, deny-list terms through its settings, e-mails and IBANs), whatever the newer
   * recognizers score.
   */
  @Test
  void theDetectorsRunWithTheSetsDirectoryAndSettings() {
    EvalSet set = EvalSet.generate(5, 150);
    EvalReport r = Evaluation.run(set);
    assertThat(r.overall().gold()).isEqualTo(set.goldSpans());
    assertThat(r.chars()).isEqualTo(set.characters());
    assertThat(r.type(EntityType.EMAIL).recall()).isGreaterThan(0.9);
    assertThat(r.type(EntityType.IBAN).recall()).isGreaterThan(0.9);
    assertThat(r.type(EntityType.DENIED).recall()).isGreaterThan(0.9);
    assertThat(r.kinds())
        .filteredOn(k -> k.kind().equals("directory_full_name") || k.kind().equals("directory_email"))
        .hasSize(2)
        .allSatisfy(k -> assertThat(k.recall()).isGreaterThan(0.9));
    for (EvalReport.TypeScore t : r.types()) {
      assertThat(t.truePositives()).isLessThanOrEqualTo(t.found());
      assertThat(t.recalled() + t.mistyped()).isLessThanOrEqualTo(t.gold());
    }
  }

  private static Finding find(EntityType type, int start, int end) {
    return new Finding(type, start, end, 1.0, "test");
  }

  private static void assertScore(
      EvalReport.TypeScore s, long gold, long recalled, long found, long tp, long fp, long fn, long mistyped) {
    assertThat(s.gold()).as("%s gold", s.name()).isEqualTo(gold);
    assertThat(s.recalled()).as("%s recalled", s.name()).isEqualTo(recalled);
    assertThat(s.found()).as("%s found", s.name()).isEqualTo(found);
    assertThat(s.truePositives()).as("%s TP", s.name()).isEqualTo(tp);
    assertThat(s.falsePositives()).as("%s FP", s.name()).isEqualTo(fp);
    assertThat(s.falseNegatives()).as("%s FN", s.name()).isEqualTo(fn);
    assertThat(s.mistyped()).as("%s mistyped", s.name()).isEqualTo(mistyped);
  }
}
