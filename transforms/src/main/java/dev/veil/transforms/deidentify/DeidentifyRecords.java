package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Episode;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import java.io.Serializable;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * De-identifies records that keep their shape (tickets, episodes) against the identity directory. Each worker builds
 * the source's de-identifier once from the broadcast directory and the key. A record holding a value whose type the
 * policy drops goes to {@link #DROPPED} (reason {@code contains_<type>}, counting the input records it carries).
 *
 * <pre>{@code
 * DeidentifyRecords<Ticket> deidentify = DeidentifyRecords.tickets(key, directory, detection);
 * PCollectionTuple out = tickets.apply("DeidentifyTickets", deidentify);
 * out.get(deidentify.kept()); out.get(DeidentifyRecords.DROPPED);
 * }</pre>
 */
public final class DeidentifyRecords<T extends SpecificRecord> extends PTransform<PCollection<T>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};

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
  private final SerializableFunction<T, Long> records;
  private final TupleTag<T> kept = new TupleTag<>();

  private DeidentifyRecords(
      Class<T> type,
      KeyReference key,
      PCollectionView<IdentityDirectory> directory,
      DetectionSettings detection,
      Factory<T> factory,
      SerializableFunction<T, Long> records) {
    checkArgument(key != null, "key reference must be set");
    checkArgument(directory != null, "directory must be set");
    checkArgument(detection != null, "detection settings must be set");
    this.type = type;
    this.key = key;
    this.directory = directory;
    this.detection = detection;
    this.factory = factory;
    this.records = records;
  }

  public static DeidentifyRecords<Ticket> tickets(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection) {
    return new DeidentifyRecords<>(
        Ticket.class, key, directory, detection, s -> new TicketDeidentifier(s)::deidentify, t -> 1L);
  }

  public static DeidentifyRecords<Episode> episodes(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection, Timing timing) {
    checkArgument(timing != null, "timing must be set");
    return new DeidentifyRecords<>(
        Episode.class,
        key,
        directory,
        detection,
        s -> new EpisodeDeidentifier(s, timing)::deidentify,
        Episode::getRecords);
  }

  /** The tag of the de-identified records that are kept. */
  public TupleTag<T> kept() {
    return kept;
  }

  @Override
  public PCollectionTuple expand(PCollection<T> input) {
    PCollectionTuple out =
        input.apply(
            "Pseudonymize and scrub",
            ParDo.of(new DeidentifyFn<>(key, detection, directory, factory, records, kept))
                .withSideInputs(directory)
                .withOutputTags(kept, TupleTagList.of(DROPPED)));
    out.get(kept).setCoder(Coders.avro(type));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  static final class DeidentifyFn<T extends SpecificRecord> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private final KeyReference key;
    private final DetectionSettings detection;
    private final PCollectionView<IdentityDirectory> directory;
    private final Factory<T> factory;
    private final SerializableFunction<T, Long> records;
    private final TupleTag<T> kept;
    private transient ScrubberCache<UnaryOperator<T>> cache;

    DeidentifyFn(
        KeyReference key,
        DetectionSettings detection,
        PCollectionView<IdentityDirectory> directory,
        Factory<T> factory,
        SerializableFunction<T, Long> records,
        TupleTag<T> kept) {
      this.key = key;
      this.detection = detection;
      this.directory = directory;
      this.factory = factory;
      this.records = records;
      this.kept = kept;
    }

    @Setup
    public void setup() {
      cache = new ScrubberCache<>(key, detection);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      T out = cache.get(c.sideInput(directory), factory::create).apply(c.element());
      @SuppressWarnings("unchecked")
      Map<String, Long> entities = (Map<String, Long>) out.get(out.getSchema().getField("entities").pos());
      String drop = detection.operators().dropReason(entities);
      if (drop == null) {
        c.output(kept, out);
      } else {
        c.output(
            DROPPED,
            Drop.newBuilder()
                .setStage(DeidentifyMessages.STAGE)
                .setReason(drop)
                .setRecords(records.apply(c.element()))
                .build());
      }
    }
  }
}
