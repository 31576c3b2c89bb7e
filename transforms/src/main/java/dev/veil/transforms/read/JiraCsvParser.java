package dev.veil.transforms.read;

import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads Jira's CSV export. Column names repeat for multi-valued fields ({@code Comment}, {@code Labels}, {@code
 * Watchers}, …), rows may be wider than the header (the extra cells are ignored), quoted cells span lines, bodies are
 * wiki markup, comment cells are {@code date;author;body}. Dates are in the exporting user's locale; the usual forms
 * are read and others leave the date unknown. Times are taken as UTC (the export does not say which zone).
 */
final class JiraCsvParser extends JiraParser {
  private static final List<DateTimeFormatter> DATES =
      List.of(
          pattern("d/MMM/yy h:mm a"), pattern("d/MMM/yy H:mm"), pattern("M/d/yyyy H:mm"), pattern("yyyy-MM-dd HH:mm"));

  JiraCsvParser(String source, Out out) {
    super(source, out);
  }

  private static DateTimeFormatter pattern(String p) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ENGLISH);
  }

  void parse(String file, String csv) {
    parse(file, new StringReader(csv));
  }

  /** Streams the rows: memory holds one row, whatever the file's size. */
  void parse(String file, java.io.Reader csv) {
    long index = 0;
    try (CSVParser parser =
        CSVParser.parse(csv, CSVFormat.RFC4180.builder().setAllowMissingColumnNames(true).build())) {
      Iterator<CSVRecord> rows = parser.iterator();
      if (!rows.hasNext()) {
        return;
      }
      List<String> header = rows.next().toList();
      if (!header.contains("Issue key")) {
        out.quarantine(pointer(file, -1), Reasons.UNEXPECTED_STRUCTURE);
        return;
      }
      while (rows.hasNext()) {
        CSVRecord row = rows.next();
        row(file, index, header, row.toList());
        index++;
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      out.quarantine(pointer(file, index), Reasons.INVALID_CSV);
    }
  }

  private void row(String file, long index, List<String> header, List<String> cells) {
    String key = first(header, cells, "Issue key");
    if (key == null) {
      out.quarantine(pointer(file, index), Reasons.INVALID_RECORD);
      return;
    }
    Consumer<String> mentioned = id -> account(id, null, null, null);
    String reporter = first(header, cells, "Reporter");
    if (reporter == null) {
      reporter = first(header, cells, "Reporter Id");
    }
    String assignee = first(header, cells, "Assignee");
    if (assignee == null) {
      assignee = first(header, cells, "Assignee Id");
    }
    List<TicketComment> comments = new ArrayList<>();
    for (String cell : all(header, cells, "Comment")) {
      String[] parts = cell.split(";", 3);
      boolean structured = parts.length == 3 && micros(parts[0]) >= 0;
      comments.add(
          TicketComment.newBuilder()
              .setAuthor(structured ? account(parts[1].strip(), null, null, null) : null)
              .setCreatedMicros(structured ? micros(parts[0]) : -1)
              .setBody(JiraBodies.fromWiki(structured ? parts[2] : cell, mentioned))
              .build());
    }
    out.ticket(
        Ticket.newBuilder()
            .setPointer(pointer(file, index))
            .setKey(key)
            .setProject(first(header, cells, "Project key"))
            .setIssueType(first(header, cells, "Issue Type"))
            .setStatus(first(header, cells, "Status"))
            .setPriority(first(header, cells, "Priority"))
            .setCreatedMicros(micros(first(header, cells, "Created")))
            .setSummary(orEmpty(first(header, cells, "Summary")))
            .setDescription(JiraBodies.fromWiki(first(header, cells, "Description"), mentioned))
            .setReporter(account(reporter, reporter, null, null))
            .setAssignee(account(assignee, assignee, null, null))
            .setLabels(all(header, cells, "Labels"))
            .setComments(comments)
            .build());
    for (String w : all(header, cells, "Watchers")) {
      account(w, w, null, null);
    }
  }

  private static String first(List<String> header, List<String> cells, String column) {
    List<String> values = all(header, cells, column);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Non-empty values of every column with this name, in order. */
  private static List<String> all(List<String> header, List<String> cells, String column) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < header.size() && i < cells.size(); i++) {
      if (header.get(i).equals(column) && !cells.get(i).isBlank()) {
        values.add(cells.get(i).strip());
      }
    }
    return values;
  }

  static long micros(String s) {
    if (s == null || s.isBlank()) {
      return -1;
    }
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDateTime.parse(s.strip(), f).toInstant(ZoneOffset.UTC).toEpochMilli() * 1000L;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return -1;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
