package dev.veil.transforms.dedup;

import java.text.Normalizer;

/**
 * The form texts are compared in, as CCNet and datatrove normalize for deduplication: accents removed, lower case,
 * every digit as {@code 0} (alerts and reports that differ only in their numbers are one text), punctuation and
 * symbols removed, runs of whitespace as one space. Pseudonyms keep their letters, so messages about different people
 * stay different.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean space = true;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      if (Character.isDigit(c)) {
        out.append('0');
        space = false;
      } else if (Character.isLetter(c)) {
        out.append(Character.toLowerCase(c));
        space = false;
      } else if (c == '_') {
        out.append(c); // inside pseudonyms: person_7f3a9c stays one word
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }
}
