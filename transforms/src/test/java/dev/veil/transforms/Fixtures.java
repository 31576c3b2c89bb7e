package dev.veil.transforms;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.SourcePointer;

/** Small records shared by several tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A de-identified message of a public channel, index {@code i} of one day file. */
  public static AnonMessage anon(long i, String subtype, String text) {
    return AnonMessage.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("s").setFile("c/2024-01-01.json").setIndex(i).build())
        .setConversationKey("s|C|day:2024-01-01")
        .setChannelLabel("#c")
        .setChannelKind(ChannelKind.PUBLIC_CHANNEL)
        .setTsMicros(i)
        .setTs(i + ".0")
        .setSpeaker("person_000000000000")
        .setSubtype(subtype)
        .setText(text)
        .build();
  }
}
