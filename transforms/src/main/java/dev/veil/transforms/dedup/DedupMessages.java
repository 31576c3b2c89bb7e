package dev.veil.transforms.dedup;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.Drop;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Hashes;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Collapses repeated chat messages to one, before conversations are assembled: alert and bot posts repeated hundreds
 * of times, the same long text pasted into several channels. A message takes part when its author is a bot or
 * Slackbot (any length) or its normalized text ({@link TextNormalizer}) has at least {@code min_chars} characters, so short human
 * replies ("ok", "thanks!") are never touched. Messages with the same normalized text keep the earliest (by time, then
 * by source pointer); the others are dropped as {@code repeated_message}, one {@link Drop} per text carrying the
 * number of records it removed.
 *
 * <p>The earliest message of a text is found by a combiner, so runners that pre-combine (Flink does, before the
 * shuffle) send one message per text and worker instead of every copy: in generated corpora three in four candidate
 * messages are repeats.
 */
@AutoValue
public abstract class DedupMessages extends PTransform<PCollection<AnonMessage>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<AnonMessage> KEPT = new TupleTag<AnonMessage>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "dedup";
  public static final String REPEATED = "repeated_message";

  abstract int minChars();

  /** Repeated bot messages of any length, and people's messages of at least {@code minChars} normalized characters. */
  public static DedupMessages fromLength(int minChars) {
    checkArgument(minChars >= 0, "minChars must be non-negative");
    return new AutoValue_DedupMessages(minChars);
  }

  private static final TupleTag<KV<String, AnonMessage>> CANDIDATES = new TupleTag<KV<String, AnonMessage>>() {};
  private static final TupleTag<AnonMessage> UNIQUE = new TupleTag<AnonMessage>() {};

  @Override
  public PCollectionTuple expand(PCollection<AnonMessage> messages) {
    PCollectionTuple split =
        messages.apply(
            "Key repeatable messages",
            ParDo.of(new KeyFn(minChars())).withOutputTags(CANDIDATES, TupleTagList.of(UNIQUE)));
    split.get(UNIQUE).setCoder(Coders.avro(AnonMessage.class));
    PCollectionTuple grouped =
        split
            .get(CANDIDATES)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(AnonMessage.class)))
            .apply("Earliest per text", Combine.perKey(new EarliestFn()))
            .apply("Keep earliest", ParDo.of(new KeepEarliestFn()).withOutputTags(KEPT, TupleTagList.of(DROPPED)));
    grouped.get(DROPPED).setCoder(Coders.avro(Drop.class));
    PCollection<AnonMessage> kept =
        PCollectionList.of(split.get(UNIQUE))
            .and(grouped.get(KEPT).setCoder(Coders.avro(AnonMessage.class)))
            .apply("All kept messages", Flatten.pCollections());
    return PCollectionTuple.of(KEPT, kept).and(DROPPED, grouped.get(DROPPED));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("minChars", minChars()));
  }

  /** Whether a message takes part: a bot's, or long enough once normalized. */
  static boolean repeatable(AnonMessage m, String normalized, int minChars) {
    return !normalized.isEmpty()
        && (m.getSpeaker().startsWith("bot_") || m.getSpeaker().equals("system") || normalized.length() >= minChars);
  }

  /**
   * The order that picks the message kept: earliest time, then the source pointer, then conversation and author (a
   * total order on distinct messages, so the choice never depends on the order a runner delivers them in).
   */
  static int compare(AnonMessage x, AnonMessage y) {
    int c = Long.compare(x.getTsMicros(), y.getTsMicros());
    if (c == 0) {
      c = x.getPointer().getSource().compareTo(y.getPointer().getSource());
    }
    if (c == 0) {
      c = x.getPointer().getFile().compareTo(y.getPointer().getFile());
    }
    if (c == 0) {
      c = Long.compare(x.getPointer().getIndex(), y.getPointer().getIndex());
    }
    if (c == 0) {
      c = x.getConversationKey().compareTo(y.getConversationKey());
    }
    return c != 0 ? c : x.getSpeaker().compareTo(y.getSpeaker());
  }

  static final class KeyFn extends DoFn<AnonMessage, KV<String, AnonMessage>> {
    private static final long serialVersionUID = 1L;
    private final int minChars;

    KeyFn(int minChars) {
      this.minChars = minChars;
    }

    @ProcessElement
    public void process(@Element AnonMessage m, MultiOutputReceiver out) {
      String normalized = TextNormalizer.normalize(m.getText());
      if (repeatable(m, normalized, minChars)) {
        out.get(CANDIDATES).output(KV.of(Hashes.sha256Hex(normalized), m));
      } else {
        out.get(UNIQUE).output(m);
      }
    }
  }

  /**
   * The earliest message of a text ({@link #compare}, a total order, so the result never depends on the order or the
   * grouping a runner combines in) and how many messages had that text.
   */
  static final class EarliestFn extends Combine.CombineFn<AnonMessage, KV<AnonMessage, Long>, KV<AnonMessage, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public KV<AnonMessage, Long> createAccumulator() {
      return KV.of(null, 0L);
    }

    @Override
    public KV<AnonMessage, Long> addInput(KV<AnonMessage, Long> acc, AnonMessage m) {
      return KV.of(earlier(acc.getKey(), m), acc.getValue() + 1);
    }

    @Override
    public KV<AnonMessage, Long> mergeAccumulators(Iterable<KV<AnonMessage, Long>> accs) {
      AnonMessage earliest = null;
      long n = 0;
      for (KV<AnonMessage, Long> a : accs) {
        earliest = earlier(earliest, a.getKey());
        n += a.getValue();
      }
      return KV.of(earliest, n);
    }

    @Override
    public KV<AnonMessage, Long> extractOutput(KV<AnonMessage, Long> acc) {
      return acc;
    }

    @Override
    public Coder<KV<AnonMessage, Long>> getAccumulatorCoder(CoderRegistry registry, Coder<AnonMessage> input)
        throws CannotProvideCoderException {
      return KvCoder.of(NullableCoder.of(Coders.avro(AnonMessage.class)), VarLongCoder.of());
    }

    private static AnonMessage earlier(AnonMessage a, AnonMessage b) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      return compare(b, a) < 0 ? b : a;
    }
  }

  /** Emits the earliest message of each text and one drop for the others. */
  static final class KeepEarliestFn extends DoFn<KV<String, KV<AnonMessage, Long>>, AnonMessage> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, KV<AnonMessage, Long>> text, MultiOutputReceiver out) {
      AnonMessage kept = text.getValue().getKey();
      long repeats = text.getValue().getValue() - 1;
      out.get(KEPT).output(kept);
      if (repeats > 0) {
        Metrics.counter(DedupMessages.class, "dropped_" + REPEATED).inc(repeats);
        out.get(DROPPED).output(Drop.newBuilder().setStage(STAGE).setReason(REPEATED).setRecords(repeats).build());
      }
    }
  }
}
