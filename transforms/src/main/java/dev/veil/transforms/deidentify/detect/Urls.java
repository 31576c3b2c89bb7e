package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string and fragment of every http(s) URL ({@code ?…} and {@code #…} to the URL's end): links carry access
 * tokens, session ids and e-mail addresses there (Slack file links, password-reset links, tracking parameters).
 * Scheme, host and path stay readable.
 */
public final class Urls implements Recognizer {
  private static final Pattern URL = Pattern.compile("https?://[^\\s()<>\"'`]+", Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return "url";
  }

  /**
   * From each {@code ://} preceded by {@code http} or {@code https} (any case), scans to the URL's end (white space,
   * brackets, quotes) and reports what follows its first {@code ?} or {@code #}. Same spans as {@link #URL}, without
   * a pattern over the whole text.
   */
  @Override
  public void find(String text, List<Finding> out) {
    int len = text.length();
    for (int sep = text.indexOf("://"); sep >= 0; sep = text.indexOf("://", sep + 3)) {
      boolean https = sep >= 5 && text.regionMatches(true, sep - 5, "https", 0, 5);
      boolean http = !https && sep >= 4 && text.regionMatches(true, sep - 4, "http", 0, 4);
      if (!http && !https) {
        continue;
      }
      int end = sep + 3;
      while (end < len && urlChar(text.charAt(end))) {
        end++;
      }
      if (end == sep + 3) {
        continue;
      }
      for (int i = sep + 3; i < end; i++) {
        char c = text.charAt(i);
        if (c == '?' || c == '#') {
          if (i + 1 < end) {
            out.add(new Finding(EntityType.URL_QUERY, i, end, 1.0, name()));
          }
          break;
        }
      }
      sep = end - 3;
    }
  }

  private static boolean urlChar(char c) {
    return !Character.isWhitespace(c) && c != '(' && c != ')' && c != '<' && c != '>' && c != '"' && c != '\'' && c != '`';
  }
}
