package dev.veil.transforms.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationBuilderTest {
  private final ConversationBuilder builder = new ConversationBuilder(new Pseudonyms(new byte[32]));

  private static AnonMessage turn(long micros, String speaker, String text) {
    AnonMessage m = Fixtures.anon(micros, null, text);
    return AnonMessage.newBuilder(m)
        .setTsMicros(1_700_000_000_000_000L + micros)
        .setSpeaker(speaker)
        .setConversationKey("slack:t|C1|thread:1700000000.000000")
        .setPointer(dev.veil.schemas.SourcePointer.newBuilder().setSource("slack:t").setFile("c/x.json").setIndex(micros).build())
        .build();
  }

  @Test
  void ordersTurnsByTimeAndReleasesOnlyGeneralizedAttributes() {
    List<AnonMessage> turns =
        List.of(turn(2, "person_bbbbbbbbbbbb", "second"), turn(1, "person_aaaaaaaaaaaa", "first"));
    Example e = builder.build("slack:t|C1|thread:1700000000.000000", turns);
    assertThat(e.getText())
        .isEqualTo("#c · 2023-11\nperson_aaaaaaaaaaaa: first\nperson_bbbbbbbbbbbb: second\n");
    assertThat(e.getMeta())
        .containsEntry("period", "2023-11")
        .containsEntry("unit", "thread")
        .containsEntry("turns", 2L)
        .containsEntry("speakers", 2L)
        .containsEntry("bot_turns", 0L)
        .containsKey("text_chars")
        .containsEntry("channel_type", "public_channel");
    assertThat(e.getRecords()).isEqualTo(2);
    assertThat(e.getId()).matches("slack-[0-9a-f]{24}");
  }

  @Test
  void theSameUnitAlwaysGetsTheSameIdWhateverTheInputOrder() {
    List<AnonMessage> a = List.of(turn(1, "person_aaaaaaaaaaaa", "x"), turn(2, "person_bbbbbbbbbbbb", "y"));
    List<AnonMessage> b = List.of(a.get(1), a.get(0));
    assertThat(builder.build("k", a)).isEqualTo(builder.build("k", b));
    assertThat(builder.build("k", a).getId()).isNotEqualTo(builder.build("k2", a).getId());
  }
}
