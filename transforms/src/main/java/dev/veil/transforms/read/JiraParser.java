package dev.veil.transforms.read;

import dev.veil.schemas.Account;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the Jira parsers share: where their records go, accounts, dates, hosts. */
abstract class JiraParser {
  /** Receives what a file yields. */
  interface Out {
    void ticket(Ticket ticket);

    void account(Account account);

    void quarantine(SourcePointer pointer, String reason);
  }

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** Jira Server's "Unassigned" and anonymous users: not people. */
  private static final java.util.Set<String> NOT_PEOPLE = java.util.Set.of("-1", "", "anonymous");

  private static final DateTimeFormatter ISO_JIRA =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendPattern(".SSS")
          .optionalEnd()
          .appendPattern("Z")
          .toFormatter(Locale.ROOT);

  protected final String source;
  protected final Out out;

  JiraParser(String source, Out out) {
    this.source = source;
    this.out = out;
  }

  protected SourcePointer pointer(String file, long index) {
    return SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index).build();
  }

  /** Reports an account; returns its id, or null when the reference is not a person. */
  protected String account(String id, String displayName, String email, String namespace) {
    if (id == null || NOT_PEOPLE.contains(id.strip())) {
      return null;
    }
    String mail = email != null ? email : EMAIL.matcher(id).matches() ? id : null;
    out.account(
        Account.newBuilder()
            .setSource(source)
            .setKind("jira")
            .setAccountId(id)
            .setNamespace(namespace)
            .setHandle(mail == null ? id : null)
            .setDisplayName(displayName == null || displayName.isBlank() ? null : displayName.strip())
            .setRealName(displayName == null || displayName.isBlank() ? null : displayName.strip())
            .setEmail(mail)
            .build());
    return id;
  }

  static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** RFC 822 dates of the XML export ("Fri, 28 Jul 2023 00:11:05 +0000"), or -1. */
  static long rfc822Micros(String s) {
    if (s == null || s.isBlank()) {
      return -1;
    }
    try {
      return OffsetDateTime.parse(s.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() * 1000L;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  /** REST dates ("2023-10-26T09:27:48.000+0000"), or -1. */
  static long isoMicros(String s) {
    if (s == null || s.isBlank()) {
      return -1;
    }
    try {
      return OffsetDateTime.parse(s.strip(), ISO_JIRA).toInstant().toEpochMilli() * 1000L;
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s.strip()).toInstant().toEpochMilli() * 1000L;
      } catch (DateTimeParseException e2) {
        return -1;
      }
    }
  }
}
