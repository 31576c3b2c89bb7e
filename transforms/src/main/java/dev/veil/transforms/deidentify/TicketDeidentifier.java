package dev.veil.transforms.deidentify;

import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import java.util.ArrayList;
import java.util.List;

/**
 * De-identifies a ticket: reporter, assignee and comment authors become person pseudonyms; summary, description,
 * comments and labels go through the free-text pass with their mention markers resolved. The shape stays a
 * {@link dev.veil.schemas.Ticket}, now holding pseudonyms. Not thread-safe (one per DoFn instance).
 */
public final class TicketDeidentifier {
  private final TextScrubber scrubber;

  public TicketDeidentifier(TextScrubber scrubber) {
    this.scrubber = scrubber;
  }

  public Ticket deidentify(Ticket raw) {
    String source = raw.getPointer().getSource();
    scrubber.startRecord();
    List<TicketComment> comments = new ArrayList<>(raw.getComments().size());
    for (TicketComment c : raw.getComments()) {
      comments.add(
          TicketComment.newBuilder()
              .setAuthor(person(source, c.getAuthor()))
              .setCreatedMicros(c.getCreatedMicros())
              .setBody(scrubber.scrub(source, c.getBody()))
              .build());
    }
    List<String> labels = new ArrayList<>(raw.getLabels().size());
    raw.getLabels().forEach(l -> labels.add(scrubber.scrubPlain(l)));
    return Ticket.newBuilder(raw)
        .setSummary(scrubber.scrub(source, raw.getSummary()))
        .setDescription(scrubber.scrub(source, raw.getDescription()))
        .setReporter(person(source, raw.getReporter()))
        .setAssignee(person(source, raw.getAssignee()))
        .setLabels(labels)
        .setComments(comments)
        .setEntities(scrubber.counts())
        .build();
  }

  /** A person's pseudonym; an account the directory lacks gets a keyed token, never its raw id. */
  private String person(String source, String accountId) {
    if (accountId == null) {
      return null;
    }
    return scrubber.pseudonymOf(source, accountId);
  }
}
