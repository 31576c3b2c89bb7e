package dev.veil.transforms.deidentify;

import dev.veil.schemas.Episode;
import java.util.Objects;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The run's typing population for {@code capture.key_timing: resample}: hold times per key and down-down latencies
 * per digraph of the typed text of every episode, pooled over all sessions into a {@link KeyTiming.Population}, as a
 * singleton side input. The episodes are the raw ones the run keeps (after opt-outs and retention), so an excluded
 * person's typing is not in it; secret input has no times and is not either. Exact histograms merged in any order, so
 * the population does not depend on bundle order or on how the runner splits the input.
 *
 * <pre>{@code
 * PCollectionView<KeyTiming.Population> population = episodes.apply("PoolKeyTiming", PoolKeyTiming.create());
 * }</pre>
 */
public final class PoolKeyTiming extends PTransform<PCollection<Episode>, PCollectionView<KeyTiming.Population>> {
  private static final long serialVersionUID = 1L;

  private PoolKeyTiming() {}

  public static PoolKeyTiming create() {
    return new PoolKeyTiming();
  }

  @Override
  public PCollectionView<KeyTiming.Population> expand(PCollection<Episode> episodes) {
    return episodes.apply("Pool typed keys", Combine.globally(new PoolFn()).asSingletonView());
  }

  /** Folds episodes' typed keystrokes into population histograms. */
  static final class PoolFn extends Combine.CombineFn<Episode, KeyTiming.Population.Builder, KeyTiming.Population> {
    private static final long serialVersionUID = 1L;

    @Override
    public KeyTiming.Population.Builder createAccumulator() {
      return KeyTiming.Population.builder();
    }

    @Override
    public KeyTiming.Population.Builder addInput(KeyTiming.Population.Builder acc, Episode episode) {
      return acc.add(TypedKeys.of(episode));
    }

    @Override
    public KeyTiming.Population.Builder mergeAccumulators(Iterable<KeyTiming.Population.Builder> accs) {
      KeyTiming.Population.Builder merged = KeyTiming.Population.builder();
      accs.forEach(merged::merge);
      return merged;
    }

    @Override
    public KeyTiming.Population extractOutput(KeyTiming.Population.Builder acc) {
      return Objects.requireNonNull(acc).build();
    }

    @Override
    public Coder<KeyTiming.Population.Builder> getAccumulatorCoder(
        CoderRegistry registry, Coder<Episode> inputCoder) throws CannotProvideCoderException {
      return SerializableCoder.of(KeyTiming.Population.Builder.class);
    }

    @Override
    public Coder<KeyTiming.Population> getDefaultOutputCoder(CoderRegistry registry, Coder<Episode> inputCoder) {
      return SerializableCoder.of(KeyTiming.Population.class);
    }
  }
}
