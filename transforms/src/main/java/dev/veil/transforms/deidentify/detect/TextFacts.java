package dev.veil.transforms.deidentify.detect;

import java.util.List;

/**
 * What every recognizer asks of a text before searching it, computed once per text: its lower-case form (same length,
 * char by char, for case-insensitive keyword passes) and how many ASCII digits it holds. Lets each recognizer skip a
 * text that cannot hold a candidate without scanning it again. Not thread-safe; one per text.
 */
public final class TextFacts {
  private final String text;
  private char[] lower;
  private String lowerString;
  private int digits = -1;
  private java.util.BitSet triggered;
  /** Which trigger texts occur, by {@link #textId}: bit i of word i / 64. */
  private long[] found = NONE;
  private int[] runs;

  private static final long[] NONE = new long[0];
  /**
   * Every trigger text any recognizer declared, numbered once per JVM: a recognizer resolves the texts it asks about
   * to ids when it is built ({@link Words}), so asking costs a bit test, not a hash lookup per text and question.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Integer> TEXT_IDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The id of a trigger text (lower-case), the same for the whole JVM. */
  static int textId(String trigger) {
    Integer id = TEXT_IDS.get(trigger);
    if (id != null) {
      return id;
    }
    synchronized (TEXT_IDS) {
      return TEXT_IDS.computeIfAbsent(trigger, k -> TEXT_IDS.size());
    }
  }

  /**
   * A set of trigger texts a recognizer asks about ({@link #hasAny(Words)}), resolved to ids once. Texts no detector
   * declared as triggers are never found.
   */
  public static final class Words {
    private final long[] mask;

    private Words(long[] mask) {
      this.mask = mask;
    }

    public static Words of(String... texts) {
      return of(List.of(texts));
    }

    public static Words of(List<String> texts) {
      long[] mask = NONE;
      for (String t : texts) {
        int id = textId(t);
        if (id / 64 >= mask.length) {
          mask = java.util.Arrays.copyOf(mask, id / 64 + 1);
        }
        mask[id / 64] |= 1L << id;
      }
      return new Words(mask);
    }
  }

  public TextFacts(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The text lower-cased character by character (so offsets are the text's). */
  public char[] lower() {
    if (lower == null) {
      // One pass for both: the lower-case copy, and the digit count most recognizers ask for next.
      char[] c = text.toCharArray();
      int n = 0;
      for (int i = 0; i < c.length; i++) {
        char ch = c[i];
        if (ch >= 'A' && ch <= 'Z') {
          c[i] = (char) (ch + 32);
        } else if (ch >= '0' && ch <= '9') {
          n++;
        } else if (ch >= 128) {
          c[i] = Character.toLowerCase(ch);
        }
      }
      lower = c;
      digits = n;
    }
    return lower;
  }

  /** {@link #lower()} as a string (made once). */
  public String lowerString() {
    if (lowerString == null) {
      lowerString = new String(lower());
    }
    return lowerString;
  }

  /** Lower-cases character by character, keeping the length: how keywords must be written to match {@link #lower}. */
  public static String lowerCase(String s) {
    return new String(lowerChars(s));
  }

  private static char[] lowerChars(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch >= 'A' && ch <= 'Z') {
        c[i] = (char) (ch + 32);
      } else if (ch >= 128) {
        c[i] = Character.toLowerCase(ch);
      }
    }
    return c;
  }

  /** Number of ASCII digits in the text. */
  public int digits() {
    if (digits < 0) {
      int n = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          n++;
        }
      }
      digits = n;
    }
    return digits;
  }

  /**
   * The text's digit runs: maximal spans of digits joined by at most three of {@code space . - / ( )} (so "(415)
   * 555-2671", "4111 1111 1111 1111", "10.0.0.12", "2024-03-05" are each one run). As pairs: start, end, digit count
   * (a flat array, three ints per run). Number-shaped recognizers search only around these.
   */
  public int[] digitRuns() {
    if (runs == null) {
      runs = computeRuns(text);
    }
    return runs;
  }

  private static int[] computeRuns(String text) {
    int[] out = new int[12];
    int n = 0;
    int len = text.length();
    int i = 0;
    while (i < len) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        i++;
        continue;
      }
      int start = i;
      int end = i + 1;
      int digits = 1;
      int j = i + 1;
      int gap = 0;
      while (j < len) {
        char d = text.charAt(j);
        if (d >= '0' && d <= '9') {
          digits++;
          end = j + 1;
          gap = 0;
        } else if ((d == ' ' || d == '.' || d == '-' || d == '/' || d == '(' || d == ')') && gap < 3) {
          gap++;
        } else {
          break;
        }
        j++;
      }
      if (n + 3 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = start;
      out[n++] = end;
      out[n++] = digits;
      i = end;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Records that trigger text {@code textId} occurs (if ≥ 0) and that trigger {@code id} fired (if ≥ 0). */
  void trigger(int textId, int id) {
    if (textId >= 0) {
      if (textId / 64 >= found.length) {
        found = java.util.Arrays.copyOf(found, textId / 64 + 1);
      }
      found[textId / 64] |= 1L << textId;
    }
    if (id >= 0) {
      if (triggered == null) {
        triggered = new java.util.BitSet();
      }
      triggered.set(id);
    }
  }

  /**
   * Whether a recognizer's trigger text (lower-case, as declared) occurs anywhere in the text. Only triggers some
   * recognizer of the detector declared are known; for others this is false. Recognizers ask with {@link Words}.
   */
  public boolean has(String trigger) {
    return hasAny(Words.of(trigger));
  }

  /** Whether any of the trigger texts occurs (see {@link #has}). */
  public boolean hasAny(List<String> triggers) {
    return hasAny(Words.of(triggers));
  }

  /** Whether any of the words occurs (see {@link #has}). */
  public boolean hasAny(Words words) {
    long[] mask = words.mask;
    int n = Math.min(mask.length, found.length);
    for (int i = 0; i < n; i++) {
      if ((found[i] & mask[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  boolean triggered(int id) {
    return triggered != null && triggered.get(id);
  }

  /** Whether [start, end) stands as a whole word: no letter or digit right before or right after it. */
  public boolean wholeWord(int start, int end) {
    return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
        && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)));
  }
}
