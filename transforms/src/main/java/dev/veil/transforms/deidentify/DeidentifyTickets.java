package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;
import static dev.veil.transforms.common.Checks.checkState;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import javax.annotation.Nullable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/** De-identifies tickets against the identity directory: see {@link TicketDeidentifier}. */
@AutoValue
public abstract class DeidentifyTickets extends PTransform<PCollection<Ticket>, PCollection<Ticket>> {
  private static final long serialVersionUID = 1L;

  abstract KeyReference key();

  abstract @Nullable PCollectionView<IdentityDirectory> directory();

  abstract Builder toBuilder();

  public static DeidentifyTickets keyedBy(KeyReference key) {
    checkArgument(key != null, "key reference must be set");
    return new AutoValue_DeidentifyTickets.Builder().setKey(key).build();
  }

  public DeidentifyTickets withDirectory(PCollectionView<IdentityDirectory> directory) {
    checkArgument(directory != null, "directory must be set");
    return toBuilder().setDirectory(directory).build();
  }

  @Override
  public PCollection<Ticket> expand(PCollection<Ticket> tickets) {
    checkState(directory() != null, "DeidentifyTickets: call withDirectory(...)");
    return tickets
        .apply(
            "Pseudonymize and scrub",
            ParDo.of(new DeidentifyFn(key(), directory())).withSideInputs(directory()))
        .setCoder(Coders.avro(Ticket.class));
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setKey(KeyReference key);

    abstract Builder setDirectory(PCollectionView<IdentityDirectory> directory);

    abstract DeidentifyTickets build();
  }

  static final class DeidentifyFn extends DoFn<Ticket, Ticket> {
    private static final long serialVersionUID = 1L;
    private final KeyReference key;
    private final PCollectionView<IdentityDirectory> directory;
    private transient Pseudonyms pseudonyms;
    private transient String builtFrom;
    private transient TicketDeidentifier deidentifier;

    DeidentifyFn(KeyReference key, PCollectionView<IdentityDirectory> directory) {
      this.key = key;
      this.directory = directory;
    }

    @Setup
    public void setup() {
      pseudonyms = new Pseudonyms(key.resolve());
    }

    @ProcessElement
    public void process(ProcessContext c) {
      IdentityDirectory dir = c.sideInput(directory);
      if (deidentifier == null || !dir.getFingerprint().equals(builtFrom)) {
        deidentifier = new TicketDeidentifier(new TextScrubber(pseudonyms, dir));
        builtFrom = dir.getFingerprint();
      }
      c.output(deidentifier.deidentify(c.element()));
    }
  }
}
