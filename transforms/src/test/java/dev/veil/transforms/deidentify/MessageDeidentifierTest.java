package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.common.Reasons;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageDeidentifierTest {
  private static final String SOURCE = "slack:t";
  private final Pseudonyms pseudonyms = new Pseudonyms(new byte[32]);
  private final IdentityDirectory directory =
      new IdentityResolver(pseudonyms)
          .resolve(
              List.of(
                  DirectoryScrubberTest.user("U01DANA", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", null)));
  private final MessageDeidentifier deid =
      new MessageDeidentifier(
          new TextScrubber(pseudonyms, directory),
          new ChannelDirectory(
              List.of(
                  SlackChannel.newBuilder()
                      .setSource(SOURCE)
                      .setId("C1")
                      .setFolder("dana.w-notes")
                      .setName("dana.w-notes")
                      .setKind(ChannelKind.PUBLIC_CHANNEL)
                      .build(),
                  SlackChannel.newBuilder()
                      .setSource(SOURCE)
                      .setId("G9")
                      .setFolder("mpdm-dana.w--ravi-1")
                      .setName("mpdm-dana.w--ravi-1")
                      .setKind(ChannelKind.GROUP_DM)
                      .build())));
  private final String dana = pseudonyms.person("email:dana@acme.test");

  private static ChatMessage msg(String folder, String user, String text) {
    return ChatMessage.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource(SOURCE).setFile(folder + "/2024-01-01.json").setIndex(0).build())
        .setChannelFolder(folder)
        .setTs("1704067200.000100")
        .setTsMicros(1704067200000100L)
        .setUserId(user)
        .setText(text)
        .build();
  }

  @Test
  void pseudonymizesAuthorMentionsChannelAndFreeText() {
    MessageDeidentifier.Result r =
        deid.deidentify(msg("dana.w-notes", "U01DANA", "<@U01DANA> in <#C1|dana.w-notes>, cc Dana Whitfield"));
    assertThat(r.reason).isNull();
    assertThat(r.message.getSpeaker()).isEqualTo(dana);
    assertThat(r.message.getText()).isEqualTo("@" + dana + " in #" + dana + "-notes, cc " + dana);
    assertThat(r.message.getChannelLabel()).isEqualTo("#" + dana + "-notes");
    assertThat(r.message.getConversationKey()).isEqualTo(SOURCE + "|C1|day:2024-01-01");
  }

  @Test
  void stripsLinkQueriesAndRedactsUnknownEmailsAndTokens() {
    MessageDeidentifier.Result r =
        deid.deidentify(
            msg(
                "dana.w-notes",
                "U01DANA",
                "<https://files.test/f/report.csv?t=xoxe-123-abc|report> from bob@other.test, token"
                    + " xoxb-1111111111-2222222222-abcdefgh"));
    assertThat(r.message.getText())
        .isEqualTo("report (https://files.test/f/report.csv) from [EMAIL], token [SECRET]")
        .doesNotContain("xoxe")
        .doesNotContain("bob");
  }

  @Test
  void anAddressWhoseLocalPartIsAHandleIsRedactedWhole() {
    MessageDeidentifier.Result r = deid.deidentify(msg("dana.w-notes", "U01DANA", "old mail dana.w@oldcorp.example works"));
    assertThat(r.message.getText()).isEqualTo("old mail [EMAIL] works");
    assertThat(r.message.getEntities()).containsEntry("EMAIL", 1L);
  }

  @Test
  void namesGroupDmsGenericallyAndQuarantinesUnknownAuthors() {
    assertThat(deid.deidentify(msg("mpdm-dana.w--ravi-1", "U01DANA", "hi")).message.getChannelLabel())
        .isEqualTo("group message");
    MessageDeidentifier.Result unknown = deid.deidentify(msg("dana.w-notes", "U0STRANGER", "hello"));
    assertThat(unknown.message).isNull();
    assertThat(unknown.reason).isEqualTo(Reasons.UNKNOWN_AUTHOR);
  }

  @Test
  void anUnknownMentionGetsAKeyedTokenNotTheRawId() {
    String text = deid.deidentify(msg("dana.w-notes", "U01DANA", "ask <@U0STRANGER>")).message.getText();
    assertThat(text).doesNotContain("U0STRANGER").matches("ask @user_[0-9a-f]{12}");
  }

  @Test
  void threadRepliesShareTheThreadsConversation() {
    ChatMessage reply = ChatMessage.newBuilder(msg("dana.w-notes", "U01DANA", "+1")).setThreadTs("1704000000.000001").build();
    assertThat(deid.deidentify(reply).message.getConversationKey()).isEqualTo(SOURCE + "|C1|thread:1704000000.000001");
  }

  @Test
  void anOptedOutPersonIsAGenericPlaceholderAndAnOptedOutChannelIsNeverNamed() {
    dev.veil.transforms.common.OptOuts optOuts =
        dev.veil.transforms.common.OptOuts.of(List.of("dana@acme.test"), List.of("#dana.w-notes"), null, null);
    IdentityDirectory marked =
        new IdentityResolver(pseudonyms)
            .resolve(
                List.of(DirectoryScrubberTest.user("U01DANA", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", null),
                    DirectoryScrubberTest.user("U02RAVI", "ravi", "Ravi Shah", "ravi", "ravi@acme.test", null)),
                optOuts);
    MessageDeidentifier d =
        new MessageDeidentifier(
            new TextScrubber(pseudonyms, marked),
            new ChannelDirectory(
                List.of(
                    SlackChannel.newBuilder()
                        .setSource(SOURCE)
                        .setId("C1")
                        .setFolder("dana.w-notes")
                        .setName("dana.w-notes")
                        .setKind(ChannelKind.PUBLIC_CHANNEL)
                        .build())),
            optOuts);
    MessageDeidentifier.Result r =
        d.deidentify(msg("general", "U02RAVI", "<@U01DANA> see <#C1|dana.w-notes>; Dana Whitfield or dana@acme.test"));
    assertThat(r.message.getText()).isEqualTo("@[PERSON] see #channel; [PERSON] or [PERSON]");
    assertThat(r.message.getText()).doesNotContain(dana);
    assertThat(r.message.getSpeaker()).isEqualTo(pseudonyms.person("email:ravi@acme.test"));
    assertThat(r.message.getScope()).isEqualTo("general");
  }

  @Test
  void theSurrogateOperatorNeverGivesAnOptedOutPersonAFakeName() {
    IdentityDirectory marked =
        new IdentityResolver(pseudonyms)
            .resolve(
                List.of(DirectoryScrubberTest.user("U01DANA", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", null)),
                dev.veil.transforms.common.OptOuts.of(List.of("U01DANA"), null, null, null));
    DetectionSettings surrogates =
        DetectionSettings.defaults()
            .withOperators(
                dev.veil.transforms.deidentify.ops.Operators.defaults()
                    .with(
                        dev.veil.transforms.deidentify.detect.EntityType.PERSON,
                        dev.veil.transforms.deidentify.ops.OperatorSpec.of(
                            dev.veil.transforms.deidentify.ops.Operator.PSEUDONYMIZE, "surrogate")));
    TextScrubber s = new TextScrubber(pseudonyms, marked, surrogates);
    assertThat(s.scrubPlain("ask Dana Whitfield")).isEqualTo("ask [PERSON]");
    assertThat(s.pseudonymOf(SOURCE, "U01DANA")).isEqualTo(TextScrubber.OPTED_OUT);
    // Without the mark the same scrubber gives a surrogate name.
    assertThat(new TextScrubber(pseudonyms, directory, surrogates).scrubPlain("ask Dana Whitfield"))
        .doesNotContain("Dana").doesNotContain("[PERSON]");
  }
}
