package dev.veil.transforms.audit;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.schemas.QuarantineEntry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Turns what a stage produced into accounting tallies, one per element (see {@link Accounting} for the keys). The
 * counts are data, not metrics: exact on every runner and retry; {@link BuildManifest} sums them per key.
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> t = quarantine.apply("Tally quarantined", Tally.quarantined());
 * }</pre>
 */
public final class Tally<T> extends PTransform<PCollection<T>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, KV<String, Long>> tally;

  private Tally(SerializableFunction<T, KV<String, Long>> tally) {
    this.tally = tally;
  }

  /** A tally of the caller's choosing, e.g. the events an episode carries as records read. */
  public static <T> Tally<T> of(SerializableFunction<T, KV<String, Long>> tally) {
    return new Tally<>(tally);
  }

  /** Every record parsed (a message, a ticket, ...) counts one. */
  public static <T> Tally<T> read() {
    return new Tally<>(m -> KV.of(Accounting.READ, 1L));
  }

  public static Tally<QuarantineEntry> quarantined() {
    return new Tally<>(q -> KV.of(Accounting.quarantinedKey(q.getStage(), q.getReason()), 1L));
  }

  public static Tally<Drop> dropped() {
    return new Tally<>(d -> KV.of(Accounting.droppedKey(d.getStage(), d.getReason()), d.getRecords()));
  }

  /** An example counts the input records it carries. */
  public static Tally<Example> output() {
    return new Tally<>(e -> KV.of(Accounting.OUTPUT, e.getRecords()));
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<T> records) {
    return records
        .apply(
            "As tallies",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs())).via(tally))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }
}
