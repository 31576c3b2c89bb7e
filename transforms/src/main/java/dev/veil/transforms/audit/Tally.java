package dev.veil.transforms.audit;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.schemas.QuarantineEntry;
import static dev.veil.transforms.common.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Turns what a stage produced into accounting tallies, one per element or a few (see {@link Accounting} for the keys). The
 * counts are data, not metrics: exact on every runner and retry; {@link BuildManifest} sums them per key.
 *
 * <p>The tallies of one bundle are summed per key before they leave it, so a stage of a million records ships a handful
 * of tallies to the audit instead of a million (a retried bundle's sums are discarded with the rest of its output).
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> t = quarantine.apply("Tally quarantined", Tally.quarantined());
 * }</pre>
 */
public final class Tally<T> extends PTransform<PCollection<T>, PCollection<KV<String, Long>>> {
  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, Iterable<KV<String, Long>>> tallies;

  private Tally(SerializableFunction<T, Iterable<KV<String, Long>>> tallies) {
    this.tallies = tallies;
  }

  private static <T> Tally<T> one(SerializableFunction<T, KV<String, Long>> tally) {
    return new Tally<>(t -> List.of(tally.apply(t)));
  }

  /** A tally of the caller's choosing, e.g. the events an episode carries as records read. */
  public static <T> Tally<T> of(SerializableFunction<T, KV<String, Long>> tally) {
    return one(tally);
  }

  /** Every record parsed (a message, a ticket, ...) counts one. */
  public static <T> Tally<T> read() {
    return one(m -> KV.of(Accounting.READ, 1L));
  }

  public static Tally<QuarantineEntry> quarantined() {
    return one(q -> KV.of(Accounting.quarantinedKey(q.getStage(), q.getReason()), 1L));
  }

  public static Tally<Drop> dropped() {
    return one(d -> KV.of(Accounting.droppedKey(d.getStage(), d.getReason()), d.getRecords()));
  }

  /** An example counts the input records it carries. */
  public static Tally<Example> output() {
    return one(e -> KV.of(Accounting.OUTPUT, e.getRecords()));
  }

  /**
   * What a written example releases, for the manifest's totals: its transformed entities by type ({@code
   * entities/<TYPE>}, types with a count above zero) and its released period ({@code period/<meta.period>}, {@code
   * unknown} when it has none), one each.
   */
  public static Tally<Example> released() {
    return new Tally<>(
        e -> {
          List<KV<String, Long>> out = new ArrayList<>();
          for (Map.Entry<String, Long> c : e.getEntities().entrySet()) {
            if (c.getValue() > 0) {
              out.add(KV.of(Accounting.entityKey(c.getKey()), c.getValue()));
            }
          }
          Object period = e.getMeta().get("period");
          out.add(KV.of(Accounting.periodKey(period == null ? "unknown" : period.toString()), 1L));
          return out;
        });
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<T> records) {
    checkArgument(
        records.getWindowingStrategy().getWindowFn() instanceof GlobalWindows,
        "Tally sums per bundle in the global window; " + records.getName() + " is windowed");
    return records
        .apply("As tallies", ParDo.of(new SumPerBundleFn<>(tallies)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  static final class SumPerBundleFn<T> extends DoFn<T, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<T, Iterable<KV<String, Long>>> tallies;
    private transient Map<String, Long> sums;

    SumPerBundleFn(SerializableFunction<T, Iterable<KV<String, Long>>> tallies) {
      this.tallies = tallies;
    }

    @StartBundle
    public void start() {
      sums = new TreeMap<>();
    }

    @ProcessElement
    public void process(@Element T record) {
      for (KV<String, Long> t : tallies.apply(record)) {
        sums.merge(t.getKey(), t.getValue(), Long::sum);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (Map.Entry<String, Long> s : sums.entrySet()) {
        c.output(KV.of(s.getKey(), s.getValue()), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      sums = null;
    }
  }
}
