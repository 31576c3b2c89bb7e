package dev.veil.transforms.filter;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.Drop;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Applies example rules ({@link ExampleRules}) in order; the first rule that objects drops the example with its
 * reason. Returns the kept examples and one {@link Drop} per dropped example, carrying the input records it held.
 */
@AutoValue
public abstract class FilterExamples extends PTransform<PCollection<Example>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Example> KEPT = new TupleTag<Example>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};

  abstract List<ExampleRule> rules();

  public static FilterExamples withRules(List<ExampleRule> rules) {
    checkArgument(rules != null && !rules.isEmpty(), "at least one rule is required");
    return new AutoValue_FilterExamples(List.copyOf(rules));
  }

  @Override
  public PCollectionTuple expand(PCollection<Example> examples) {
    return ApplyRules.to(examples, rules(), Example::getRecords, KEPT, DROPPED, Example.class);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rules", rules().size()));
  }
}
