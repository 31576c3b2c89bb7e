package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;
import static dev.veil.transforms.common.Checks.checkState;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Drop;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.SlackChannel;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.exclude.ExcludeRecords;
import dev.veil.transforms.exclude.Exclusions;
import dev.veil.transforms.exclude.Retention;
import dev.veil.transforms.filter.FilterMessages;
import dev.veil.transforms.filter.MessageRule;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * De-identifies chat messages against the identity directory: see {@link MessageDeidentifier}. A message whose author
 * is not in the directory is quarantined ({@code unknown_author}), never passed through; one holding a value whose
 * type the policy drops is counted as a drop ({@link #DROPPED}).
 *
 * <p>Two neighbouring stages can run inside this step instead of in their own ({@link #excluding} and {@link
 * #filteredBy}): the exclusion stage's judgement of the raw message first ({@link Exclusions}, as {@link
 * ExcludeRecords#messages} applies it), the filter stage's message rules on the de-identified message last (as {@link
 * FilterMessages} applies them). Their drops keep their own stage and reason and join {@link #DROPPED}. The job runs
 * them fused because a step with several outputs costs, on Flink, a copy of all its output to each output's consumer:
 * three steps in a row shipped every message seven times.
 */
@AutoValue
public abstract class DeidentifyMessages extends PTransform<PCollection<ChatMessage>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<AnonMessage> ANONYMIZED = new TupleTag<AnonMessage>() {};
  public static final TupleTag<QuarantineEntry> QUARANTINE = new TupleTag<QuarantineEntry>() {};
  /** Messages holding a type whose operator is {@code drop}, counted by reason ({@code contains_<type>}). */
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "deidentify";

  abstract KeyReference key();

  abstract @Nullable PCollectionView<IdentityDirectory> directory();

  abstract @Nullable PCollectionView<List<SlackChannel>> channels();

  abstract DetectionSettings detection();

  abstract OptOuts optOuts();

  abstract @Nullable Retention retention();

  abstract @Nullable List<MessageRule> rules();

  abstract Builder toBuilder();

  public static DeidentifyMessages keyedBy(KeyReference key) {
    checkArgument(key != null, "key reference must be set");
    return new AutoValue_DeidentifyMessages.Builder()
        .setKey(key)
        .setDetection(DetectionSettings.defaults())
        .setOptOuts(OptOuts.none())
        .build();
  }

  /** The policy's opt-outs: references to opted-out channels render as {@code #channel}. */
  public DeidentifyMessages withOptOuts(OptOuts optOuts) {
    checkArgument(optOuts != null, "opt-outs must be set (OptOuts.none() for none)");
    return toBuilder().setOptOuts(optOuts).build();
  }

  /**
   * Applies the policy's exclusions (the opt-outs of {@link #withOptOuts} and this retention) to each raw message
   * first: an excluded message is dropped with the exclusion stage's reason, as {@link ExcludeRecords#messages} would.
   */
  public DeidentifyMessages excluding(Retention retention) {
    checkArgument(retention != null, "retention must be set (Retention.none() for none)");
    return toBuilder().setRetention(retention).build();
  }

  /** Applies the filter stage's message rules, in order, to each de-identified message last, as {@link FilterMessages}. */
  public DeidentifyMessages filteredBy(List<MessageRule> rules) {
    checkArgument(rules != null && !rules.isEmpty(), "at least one rule is required");
    return toBuilder().setRules(List.copyOf(rules)).build();
  }

  public DeidentifyMessages withDetection(DetectionSettings detection) {
    checkArgument(detection != null, "detection settings must be set");
    return toBuilder().setDetection(detection).build();
  }

  public DeidentifyMessages withDirectory(PCollectionView<IdentityDirectory> directory) {
    checkArgument(directory != null, "directory must be set");
    return toBuilder().setDirectory(directory).build();
  }

  public DeidentifyMessages withChannels(PCollectionView<List<SlackChannel>> channels) {
    checkArgument(channels != null, "channels must be set");
    return toBuilder().setChannels(channels).build();
  }

  @Override
  public PCollectionTuple expand(PCollection<ChatMessage> messages) {
    checkState(directory() != null, "DeidentifyMessages: call withDirectory(...)");
    checkState(channels() != null, "DeidentifyMessages: call withChannels(...)");
    PCollectionTuple out =
        messages.apply(
            "Pseudonymize and scrub",
            ParDo.of(new DeidentifyFn(key(), detection(), optOuts(), retention(), rules(), directory(), channels()))
                .withSideInputs(directory(), channels())
                .withOutputTags(ANONYMIZED, TupleTagList.of(QUARANTINE).and(DROPPED)));
    out.get(ANONYMIZED).setCoder(Coders.avro(AnonMessage.class));
    out.get(QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setKey(KeyReference key);

    abstract Builder setDirectory(PCollectionView<IdentityDirectory> directory);

    abstract Builder setChannels(PCollectionView<List<SlackChannel>> channels);

    abstract Builder setDetection(DetectionSettings detection);

    abstract Builder setOptOuts(OptOuts optOuts);

    abstract Builder setRetention(Retention retention);

    abstract Builder setRules(List<MessageRule> rules);

    abstract DeidentifyMessages build();
  }

  static final class DeidentifyFn extends DoFn<ChatMessage, AnonMessage> {
    private static final long serialVersionUID = 1L;
    private final Counter rebuilt = Metrics.counter(DeidentifyMessages.class, "directory_builds");
    private final Counter unknown = Metrics.counter(DeidentifyMessages.class, "unknown_author");
    private final KeyReference key;
    private final PCollectionView<IdentityDirectory> directory;
    private final PCollectionView<List<SlackChannel>> channels;
    private transient ScrubberCache<Built> cache;

    private final DetectionSettings detection;
    private final OptOuts optOuts;
    private final @Nullable Retention retention;
    private final @Nullable List<MessageRule> rules;

    /** What this DoFn builds from the side inputs. */
    private record Built(MessageDeidentifier deidentifier, @Nullable Exclusions exclusions) {}

    DeidentifyFn(
        KeyReference key,
        DetectionSettings detection,
        OptOuts optOuts,
        @Nullable Retention retention,
        @Nullable List<MessageRule> rules,
        PCollectionView<IdentityDirectory> directory,
        PCollectionView<List<SlackChannel>> channels) {
      this.key = key;
      this.detection = detection;
      this.optOuts = optOuts;
      this.retention = retention;
      this.rules = rules;
      this.directory = directory;
      this.channels = channels;
    }

    @Setup
    public void setup() {
      cache = new ScrubberCache<>(key, detection);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      IdentityDirectory dir = c.sideInput(directory);
      Built built =
          cache.get(
              dir,
              scrubber -> {
                rebuilt.inc();
                List<SlackChannel> known = c.sideInput(channels);
                return new Built(
                    new MessageDeidentifier(scrubber, new ChannelDirectory(known), optOuts),
                    retention == null ? null : new Exclusions(optOuts, retention, dir, known));
              });
      ChatMessage raw = c.element();
      if (built.exclusions() != null) {
        String excluded = built.exclusions().reason(raw);
        if (excluded != null) {
          drop(c, ExcludeRecords.STAGE, excluded);
          return;
        }
      }
      MessageDeidentifier.Result r = built.deidentifier().deidentify(raw);
      if (r.message == null) {
        unknown.inc();
        c.output(
            QUARANTINE,
            QuarantineEntry.newBuilder().setPointer(raw.getPointer()).setStage(STAGE).setReason(r.reason).build());
        return;
      }
      String policyDrop = detection.operators().dropReason(r.message.getEntities());
      if (policyDrop != null) {
        drop(c, STAGE, policyDrop);
        return;
      }
      if (rules != null) {
        Optional<String> filtered = FilterMessages.firstObjection(rules, r.message);
        if (filtered.isPresent()) {
          drop(c, FilterMessages.STAGE, filtered.get());
          return;
        }
      }
      c.output(r.message);
    }

    private static void drop(ProcessContext c, String stage, String reason) {
      Metrics.counter(DeidentifyMessages.class, "dropped_" + reason).inc();
      c.output(DROPPED, Drop.newBuilder().setStage(stage).setReason(reason).setRecords(1L).build());
    }
  }
}
