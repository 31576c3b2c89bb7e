package dev.veil.transforms.exclude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Episode;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.common.Reasons;
import dev.veil.transforms.identity.IdentityResolver;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which raw records the policy excludes, and why; one person across accounts; pointers withheld. */
class ExclusionsTest {
  // Kim: a Slack account (with e-mail), a Jira account by e-mail, a recorder owner by e-mail, a Mattermost account
  // with no e-mail linked only by handle. Lee: nobody opted out.
  static final List<Account> ACCOUNTS =
      List.of(
          account("slack:w", "slack", "U0KIM", "kim.s", "Kim Sato", "kim.sato@example.test"),
          account("jira:t", "jira", "kim.sato@example.test", null, "Kim Sato", "kim.sato@example.test"),
          account("capture:c", "capture", "kim.sato@example.test", null, null, "kim.sato@example.test"),
          account("mattermost:m", "mattermost", "mm-77", "kimmo", null, null),
          account("slack:w", "slack", "U0LEE", "lee", "Lee Park", "lee.park@example.test"));

  static final List<SlackChannel> CHANNELS =
      List.of(
          SlackChannel.newBuilder()
              .setSource("slack:w")
              .setId("C0SEC")
              .setFolder("secret")
              .setName("secret")
              .setKind(ChannelKind.PRIVATE_CHANNEL)
              .build());

  static Account account(String source, String kind, String id, String handle, String name, String email) {
    return Account.newBuilder()
        .setSource(source)
        .setKind(kind)
        .setAccountId(id)
        .setHandle(handle)
        .setRealName(name)
        .setEmail(email)
        .build();
  }

  static IdentityDirectory directory(OptOuts optOuts) {
    return new IdentityResolver(new Pseudonyms(new byte[32])).resolve(ACCOUNTS, optOuts);
  }

  static Exclusions exclusions(OptOuts optOuts, Retention retention) {
    return new Exclusions(optOuts, retention, directory(optOuts), CHANNELS);
  }

  static OptOuts people(String... ids) {
    return OptOuts.of(List.of(ids), List.of(), List.of(), List.of());
  }

