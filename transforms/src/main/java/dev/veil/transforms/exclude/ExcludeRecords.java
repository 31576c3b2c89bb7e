package dev.veil.transforms.exclude;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Episode;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Reasons;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import javax.annotation.Nullable;

/**
 * Removes the raw records the policy excludes (see {@link Exclusions}): opted-out people, channels, projects and
 * sessions, and content older than the retention window. Each excluded record goes to {@link #DROPPED} with its reason
 * ({@code opted_out_person}, {@code opted_out_channel}, {@code opted_out_project}, {@code opted_out_session},
 * {@code retention}) and the input records it carries; the rest is {@link #kept()}. Runs before de-identification, on
 * raw ids, so that an opted-out person is matched by every account the directory knows them by.
 *
 * <pre>{@code
 * ExcludeRecords<Ticket> exclude = ExcludeRecords.tickets(optOuts, retention, directory);
 * PCollectionTuple out = tickets.apply("ExcludeTickets", exclude);
 * out.get(exclude.kept()); out.get(ExcludeRecords.DROPPED);
 * }</pre>
 *
 * The opt-out values are never logged, displayed or put in metric names: display data holds only their counts.
 */
public final class ExcludeRecords<T extends SpecificRecord> extends PTransform<PCollection<T>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "exclude";

  /** How one kind of record is judged and trimmed. */
  interface Judge<T> extends Serializable {
    /** Why the record is excluded, or null to keep it. */
    String reason(Exclusions exclusions, T record);

    /** The kept record without what opted-out people contributed to it. */
    default T trim(Exclusions exclusions, T record) {
      return record;
    }
  }

  private final Class<T> type;
  private final OptOuts optOuts;
  private final Retention retention;
  private final PCollectionView<IdentityDirectory> directory;
  private final @Nullable PCollectionView<List<SlackChannel>> channels;
  private final Judge<T> judge;
  private final SerializableFunction<T, Long> records;
  private final TupleTag<T> kept = new TupleTag<>();

  private ExcludeRecords(
      Class<T> type,
      OptOuts optOuts,
      Retention retention,
      PCollectionView<IdentityDirectory> directory,
      @Nullable PCollectionView<List<SlackChannel>> channels,
      Judge<T> judge,
      SerializableFunction<T, Long> records) {
    checkArgument(optOuts != null, "opt-outs must be set (OptOuts.none() for none)");
    checkArgument(retention != null, "retention must be set (Retention.none() for none)");
    checkArgument(directory != null, "directory must be set");
    this.type = type;
    this.optOuts = optOuts;
    this.retention = retention;
    this.directory = directory;
    this.channels = channels;
    this.judge = judge;
    this.records = records;
  }

  /** Chat messages: by author, channel (name, folder or id, looked up in {@code channels}) and time. */
  public static ExcludeRecords<ChatMessage> messages(
      OptOuts optOuts,
      Retention retention,
      PCollectionView<IdentityDirectory> directory,
      PCollectionView<List<SlackChannel>> channels) {
    checkArgument(channels != null, "channels must be set");
    return new ExcludeRecords<>(
        ChatMessage.class, optOuts, retention, directory, channels, Exclusions::reason, m -> 1L);
  }

  /** Tickets: by reporter, project and creation date; kept tickets lose opted-out people's comments. */
  public static ExcludeRecords<Ticket> tickets(
      OptOuts optOuts, Retention retention, PCollectionView<IdentityDirectory> directory) {
    return new ExcludeRecords<>(
        Ticket.class,
        optOuts,
        retention,
        directory,
        null,
        new Judge<Ticket>() {
          private static final long serialVersionUID = 1L;

          @Override
          public String reason(Exclusions exclusions, Ticket t) {
            return exclusions.reason(t);
          }

          @Override
          public Ticket trim(Exclusions exclusions, Ticket t) {
            return exclusions.trim(t);
          }
        },
        t -> 1L);
  }

  /** Recordings: by owner, session and start date; a recording counts the events it carries. */
  public static ExcludeRecords<Episode> episodes(
      OptOuts optOuts, Retention retention, PCollectionView<IdentityDirectory> directory) {
    return new ExcludeRecords<>(
        Episode.class, optOuts, retention, directory, null, Exclusions::reason, Episode::getRecords);
  }

  /** The tag of the records that are kept. */
  public TupleTag<T> kept() {
    return kept;
  }

  @Override
  public PCollectionTuple expand(PCollection<T> input) {
    List<PCollectionView<?>> sides = new ArrayList<>();
    sides.add(directory);
    if (channels != null) {
      sides.add(channels);
    }
    PCollectionTuple out =
        input.apply(
            "Apply opt-outs and retention",
            ParDo.of(new ExcludeFn<>(optOuts, retention, directory, channels, judge, records, kept))
                .withSideInputs(sides)
                .withOutputTags(kept, TupleTagList.of(DROPPED)));
    out.get(kept).setCoder(Coders.avro(type));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("optOuts", optOuts.toString())).add(DisplayData.item("retention", retention.toString()));
  }

  static final class ExcludeFn<T> extends DoFn<T, T> {
    private static final long serialVersionUID = 1L;
    private static final String[] REASONS = {
      Reasons.OPTED_OUT_PERSON,
      Reasons.OPTED_OUT_CHANNEL,
      Reasons.OPTED_OUT_PROJECT,
      Reasons.OPTED_OUT_SESSION,
      Reasons.RETENTION
    };
    private final Map<String, Counter> dropped = new TreeMap<>();
    private final Counter trimmed = Metrics.counter(ExcludeRecords.class, "trimmed_opted_out_contributions");
    private final OptOuts optOuts;
    private final Retention retention;
    private final PCollectionView<IdentityDirectory> directory;
    private final @Nullable PCollectionView<List<SlackChannel>> channels;
    private final Judge<T> judge;
    private final SerializableFunction<T, Long> records;
    private final TupleTag<T> kept;
    private transient Exclusions exclusions;
    private transient String builtFrom;

    ExcludeFn(
        OptOuts optOuts,
        Retention retention,
        PCollectionView<IdentityDirectory> directory,
        @Nullable PCollectionView<List<SlackChannel>> channels,
        Judge<T> judge,
        SerializableFunction<T, Long> records,
        TupleTag<T> kept) {
      this.optOuts = optOuts;
      this.retention = retention;
      this.directory = directory;
      this.channels = channels;
      this.judge = judge;
      this.records = records;
      this.kept = kept;
      for (String reason : REASONS) {
        dropped.put(reason, Metrics.counter(ExcludeRecords.class, "dropped_" + reason));
      }
    }

    @ProcessElement
    public void process(ProcessContext c) {
      IdentityDirectory dir = c.sideInput(directory);
      if (exclusions == null || !dir.getFingerprint().equals(builtFrom)) {
        exclusions = new Exclusions(optOuts, retention, dir, channels == null ? null : c.sideInput(channels));
        builtFrom = dir.getFingerprint();
      }
      T record = c.element();
      String reason = judge.reason(exclusions, record);
      if (reason == null) {
        T out = judge.trim(exclusions, record);
        if (out != record) {
          trimmed.inc();
        }
        c.output(kept, out);
      } else {
        Counter counter = dropped.get(reason);
        if (counter != null) {
          counter.inc();
        }
        c.output(
            DROPPED,
            Drop.newBuilder().setStage(STAGE).setReason(reason).setRecords(records.apply(record)).build());
      }
    }
  }
}
