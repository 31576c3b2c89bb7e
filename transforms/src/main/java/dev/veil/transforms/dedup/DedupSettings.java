package dev.veil.transforms.dedup;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;

/**
 * How the training set is deduplicated (the policy's {@code dedup:}): exact duplicates of examples (normalized text),
 * near duplicates (MinHash over word n-grams, LSH bands × rows, candidates confirmed at an estimated Jaccard
 * similarity, clusters resolved in a bounded number of rounds), and repeated chat messages (bots' at any length,
 * people's from a minimum length). Immutable.
 */
public final class DedupSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean exact;
  private final boolean near;
  private final int ngram;
  private final int bands;
  private final int rows;
  private final double threshold;
  private final int rounds;
  private final boolean messages;
  private final int messageMinChars;

  private DedupSettings(
      boolean exact, boolean near, int ngram, int bands, int rows, double threshold, int rounds, boolean messages,
      int messageMinChars) {
    checkArgument(ngram >= 1 && ngram <= 20, "dedup ngram must be between 1 and 20");
    checkArgument(bands >= 1 && rows >= 1 && bands * rows <= 1024, "dedup bands × rows must be between 1 and 1024");
    checkArgument(threshold > 0 && threshold <= 1, "dedup threshold must be in (0, 1]");
    checkArgument(rounds >= 1 && rounds <= 64, "dedup rounds must be between 1 and 64");
    checkArgument(messageMinChars >= 0, "dedup message min_chars must be non-negative");
    this.exact = exact;
    this.near = near;
    this.ngram = ngram;
    this.bands = bands;
    this.rows = rows;
    this.threshold = threshold;
    this.rounds = rounds;
    this.messages = messages;
    this.messageMinChars = messageMinChars;
  }

  /**
   * Everything on: 5-grams, 14 bands × 8 rows (FineWeb's configuration), threshold 0.75, 4 rounds (labels settle over
   * paths of about 46 confirmed pairs), messages ≥ 32 characters.
   */
  public static DedupSettings defaults() {
    return new DedupSettings(true, true, 5, 14, 8, 0.75, 4, true, 32);
  }

  /** Nothing deduplicated. */
  public static DedupSettings off() {
    return new DedupSettings(false, false, 5, 14, 8, 0.75, 4, false, 32);
  }

  public DedupSettings withExact(boolean on) {
    return new DedupSettings(on, near, ngram, bands, rows, threshold, rounds, messages, messageMinChars);
  }

  public DedupSettings withNear(boolean on, int ngram, int bands, int rows, double threshold, int rounds) {
    return new DedupSettings(exact, on, ngram, bands, rows, threshold, rounds, messages, messageMinChars);
  }

  public DedupSettings withMessages(boolean on, int minChars) {
    return new DedupSettings(exact, near, ngram, bands, rows, threshold, rounds, on, minChars);
  }

  public boolean exact() {
    return exact;
  }

  public boolean near() {
    return near;
  }

  public int ngram() {
    return ngram;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  public double threshold() {
    return threshold;
  }

  public int rounds() {
    return rounds;
  }

  public boolean messages() {
    return messages;
  }

  public int messageMinChars() {
    return messageMinChars;
  }

  public MinHash minHash() {
    return new MinHash(ngram, bands, rows);
  }

  /** For the manifest: the settings as key → value, in a fixed order. */
  public java.util.LinkedHashMap<String, Object> describe() {
    java.util.LinkedHashMap<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("exact", exact);
    d.put("near", near);
    d.put("ngram", ngram);
    d.put("bands", bands);
    d.put("rows", rows);
    d.put("threshold", threshold);
    d.put("rounds", rounds);
    d.put("messages", messages);
    d.put("message_min_chars", messageMinChars);
    return d;
  }

  @Override
  public String toString() {
    return describe().toString();
  }
}
