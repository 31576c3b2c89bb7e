package dev.veil.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.pipelines.Runners;
import dev.veil.transforms.dedup.DedupSettings;
import dev.veil.transforms.dedup.TextNormalizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupEvaluationTest {
  @TempDir Path tmp;

  /** The set keeps its promises: near copies at least 0.8 similar, related pairs at most 0.5, short texts distinct. */
  @Test
  void theSetIsWhatItsLabelsSay() {
    Map<String, Integer> kinds = new HashMap<>();
    for (long u = 0; u < 600; u++) {
      List<DedupEvalSet.Doc> docs = DedupEvalSet.unit(3, u);
      assertThat(DedupEvalSet.unit(3, u)).isEqualTo(docs); // a unit depends on seed and index only
      DedupEvalSet.Doc original = docs.get(0);
      kinds.merge(original.kind(), 1, Integer::sum);
      for (DedupEvalSet.Doc d : docs.subList(1, docs.size())) {
        switch (d.kind()) {
          case "exact" -> assertThat(TextNormalizer.normalize(d.text())).isEqualTo(TextNormalizer.normalize(original.text()));
          case "near" -> assertThat(DedupEvalSet.similarity(original.text(), d.text()))
              .isGreaterThanOrEqualTo(DedupEvalSet.NEAR_AT_LEAST);
          case "related" -> assertThat(DedupEvalSet.similarity(original.text(), d.text()))
              .isLessThanOrEqualTo(DedupEvalSet.RELATED_AT_MOST);
          default -> assertThat(d.kind()).isEqualTo("short");
        }
      }
      if (original.kind().equals("short")) {
        Set<String> texts = new HashSet<>();
        docs.forEach(d -> texts.add(TextNormalizer.normalize(d.text())));
        assertThat(texts).hasSize(docs.size());
      }
    }
    assertThat(kinds).containsKeys("single", "exact", "near", "related", "short");
  }

  /** Scoring: merges inside true clusters are correct; a merge across clusters costs precision; misses cost recall. */
  @Test
  void scoresMergesAgainstTheTruth() {
    long units = 200;
    Map<String, String> perfect = new HashMap<>();
    DedupEvalSet.Doc shortDoc = null;
    DedupEvalSet.Doc single = null;
    for (long u = 0; u < units; u++) {
      List<DedupEvalSet.Doc> docs = DedupEvalSet.unit(5, u);
      for (DedupEvalSet.Doc d : docs.subList(1, docs.size())) {
        if (d.duplicate()) {
          perfect.put(d.id(), docs.get(0).id());
        }
      }
      shortDoc = docs.get(0).kind().equals("short") && shortDoc == null ? docs.get(1) : shortDoc;
      single = docs.get(0).kind().equals("single") && single == null ? docs.get(0) : single;
    }
    DedupEvaluation.Report best = DedupEvaluation.score(5, units, DedupSettings.defaults(), perfect, 0);
    assertThat(best.precision()).isEqualTo(1.0);
    assertThat(best.removed()).isEqualTo(perfect.size());
    assertThat(best.recall()).isGreaterThan(0.95); // the rest: identical short texts of different units

    Map<String, String> worse = new HashMap<>(perfect);
    worse.put(shortDoc.id(), single.id());
    worse.remove(perfect.keySet().iterator().next());
    DedupEvaluation.Report report = DedupEvaluation.score(5, units, DedupSettings.defaults(), worse, 0);
    assertThat(report.precision()).isLessThan(1.0);
    assertThat(report.recall()).isLessThan(best.recall());
    assertThat(report.shortMerged()).isEqualTo(1);
  }

  /** The job's dedup stage on a small set, end to end on the Direct runner. */
  @Test
  void theDedupStageFindsThePlantedDuplicates() {
    DedupEvaluation.Report r =
        DedupEvaluation.run(1, 25, DedupSettings.defaults(), Runners.direct(2, false), tmp);
    assertThat(r.documents()).isGreaterThan(40);
    assertThat(r.shouldGo()).isGreaterThan(10);
    assertThat(r.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.shortMerged()).isZero();
    assertThat(r.markdown()).contains("**precision**");
  }
}
