package dev.veil.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.generate.TypistGenerator;
import dev.veil.transforms.read.Keystroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypingRiskTest {
  @TempDir static Path tmp;
  static TypingData.Data typists;

  /** 20 synthetic typists × 4 sessions, generated once for the class. */
  @BeforeAll
  static void generate() throws Exception {
    new TypistGenerator(tmp.resolve("t"), 20, 4, 5).generate();
    typists = TypingData.read(tmp.resolve("t/capture"));
  }

  private static TypingRisk.Result result(String option) {
    return TypingRisk.run(typists, List.of(option), 1).results().get(0);
  }

  @Test
  void scaledManhattanSumsDeviationsInUnitsOfEachSpread() {
    // |1−0|/1 + |4−2|/2 + |10−13|/3 = 1 + 1 + 1
    assertThat(TypingRisk.scaledManhattan(new double[] {1, 4, 10}, new double[] {0, 2, 13}, new double[] {1, 2, 3}))
        .isEqualTo(3.0);
  }

  @Test
  void templateDistanceIsPerSharedFeatureAndInfiniteWithNone() {
    TypingRisk.Template t =
        TypingRisk.Template.of(
            List.of(Map.of("hold a", 100.0, "dd a b", 200.0), Map.of("hold a", 120.0, "dd a b", 240.0)),
            List.of("hold a", "dd a b"));
    // hold a: μ 110, σ 10; dd a b: μ 220, σ 20.
    assertThat(t.distance(Map.of("hold a", 130.0, "dd a b", 180.0))).isEqualTo((2.0 + 2.0) / 2);
    assertThat(t.distance(Map.of("hold a", 115.0))).isEqualTo(0.5);
    assertThat(t.distance(Map.of("hold z", 1.0))).isInfinite();
  }

  @Test
  void equalErrorRateOnHandCheckedCases() {
    // Separated: a threshold of 1 accepts every genuine and no impostor.
    assertThat(TypingRisk.equalErrorRate(new double[] {1}, new double[] {2})).isZero();
    // At 1: FAR 0, FRR 1/2; at 2: FAR 1/2, FRR 0; the rates meet halfway: 1/4.
    assertThat(TypingRisk.equalErrorRate(new double[] {1, 2}, new double[] {2, 3})).isCloseTo(0.25, within(1e-12));
    // At 2: FAR 0, FRR 1/3; at 2.5: FAR 1/2, FRR 1/3 → FAR crosses FRR at 1/3.
    assertThat(TypingRisk.equalErrorRate(new double[] {1, 2, 3}, new double[] {2.5, 4})).isCloseTo(1 / 3.0, within(1e-12));
    // Same distances for genuine and impostor: 1/2.
    assertThat(TypingRisk.equalErrorRate(new double[] {1, 2}, new double[] {1, 2})).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void identicalTypistsShareTheCredit() {
    List<Keystroke> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add(new Keystroke(i % 2 == 0 ? "a" : "b", i * 200L, i * 200L + 90));
    }
    List<TypingData.Session> sessions =
        List.of(
            new TypingData.Session(0, "p0-1", keys), new TypingData.Session(0, "p0-2", keys),
            new TypingData.Session(1, "p1-1", keys), new TypingData.Session(1, "p1-2", keys));
    TypingRisk.Result r = TypingRisk.attack(sessions, "raw");
    assertThat(r.features()).isPositive();
    assertThat(r.top1()).isEqualTo(0.5);
    assertThat(r.eer()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void rawTimingsIdentifyTypistsFarAboveChance() {
    TypingRisk.Result raw = result("raw");
    assertThat(raw.people()).isEqualTo(20);
    assertThat(raw.features()).isPositive();
    assertThat(raw.ratio()).isGreaterThan(8);
    assertThat(raw.eer()).isLessThan(0.2);
  }

  @Test
  void resampledTimingsAreAtMostTwiceChance() {
    TypingRisk.Result resample = result("resample");
    assertThat(resample.features()).isPositive();
    assertThat(resample.ratio()).isLessThanOrEqualTo(2.0);
    assertThat(resample.eer()).isGreaterThan(0.35);
  }

  @Test
  void droppedTimingsLeaveNothingToAttack() {
    TypingRisk.Result drop = result("drop");
    assertThat(drop.nothingToAttack()).isTrue();
    assertThat(drop.top1()).isEqualTo(drop.chance()).isEqualTo(1 / 20.0);
    assertThat(drop.eer()).isEqualTo(0.5);
  }

  @Test
  void coarserBucketsLeakLess() {
    assertThat(result("bucket:250").top1()).isLessThan(result("bucket:10").top1());
  }

  @Test
  void theSameDataAndSeedGiveTheSameReport() throws Exception {
    ObjectMapper m = new ObjectMapper();
    String a = m.writeValueAsString(TypingRisk.run(typists, TypingRisk.allOptions(), 3).json(m));
    String b =
        m.writeValueAsString(TypingRisk.run(TypingData.read(tmp.resolve("t/capture")), TypingRisk.allOptions(), 3).json(m));
    assertThat(b).isEqualTo(a);
    assertThat(a).doesNotContain("@").doesNotContain("typist-");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> TypingRisk.run(typists, List.of("jitter"), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TypingRisk.run(typists, List.of("bucket:x"), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
