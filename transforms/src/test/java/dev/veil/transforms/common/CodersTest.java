package dev.veil.transforms.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SourcePointer;
import java.util.List;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CodersTest {
  static ChatMessage message(String text) {
    return ChatMessage.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("slack:acme").setFile("general/2024-07-01.json").setIndex(3).build())
        .setChannelFolder("general")
        .setTs("1719830000.000100")
        .setTsMicros(1_719_830_000_000_100L)
        .setUserId("U1")
        .setText(text)
        .setFormat("slack-mrkdwn")
        .build();
  }

  @Test
  void readersAndWritersRunTheGeneratedCode() {
    Coders.GeneratedCode<ChatMessage> factory = new Coders.GeneratedCode<>(ChatMessage.class);
    SpecificDatumReader<ChatMessage> reader =
        (SpecificDatumReader<ChatMessage>) factory.apply(ChatMessage.getClassSchema(), ChatMessage.getClassSchema());
    SpecificDatumWriter<ChatMessage> writer = (SpecificDatumWriter<ChatMessage>) factory.apply(ChatMessage.getClassSchema());
    assertThat(reader.getSpecificData().useCustomCoders()).isTrue();
    assertThat(writer.getSpecificData().useCustomCoders()).isTrue();
  }

  @Test
  void encodesTheSameBytesAsAvrosGenericPathAndDecodesThemBack() throws Exception {
    AvroCoder<ChatMessage> generated = Coders.avro(ChatMessage.class);
    AvroCoder<ChatMessage> generic = AvroCoder.specific(ChatMessage.class);
    for (ChatMessage m : List.of(message("hello"), message("naïve ✓ " + "x".repeat(5_000)))) {
      byte[] bytes = CoderUtils.encodeToByteArray(generated, m);
      assertThat(bytes).isEqualTo(CoderUtils.encodeToByteArray(generic, m));
      assertThat(CoderUtils.decodeFromByteArray(generated, bytes)).isEqualTo(m);
      assertThat(CoderUtils.decodeFromByteArray(generic, bytes)).isEqualTo(m);
    }
    assertThat(generated.getSchema()).isEqualTo(ChatMessage.getClassSchema());
  }
}
