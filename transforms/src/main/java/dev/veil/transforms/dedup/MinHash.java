package dev.veil.transforms.dedup;

import java.io.Serializable;

/**
 * MinHash signatures of word n-gram sets, and their LSH band keys. A text's shingles are its n-grams of normalized
 * words ({@link TextNormalizer}); each of {@code bands × rows} hash functions (multiply-shift over a 64-bit shingle
 * hash, constants from a fixed SplitMix64 stream, so every worker and every run uses the same functions) keeps its
 * minimum. Two texts share a band's key when their signatures agree on all of that band's rows, which happens with
 * probability J<sup>rows</sup> for Jaccard similarity J; the share of agreeing rows estimates J. Thread-safe.
 */
public final class MinHash implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int ngram;
  private final int bands;
  private final int rows;
  private final long[] a;
  private final long[] b;

  public MinHash(int ngram, int bands, int rows) {
    if (ngram < 1 || bands < 1 || rows < 1 || bands * rows > 1024) {
      throw new IllegalArgumentException("ngram, bands and rows must be positive, bands × rows at most 1024");
    }
    this.ngram = ngram;
    this.bands = bands;
    this.rows = rows;
    int k = bands * rows;
    a = new long[k];
    b = new long[k];
    long state = 0x5eed_0f_ded0b5L;
    for (int i = 0; i < k; i++) {
      state += 0x9E3779B97F4A7C15L;
      a[i] = mix(state) | 1L; // odd multipliers
      state += 0x9E3779B97F4A7C15L;
      b[i] = mix(state);
    }
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

  /** Number of hash functions (the signature's length). */
  public int size() {
    return bands * rows;
  }

  /** Whether a normalized text has at least one full n-gram (shorter texts are only deduplicated exactly). */
  public boolean hasShingles(String normalized) {
    return words(normalized) >= ngram;
  }

  /**
   * The signature of a normalized text with at least {@link #ngram()} words: per hash function, the minimum over the
   * text's n-grams of the function's value (the high 32 bits of {@code a·h + b}).
   */
  public int[] signature(String normalized) {
    String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    if (words.length < ngram) {
      throw new IllegalArgumentException("text has fewer than " + ngram + " words");
    }
    long[] wordHash = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      wordHash[i] = hash(words[i]);
    }
    int k = size();
    int[] sig = new int[k];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    long[] min = new long[k];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    for (int s = 0; s + ngram <= words.length; s++) {
      long h = 0x2545F4914F6CDD1DL;
      for (int w = s; w < s + ngram; w++) {
        h = mix(h ^ wordHash[w]);
      }
      for (int i = 0; i < k; i++) {
        long v = (a[i] * h + b[i]) >>> 32;
        if (v < min[i]) {
          min[i] = v;
        }
      }
    }
    for (int i = 0; i < k; i++) {
      sig[i] = (int) min[i];
    }
    return sig;
  }

  /** The key of band {@code band}: a 64-bit hash of the band's index and its rows' values. */
  public long bandKey(int[] signature, int band) {
    long h = mix(0x6A09E667F3BCC909L ^ band);
    for (int r = band * rows; r < (band + 1) * rows; r++) {
      h = mix(h ^ (signature[r] & 0xFFFFFFFFL));
    }
    return h;
  }

  /** The share of hash functions on which two signatures agree: an estimate of the texts' Jaccard similarity. */
  public static double similarity(int[] x, int[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("signatures of different lengths");
    }
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        same++;
      }
    }
    return same / (double) x.length;
  }

  /** The exact Jaccard similarity of two normalized texts' n-gram sets (for evaluation and tests). */
  public double jaccard(String x, String y) {
    java.util.Set<String> a1 = shingles(x);
    java.util.Set<String> b1 = shingles(y);
    if (a1.isEmpty() && b1.isEmpty()) {
      return 1;
    }
    java.util.Set<String> both = new java.util.HashSet<>(a1);
    both.retainAll(b1);
    return both.size() / (double) (a1.size() + b1.size() - both.size());
  }

  private java.util.Set<String> shingles(String normalized) {
    String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int s = 0; s + ngram <= words.length; s++) {
      out.add(String.join(" ", java.util.Arrays.copyOfRange(words, s, s + ngram)));
    }
    return out;
  }

  private static int words(String normalized) {
    if (normalized.isEmpty()) {
      return 0;
    }
    int n = 1;
    for (int i = 0; i < normalized.length(); i++) {
      if (normalized.charAt(i) == ' ') {
        n++;
      }
    }
    return n;
  }

  /** FNV-1a over the word's characters, then mixed. */
  private static long hash(String word) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < word.length(); i++) {
      h ^= word.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
