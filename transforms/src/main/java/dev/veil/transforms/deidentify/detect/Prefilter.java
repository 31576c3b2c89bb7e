package dev.veil.transforms.deidentify.detect;

/** Cheap checks that let a recognizer skip a text before running its patterns: most texts hold no candidate at all. */
public final class Prefilter {
  private Prefilter() {}

  /** Number of ASCII digits in the text, counting at most {@code enough}. */
  public static int digits(String text, int enough) {
    int n = 0;
    for (int i = 0; i < text.length() && n < enough; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** Number of ASCII digits in {@code text} between {@code from} and {@code to}. */
  public static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** The ASCII digits of {@code s}, in order (a phone number's digits, whatever its punctuation). */
  public static String digitsOf(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
