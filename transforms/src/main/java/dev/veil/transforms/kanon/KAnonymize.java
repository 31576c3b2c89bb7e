package dev.veil.transforms.kanon;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * k-anonymity of the released attributes. Steps: {@code Quasi-identifiers} (each example in scope to its combination
 * of values) and {@code Count combinations} build the histogram, whose size depends on the distinct combinations, not
 * on the data; {@code Solve} finds the optimal full-domain generalization within the suppression limit once
 * ({@link ReleasePlan#solve}, a lattice search); {@code Generalize} applies it to every example (a map with the plan
 * as side input). Outputs: {@link #RELEASED} examples and one {@link #REPORT} (JSON: settings, levels, information
 * loss, suppressed records, risk before). {@link VerifyKAnonymity} checks the result on what is written.
 *
 * <pre>{@code
 * PCollectionTuple t = examples.apply("KAnonymize", KAnonymize.with(settings));
 * t.get(KAnonymize.RELEASED); t.get(KAnonymize.REPORT);
 * }</pre>
 */
public final class KAnonymize extends PTransform<PCollection<Example>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Example> RELEASED = new TupleTag<Example>() {};
  public static final TupleTag<String> REPORT = new TupleTag<String>() {};

  private final KAnonSettings settings;
  /** For tests of the verification only: replaces the solved plan's release of each example. */
  private final SerializableFunction<Example, Example> broken;

  private KAnonymize(KAnonSettings settings, SerializableFunction<Example, Example> broken) {
    this.settings = settings;
    this.broken = broken;
  }

  public static KAnonymize with(KAnonSettings settings) {
    checkArgument(settings != null, "settings must be set");
    return new KAnonymize(settings, null);
  }

  /**
   * A deliberately broken generalization step: each example in scope is released as {@code step} makes it instead of
   * as solved. Only for tests that show {@link VerifyKAnonymity} stops such a release.
   */
  KAnonymize withBrokenStep(SerializableFunction<Example, Example> step) {
    return new KAnonymize(settings, step);
  }

  @Override
  public PCollectionTuple expand(PCollection<Example> examples) {
    KAnonSettings s = settings;
    PCollectionView<Map<String, Long>> histogram =
        examples.apply("Count combinations", new CountCombinations(s)).apply("Histogram view", View.asMap());
    PCollection<ReleasePlan> plan =
        examples
            .getPipeline()
            .apply("Once", Create.of(0))
            .apply(
                "Solve",
                ParDo.of(
                        new DoFn<Integer, ReleasePlan>() {
                          @ProcessElement
                          public void process(ProcessContext c) {
                            c.output(ReleasePlan.solve(s, c.sideInput(histogram)));
                          }
                        })
                    .withSideInputs(histogram))
            .setCoder(SerializableCoder.of(ReleasePlan.class));
    PCollectionView<ReleasePlan> planView = plan.apply("Plan view", View.asSingleton());
    SerializableFunction<Example, Example> brokenStep = broken;
    PCollection<Example> released =
        examples
            .apply(
                "Generalize",
                ParDo.of(
                        new DoFn<Example, Example>() {
                          @ProcessElement
                          public void process(ProcessContext c) {
                            Example e = c.element();
                            c.output(
                                brokenStep != null && s.inScope(e)
                                    ? brokenStep.apply(e)
                                    : c.sideInput(planView).apply(e));
                          }
                        })
                    .withSideInputs(planView))
            .setCoder(Coders.avro(Example.class));
    PCollection<String> report =
        plan.apply("Report", MapElements.into(TypeDescriptors.strings()).via(KAnonymize::json))
            .setCoder(StringUtf8Coder.of());
    return PCollectionTuple.of(RELEASED, released).and(REPORT, report);
  }

  static String json(ReleasePlan plan) {
    try {
      return new ObjectMapper().writeValueAsString(plan.report());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the k-anonymity report", e);
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("k", settings.k()))
        .add(DisplayData.item("quasiIdentifiers", String.join(",", settings.attributes())))
        .add(DisplayData.item("suppressionLimit", settings.suppressionLimit()));
  }
}
