package dev.veil.transforms.deidentify.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs recognizers over a text and resolves overlapping findings deterministically: the higher score wins, then the
 * longer span, then a finding that names its subject (a directory person), then the earlier start, then the entity
 * type's order, then the recognizer's name. Returns findings sorted by start. Thread-safe.
 */
public final class Detector {
  private static final Comparator<Finding> PRIORITY =
      Comparator.comparingDouble(Finding::score)
          .reversed()
          .thenComparing(Comparator.comparingInt(Finding::length).reversed())
          .thenComparing(f -> f.subject() == null)
          .thenComparingInt(Finding::start)
          .thenComparing(Finding::type)
          .thenComparing(Finding::recognizer);

  private final List<Recognizer> recognizers;
  /** Per recognizer, the ids of its triggers (empty: always runs). */
  private final int[][] triggerIds;
  /** Every recognizer's trigger texts, found in one pass. */
  private final Keywords<TriggerIds> triggers;
  private final java.util.SortedMap<String, TriggerIds> triggerKeywords;

  /**
   * What one trigger text sets when found: its text id ({@link TextFacts#textId}), the id recognizers wanting it anywhere know it by (or -1), and
   * the id of those wanting it as a whole word (or -1).
   */
  public record TriggerIds(int text, int part, int word) implements java.io.Serializable {}

  public Detector(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
    this.triggerIds = new int[this.recognizers.size()][];
    java.util.Map<Recognizer.Trigger, Integer> idOf = new java.util.HashMap<>();
    java.util.Set<String> texts = new java.util.TreeSet<>();
    for (int i = 0; i < this.recognizers.size(); i++) {
      List<Recognizer.Trigger> ts = this.recognizers.get(i).triggers();
      triggerIds[i] = new int[ts.size()];
      for (int j = 0; j < ts.size(); j++) {
        Recognizer.Trigger t = ts.get(j);
        texts.add(t.text());
        triggerIds[i][j] = idOf.computeIfAbsent(t, k -> idOf.size());
      }
    }
    java.util.TreeMap<String, TriggerIds> all = new java.util.TreeMap<>();
    for (String text : texts) {
      all.put(
          text,
          new TriggerIds(
              TextFacts.textId(text),
              idOf.getOrDefault(Recognizer.Trigger.part(text), -1),
              idOf.getOrDefault(Recognizer.Trigger.word(text), -1)));
    }
    this.triggers = new Keywords<>(all, true);
    this.triggerKeywords = java.util.Collections.unmodifiableSortedMap(all);
  }

  /**
   * The trigger texts (lower-case) and what each sets: for a caller that finds them in its own keyword pass (see
   * {@link #onTrigger}, {@link #findTriggered}) instead of {@link #findAll}'s.
   */
  public java.util.SortedMap<String, TriggerIds> triggerKeywords() {
    return triggerKeywords;
  }

  /** Records one occurrence, at [start, end), of a trigger text found by the caller's own pass. */
  public static void onTrigger(TextFacts facts, int start, int end, TriggerIds t) {
    facts.trigger(t.text(), t.part());
    if (t.word() >= 0 && facts.wholeWord(start, end)) {
      facts.trigger(-1, t.word());
    }
  }

  /** The recognizers every run uses: patterns, secrets, and phones for the given default regions. */
  public static Detector standard(List<String> phoneRegions) {
    return standard(phoneRegions, List.of());
  }

  /** The standard recognizers plus the policy's deny-list. */
  public static Detector standard(List<String> phoneRegions, List<String> deny) {
    List<Recognizer> all = new ArrayList<>(PatternRecognizers.all());
    all.add(new Secrets());
    all.add(new NationalIds());
    all.add(new UrlCredentials());
    all.add(new Hosts());
    all.add(new PathUsers());
    all.add(new DatesOfBirth());
    all.add(new Phones(phoneRegions));
    all.add(new DenyList(deny));
    all.add(new Urls());
    all.add(new Ages());
    all.add(new PersonNames());
    return new Detector(all);
  }

  public List<Finding> detect(String text) {
    List<Finding> raw = new ArrayList<>();
    findAll(new TextFacts(text), raw);
    return resolve(raw);
  }

  /** Every recognizer's findings, overlaps unresolved. */
  public void findAll(TextFacts facts, List<Finding> out) {
    triggers.find(facts, false, (start, end, t) -> onTrigger(facts, start, end, t));
    findTriggered(facts, out);
  }

  /** Every recognizer's findings, once the caller has found the triggers ({@link #onTrigger}). */
  public void findTriggered(TextFacts facts, List<Finding> out) {
    for (int i = 0; i < recognizers.size(); i++) {
      if (runs(i, facts)) {
        recognizers.get(i).find(facts, out);
      }
    }
  }

  private boolean runs(int recognizer, TextFacts facts) {
    int[] ids = triggerIds[recognizer];
    if (ids.length == 0 || !recognizers.get(recognizer).gatedByTriggers()) {
      return true;
    }
    for (int id : ids) {
      if (facts.triggered(id)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps the winner of each overlap (see the class comment); the result is sorted by start. */
  public static List<Finding> resolve(List<Finding> raw) {
    if (raw.size() <= 1) {
      return raw;
    }
    List<Finding> sorted = new ArrayList<>(raw);
    sorted.sort(PRIORITY);
    List<Finding> kept = new ArrayList<>();
    for (Finding f : sorted) {
      boolean free = true;
      for (int i = 0; i < kept.size() && free; i++) {
        free = !kept.get(i).overlaps(f);
      }
      if (free) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }

  /** Replaces each finding with its type's placeholder (what {@code redact} does; for tests and quick looks). */
  public static String redact(String text, List<Finding> findings) {
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Finding f : findings) {
      out.append(text, last, f.start()).append(f.type().placeholder());
      last = f.end();
    }
    return out.append(text, last, text.length()).toString();
  }
}
