package dev.veil.transforms.filter;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.Drop;
import dev.veil.transforms.common.Coders;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
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
  public PCollectionTuple expand(PCollection<Example> messages) {
    PCollectionTuple out =
        messages.apply(
            "Apply rules", ParDo.of(new ExampleRulesFn(rules())).withOutputTags(KEPT, TupleTagList.of(DROPPED)));
    out.get(KEPT).setCoder(Coders.avro(Example.class));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rules", rules().size()));
  }

  static final class ExampleRulesFn extends DoFn<Example, Example> {
    private static final long serialVersionUID = 1L;
    private final List<ExampleRule> rules;

    ExampleRulesFn(List<ExampleRule> rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(@Element Example m, MultiOutputReceiver out) {
      for (ExampleRule rule : rules) {
        Optional<String> reason = rule.dropReason(m);
        if (reason.isPresent()) {
          Metrics.counter(FilterExamples.class, "dropped_" + reason.get()).inc();
          out.get(DROPPED)
              .output(Drop.newBuilder().setStage(STAGE).setReason(reason.get()).setRecords(m.getRecords()).build());
          return;
        }
      }
      out.get(KEPT).output(m);
    }
  }
}
