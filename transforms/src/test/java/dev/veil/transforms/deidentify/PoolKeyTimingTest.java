package dev.veil.transforms.deidentify;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.KeyTime;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.read.CaptureSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;

class PoolKeyTimingTest {
  /** A session typing two sentences (each its own action) and a password, every key with times from the session. */
  private static Episode session(int s) {
    List<EpisodeAction> actions = new ArrayList<>();
    long down = 1_000;
    for (String text : List.of("the data is in the shared folder", "see the notes on the wiki")) {
      List<KeyTime> keys = new ArrayList<>();
      for (int i = 0; i < text.length(); i++) {
        down += 90 + (i * 37 + s * 11) % 160;
        keys.add(KeyTime.newBuilder().setDownMs(down).setUpMs(down + 60 + (i * 13 + s * 5) % 90).build());
      }
      actions.add(EpisodeAction.newBuilder().setOp("type").setText(text).setKeys(keys).build());
      actions.add(EpisodeAction.newBuilder().setOp("press").setText("enter").build());
      down += 5_000;
    }
    actions.add(EpisodeAction.newBuilder().setOp("type").setText(CaptureSession.SECRET).build());
    return Episode.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("capture:t").setFile("s" + s).setIndex(-1).build())
        .setOwner("typist-" + s + "@typists.example")
        .setRecords(1)
        .setActions(actions)
        .build();
  }

  /** Emits the side input's population once. */
  static final class ReadPopulationFn extends DoFn<Integer, KeyTiming.Population> {
    private final PCollectionView<KeyTiming.Population> view;

    ReadPopulationFn(PCollectionView<KeyTiming.Population> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.sideInput(view));
    }
  }

  /**
   * Whatever the order and split of the input, the side input is the population of all sessions' typed keys, built
   * as {@link KeyTiming.Population.Builder} builds it (and pooling secret input, which has no times, adds nothing).
   */
  @Test
  void poolsEverySessionsTypedKeysIntoOnePopulationWhateverTheOrder() {
    List<Episode> episodes = new ArrayList<>();
    KeyTiming.Population.Builder expected = KeyTiming.Population.builder();
    for (int s = 0; s < 10; s++) {
      episodes.add(session(s));
      expected.add(TypedKeys.of(session(s)));
    }
    List<Episode> reversed = new ArrayList<>(episodes);
    java.util.Collections.reverse(reversed);
    for (List<Episode> in : List.of(episodes, reversed)) {
      Pipeline p = TestPipelines.direct();
      PCollectionView<KeyTiming.Population> view =
          p.apply(Create.of(in).withCoder(Coders.avro(Episode.class))).apply(PoolKeyTiming.create());
      PCollection<KeyTiming.Population> read =
          p.apply("One", Create.of(1))
              .apply("Read the view", ParDo.of(new ReadPopulationFn(view)).withSideInputs(view))
              .setCoder(SerializableCoder.of(KeyTiming.Population.class));
      PAssert.thatSingleton(read).isEqualTo(expected.build());
      p.run().waitUntilFinish();
    }
  }
}
