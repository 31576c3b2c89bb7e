package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Credentials in a URL: {@code scheme://user:password@host} (database, broker and FTP URLs above all). The finding is
 * the whole user info, {@code user:password} (just the password when the user is empty), a {@link EntityType#SECRET}.
 * The user info runs to the last {@code @} of the authority, so a password holding an unescaped {@code @} is covered
 * whole. A URL with a user and no password is left to the other recognizers, and so is one whose password is a
 * placeholder: {@code ****}, {@code xxx}, {@code <password>}, {@code ${DB_PASSWORD}}, {@code {{pass}}}, {@code
 * $PGPASS}, {@code %s}, or the words password, pass, passwd, pwd, pw, secret.
 *
 * <p>Pre-filter: the text must hold {@code ://} and an {@code @}.
 */
public final class UrlCredentials implements Recognizer {
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(?i)\\*+|x+|<[^>]*>|\\$\\{[^}]*}|\\{\\{[^}]*}}|\\$[A-Z_][A-Z0-9_]*|%\\w+%|%s|\\.\\.\\."
              + "|password|pass|passwd|pwd|pw|secret");

  @Override
  public String name() {
    return "url_credentials";
  }

  @Override
  public void find(String text, List<Finding> out) {
    if (text.indexOf('@') < 0) {
      return;
    }
    for (int sep = text.indexOf("://"); sep >= 0; sep = text.indexOf("://", sep + 3)) {
      if (!hasScheme(text, sep)) {
        continue;
      }
      int info = sep + 3;
      int end = authorityEnd(text, info);
      int at = text.lastIndexOf('@', end - 1);
      if (at < info) {
        continue;
      }
      int colon = text.indexOf(':', info);
      if (colon < 0 || colon >= at - 1) {
        continue;
      }
      if (PLACEHOLDER.matcher(text.substring(colon + 1, at)).matches()) {
        continue;
      }
      out.add(new Finding(EntityType.SECRET, colon == info ? colon + 1 : info, at, 1.0, name()));
    }
  }

  /**
   * Whether the {@code @} at {@code at} ends the user info of a URL that carries a password ({@code
   * scheme://user:pass@}): such an {@code @} is no e-mail address's, and the name after it is the URL's host.
   */
  static boolean insideUserinfo(String text, int at) {
    int i = at - 1;
    while (i >= 0) {
      char c = text.charAt(i);
      if (c == '/' || isSpaceOrDelimiter(c)) {
        break;
      }
      i--;
    }
    if (i < 2 || text.charAt(i) != '/' || text.charAt(i - 1) != '/' || text.charAt(i - 2) != ':') {
      return false;
    }
    return hasScheme(text, i - 2) && text.indexOf(':', i + 1) >= 0 && text.indexOf(':', i + 1) < at;
  }

  /** Whether one or more scheme characters, starting with a letter, stand right before the {@code ://} at sep. */
  private static boolean hasScheme(String text, int sep) {
    int i = sep - 1;
    while (i >= 0 && isSchemeChar(text.charAt(i))) {
      i--;
    }
    return i + 1 < sep && Character.isLetter(text.charAt(i + 1));
  }

  /** Where the authority starting at {@code from} ends: at a path, query, fragment, space or quote. */
  private static int authorityEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '/' || c == '?' || c == '#' || isSpaceOrDelimiter(c)) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isSpaceOrDelimiter(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '.'
        || c == '-';
  }
}
