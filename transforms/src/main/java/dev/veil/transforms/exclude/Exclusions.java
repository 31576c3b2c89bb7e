package dev.veil.transforms.exclude;

import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Episode;
import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.assemble.TicketBuilder;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Reasons;
import dev.veil.transforms.deidentify.ChannelDirectory;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which raw records the policy excludes, and why: opted-out people, channels, projects and sessions, then the
 * retention window. Plain Java; {@link ExcludeRecords} is its Beam wiring. Immutable once built.
 *
 * <p>What belongs to a person:
 *
 * <ul>
 *   <li>chat: every message they wrote ({@code opted_out_person});
 *   <li>tickets: every ticket they reported: the description is their text ({@code opted_out_person}). In other
 *       tickets their comments are removed and, when they are the assignee, the assignee is cleared; the ticket stays
 *       (its records count is unchanged: a ticket is one record);
 *   <li>recordings: every session they own ({@code opted_out_person}).
 * </ul>
 *
 * A record is looked up by its account the way de-identification does it: the account of that input, else the person
 * one of whose forms the account id is. The first reason in this order wins: person, channel / project / session,
 * retention.
 */
public final class Exclusions {
  /** What a withheld pointer's file becomes in the quarantine file. */
  public static final String WITHHELD = "[withheld]";

  private static final int MIN_FORM_LENGTH = 3;

  private final OptOuts optOuts;
  private final Retention retention;
  private final ChannelDirectory channels;
  private final Set<String> optedOutPersons = new HashSet<>();
  private final Map<String, String> personByAccount = new HashMap<>();
  private final Map<String, String> personByForm = new HashMap<>();
  /** Every form of every opted-out person, lower-cased, for pointers (file names can hold e-mails and handles). */
  private final List<String> optedOutForms;

  public Exclusions(OptOuts optOuts, Retention retention, IdentityDirectory directory, List<SlackChannel> channels) {
    this.optOuts = optOuts;
    this.retention = retention;
    this.channels = new ChannelDirectory(channels == null ? List.of() : channels);
    TreeSet<String> forms = new TreeSet<>();
    for (Identity identity : directory.getIdentities()) {
      String person = identity.getPersonId();
      if (identity.getOptedOut()) {
        optedOutPersons.add(person);
      }
      for (String account : identity.getAccounts()) {
        personByAccount.put(account, person);
      }
      for (IdentityForm f : identity.getForms()) {
        String lower = f.getValue().toLowerCase(Locale.ROOT);
        if (!f.getKind().equals(IdentityResolver.NAME_PART)) {
          personByForm.merge(lower, person, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        if (identity.getOptedOut() && lower.length() >= MIN_FORM_LENGTH) {
          forms.add(lower);
        }
      }
    }
    this.optedOutForms = new ArrayList<>(forms);
  }

  /** Whether the account (an author, reporter, owner) of an input is a person the policy opts out. */
  public boolean personOptedOut(String source, String accountId) {
    if (accountId == null || optedOutPersons.isEmpty()) {
      return false;
    }
    String person = personByAccount.get(IdentityResolver.accountKey(source, accountId));
    if (person == null) {
      person = personByForm.get(accountId.strip().toLowerCase(Locale.ROOT));
    }
    return person != null && optedOutPersons.contains(person);
  }

  /** Why a chat message is excluded, or null to keep it. */
  public String reason(ChatMessage m) {
    String source = m.getPointer().getSource();
    if (personOptedOut(source, m.getUserId())) {
      return Reasons.OPTED_OUT_PERSON;
    }
    if (!optOuts.channels().isEmpty()) {
      String folder = m.getChannelFolder();
      SlackChannel c = channels.byFolder(source, folder);
      if (optOuts.channelListed(folder, folder.substring(folder.lastIndexOf('/') + 1))
          || (c != null && optOuts.channelListed(c.getId(), c.getName()))) {
        return Reasons.OPTED_OUT_CHANNEL;
      }
    }
    return retention.expired(m.getTsMicros()) ? Reasons.RETENTION : null;
  }

  /** Why a ticket is excluded (its reporter, its project, its creation date), or null to keep it. */
  public String reason(Ticket t) {
    if (personOptedOut(t.getPointer().getSource(), t.getReporter())) {
      return Reasons.OPTED_OUT_PERSON;
    }
    if (optOuts.projectListed(TicketBuilder.projectOf(t))) {
      return Reasons.OPTED_OUT_PROJECT;
    }
    return retention.expired(t.getCreatedMicros()) ? Reasons.RETENTION : null;
  }

  /** A kept ticket without what opted-out people contributed: their comments go, an opted-out assignee is cleared. */
  public Ticket trim(Ticket t) {
    if (optedOutPersons.isEmpty()) {
      return t;
    }
    String source = t.getPointer().getSource();
    List<TicketComment> comments = new ArrayList<>(t.getComments().size());
    for (TicketComment c : t.getComments()) {
      if (!personOptedOut(source, c.getAuthor())) {
        comments.add(c);
      }
    }
    boolean assignee = personOptedOut(source, t.getAssignee());
    if (comments.size() == t.getComments().size() && !assignee) {
      return t;
    }
    Ticket.Builder b = Ticket.newBuilder(t).setComments(comments);
    if (assignee) {
      b.setAssignee(null);
    }
    return b.build();
  }

  /** Why a recording is excluded (its owner, the session, its start date), or null to keep it. */
  public String reason(Episode e) {
    if (personOptedOut(e.getPointer().getSource(), e.getOwner())) {
      return Reasons.OPTED_OUT_PERSON;
    }
    if (optOuts.sessionListed(e.getPointer().getFile())) {
      return Reasons.OPTED_OUT_SESSION;
    }
    return retention.expired(e.getStartMicros()) ? Reasons.RETENTION : null;
  }

  /**
   * A quarantine pointer safe to write: when its file path names an opted-out person (a form of theirs as a whole
   * word: recorder folders carry e-mail addresses, group-message folders carry handles), an opted-out channel or an
   * opted-out session, the file becomes {@value #WITHHELD}; input label, index and reason stay, so the accounting is
   * unchanged.
   */
  public SourcePointer withhold(SourcePointer p) {
    if (optOuts.isEmpty() || WITHHELD.equals(p.getFile())) {
      return p;
    }
    String lower = p.getFile().toLowerCase(Locale.ROOT);
    boolean hide = false;
    for (String form : optedOutForms) {
      if (containsWord(lower, form)) {
        hide = true;
        break;
      }
    }
    if (!hide) {
      for (String segment : lower.split("/")) {
        if (optOuts.channelListed(segment) || optOuts.sessionListed(segment)) {
          hide = true;
          break;
        }
      }
    }
    return hide ? SourcePointer.newBuilder(p).setFile(WITHHELD).build() : p;
  }

  /** Whether {@code needle} occurs in {@code text} with no letter or digit right before or after it. */
  static boolean containsWord(String text, String needle) {
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      int end = i + needle.length();
      boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
      boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }
}