  static ChatMessage message(String source, String folder, String user, long micros) {
    return ChatMessage.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource(source).setFile(folder + "/x.json").setIndex(0).build())
        .setChannelFolder(folder)
        .setTs("1.0")
        .setTsMicros(micros)
        .setUserId(user)
        .setText("hi")
        .build();
  }

  static Ticket ticket(String key, String project, String reporter, long created, TicketComment... comments) {
    return Ticket.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("jira:t").setFile("issues.xml").setIndex(0).build())
        .setKey(key)
        .setProject(project)
        .setReporter(reporter)
        .setAssignee("kim.sato@example.test")
        .setCreatedMicros(created)
        .setComments(List.of(comments))
        .build();
  }

  static TicketComment comment(String author) {
    return TicketComment.newBuilder().setAuthor(author).setBody("b").build();
  }

  static Episode episode(String folder, String owner, long start) {
    return Episode.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("capture:c").setFile(folder).setIndex(-1).build())
        .setOwner(owner)
        .setStartMicros(start)
        .setRecords(5)
        .setActions(List.of())
        .build();
  }

  static final long JUNE_2025 = LocalDate.of(2025, 6, 1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000L;

  @ParameterizedTest
  @CsvSource({"kim.sato@example.test", "KIM.SATO@EXAMPLE.TEST", "@kim.s", "U0KIM"})
  void aPersonListedByAnyOfTheirIdsIsExcludedInEverySourceWhereTheirEmailJoinsThem(String listed) {
    Exclusions ex = exclusions(people(listed), Retention.none());
    assertThat(ex.reason(message("slack:w", "general", "U0KIM", JUNE_2025))).isEqualTo(Reasons.OPTED_OUT_PERSON);
    assertThat(ex.reason(ticket("ENG-1", "ENG", "kim.sato@example.test", JUNE_2025)))
        .isEqualTo(Reasons.OPTED_OUT_PERSON);
    assertThat(ex.reason(episode("s1", "kim.sato@example.test", JUNE_2025))).isEqualTo(Reasons.OPTED_OUT_PERSON);
    // Others are kept.
    assertThat(ex.reason(message("slack:w", "general", "U0LEE", JUNE_2025))).isNull();
    assertThat(ex.reason(ticket("ENG-2", "ENG", "lee.park@example.test", JUNE_2025))).isNull();
  }

  @Test
  void anAccountWithoutEmailIsCoveredOnlyWhenListedItself() {
    assertThat(exclusions(people("kim.sato@example.test"), Retention.none()).personOptedOut("mattermost:m", "mm-77"))
        .isFalse();
    Exclusions ex = exclusions(people("kim.sato@example.test", "kimmo"), Retention.none());
    assertThat(ex.personOptedOut("mattermost:m", "mm-77")).isTrue();
    assertThat(ex.reason(message("mattermost:m", "team/town", "mm-77", JUNE_2025)))
        .isEqualTo(Reasons.OPTED_OUT_PERSON);
  }

  @Test
  void anOptedOutPersonsCommentsAndAssignmentLeaveOtherTickets() {
    Exclusions ex = exclusions(people("kim.sato@example.test"), Retention.none());
    Ticket t = ticket("ENG-2", "ENG", "lee.park@example.test", JUNE_2025, comment("kim.sato@example.test"),
        comment("lee.park@example.test"));
    assertThat(ex.reason(t)).isNull();
    Ticket trimmed = ex.trim(t);
    assertThat(trimmed.getComments()).extracting(TicketComment::getAuthor).containsExactly("lee.park@example.test");
    assertThat(trimmed.getAssignee()).isNull();
    // Nobody opted out: the same ticket is untouched.
    assertThat(exclusions(OptOuts.none(), Retention.none()).trim(t)).isSameAs(t);
  }

  @ParameterizedTest
  @CsvSource({"secret", "#secret", "#SECRET", "C0SEC"})
  void aChannelIsExcludedByNameOrId(String listed) {
    Exclusions ex = exclusions(OptOuts.of(List.of(), List.of(listed), List.of(), List.of()), Retention.none());
    assertThat(ex.reason(message("slack:w", "secret", "U0LEE", JUNE_2025))).isEqualTo(Reasons.OPTED_OUT_CHANNEL);
    assertThat(ex.reason(message("slack:w", "general", "U0LEE", JUNE_2025))).isNull();
  }

  @Test
  void aMattermostChannelIsExcludedByItsNameWithoutTheTeam() {
    Exclusions ex = exclusions(OptOuts.of(List.of(), List.of("town"), List.of(), List.of()), Retention.none());
    assertThat(ex.reason(message("mattermost:m", "acme/town", "mm-1", JUNE_2025))).isEqualTo(Reasons.OPTED_OUT_CHANNEL);
  }

  @Test
  void aProjectIsExcludedByItsKeyOrTheIssueKeyPrefix() {
    Exclusions ex = exclusions(OptOuts.of(List.of(), List.of(), List.of("hr"), List.of()), Retention.none());
    assertThat(ex.reason(ticket("HR-7", "HR", "lee.park@example.test", JUNE_2025)))
        .isEqualTo(Reasons.OPTED_OUT_PROJECT);
    assertThat(ex.reason(ticket("HR-8", null, "lee.park@example.test", JUNE_2025)))
        .isEqualTo(Reasons.OPTED_OUT_PROJECT);
    assertThat(ex.reason(ticket("HRX-1", "HRX", "lee.park@example.test", JUNE_2025))).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "20250602_x_bbbb, 20250602_x_bbbb, true",
    "team/20250602_x_bbbb, 20250602_x_bbbb, true",
    "team/20250602_x_bbbb, team/20250602_x_bbbb, true",
    "rr/checkout.json, checkout, true",
    "rr/checkout.json, checkout.json, true",
    "20250602_x_bbbb2, 20250602_x_bbbb, false"
  })
  void aSessionIsExcludedByFolderFileOrPath(String file, String listed, boolean excluded) {
    Exclusions ex = exclusions(OptOuts.of(List.of(), List.of(), List.of(), List.of(listed)), Retention.none());
    assertThat(ex.reason(episode(file, "lee.park@example.test", JUNE_2025)))
        .isEqualTo(excluded ? Reasons.OPTED_OUT_SESSION : null);
  }

  @Test
  void retentionRemovesWhatIsDatedBeforeTheWindowAndKeepsUndatedContent() {
    Retention r = Retention.of(30, LocalDate.of(2025, 7, 1)); // keeps from 2025-06-01 00:00 UTC
    Exclusions ex = exclusions(OptOuts.none(), r);
    assertThat(ex.reason(message("slack:w", "general", "U0LEE", JUNE_2025))).isNull();
    assertThat(ex.reason(message("slack:w", "general", "U0LEE", JUNE_2025 - 1))).isEqualTo(Reasons.RETENTION);
    assertThat(ex.reason(ticket("ENG-1", "ENG", "lee.park@example.test", JUNE_2025 - 1)))
        .isEqualTo(Reasons.RETENTION);
    assertThat(ex.reason(ticket("ENG-1", "ENG", "lee.park@example.test", -1))).isNull();
    assertThat(ex.reason(episode("s", "lee.park@example.test", JUNE_2025 - 1))).isEqualTo(Reasons.RETENTION);
    assertThat(ex.reason(episode("s", "lee.park@example.test", -1))).isNull();
    assertThat(Retention.none().expired(0)).isFalse();
  }

  @Test
  void anOptOutOutranksRetention() {
    Exclusions ex = exclusions(people("lee"), Retention.of(1, LocalDate.of(2030, 1, 1)));
    assertThat(ex.reason(message("slack:w", "general", "U0LEE", JUNE_2025))).isEqualTo(Reasons.OPTED_OUT_PERSON);
    assertThat(ex.reason(message("slack:w", "general", "U0KIM", JUNE_2025))).isEqualTo(Reasons.RETENTION);
  }

  @ParameterizedTest
  @CsvSource({
    "20250601_kim.sato@example.test_aa/events.jsonl, true",
    "mpdm-kim.s--lee-1/2025-06-01.json, true",
    "secret/2025-06-01.json, true",
    "general/2025-06-01.json, false",
    "mpdm-kimberly--lee-1/2025-06-01.json, false",
    "notes-kim/2025-06-01.json, true" // a name part alone is enough: withholding too much costs nothing
  })
  void quarantinePointersNamingAnOptedOutPersonOrChannelAreWithheld(String file, boolean withheld) {
    Exclusions ex = exclusions(
        OptOuts.of(List.of("kim.sato@example.test"), List.of("secret"), List.of(), List.of()), Retention.none());
    SourcePointer p = SourcePointer.newBuilder().setSource("slack:w").setFile(file).setIndex(3).build();
    SourcePointer out = ex.withhold(p);
    assertThat(out.getFile()).isEqualTo(withheld ? Exclusions.WITHHELD : file);
    assertThat(out.getIndex()).isEqualTo(3);
    assertThat(out.getSource()).isEqualTo("slack:w");
  }

  @Test
  void optOutsNeverPrintTheirValues() {
    OptOuts o = OptOuts.of(List.of("kim.sato@example.test"), List.of("secret"), List.of("HR"), List.of("s1"));
    assertThat(o.toString()).isEqualTo("OptOuts{people=1, channels=1, projects=1, sessions=1}");
  }
}
