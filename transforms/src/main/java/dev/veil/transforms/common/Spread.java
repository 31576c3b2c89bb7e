package dev.veil.transforms.common;

import org.apache.beam.sdk.transforms.Reshuffle;

/**
 * Redistributes elements over workers. A bounded number of random keys: enough for any cluster Veil targets, and few
 * enough that runners which make one bundle per key (Beam's Direct runner) are not slowed down by one bundle per
 * element.
 */
public final class Spread {
  /** Distinct random keys a redistribution uses. */
  public static final int BUCKETS = 64;

  private Spread() {}

  public static <T> Reshuffle.ViaRandomKey<T> evenly() {
    return Reshuffle.<T>viaRandomKey().withNumBuckets(BUCKETS);
  }
}
