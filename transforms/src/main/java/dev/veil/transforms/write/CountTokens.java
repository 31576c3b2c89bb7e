package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Sets each example's {@code tokens}: the tokens of its text in the named encoding (see {@link TokenCounter}). The
 * count is a pure function of the text and the encoding, so it is the same on every runner and retry.
 */
@AutoValue
public abstract class CountTokens extends PTransform<PCollection<Example>, PCollection<Example>> {
  private static final long serialVersionUID = 1L;

  abstract String encoding();

  public static CountTokens with(String encoding) {
    checkArgument(encoding != null && TokenCounter.isKnown(encoding), "unknown tokenizer encoding: " + encoding);
    return new AutoValue_CountTokens(encoding);
  }

  @Override
  public PCollection<Example> expand(PCollection<Example> examples) {
    return examples
        .apply("Count tokens", ParDo.of(new CountFn(encoding())))
        .setCoder(Coders.avro(Example.class));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("encoding", encoding()));
  }

  static final class CountFn extends DoFn<Example, Example> {
    private static final long serialVersionUID = 1L;
    private final Distribution tokens = Metrics.distribution(CountTokens.class, "tokens_per_example");
    private final String encoding;
    private transient TokenCounter counter;

    CountFn(String encoding) {
      this.encoding = encoding;
    }

    @Setup
    public void setup() {
      counter = TokenCounter.forEncoding(encoding);
    }

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<Example> out) {
      long n = counter.count(e.getText());
      tokens.update(n);
      out.output(Example.newBuilder(e).setTokens(n).build());
    }
  }
}
