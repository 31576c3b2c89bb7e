package dev.veil.transforms.deidentify.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A small set of context words ("DOB", "born", "BSN", "hostname") searched for in a range of a text without
 * lower-casing the text: a table of the words' first characters (both cases) skips almost every position, and a
 * candidate is then compared with {@link String#regionMatches(boolean, int, String, int, int)}. Words match
 * case-insensitively, or exactly for those added with {@link #exact}; either way they must start a word (no letter or
 * digit before), and, unless the set was made with {@link #prefixes}, end one (no letter or digit after, when the word
 * ends with a letter or digit). Immutable and thread-safe.
 */
final class ContextWords {
  /** A keyword occurrence: [start, end) in the text. */
  record Hit(int start, int end) {}

  private final String[] words;
  private final boolean[] exactCase;
  private final boolean wholeWords;
  /** For each ASCII character, the indexes of the words that can begin with it (null: none). */
  private final int[][] byFirst = new int[128][];

  private ContextWords(List<String> words, List<Boolean> exactCase, boolean wholeWords) {
    this.words = words.toArray(new String[0]);
    this.exactCase = new boolean[words.size()];
    this.wholeWords = wholeWords;
    for (int i = 0; i < this.words.length; i++) {
      String w = this.words[i];
      char c = w.charAt(0);
      if (c >= 128) {
        throw new IllegalArgumentException("keywords must begin with an ASCII character");
      }
      this.exactCase[i] = exactCase.get(i);
      index(c, i);
      char other = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
      if (!this.exactCase[i] && other != c) {
        index(other, i);
      }
    }
  }

  private void index(char c, int word) {
    int[] old = byFirst[c];
    int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
    grown[grown.length - 1] = word;
    byFirst[c] = grown;
  }

  /** Whole words, matched case-insensitively. */
  static ContextWords words(String... words) {
    return new ContextWords(List.of(words), java.util.Collections.nCopies(words.length, false), true);
  }

  /** Words that must start a word but may run on ("user" matches in "username"), case-insensitively. */
  static ContextWords prefixes(String... words) {
    return new ContextWords(List.of(words), java.util.Collections.nCopies(words.length, false), false);
  }

  /** This set plus words matched with their exact case (acronyms that are also ordinary words: "SIN", "NAS"). */
  ContextWords exact(String... more) {
    List<String> w = new ArrayList<>(List.of(words));
    List<Boolean> e = new ArrayList<>();
    for (boolean b : exactCase) {
      e.add(b);
    }
    for (String m : more) {
      w.add(m);
      e.add(true);
    }
    return new ContextWords(w, e, wholeWords);
  }

  /** Whether a keyword lies wholly inside [from, to). */
  boolean in(String text, int from, int to) {
    return find(text, from, to) != null;
  }

  /** The first keyword lying wholly inside [from, to) (the longest one when several start at one place), or null. */
  Hit find(String text, int from, int to) {
    from = Math.max(0, from);
    to = Math.min(text.length(), to);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int[] candidates = c < 128 ? byFirst[c] : null;
      if (candidates == null || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
        continue;
      }
      int best = -1;
      for (int k : candidates) {
        String w = words[k];
        int end = i + w.length();
        if (end <= to
            && end > best
            && text.regionMatches(!exactCase[k], i, w, 0, w.length())
            && endsWord(text, w, end)) {
          best = end;
        }
      }
      if (best >= 0) {
        return new Hit(i, best);
      }
    }
    return null;
  }

  private boolean endsWord(String text, String word, int end) {
    return !wholeWords
        || end >= text.length()
        || !Character.isLetterOrDigit(word.charAt(word.length() - 1))
        || !Character.isLetterOrDigit(text.charAt(end));
  }
}
