package dev.veil.transforms.exclude;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The policy's retention window: content dated before {@code as_of − max_age_days} (00:00 UTC) is removed. The
 * reference date is part of the policy, never the wall clock, so the same policy removes the same records in every
 * run. Content without a known date (a ticket export without {@code created}, a recording without a start time) is
 * kept: it cannot be shown to be older.
 */
public final class Retention implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Retention NONE = new Retention(0, null, Long.MIN_VALUE);

  private final int maxAgeDays;
  private final String asOf;
  private final long keepFromMicros;

  private Retention(int maxAgeDays, String asOf, long keepFromMicros) {
    this.maxAgeDays = maxAgeDays;
    this.asOf = asOf;
    this.keepFromMicros = keepFromMicros;
  }

  /** No window: nothing is removed for its age. */
  public static Retention none() {
    return NONE;
  }

  /** Keeps content dated on or after {@code asOf − maxAgeDays}, 00:00 UTC. */
  public static Retention of(int maxAgeDays, LocalDate asOf) {
    checkArgument(maxAgeDays >= 1, "max_age_days must be at least 1");
    checkArgument(asOf != null, "as_of must be set");
    long keepFrom = asOf.minusDays(maxAgeDays).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    return new Retention(maxAgeDays, asOf.toString(), keepFrom);
  }

  public boolean isNone() {
    return asOf == null;
  }

  /** Whether content dated {@code micros} (epoch microseconds; negative = unknown, kept) is outside the window. */
  public boolean expired(long micros) {
    return micros >= 0 && micros < keepFromMicros;
  }

  /** The first kept instant, epoch microseconds ({@link Long#MIN_VALUE} without a window). */
  public long keepFromMicros() {
    return keepFromMicros;
  }

  public int maxAgeDays() {
    return maxAgeDays;
  }

  /** The reference date, {@code YYYY-MM-DD}, or null without a window. */
  public String asOf() {
    return asOf;
  }

  @Override
  public String toString() {
    return isNone() ? "Retention{none}" : "Retention{max_age_days=" + maxAgeDays + ", as_of=" + asOf + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Retention r && r.keepFromMicros == keepFromMicros && r.maxAgeDays == maxAgeDays;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(keepFromMicros) * 31 + maxAgeDays;
  }
}
