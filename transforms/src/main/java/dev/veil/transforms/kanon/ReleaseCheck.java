package dev.veil.transforms.kanon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent check of a release: recounts the equivalence classes from the examples as they are written (not
 * from the solver's answer) and fails if any class is smaller than k or, under l-diversity, holds fewer than l
 * distinct sensitive values. Examples whose quasi-identifiers are all {@code *} reveal none of them: they are counted
 * as suppressed, not as a class (whether the solver suppressed them or generalized every attribute to its top). Failure messages give counts only, never values.
 */
public final class ReleaseCheck {
  private final KAnonSettings settings;
  private final Map<List<String>, long[]> sizes = new HashMap<>();
  private final Map<List<String>, Set<String>> sensitive = new HashMap<>();

  public ReleaseCheck(KAnonSettings settings) {
    this.settings = settings;
  }

  /** Counts {@code n} released records with these quasi-identifier values and sensitive value. */
  public ReleaseCheck add(List<String> values, String sensitiveValue, long n) {
    sizes.computeIfAbsent(List.copyOf(values), v -> new long[1])[0] += n;
    if (settings.l() > 1) {
      sensitive.computeIfAbsent(List.copyOf(values), v -> new HashSet<>()).add(sensitiveValue);
    }
    return this;
  }

  /** The release's risk, or an {@link IllegalStateException} naming how many classes break the bar. */
  public RiskStats verify() {
    long small = 0;
    long smallest = Long.MAX_VALUE;
    long notDiverse = 0;
    long suppressed = 0;
    List<Long> released = new java.util.ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : sizes.entrySet()) {
      long c = e.getValue()[0];
      if (e.getKey().stream().allMatch(HierarchySpec.TOP::equals)) {
        suppressed = c; // suppressed (or generalized to the top): no quasi-identifier revealed, not a class
        continue;
      }
      released.add(c);
      smallest = Math.min(smallest, c);
      if (c < settings.k()) {
        small++;
      }
      if (settings.l() > 1 && sensitive.get(e.getKey()).size() < settings.l()) {
        notDiverse++;
      }
    }
    if (small > 0 || notDiverse > 0) {
      throw new IllegalStateException(
          "k-anonymity verification failed: "
              + (small > 0 ? small + " released classes smaller than k = " + settings.k() + " (smallest " + smallest + ")" : "")
              + (small > 0 && notDiverse > 0 ? "; " : "")
              + (notDiverse > 0 ? notDiverse + " released classes with fewer than l = " + settings.l() + " distinct " + settings.sensitive() + " values" : "")
              + "; nothing is released");
    }
    return RiskStats.of(released, suppressed);
  }
}
