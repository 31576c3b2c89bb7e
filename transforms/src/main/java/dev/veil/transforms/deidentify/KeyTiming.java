package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.read.Keystroke;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What of a session's per-key timing would be released: each keystroke's hold time (up − down) and its latency
 * (down − previous down). Typing rhythm identifies people ({@code docs/typing-risk.md}): {@code veil risk typing}
 * measures these options, and the job applies the one {@code capture.key_timing} names ({@link KeyTimingPolicy}:
 * drop by default, bucket, resample) to each episode's typed keys.
 *
 * <ul>
 *   <li>{@link #raw()}: the times as recorded (the attack's baseline).
 *   <li>{@link #drop()}: keys in order, no times.
 *   <li>{@link #bucket(int)}: each hold and latency rounded down to the resolution after a keyed per-session offset in
 *       [0, resolution) (as {@link Timing} does for action times), times rebuilt from the first key at 0.
 *   <li>{@link #resample(Population)}: each hold replaced by a draw from the population's distribution of that key's
 *       hold times, each latency by a draw from that digraph's latencies (pooled across all people; the pooled
 *       distribution of all holds or all latencies when the key or digraph is rare), the quantile drawn being a keyed
 *       hash of session and position: the released rhythm carries the population's shape, nothing of the person.
 * </ul>
 *
 * <p>Deterministic: the same key, session name and keystrokes give the same output on any worker or run; no
 * {@code java.util.Random}, no clock.
 */
public final class KeyTiming implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The four options. */
  public enum Kind {
    RAW,
    DROP,
    BUCKET,
    RESAMPLE
  }

  private final Kind kind;
  private final int resolutionMs;
  private final Population population;

  private KeyTiming(Kind kind, int resolutionMs, Population population) {
    this.kind = kind;
    this.resolutionMs = resolutionMs;
    this.population = population;
  }

  public static KeyTiming raw() {
    return new KeyTiming(Kind.RAW, 0, null);
  }

  public static KeyTiming drop() {
    return new KeyTiming(Kind.DROP, 0, null);
  }

  public static KeyTiming bucket(int resolutionMs) {
    checkArgument(resolutionMs >= 1 && resolutionMs <= 60_000, "bucket resolution must be 1–60000 ms");
    return new KeyTiming(Kind.BUCKET, resolutionMs, null);
  }

  public static KeyTiming resample(Population population) {
    checkArgument(population != null && !population.isEmpty(), "resample needs a non-empty population");
    return new KeyTiming(Kind.RESAMPLE, 0, population);
  }

  public Kind kind() {
    return kind;
  }

  public int resolutionMs() {
    return resolutionMs;
  }

  /**
   * The keystrokes of one session as this option releases them. {@code session} names the session (its folder); with
   * {@code pseudonyms} (the job's key) it seeds the bucket offset and the resample draws.
   */
  public List<Keystroke> release(List<Keystroke> keys, String session, Pseudonyms pseudonyms) {
    List<Keystroke> out = new ArrayList<>(keys.size());
    switch (kind) {
      case RAW -> out.addAll(keys);
      case DROP -> keys.forEach(k -> out.add(Keystroke.untimed(k.key())));
      default -> {
        long offset =
            kind == Kind.BUCKET ? Math.floorMod(pseudonyms.seed("key_timing_offset", session), (long) resolutionMs) : 0;
        long down = 0;
        for (int i = 0; i < keys.size(); i++) {
          Keystroke k = keys.get(i);
          if (!k.timed()) {
            out.add(Keystroke.untimed(k.key()));
            continue;
          }
          // A latency needs both downs: after an untimed key the chain goes on without one.
          if (i > 0 && keys.get(i - 1).timed()) {
            Keystroke prev = keys.get(i - 1);
            down +=
                kind == Kind.BUCKET
                    ? bucketed(Math.max(k.downMs() - prev.downMs(), 0), offset)
                    : population.latency(prev.key(), k.key(), unit(pseudonyms, session, i, "latency"));
          }
          long hold = k.holdMs();
          long released =
              hold < 0
                  ? -1
                  : kind == Kind.BUCKET
                      ? bucketed(hold, offset)
                      : population.hold(k.key(), unit(pseudonyms, session, i, "hold"));
          out.add(new Keystroke(k.key(), down, released < 0 ? -1 : down + released));
        }
      }
    }
    return out;
  }

  private long bucketed(long ms, long offset) {
    return (ms + offset) / resolutionMs * resolutionMs;
  }

  /** A keyed draw in [0, 1) for the keystroke at {@code position} of {@code session}. */
  private static double unit(Pseudonyms pseudonyms, String session, int position, String what) {
    return (pseudonyms.seed("key_timing_draw", session + "\u0000" + position + "\u0000" + what) >>> 11) * 0x1.0p-53;
  }

  /** {@code raw}, {@code drop}, {@code bucket:MS} or {@code resample}: the option's name as the command line takes it. */
  @Override
  public String toString() {
    return kind == Kind.BUCKET ? "bucket:" + resolutionMs : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Population distributions of hold times per key and latencies per digraph, pooled across all people, kept as
   * {@value #QUANTILES} quantile steps (so a distribution is a small fixed-size array whatever the data). A key or
   * digraph seen fewer than {@value #MIN_SAMPLES} times draws from the pooled distribution of all holds or latencies.
   */
  public static final class Population implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int QUANTILES = 64;
    public static final int MIN_SAMPLES = 20;
    static final String ALL = "*";

    private final TreeMap<String, double[]> holds;
    private final TreeMap<String, double[]> latencies;

    private Population(TreeMap<String, double[]> holds, TreeMap<String, double[]> latencies) {
      this.holds = holds;
      this.latencies = latencies;
    }

    public static Builder builder() {
      return new Builder();
    }

    public boolean isEmpty() {
      return !holds.containsKey(ALL) && !latencies.containsKey(ALL);
    }

    /** A hold time of {@code key} at quantile {@code u} in [0, 1), in ms. */
    public long hold(String key, double u) {
      return draw(holds.getOrDefault(key, holds.get(ALL)), u);
    }

    /** A latency from {@code previous} to {@code key} at quantile {@code u} in [0, 1), in ms. */
    public long latency(String previous, String key, double u) {
      return draw(latencies.getOrDefault(previous + " " + key, latencies.get(ALL)), u);
    }

    /** Keys and digraphs with a distribution of their own (the pooled ones included). */
    public int distributions() {
      return holds.size() + latencies.size();
    }

    private static long draw(double[] q, double u) {
      if (q == null) {
        return 0;
      }
      double pos = Math.max(0, Math.min(1, u)) * QUANTILES;
      int i = Math.min((int) pos, QUANTILES - 1);
      return Math.round(q[i] + (pos - i) * (q[i + 1] - q[i]));
    }

    /**
     * Collects holds and latencies session by session, as exact histograms (a count per millisecond value), so that
     * builders merge in any order to the same population: the quantiles depend on the multiset of times, never on
     * the order sessions arrive in ({@link PoolKeyTiming} merges builders across workers). Not thread-safe.
     */
    public static final class Builder implements Serializable {
      private static final long serialVersionUID = 1L;
      private final TreeMap<String, TreeMap<Long, Long>> holds = new TreeMap<>();
      private final TreeMap<String, TreeMap<Long, Long>> latencies = new TreeMap<>();

      private Builder() {}

      /**
       * Adds one session's keystrokes (in the order they went down). A latency is taken between consecutive timed
       * keystrokes only, so an untimed key or a {@link Keystroke#gap()} breaks the chain.
       */
      public Builder add(List<Keystroke> keys) {
        for (int i = 0; i < keys.size(); i++) {
          Keystroke k = keys.get(i);
          if (k.holdMs() >= 0) {
            count(holds, k.key(), k.holdMs(), 1);
            count(holds, ALL, k.holdMs(), 1);
          }
          if (i > 0 && k.timed() && keys.get(i - 1).timed()) {
            long latency = k.downMs() - keys.get(i - 1).downMs();
            count(latencies, keys.get(i - 1).key() + " " + k.key(), latency, 1);
            count(latencies, ALL, latency, 1);
          }
        }
        return this;
      }

      /** Adds everything {@code other} collected. */
      public Builder merge(Builder other) {
        other.holds.forEach((f, h) -> h.forEach((v, n) -> count(holds, f, v, n)));
        other.latencies.forEach((f, h) -> h.forEach((v, n) -> count(latencies, f, v, n)));
        return this;
      }

      public Population build() {
        return new Population(quantiles(holds), quantiles(latencies));
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Builder b && b.holds.equals(holds) && b.latencies.equals(latencies);
      }

      @Override
      public int hashCode() {
        return holds.hashCode() * 31 + latencies.hashCode();
      }

      private static void count(TreeMap<String, TreeMap<Long, Long>> to, String feature, long value, long n) {
        to.computeIfAbsent(feature, x -> new TreeMap<>()).merge(value, n, Long::sum);
      }

      /**
       * {@value #QUANTILES} + 1 quantile steps of each feature with at least {@value #MIN_SAMPLES} samples (and of
       * {@code *}): the value at rank j·(n − 1)/{@value #QUANTILES} of the sorted samples, interpolated linearly
       * between neighbouring ranks.
       */
      private static TreeMap<String, double[]> quantiles(TreeMap<String, TreeMap<Long, Long>> samples) {
        TreeMap<String, double[]> out = new TreeMap<>();
        samples.forEach(
            (feature, histogram) -> {
              long n = histogram.values().stream().mapToLong(Long::longValue).sum();
              if (n >= MIN_SAMPLES || feature.equals(ALL)) {
                long[] values = new long[histogram.size()];
                long[] below = new long[histogram.size() + 1];
                int v = 0;
                for (Map.Entry<Long, Long> e : histogram.entrySet()) {
                  values[v] = e.getKey();
                  below[v + 1] = below[v] + e.getValue();
                  v++;
                }
                double[] q = new double[QUANTILES + 1];
                for (int j = 0; j <= QUANTILES; j++) {
                  double pos = j * (n - 1) / (double) QUANTILES;
                  long lo = (long) Math.floor(pos);
                  long hi = Math.min(lo + 1, n - 1);
                  long atLo = valueAt(values, below, lo);
                  q[j] = atLo + (pos - lo) * (valueAt(values, below, hi) - atLo);
                }
                out.put(feature, q);
              }
            });
        return out;
      }

      /**
       * The value of rank {@code rank} (0-based, below n) in sorted order. {@code below[i]} counts the samples smaller
       * than {@code values[i]} (strictly increasing), so the rank falls at the last i with {@code below[i] <= rank}.
       */
      private static long valueAt(long[] values, long[] below, long rank) {
        int i = Arrays.binarySearch(below, 0, values.length, rank);
        return values[i >= 0 ? i : -i - 2];
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Population p) || !p.holds.keySet().equals(holds.keySet())
          || !p.latencies.keySet().equals(latencies.keySet())) {
        return false;
      }
      return holds.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), p.holds.get(e.getKey())))
          && latencies.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), p.latencies.get(e.getKey())));
    }

    @Override
    public int hashCode() {
      return holds.keySet().hashCode() * 31 + latencies.keySet().hashCode();
    }
  }
}
