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

  @Override
  public void find(String text, List<Finding> out) {
    if (text.indexOf("://") < 0) {
      return;
    }
    Matcher m = URL.matcher(text);
    while (m.find()) {
      int cut = -1;
      for (int i = m.start() + 8; i < m.end(); i++) {
        char c = text.charAt(i);
        if (c == '?' || c == '#') {
          cut = i;
          break;
        }
      }
      if (cut >= 0 && cut + 1 < m.end()) {
        out.add(new Finding(EntityType.URL_QUERY, cut, m.end(), 1.0, name()));
      }
    }
  }
}
