package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Episode;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import java.io.Serializable;
import java.util.List;
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
 * Episodes may also release per-key times of typed text ({@link KeyTimingPolicy}); resampling reads the run's typing
 * population ({@link PoolKeyTiming}) as a second side input.
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
    /** {@code population}: the run's typing population when the transform reads one, else null. */
    UnaryOperator<T> create(TextScrubber scrubber, KeyTiming.Population population);
  }

  private final Class<T> type;
  private final KeyReference key;
  private final PCollectionView<IdentityDirectory> directory;
  private final PCollectionView<KeyTiming.Population> population;
  private final DetectionSettings detection;
  private final Factory<T> factory;
  private final SerializableFunction<T, Long> records;
  private final TupleTag<T> kept = new TupleTag<>();

  private DeidentifyRecords(
      Class<T> type,
      KeyReference key,
      PCollectionView<IdentityDirectory> directory,
      PCollectionView<KeyTiming.Population> population,
      DetectionSettings detection,
      Factory<T> factory,
      SerializableFunction<T, Long> records) {
    checkArgument(key != null, "key reference must be set");
    checkArgument(directory != null, "directory must be set");
    checkArgument(detection != null, "detection settings must be set");
    this.type = type;
    this.key = key;
    this.directory = directory;
    this.population = population;
    this.detection = detection;
    this.factory = factory;
    this.records = records;
  }

  public static DeidentifyRecords<Ticket> tickets(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection) {
    return new DeidentifyRecords<>(
        Ticket.class, key, directory, null, detection, (s, p) -> new TicketDeidentifier(s)::deidentify, t -> 1L);
  }

  /** Episodes, releasing no per-key times. */
  public static DeidentifyRecords<Episode> episodes(
      KeyReference key, PCollectionView<IdentityDirectory> directory, DetectionSettings detection, Timing timing) {
    return episodes(key, directory, detection, timing, KeyTimingPolicy.none(), null);
  }

  /**
   * Episodes, releasing per-key times as {@code keyTiming} says; {@code population} ({@link PoolKeyTiming}) is
   * required for resample and only then.
   */
  public static DeidentifyRecords<Episode> episodes(
      KeyReference key,
      PCollectionView<IdentityDirectory> directory,
      DetectionSettings detection,
      Timing timing,
      KeyTimingPolicy keyTiming,
      PCollectionView<KeyTiming.Population> population) {
    checkArgument(timing != null, "timing must be set");
    checkArgument(keyTiming != null, "key timing must be set");
    checkArgument(
        keyTiming.needsPopulation() == (population != null),
        "the typing population is needed for resample key timing, and only for it");
    return new DeidentifyRecords<>(
        Episode.class,
        key,
        directory,
        population,
        detection,
        (s, p) -> new EpisodeDeidentifier(s, timing, keyTiming.resolve(p))::deidentify,
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
            ParDo.of(new DeidentifyFn<>(key, detection, directory, population, factory, records, kept))
                .withSideInputs(
                    population == null
                        ? List.<PCollectionView<?>>of(directory)
                        : List.<PCollectionView<?>>of(directory, population))
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
    private final PCollectionView<KeyTiming.Population> population;
    private final Factory<T> factory;
    private final SerializableFunction<T, Long> records;
    private final TupleTag<T> kept;
    private transient ScrubberCache<UnaryOperator<T>> cache;

    DeidentifyFn(
        KeyReference key,
        DetectionSettings detection,
        PCollectionView<IdentityDirectory> directory,
        PCollectionView<KeyTiming.Population> population,
        Factory<T> factory,
        SerializableFunction<T, Long> records,
        TupleTag<T> kept) {
      this.key = key;
      this.detection = detection;
      this.directory = directory;
      this.population = population;
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
      KeyTiming.Population pop = population == null ? null : c.sideInput(population);
      T out = cache.get(c.sideInput(directory), pop, s -> factory.create(s, pop)).apply(c.element());
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
