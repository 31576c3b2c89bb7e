package dev.veil.transforms.filter;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.Drop;
import dev.veil.transforms.common.Coders;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Applies example rules ({@link ExampleRules}) in order; the first rule that objects drops the example with its
 * reason. Returns the kept examples and one {@link Drop} per dropped example, carrying the input records it held.
 */
@AutoValue
public abstract class FilterExamples extends PTransform<PCollection<Example>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Example> KEPT = new TupleTag<Example>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "filter";

  abstract List<ExampleRule> rules();

  public static FilterExamples withRules(List<ExampleRule> rules) {
    checkArgument(rules != null && !rules.isEmpty(), "at least one rule is required");
    return new AutoValue_FilterExamples(List.copyOf(rules));
  }

  @Override
  public PCollectionTuple expand(PCollection<Example> examples) {
    PCollectionTuple out =
        examples.apply(
            "Apply rules",
            ParDo.of(new ApplyRules<Example>(rules(), Example::getRecords, KEPT, DROPPED))
                .withOutputTags(KEPT, TupleTagList.of(DROPPED)));
    out.get(KEPT).setCoder(Coders.avro(Example.class));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rules", rules().size()));
  }
}
