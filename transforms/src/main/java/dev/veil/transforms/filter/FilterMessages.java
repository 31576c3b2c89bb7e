package dev.veil.transforms.filter;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Drop;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Applies message rules in order; the first rule that objects drops the message with its reason. Returns the kept
 * messages and one {@link Drop} per dropped message.
 */
@AutoValue
public abstract class FilterMessages extends PTransform<PCollection<AnonMessage>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<AnonMessage> KEPT = new TupleTag<AnonMessage>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "filter";

  abstract List<MessageRule> rules();

  public static FilterMessages withRules(List<MessageRule> rules) {
    checkArgument(rules != null && !rules.isEmpty(), "at least one rule is required");
    return new AutoValue_FilterMessages(List.copyOf(rules));
  }

  /** The reason of the first rule that objects to the message, in order; empty to keep it. */
  public static Optional<String> firstObjection(List<MessageRule> rules, AnonMessage message) {
    return ApplyRules.firstObjection(rules, message);
  }

  @Override
  public PCollectionTuple expand(PCollection<AnonMessage> messages) {
    return ApplyRules.to(messages, rules(), m -> 1L, KEPT, DROPPED, AnonMessage.class);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rules", rules().size()));
  }
}
