package dev.veil.transforms.filter;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Drop;
import dev.veil.transforms.Fixtures;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class FilterMessagesTest {
  static AnonMessage m(long i, String subtype, String text) {
    return Fixtures.anon(i, subtype, text);
  }

  static Drop drop(String reason) {
    return Drop.newBuilder().setStage(FilterMessages.STAGE).setReason(reason).setRecords(1).build();
  }

  @Test
  void keepsConversationAndDropsEachNoiseWithItsReason() {
    Pipeline p = TestPipelines.direct();
    AnonMessage keep = m(0, null, "hello");
    AnonMessage share = m(1, "file_share", "uploaded a file: report");
    PCollectionTuple out =
        p.apply(
                Create.of(
                        keep,
                        share,
                        m(2, "channel_join", "joined"),
                        m(3, "tombstone", "This message was deleted."),
                        m(4, null, "   "))
                    .withCoder(Coders.avro(AnonMessage.class)))
            .apply(FilterMessages.withRules(ChatRules.defaults()));
    PAssert.that(out.get(FilterMessages.KEPT)).containsInAnyOrder(keep, share);
    PAssert.that(out.get(FilterMessages.DROPPED))
        .containsInAnyOrder(drop(Reasons.MEMBERSHIP_EVENT), drop(Reasons.DELETED), drop(Reasons.EMPTY_TEXT));
    p.run().waitUntilFinish();
  }
}
