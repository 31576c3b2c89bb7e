package dev.veil.transforms.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.schemas.Drop;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class TallyTest {
  static Drop drop(String reason, long records) {
    return Drop.newBuilder().setStage("filter").setReason(reason).setRecords(records).build();
  }

  @Test
  void sumsExactlyAndShipsFarFewerTalliesThanRecords() {
    List<Drop> drops = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      drops.add(i % 3 == 0 ? drop("too_short", 2) : drop("bot_message", 1));
    }
    Pipeline p = TestPipelines.direct();
    PCollection<KV<String, Long>> tallies =
        p.apply(Create.of(drops).withCoder(Coders.avro(Drop.class))).apply("Tally dropped", Tally.dropped());
    PAssert.that(tallies.apply("Sum", Sum.longsPerKey()))
        .containsInAnyOrder(
            KV.of(Accounting.droppedKey("filter", "too_short"), 2_000L),
            KV.of(Accounting.droppedKey("filter", "bot_message"), 2_000L));
    // One tally per key and bundle, not one per record.
    PAssert.thatSingleton(tallies.apply("Count", Count.globally()))
        .satisfies(
            (SerializableFunction<Long, Void>)
                n -> {
                  assertThat(n).isBetween(2L, 100L);
                  return null;
                });
    p.run().waitUntilFinish();
  }

  @Test
  void refusesAWindowedCollection() {
    Pipeline p = TestPipelines.direct();
    PCollection<Drop> windowed =
        p.apply(Create.of(drop("x", 1)).withCoder(Coders.avro(Drop.class)))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));
    assertThatThrownBy(() -> windowed.apply("Tally", Tally.dropped()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("global window");
  }
}
