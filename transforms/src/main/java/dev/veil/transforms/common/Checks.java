package dev.veil.transforms.common;

/** Argument and state checks for transform factories ({@code withX()} and {@code expand()}). */
public final class Checks {
  private Checks() {}

  public static void checkArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static void checkState(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
