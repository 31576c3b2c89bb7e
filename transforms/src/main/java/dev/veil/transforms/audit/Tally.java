package dev.veil.transforms.audit;

import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.schemas.QuarantineEntry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Turns what each stage produced into accounting tallies (see {@link Accounting}). The counts are data, not metrics:
 * exact on every runner and retry, and summed into the manifest.
 */
public final class Tally {
  private Tally() {}

  private static final KvCoder<String, Long> CODER = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  /** One tally of all records parsed. */
  public static PTransform<PCollection<ChatMessage>, PCollection<KV<String, Long>>> read() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<ChatMessage> records) {
        return records
            .apply("Count read", Count.globally())
            .apply(
                "As tally",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(n -> KV.of(Accounting.READ, n)))
            .setCoder(CODER);
      }
    };
  }

  public static PTransform<PCollection<QuarantineEntry>, PCollection<KV<String, Long>>> quarantined() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<QuarantineEntry> entries) {
        return entries
            .apply(
                "Tally quarantine",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(q -> KV.of(Accounting.quarantinedKey(q.getStage(), q.getReason()), 1L)))
            .setCoder(CODER);
      }
    };
  }

  public static PTransform<PCollection<Drop>, PCollection<KV<String, Long>>> dropped() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<Drop> drops) {
        return drops
            .apply(
                "Tally drops",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(d -> KV.of(Accounting.droppedKey(d.getStage(), d.getReason()), d.getRecords())))
            .setCoder(CODER);
      }
    };
  }

  public static PTransform<PCollection<Example>, PCollection<KV<String, Long>>> output() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<Example> examples) {
        return examples
            .apply(
                "Tally output",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(e -> KV.of(Accounting.OUTPUT, e.getRecords())))
            .setCoder(CODER);
      }
    };
  }
}
