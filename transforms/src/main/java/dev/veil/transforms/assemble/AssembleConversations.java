package dev.veil.transforms.assemble;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Groups de-identified messages (chat, mail) by conversation unit and builds one example per unit; the example's
 * source is the kind of the input the messages came from.
 */
@AutoValue
public abstract class AssembleConversations extends PTransform<PCollection<AnonMessage>, PCollection<Example>> {
  private static final long serialVersionUID = 1L;

  abstract KeyReference key();

  public static AssembleConversations keyedBy(KeyReference key) {
    checkArgument(key != null, "key reference must be set");
    return new AutoValue_AssembleConversations(key);
  }

  @Override
  public PCollection<Example> expand(PCollection<AnonMessage> messages) {
    return messages
        .apply(
            "Key by conversation",
            WithKeys.of(AnonMessage::getConversationKey).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(AnonMessage.class)))
        .apply("Group turns", GroupByKey.create())
        .apply("Build conversations", ParDo.of(new BuildFn(key())))
        .setCoder(Coders.avro(Example.class));
  }

  static final class BuildFn extends DoFn<KV<String, Iterable<AnonMessage>>, Example> {
    private static final long serialVersionUID = 1L;
    private final KeyReference key;
    private transient ConversationBuilder builder;

    BuildFn(KeyReference key) {
      this.key = key;
    }

    @Setup
    public void setup() {
      builder = new ConversationBuilder(new Pseudonyms(key.resolve()));
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<AnonMessage>> unit, OutputReceiver<Example> out) {
      out.output(builder.build(unit.getKey(), unit.getValue()));
    }
  }
}
