package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.Episode;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import java.io.Serializable;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * De-identifies records that keep their shape (tickets, episodes) against the identity directory. Each worker builds
 * the source's de-identifier once from the broadcast directory and the key.
 *
 * <pre>{@code
 * tickets.apply("DeidentifyTickets", DeidentifyRecords.tickets(key, directory, detection));
 * }</pre>
 */
public final class DeidentifyRecords<T extends SpecificRecord> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  /** Builds a source's de-identifier from the shared free-text pass. */
  @FunctionalInterface
  public interface Factory<T> extends Serializable {
    UnaryOperator<T> create(TextScrubber scrubber);
  }

  private final Class<T> type;
  private final KeyReference key;
  private final PCollectionView<IdentityDirectory> directory;
  private final DetectionSettings detection;
  private final Factory<T> factory;

  private DeidentifyRecords(
      Class<T> type,
      KeyReference key,
      PCollectionView<IdentityDirectory> directory,
      DetectionSettings detection,
      Factory<T> factory) {
    checkArgument(key != null, "key reference must be set");
    checkArgument(directory != null, "directory must be set");
    checkArgument(detection != null, "detection settings must be set");
    this.type = type;
    this.key = key;
    this.directory = directory;
    this.detection = detection;
    this.factory = factory;
  }

  public static DeidentifyRecords<Ticket> tickets(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection) {
    return new DeidentifyRecords<>(Ticket.class, key, directory, detection, s -> new TicketDeidentifier(s)::deidentify);
  }

  public static DeidentifyRecords<Episode> episodes(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection, Timing timing) {
    checkArgument(timing != null, "timing must be set");
    return new DeidentifyRecords<>(
        Episode.class, key, directory, detection, s -> new EpisodeDeidentifier(s, timing)::deidentify);
  }

  @Override
  public PCollection<T> expand(PCollection<T> records) {
    return records
        .apply("Pseudonymize and scrub", ParDo.of(new DeidentifyFn<>(key, detection, directory, factory)).withSideInputs(directory))
        .setCoder(Coders.avro(type));
  }

  static final class DeidentifyFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private final KeyReference key;
    private final DetectionSettings detection;
    private final PCollectionView<IdentityDirectory> directory;
    private final Factory<T> factory;
    private transient ScrubberCache<UnaryOperator<T>> cache;

    DeidentifyFn(
        KeyReference key, DetectionSettings detection, PCollectionView<IdentityDirectory> directory, Factory<T> factory) {
      this.key = key;
      this.detection = detection;
      this.directory = directory;
      this.factory = factory;
    }

    @Setup
    public void setup() {
      cache = new ScrubberCache<>(key, detection);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(cache.get(c.sideInput(directory), factory::create).apply(c.element()));
    }
  }
}
