package dev.veil.transforms.deidentify;

import java.util.regex.Pattern;

/** Mail subjects without reply and forward prefixes: what a thread is about. */
public final class MailSubjects {
  private static final Pattern PREFIX = Pattern.compile("^(?i)\\s*((re|fw|fwd|aw|sv|vs|wg)\\s*(\\[\\d+\\])?\\s*:\\s*)+");

  private MailSubjects() {}

  public static String normalize(String subject) {
    if (subject == null || subject.isBlank()) {
      return "(no subject)";
    }
    return PREFIX.matcher(subject.strip()).replaceFirst("").strip();
  }
}
