package dev.veil.transforms.assemble;

import dev.veil.schemas.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The header line of an example's text, rendered from its released attributes ({@code meta}): the builders write it
 * with these methods, and a later stage that changes an attribute (k-anonymity's generalization) rewrites it with
 * {@link #withMeta}, so the text never says more than the attributes released beside it.
 *
 * <ul>
 *   <li>conversation, first line: {@code <channel label> · <period>}; once {@code channel_type} is generalized, the
 *       label (which tells the type: {@code #general}, {@code direct message}) becomes the released type
 *   <li>ticket, first line: {@code [<project>] · <issue_type> · <priority> · <status> · <period>}, blank parts left out
 *   <li>episode, the line {@code Environment: <os> · <screen> · <period>} (after the task line, if any), blank os left
 *       out
 * </ul>
 */
public final class ExampleHeaders {
  static final String SEP = " · ";
  static final String ENVIRONMENT = "Environment: ";

  private ExampleHeaders() {}

  static String conversation(String channelLabel, Map<String, Object> meta) {
    return channelLabel + SEP + text(meta, "period");
  }

  static String ticket(Map<String, Object> meta) {
    List<String> parts = new ArrayList<>();
    String project = text(meta, "project");
    if (!project.isBlank()) {
      parts.add("[" + project + "]");
    }
    for (String a : new String[] {"issue_type", "priority", "status", "period"}) {
      String v = text(meta, a);
      if (!v.isBlank()) {
        parts.add(v);
      }
    }
    return String.join(SEP, parts);
  }

  static String episode(Map<String, Object> meta) {
    List<String> parts = new ArrayList<>();
    for (String a : new String[] {"os", "screen", "period"}) {
      String v = text(meta, a);
      if (!v.isBlank()) {
        parts.add(v);
      }
    }
    return ENVIRONMENT + String.join(SEP, parts);
  }

  /**
   * The example with new attributes and its header line rendered from them. The header found must be the one its
   * current attributes render: anything else is a programming error (an unknown kind keeps its text).
   */
  public static Example withMeta(Example e, Map<String, Object> meta) {
    String text = e.getText();
    int start = 0;
    if (e.getKind().equals("episode")) {
      start = text.startsWith(ENVIRONMENT) ? 0 : text.indexOf("\n" + ENVIRONMENT) + 1;
      if (start == 0 && !text.startsWith(ENVIRONMENT)) {
        throw new IllegalStateException("an episode example has no environment line");
      }
    }
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    String line = text.substring(start, end);
    String now;
    String next;
    switch (e.getKind()) {
      case "conversation", "thread" -> {
        String suffix = SEP + text(e.getMeta(), "period");
        if (!line.endsWith(suffix)) {
          throw new IllegalStateException("a conversation's header does not end with its period");
        }
        String label = line.substring(0, line.length() - suffix.length());
        now = conversation(label, e.getMeta());
        // The label (#general, direct message) tells the channel type: once that is generalized, the label is too.
        String type = text(meta, "channel_type");
        next = conversation(type.equals(text(e.getMeta(), "channel_type")) ? label : type, meta);
      }
      case "ticket" -> {
        now = ticket(e.getMeta());
        next = ticket(meta);
      }
      case "episode" -> {
        now = episode(e.getMeta());
        next = episode(meta);
      }
      default -> {
        return Example.newBuilder(e).setMeta(meta).build();
      }
    }
    if (!line.equals(now)) {
      throw new IllegalStateException("the header of a " + e.getKind() + " example does not match its attributes");
    }
    return Example.newBuilder(e)
        .setMeta(meta)
        .setText(text.substring(0, start) + next + text.substring(end))
        .build();
  }

  private static String text(Map<String, Object> meta, String attribute) {
    Object v = meta.get(attribute);
    return v == null ? "" : v.toString();
  }
}
