package dev.veil.transforms.deidentify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Slack mrkdwn as plain training text: resolves {@code <@U…>}, {@code <#C…|name>}, {@code <!here>},
 * {@code <!subteam^…>}, {@code <!date^…|fallback>}, {@code <mailto:…|…>}, {@code <tel:…>} and {@code <url|label>}
 * markup through a {@link Resolver}, and undoes the three entity escapes Slack applies.
 */
public final class SlackMarkup {
  private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");

  /** Decides what mentions and links become. */
  public interface Resolver {
    /** A user mention; returns the text to show, e.g. {@code @person_7f3a9c0b12de}. */
    String user(String userId);

    /** A channel reference; {@code name} is the label Slack stored, or null. */
    String channel(String channelId, String name);

    /** A link target with its label (null when none). */
    String link(String url, String label);
  }

  private SlackMarkup() {}

  public static String render(String mrkdwn, Resolver resolver) {
    Matcher m = ANGLE.matcher(mrkdwn);
    StringBuilder out = new StringBuilder(mrkdwn.length() + 16);
    int last = 0;
    while (m.find()) {
      out.append(unescape(mrkdwn.substring(last, m.start())));
      out.append(renderToken(m.group(1), resolver));
      last = m.end();
    }
    out.append(unescape(mrkdwn.substring(last)));
    return out.toString();
  }

  private static String renderToken(String inner, Resolver resolver) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 ? null : unescape(inner.substring(bar + 1));
    if (target.startsWith("@")) {
      String id = target.substring(1);
      if (id.equals("here") || id.equals("channel") || id.equals("everyone")) {
        return "@" + id;
      }
      return resolver.user(id);
    }
    if (target.startsWith("#")) {
      return resolver.channel(target.substring(1), label);
    }
    if (target.startsWith("!")) {
      String special = target.substring(1);
      if (special.startsWith("subteam^")) {
        return label != null ? label : "@group";
      }
      if (special.startsWith("date^")) {
        return label != null ? label : "";
      }
      int caret = special.indexOf('^');
      return "@" + (caret < 0 ? special : special.substring(0, caret));
    }
    if (target.isEmpty()) {
      return label == null ? "" : label;
    }
    return resolver.link(unescape(target), label);
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
