package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.transforms.common.Pseudonyms;
import java.io.Serializable;

/**
 * What of a recording's timing may be released. Typing and pointer rhythm identify people, so the default is
 * {@link #none()}: actions in order, no times. {@link #coarse(int)} releases each action's time since the session's
 * start, rounded down to the resolution after a keyed per-session offset in [0, resolution), so rounding boundaries do
 * not line up across sessions.
 */
public final class Timing implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int resolutionMs;

  private Timing(int resolutionMs) {
    this.resolutionMs = resolutionMs;
  }

  public static Timing none() {
    return new Timing(0);
  }

  public static Timing coarse(int resolutionMs) {
    checkArgument(resolutionMs >= 10, "timing resolution must be at least 10 ms");
    return new Timing(resolutionMs);
  }

  public boolean released() {
    return resolutionMs > 0;
  }

  public int resolutionMs() {
    return resolutionMs;
  }

  /** The released time of an action, or -1. */
  long release(long elapsedMs, String session, Pseudonyms pseudonyms) {
    if (!released() || elapsedMs < 0) {
      return -1;
    }
    long offset = Long.parseUnsignedLong(pseudonyms.digest("timing", session).substring(0, 8), 16) % resolutionMs;
    return (elapsedMs + offset) / resolutionMs * resolutionMs;
  }

  @Override
  public String toString() {
    return released() ? "coarse " + resolutionMs + " ms" : "none";
  }
}
