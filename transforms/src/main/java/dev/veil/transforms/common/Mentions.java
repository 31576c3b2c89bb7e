package dev.veil.transforms.common;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers turn a source's own mention syntax (Jira's {@code [~user]}, ADF {@code mention} nodes, HTML user links)
 * into one marker around the account id; de-identification resolves markers to pseudonyms. Control characters make
 * the marker unambiguous: they do not occur in the text of the exports Veil reads.
 */
public final class Mentions {
  private static final char START = '\u0002';
  private static final char END = '\u0003';
  private static final Pattern MARKER = Pattern.compile(START + "([^" + END + "]*)" + END);

  private Mentions() {}

  public static String marker(String accountId) {
    return START + accountId.replace(String.valueOf(END), "") + END;
  }

  /** Replaces every marker by what {@code resolve} says for its account id. */
  public static String resolve(String text, Function<String, String> resolve) {
    if (text.indexOf(START) < 0) {
      return text;
    }
    Matcher m = MARKER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resolve.apply(m.group(1))));
    }
    m.appendTail(out);
    // A stray control character left by damaged input carries nothing; drop it.
    return out.toString().replace(String.valueOf(START), "").replace(String.valueOf(END), "");
  }
}
