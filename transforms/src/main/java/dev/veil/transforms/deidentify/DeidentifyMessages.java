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
import java.util.List;
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
            ParDo.of(new DeidentifyFn(key(), detection(), optOuts(), directory(), channels()))
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

    abstract DeidentifyMessages build();
  }

  static final class DeidentifyFn extends DoFn<ChatMessage, AnonMessage> {
    private static final long serialVersionUID = 1L;
    private final Counter rebuilt = Metrics.counter(DeidentifyMessages.class, "directory_builds");
    private final Counter unknown = Metrics.counter(DeidentifyMessages.class, "unknown_author");
    private final KeyReference key;
    private final PCollectionView<IdentityDirectory> directory;
    private final PCollectionView<List<SlackChannel>> channels;
    private transient ScrubberCache<MessageDeidentifier> cache;

    private final DetectionSettings detection;
    private final OptOuts optOuts;

    DeidentifyFn(
        KeyReference key,
        DetectionSettings detection,
        OptOuts optOuts,
        PCollectionView<IdentityDirectory> directory,
        PCollectionView<List<SlackChannel>> channels) {
      this.key = key;
      this.detection = detection;
      this.optOuts = optOuts;
      this.directory = directory;
      this.channels = channels;
    }

    @Setup
    public void setup() {
      cache = new ScrubberCache<>(key, detection);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      MessageDeidentifier deidentifier =
          cache.get(
              c.sideInput(directory),
              scrubber -> {
                rebuilt.inc();
                return new MessageDeidentifier(scrubber, new ChannelDirectory(c.sideInput(channels)), optOuts);
              });
      MessageDeidentifier.Result r = deidentifier.deidentify(c.element());
      if (r.message != null) {
        String drop = detection.operators().dropReason(r.message.getEntities());
        if (drop == null) {
          c.output(r.message);
        } else {
          c.output(DROPPED, Drop.newBuilder().setStage(STAGE).setReason(drop).setRecords(1L).build());
        }
      } else {
        unknown.inc();
        c.output(
            QUARANTINE,
            QuarantineEntry.newBuilder()
                .setPointer(c.element().getPointer())
                .setStage(STAGE)
                .setReason(r.reason)
                .build());
      }
    }
  }
}
