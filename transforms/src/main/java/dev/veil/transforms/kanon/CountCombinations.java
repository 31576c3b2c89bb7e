package dev.veil.transforms.kanon;

import dev.veil.schemas.Example;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The quasi-identifier histogram of the examples in scope: each distinct combination of values (plus the sensitive
 * value under l-diversity, as {@link ReleasePlan#histogramKey}) with its count. Used on the examples before
 * generalization (to solve) and on the examples written (to verify).
 */
final class CountCombinations extends PTransform<PCollection<Example>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;
  private final KAnonSettings settings;

  CountCombinations(KAnonSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<Example> examples) {
    KAnonSettings s = settings;
    return examples
        .apply(
            "Quasi-identifiers",
            ParDo.of(
                new DoFn<Example, String>() {
                  @ProcessElement
                  public void process(@Element Example e, OutputReceiver<String> out) {
                    if (s.inScope(e)) {
                      out.output(ReleasePlan.histogramKey(s, e));
                    }
                  }
                }))
        .setCoder(StringUtf8Coder.of())
        .apply("Count", Count.perElement());
  }
}
