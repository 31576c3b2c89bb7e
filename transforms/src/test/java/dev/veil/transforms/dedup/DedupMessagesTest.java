package dev.veil.transforms.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Drop;
import dev.veil.transforms.Fixtures;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class DedupMessagesTest {
  private static AnonMessage bot(long i, String text) {
    return AnonMessage.newBuilder(Fixtures.anon(i, "bot_message", text)).setSpeaker("bot_alerts").build();
  }

  private static Drop repeated(long records) {
    return Drop.newBuilder().setStage(DedupMessages.STAGE).setReason(DedupMessages.REPEATED).setRecords(records).build();
  }

  @Test
  void repeatedBotAndLongMessagesCollapseToTheEarliest() {
    Pipeline p = TestPipelines.direct();
    List<AnonMessage> in = new ArrayList<>();
    // An alert 5 times, numbers differing (normalized alike); the earliest (ts 3) stays.
    for (long i = 7; i >= 3; i--) {
      in.add(bot(i, "Disk usage " + (80 + i) + "% on web-0" + i));
    }
    AnonMessage shortBot = bot(20, "ok");
    AnonMessage shortBotAgain = bot(21, "OK!");
    String paste = "Reminder: the quarterly access review is due Friday, please check your groups";
    AnonMessage pasted = Fixtures.anon(30, null, paste);
    AnonMessage pastedAgain = Fixtures.anon(31, null, paste);
    // People's short replies are never touched, however often they repeat.
    AnonMessage thanks1 = Fixtures.anon(40, null, "thanks!");
    AnonMessage thanks2 = Fixtures.anon(41, null, "thanks!");
    in.add(shortBot);
    in.add(shortBotAgain);
    in.add(pasted);
    in.add(pastedAgain);
    in.add(thanks1);
    in.add(thanks2);
    PCollectionTuple out =
        p.apply(Create.of(in).withCoder(Coders.avro(AnonMessage.class))).apply(DedupMessages.fromLength(32));
    PAssert.that(out.get(DedupMessages.KEPT)).containsInAnyOrder(in.get(4), shortBot, pasted, thanks1, thanks2);
    PAssert.that(out.get(DedupMessages.DROPPED))
        .containsInAnyOrder(repeated(4), repeated(1), repeated(1)); // one drop per repeated text
    p.run().waitUntilFinish();
  }

  @Test
  void theEarliestAndTheCountDoNotDependOnHowMessagesAreCombined() {
    List<AnonMessage> alerts = new ArrayList<>();
    for (long i = 3; i <= 9; i++) {
      alerts.add(bot(i, "Disk usage high on web-0" + i));
    }
    DedupMessages.EarliestFn fn = new DedupMessages.EarliestFn();
    for (int split = 0; split <= alerts.size(); split++) {
      List<AnonMessage> reversed = new ArrayList<>(alerts);
      Collections.reverse(reversed);
      var left = fn.createAccumulator();
      for (AnonMessage m : reversed.subList(0, split)) {
        left = fn.addInput(left, m);
      }
      var right = fn.createAccumulator();
      for (AnonMessage m : reversed.subList(split, reversed.size())) {
        right = fn.addInput(right, m);
      }
      var merged = fn.extractOutput(fn.mergeAccumulators(List.of(right, fn.createAccumulator(), left)));
      assertThat(merged.getKey()).isEqualTo(alerts.get(0));
      assertThat(merged.getValue()).isEqualTo(7L);
    }
  }
}
