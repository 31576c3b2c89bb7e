package dev.veil.transforms.kanon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KAnonymityTest {
  /** Age in 4 levels, a city in 3, a flag in 2: a hierarchy whose optimum can be found by hand. */
  static List<Hierarchy> small() {
    List<String[]> age = new ArrayList<>();
    for (int a = 20; a < 60; a++) {
      int d = a / 10 * 10;
      age.add(new String[] {"" + a, d + "-" + (d + 9), a < 40 ? "20-39" : "40-59", "*"});
    }
    List<String[]> city = List.of(
        new String[] {"Lyon", "FR", "*"}, new String[] {"Paris", "FR", "*"},
        new String[] {"Berlin", "DE", "*"}, new String[] {"Hamburg", "DE", "*"});
    List<String[]> flag = List.of(new String[] {"y", "*"}, new String[] {"n", "*"});
    return List.of(Hierarchy.of("age", age), Hierarchy.of("city", city), Hierarchy.of("flag", flag));
  }

  static List<String[]> rows(SplittableRandom rnd, int n) {
    String[] cities = {"Lyon", "Paris", "Berlin", "Hamburg"};
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new String[] {"" + (20 + rnd.nextInt(40)), cities[rnd.nextInt(4)], rnd.nextBoolean() ? "y" : "n"});
    }
    return rows;
  }

  /** A table made k-anonymous at (decade, country, *) exactly, with nothing finer k-anonymous: the optimum by hand. */
  @Test
  void findsTheOptimumByHand() {
    List<String[]> rows = new ArrayList<>();
    for (String city : new String[] {"Lyon", "Paris"}) {
      for (int i = 0; i < 3; i++) {
        rows.add(new String[] {"" + (21 + i), city, i % 2 == 0 ? "y" : "n"}); // 21, 22, 23 in each city
      }
    }
    QiTable t = QiTable.of(small(), rows);
    KAnonymity.Result r = new KAnonymity(t, 3, 0, KAnonymity.Metric.DISCERNIBILITY).solve();
    // Ages differ (level 0 fails), cities differ (city must be FR or age must merge both cities' rows: 6 rows in
    // 20-29 with city kept gives classes of 3 per city once the flag is generalized).
    assertThat(r.levels()).containsExactly(1, 0, 1);
    assertThat(r.suppressed()).isZero();
    assertThat(r.classes()).isEqualTo(2);
  }

  /**
   * On random tables, the search finds the same least loss as evaluating every node of the lattice, for every metric,
   * k and suppression limit tried.
   */
  @ParameterizedTest
  @EnumSource(KAnonymity.Metric.class)
  void agreesWithExhaustiveSearch(KAnonymity.Metric metric) {
    SplittableRandom rnd = new SplittableRandom(17);
    int checked = 0;
    for (int trial = 0; trial < 40; trial++) {
      QiTable t = QiTable.of(small(), rows(rnd, 30 + rnd.nextInt(300)));
      int k = 2 + rnd.nextInt(8);
      double limit = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.1;
      KAnonymity solver = new KAnonymity(t, k, limit, metric);
      KAnonymity.Result r = solver.solve();
      double bestLoss = Double.POSITIVE_INFINITY;
      long maxSuppressed = (long) Math.floor(limit * t.records());
      for (int a = 0; a < 4; a++) {
        for (int c = 0; c < 3; c++) {
          for (int f = 0; f < 2; f++) {
            KAnonymity.Evaluation e = solver.evaluate(new int[] {a, c, f});
            if (e.suppressed() <= maxSuppressed) {
              bestLoss = Math.min(bestLoss, e.loss());
            }
          }
        }
      }
      assertThat(r.levels()).as("trial %d", trial).isNotNull(); // the top node always qualifies here
      assertThat(r.informationLoss()).as("trial %d k %d limit %s", trial, k, limit).isCloseTo(bestLoss, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(r.suppressed()).isLessThanOrEqualTo(maxSuppressed);
      checked++;
    }
    assertThat(checked).isEqualTo(40);
  }

  /**
   * Distinct l-diversity: on random tables with a sensitive column, the suppression of every node counted naively
   * (group the generalized rows, a class under k or with fewer than l sensitive values is suppressed) equals the
   * solver's, and the solver's answer is the least loss among the nodes within the limit.
   */
  @ParameterizedTest
  @EnumSource(KAnonymity.Metric.class)
  void lDiversityAgreesWithANaiveCount(KAnonymity.Metric metric) {
    SplittableRandom rnd = new SplittableRandom(23);
    List<Hierarchy> hs = small();
    int diverseAnswers = 0;
    for (int trial = 0; trial < 30; trial++) {
      List<String[]> rows = rows(rnd, 40 + rnd.nextInt(200));
      List<String> sensitive = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        sensitive.add("s" + rnd.nextInt(1 + rnd.nextInt(4)));
      }
      long[] ones = new long[rows.size()];
      java.util.Arrays.fill(ones, 1);
      QiTable t = QiTable.ofCounts(hs, rows, ones, sensitive);
      int k = 2 + rnd.nextInt(4);
      int l = 2 + rnd.nextInt(2);
      double limit = rnd.nextDouble() * 0.2;
      KAnonymity solver = new KAnonymity(t, k, l, limit, metric);
      long maxSuppressed = (long) Math.floor(limit * t.records());
      double bestLoss = Double.POSITIVE_INFINITY;
      for (int a = 0; a < 4; a++) {
        for (int c = 0; c < 3; c++) {
          for (int f = 0; f < 2; f++) {
            int[] levels = {a, c, f};
            java.util.Map<String, List<String>> classes = new java.util.HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
              String key = hs.get(0).generalize(rows.get(i)[0], a) + "|" + hs.get(1).generalize(rows.get(i)[1], c)
                  + "|" + hs.get(2).generalize(rows.get(i)[2], f);
              classes.computeIfAbsent(key, x -> new ArrayList<>()).add(sensitive.get(i));
            }
            long naive = 0;
            for (List<String> members : classes.values()) {
              if (members.size() < k || new java.util.HashSet<>(members).size() < l) {
                naive += members.size();
              }
            }
            KAnonymity.Evaluation e = solver.evaluate(levels);
            assertThat(e.suppressed()).as("trial %d node %d%d%d", trial, a, c, f).isEqualTo(naive);
            if (naive <= maxSuppressed) {
              bestLoss = Math.min(bestLoss, e.loss());
            }
          }
        }
      }
      KAnonymity.Result r = solver.solve();
      if (bestLoss == Double.POSITIVE_INFINITY) {
        assertThat(r.levels()).as("trial %d", trial).isNull();
      } else {
        diverseAnswers++;
        assertThat(r.informationLoss()).as("trial %d", trial).isCloseTo(bestLoss, org.assertj.core.data.Offset.offset(1e-6));
      }
    }
    assertThat(diverseAnswers).isGreaterThan(10);
  }
}
