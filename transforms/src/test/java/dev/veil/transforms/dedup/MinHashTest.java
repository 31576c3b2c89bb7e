package dev.veil.transforms.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashTest {
  /** A word spelled from the number in letters (digits would all normalize to 0). */
  static String word(int n) {
    StringBuilder sb = new StringBuilder();
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return sb.toString();
  }

  private final MinHash minHash = new MinHash(5, 14, 8);

  private static String words(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(word(rnd.nextInt(5000)));
    }
    return sb.toString();
  }

  /** Replaces {@code edits} random words: a near copy whose similarity falls with the number of edits. */
  private static String edit(String text, int edits, SplittableRandom rnd) {
    String[] w = text.split(" ");
    for (int i = 0; i < edits; i++) {
      w[rnd.nextInt(w.length)] = "x" + word(rnd.nextInt(5000));
    }
    return String.join(" ", w);
  }

  @Test
  void sameTextSameSignatureOnEveryInstance() {
    String t = words(new SplittableRandom(1), 80);
    assertThat(new MinHash(5, 14, 8).signature(t)).isEqualTo(minHash.signature(t)).hasSize(112);
    assertThat(MinHash.similarity(minHash.signature(t), minHash.signature(t))).isEqualTo(1.0);
  }

  /** The share of agreeing rows estimates the exact Jaccard similarity of the 5-gram sets. */
  @Test
  void estimatesJaccardSimilarity() {
    SplittableRandom rnd = new SplittableRandom(2);
    List<Double> errors = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String a = words(rnd, 60 + rnd.nextInt(200));
      String b = edit(a, rnd.nextInt(12), rnd);
      double exact = minHash.jaccard(a, b);
      double estimate = MinHash.similarity(minHash.signature(a), minHash.signature(b));
      errors.add(Math.abs(exact - estimate));
    }
    double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(mean).isLessThan(0.04);
    assertThat(errors.stream().filter(e -> e > 0.15).count()).isLessThan(3);
  }

  /** Unrelated texts share no band; near copies share at least one; band keys depend on the band's index. */
  @Test
  void bandsFindNearCopiesOnly() {
    SplittableRandom rnd = new SplittableRandom(3);
    int nearShared = 0;
    int unrelatedShared = 0;
    for (int i = 0; i < 200; i++) {
      String a = words(rnd, 120);
      String near = edit(a, 2, rnd);
      String other = words(rnd, 120);
      nearShared += shareBand(a, near) ? 1 : 0;
      unrelatedShared += shareBand(a, other) ? 1 : 0;
    }
    // Two edits in 120 words: Jaccard ≈ 0.84, so a shared band with probability 1 − (1 − 0.84⁸)¹⁴ ≈ 0.98.
    assertThat(nearShared).isGreaterThanOrEqualTo(188);
    assertThat(unrelatedShared).isZero();
    int[] s = minHash.signature(words(rnd, 50));
    assertThat(minHash.bandKey(s, 0)).isNotEqualTo(minHash.bandKey(s, 1));
  }

  private boolean shareBand(String a, String b) {
    int[] x = minHash.signature(a);
    int[] y = minHash.signature(b);
    for (int band = 0; band < minHash.bands(); band++) {
      if (minHash.bandKey(x, band) == minHash.bandKey(y, band)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void shortTextsHaveNoShingles() {
    assertThat(minHash.hasShingles("deploy done")).isFalse();
    assertThat(minHash.hasShingles("")).isFalse();
    assertThat(minHash.hasShingles("one two three four five")).isTrue();
    assertThatThrownBy(() -> minHash.signature("deploy done")).isInstanceOf(IllegalArgumentException.class);
  }
}
