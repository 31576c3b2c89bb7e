package dev.veil.transforms.assemble;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** One {@code ticket} example per de-identified ticket: see {@link TicketBuilder}. */
@AutoValue
public abstract class AssembleTickets extends PTransform<PCollection<Ticket>, PCollection<Example>> {
  private static final long serialVersionUID = 1L;

  abstract String sourceKind();

  abstract KeyReference key();

  public static AssembleTickets of(String sourceKind, KeyReference key) {
    checkArgument(sourceKind != null && !sourceKind.isEmpty(), "source kind must be non-empty");
    checkArgument(key != null, "key reference must be set");
    return new AutoValue_AssembleTickets(sourceKind, key);
  }

  @Override
  public PCollection<Example> expand(PCollection<Ticket> tickets) {
    return tickets
        .apply("Build tickets", ParDo.of(new BuildFn(sourceKind(), key())))
        .setCoder(Coders.avro(Example.class));
  }

  static final class BuildFn extends DoFn<Ticket, Example> {
    private static final long serialVersionUID = 1L;
    private final String sourceKind;
    private final KeyReference key;
    private transient TicketBuilder builder;

    BuildFn(String sourceKind, KeyReference key) {
      this.sourceKind = sourceKind;
      this.key = key;
    }

    @Setup
    public void setup() {
      builder = new TicketBuilder(new Pseudonyms(key.resolve()));
    }

    @ProcessElement
    public void process(@Element Ticket t, OutputReceiver<Example> out) {
      out.output(builder.build(sourceKind, t));
    }
  }
}
