package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Drop;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.common.Reasons;
import dev.veil.transforms.exclude.ExcludeRecords;
import dev.veil.transforms.exclude.Retention;
import dev.veil.transforms.filter.ChatRules;
import dev.veil.transforms.filter.FilterMessages;
import dev.veil.transforms.identity.IdentityResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeidentifyMessagesTest {
  @TempDir Path tmp;

  static ChatMessage message(long i, String user, String subtype, String text) {
    return ChatMessage.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("slack:t").setFile("general/2024-01-01.json").setIndex(i).build())
        .setChannelFolder("general")
        .setTs("1704067200.00010" + i)
        .setTsMicros(1_704_067_200_000_100L + i)
        .setUserId(user)
        .setSubtype(subtype)
        .setText(text)
        .build();
  }

  static Drop drop(String stage, String reason) {
    return Drop.newBuilder().setStage(stage).setReason(reason).setRecords(1).build();
  }

  /** The fused step: an opted-out author's message, a join event, a stranger's message and a kept one. */
  @Test
  void excludesDeidentifiesAndFiltersInOneStepEachDropWithItsOwnStage() throws Exception {
    Path key = Files.writeString(tmp.resolve("key"), "00".repeat(32));
    OptOuts optOuts = OptOuts.of(List.of("ravi@acme.test"), List.of(), null, null);
    IdentityDirectory directory =
        new IdentityResolver(new Pseudonyms(new byte[32]))
            .resolve(
                List.of(
                    DirectoryScrubberTest.user("U01DANA", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", null),
                    DirectoryScrubberTest.user("U02RAVI", "ravi", "Ravi Shah", "ravi", "ravi@acme.test", null)),
                optOuts);
    ChatMessage kept = message(1, "U01DANA", null, "Dana here, the deploy is done");
    Pipeline p = TestPipelines.direct();
    PCollectionView<IdentityDirectory> dir =
        p.apply("Directory", Create.of(directory).withCoder(Coders.avro(IdentityDirectory.class)))
            .apply("Directory view", View.asSingleton());
    PCollectionView<List<SlackChannel>> channels =
        p.apply("Channels", Create.empty(Coders.avro(SlackChannel.class))).apply("Channels view", View.asList());
    PCollectionTuple out =
        p.apply(
                "Messages",
                Create.of(
                        kept,
                        message(2, "U02RAVI", null, "Ravi's message"),
                        message(3, "U01DANA", "channel_join", "joined"),
                        message(4, "U09NOBODY", null, "who am I"))
                    .withCoder(Coders.avro(ChatMessage.class)))
            .apply(
                "Deidentify",
                DeidentifyMessages.keyedBy(KeyReference.ofFile(key.toString()))
                    .withDirectory(dir)
                    .withChannels(channels)
                    .withOptOuts(optOuts)
                    .excluding(Retention.none())
                    .filteredBy(ChatRules.defaults()));
    PAssert.that(out.get(DeidentifyMessages.DROPPED))
        .containsInAnyOrder(
            drop(ExcludeRecords.STAGE, Reasons.OPTED_OUT_PERSON), drop(FilterMessages.STAGE, Reasons.MEMBERSHIP_EVENT));
    PAssert.that(out.get(DeidentifyMessages.QUARANTINE))
        .satisfies(
            q -> {
              assertThat(q).singleElement().satisfies(e -> assertThat(e.getPointer().getIndex()).isEqualTo(4));
              return null;
            });
    PAssert.that(out.get(DeidentifyMessages.ANONYMIZED))
        .satisfies(
            m -> {
              List<AnonMessage> all = StreamSupport.stream(m.spliterator(), false).toList();
              assertThat(all).singleElement().satisfies(a -> {
                assertThat(a.getPointer()).isEqualTo(kept.getPointer());
                assertThat(a.getText()).doesNotContain("Dana");
              });
              return null;
            });
    p.run().waitUntilFinish();
  }
}
