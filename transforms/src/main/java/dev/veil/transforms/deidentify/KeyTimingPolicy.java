package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;
import java.util.Objects;

/**
 * What of the per-key timing of typed text the job releases ({@code capture.key_timing}), before the run's population
 * is known: {@link #none()} (the default: no per-key times), {@link #bucket(int)} (each hold and latency rounded after
 * a keyed per-session offset; measured to leave typists identifiable, see {@code docs/typing-risk.md}) or
 * {@link #resample()} (each hold and latency drawn from the run's population distribution for that key or digraph).
 * {@link #resolve} turns it into the {@link KeyTiming} applied to each session.
 */
public final class KeyTimingPolicy implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MIN_RESOLUTION_MS = 10;

  private final KeyTiming.Kind kind;
  private final int resolutionMs;

  private KeyTimingPolicy(KeyTiming.Kind kind, int resolutionMs) {
    this.kind = kind;
    this.resolutionMs = resolutionMs;
  }

  public static KeyTimingPolicy none() {
    return new KeyTimingPolicy(KeyTiming.Kind.DROP, 0);
  }

  public static KeyTimingPolicy bucket(int resolutionMs) {
    checkArgument(
        resolutionMs >= MIN_RESOLUTION_MS && resolutionMs <= 60_000, "key timing resolution must be 10–60000 ms");
    return new KeyTimingPolicy(KeyTiming.Kind.BUCKET, resolutionMs);
  }

  public static KeyTimingPolicy resample() {
    return new KeyTimingPolicy(KeyTiming.Kind.RESAMPLE, 0);
  }

  /** Whether any per-key time is released. */
  public boolean released() {
    return kind != KeyTiming.Kind.DROP;
  }

  /** Whether the run's keystroke population ({@link PoolKeyTiming}) is needed. */
  public boolean needsPopulation() {
    return kind == KeyTiming.Kind.RESAMPLE;
  }

  public KeyTiming.Kind kind() {
    return kind;
  }

  public int resolutionMs() {
    return resolutionMs;
  }

  /**
   * The option applied to each session. {@code population}: the run's (for {@link #resample()}; ignored otherwise).
   * Resampling from a population with no timed keystroke releases nothing, as none does.
   */
  public KeyTiming resolve(KeyTiming.Population population) {
    return switch (kind) {
      case BUCKET -> KeyTiming.bucket(resolutionMs);
      case RESAMPLE -> population == null || population.isEmpty() ? KeyTiming.drop() : KeyTiming.resample(population);
      default -> KeyTiming.drop();
    };
  }

  /** {@code none}, {@code bucket N ms} or {@code resample}, as the manifest records it. */
  @Override
  public String toString() {
    return switch (kind) {
      case BUCKET -> "bucket " + resolutionMs + " ms";
      case RESAMPLE -> "resample";
      default -> "none";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyTimingPolicy p && p.kind == kind && p.resolutionMs == resolutionMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, resolutionMs);
  }
}
