package dev.veil.transforms.deidentify.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs recognizers over a text and resolves overlapping findings deterministically: the higher score wins, then the
 * longer span, then the earlier start, then the entity type's order. Returns findings sorted by start. Thread-safe.
 */
public final class Detector {
  private static final Comparator<Finding> PRIORITY =
      Comparator.comparingDouble(Finding::score)
          .reversed()
          .thenComparing(Comparator.comparingInt(Finding::length).reversed())
          .thenComparingInt(Finding::start)
          .thenComparing(Finding::type);

  private final List<Recognizer> recognizers;

  public Detector(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
  }

  /** The recognizers every run uses: patterns, secrets, and phones for the given default regions. */
  public static Detector standard(List<String> phoneRegions) {
    return standard(phoneRegions, List.of());
  }

  /** The standard recognizers plus the policy's deny-list. */
  public static Detector standard(List<String> phoneRegions, List<String> deny) {
    List<Recognizer> all = new ArrayList<>(PatternRecognizers.all());
    all.add(new Secrets());
    all.add(new Phones(phoneRegions));
    all.add(new DenyList(deny));
    all.add(new PersonNames());
    return new Detector(all);
  }

  public List<Finding> detect(String text) {
    List<Finding> raw = new ArrayList<>();
    for (Recognizer r : recognizers) {
      r.find(text, raw);
    }
    if (raw.size() <= 1) {
      return raw;
    }
    raw.sort(PRIORITY);
    List<Finding> kept = new ArrayList<>();
    for (Finding f : raw) {
      if (kept.stream().noneMatch(f::overlaps)) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }

  /**
   * Replaces each finding with its type's placeholder. A finding lying wholly inside characters {@code skip} marks
   * (a pseudonym already written) stays; one that reaches past them is replaced whole, pseudonym included, so that
   * nothing around a replaced name survives (an e-mail whose local part was a handle, say).
   */
  public static String redact(String text, List<Finding> findings, boolean[] skip) {
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Finding f : findings) {
      if (insideSkip(skip, f)) {
        continue;
      }
      out.append(text, last, f.start()).append(f.type().placeholder());
      last = f.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** Whether every character of the finding is marked in {@code skip} (false when there is no mask). */
  public static boolean insideSkip(boolean[] skip, Finding f) {
    if (skip == null) {
      return false;
    }
    for (int i = f.start(); i < f.end(); i++) {
      if (i >= skip.length || !skip[i]) {
        return false;
      }
    }
    return true;
  }
}
