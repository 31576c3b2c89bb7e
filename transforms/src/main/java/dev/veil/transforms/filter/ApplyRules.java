package dev.veil.transforms.filter;

import dev.veil.schemas.Drop;
import dev.veil.transforms.common.Coders;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The filter stage's one mechanism, for messages and examples alike: the rules in order, the first that objects
 * drops the record with its reason (counted by the metric {@code dropped_<reason>}); a drop carries the input records
 * the record held.
 */
final class ApplyRules<T> extends DoFn<T, T> {
  private static final long serialVersionUID = 1L;

  /** The filter step itself, for either record type: kept records and one drop per dropped record, with coders. */
  static <T extends org.apache.avro.specific.SpecificRecord> PCollectionTuple to(
      PCollection<T> records,
      List<? extends Rule<T>> rules,
      SerializableFunction<T, Long> carried,
      TupleTag<T> kept,
      TupleTag<Drop> dropped,
      Class<T> type) {
    PCollectionTuple out =
        records.apply(
            "Apply rules",
            ParDo.of(new ApplyRules<T>(rules, carried, kept, dropped)).withOutputTags(kept, TupleTagList.of(dropped)));
    out.get(kept).setCoder(Coders.avro(type));
    out.get(dropped).setCoder(Coders.avro(Drop.class));
    return out;
  }
  private final List<? extends Rule<T>> rules;
  private final SerializableFunction<T, Long> records;
  private final TupleTag<T> kept;
  private final TupleTag<Drop> dropped;

  ApplyRules(
      List<? extends Rule<T>> rules, SerializableFunction<T, Long> records, TupleTag<T> kept, TupleTag<Drop> dropped) {
    this.rules = List.copyOf(rules);
    this.records = records;
    this.kept = kept;
    this.dropped = dropped;
  }

  /** The reason of the first rule, in order, that objects to the record; empty to keep it. */
  static <T> Optional<String> firstObjection(List<? extends Rule<T>> rules, T record) {
    for (Rule<T> rule : rules) {
      Optional<String> reason = rule.dropReason(record);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  @ProcessElement
  public void process(@Element T record, MultiOutputReceiver out) {
    Optional<String> reason = firstObjection(rules, record);
    if (reason.isPresent()) {
      Metrics.counter(ApplyRules.class, "dropped_" + reason.get()).inc();
      Drop drop =
          Drop.newBuilder()
              .setStage(FilterMessages.STAGE)
              .setReason(reason.get())
              .setRecords(records.apply(record))
              .build();
      out.get(dropped).output(drop);
      return;
    }
    out.get(kept).output(record);
  }
}
