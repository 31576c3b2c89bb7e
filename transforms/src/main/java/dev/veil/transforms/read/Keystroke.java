package dev.veil.transforms.read;

import java.io.Serializable;

/**
 * One key press of a recorded session: the physical key (letters lower-cased, as {@link KeyText#normalize} names
 * others: {@code space}, {@code shift}, {@code backspace}) and when it went down and came up, in milliseconds on the
 * session's clock. A time of -1 means it is not known or not released ({@link #timed()} false).
 */
public record Keystroke(String key, long downMs, long upMs) implements Serializable {
  /** A key with no times: what remains when timing is dropped. */
  public static Keystroke untimed(String key) {
    return new Keystroke(key, -1, -1);
  }

  /**
   * The boundary between two typed runs that are not one chain (two {@code type} actions of an episode, with other
   * actions between them): untimed, with an empty key no reader produces, so no latency spans it.
   */
  public static Keystroke gap() {
    return untimed("");
  }

  public boolean isGap() {
    return key.isEmpty();
  }

  public boolean timed() {
    return downMs >= 0;
  }

  /** How long the key was held, or -1 when the release is not known. */
  public long holdMs() {
    return downMs >= 0 && upMs >= downMs ? upMs - downMs : -1;
  }
}
