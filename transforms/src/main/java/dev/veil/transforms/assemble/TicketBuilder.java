package dev.veil.transforms.assemble;

import dev.veil.schemas.Example;
import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.common.Pseudonyms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a de-identified ticket into one {@code ticket} example: a header (project, type, priority, status, month), the
 * summary and labels, then the description and the comments as turns with pseudonymous authors, in time order. The
 * issue key is not released: it links back to the original issue and its people.
 */
public final class TicketBuilder {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);
  private static final Comparator<TicketComment> COMMENT_ORDER =
      Comparator.comparingLong(TicketComment::getCreatedMicros)
          .thenComparing(c -> c.getAuthor() == null ? "" : c.getAuthor())
          .thenComparing(TicketComment::getBody);

  private final Pseudonyms pseudonyms;

  public TicketBuilder(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  public Example build(String sourceKind, Ticket t) {
    String source = t.getPointer().getSource();
    String period =
        t.getCreatedMicros() < 0
            ? "unknown"
            : Instant.ofEpochMilli(t.getCreatedMicros() / 1000L).atZone(ZoneOffset.UTC).format(MONTH);
    Map<String, Object> meta = new TreeMap<>();
    meta.put("project", t.getProject() == null ? "" : t.getProject());
    meta.put("issue_type", t.getIssueType() == null ? "" : t.getIssueType());
    meta.put("status", t.getStatus() == null ? "" : t.getStatus());
    meta.put("priority", t.getPriority() == null ? "" : t.getPriority());
    meta.put("period", period);
    StringBuilder text = new StringBuilder();
    text.append(ExampleHeaders.ticket(meta)).append('\n');
    text.append("Summary: ").append(t.getSummary()).append('\n');
    if (!t.getLabels().isEmpty()) {
      text.append("Labels: ").append(String.join(", ", t.getLabels())).append('\n');
    }
    TreeSet<String> people = new TreeSet<>();
    if (!t.getDescription().isBlank()) {
      text.append(speaker(t.getReporter(), people)).append(" (reporter): ").append(t.getDescription()).append('\n');
    } else if (t.getReporter() != null) {
      people.add(t.getReporter());
    }
    List<TicketComment> comments = new ArrayList<>(t.getComments());
    comments.sort(COMMENT_ORDER);
    for (TicketComment c : comments) {
      text.append(speaker(c.getAuthor(), people)).append(": ").append(c.getBody()).append('\n');
    }
    if (t.getAssignee() != null) {
      people.add(t.getAssignee());
    }
    String digest = pseudonyms.digest("example", sourceKind + "|" + source + "|" + t.getKey());
    meta.put("comments", (long) comments.size());
    meta.put("participants", (long) people.size());
    return Example.newBuilder()
        .setId(sourceKind + "-" + digest.substring(0, 24))
        .setSource(sourceKind)
        .setSourceLabel(source)
        .setKind("ticket")
        .setUnit(digest.substring(0, 24))
        .setScope(projectOf(t))
        .setLicense(null)
        .setText(text.toString())
        .setMeta(meta)
        .setRecords(1)
        .setPointers(List.of(t.getPointer()))
        .setEntities(new TreeMap<>(t.getEntities()))
        .build();
  }

  /** A ticket's project key: as the export gives it, else the issue key's prefix ({@code OPS} of {@code OPS-101}). */
  public static String projectOf(Ticket t) {
    if (t.getProject() != null && !t.getProject().isBlank()) {
      return t.getProject();
    }
    int dash = t.getKey().lastIndexOf('-');
    return dash > 0 ? t.getKey().substring(0, dash) : null;
  }

  private static String speaker(String person, TreeSet<String> people) {
    if (person == null) {
      return "unknown";
    }
    people.add(person);
    return person;
  }
}
