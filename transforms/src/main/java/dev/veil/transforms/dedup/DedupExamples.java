package dev.veil.transforms.dedup;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Hashes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Removes duplicate examples, exact then near, keeping one per cluster: the example with the smallest id (a keyed
 * hash, so arbitrary but the same on every run and runner).
 *
 * <ol>
 *   <li>{@code Exact}: examples with the same normalized text ({@link TextNormalizer}, SHA-256) are one cluster.
 *   <li>{@code Near}: each remaining example with at least {@code ngram} words gets a MinHash signature
 *       ({@link MinHash}); examples sharing a band key are candidates (each bucket links its members to its smallest
 *       member and to the next one in id order, so no bucket yields all pairs); a candidate pair is confirmed when the
 *       signatures' estimated Jaccard similarity reaches the threshold; clusters are the connected components of
 *       confirmed pairs ({@link ConnectedComponents}, bounded rounds). Shorter texts are only deduplicated exactly,
 *       so distinct short messages are never merged.
 * </ol>
 *
 * Outputs: {@link #KEPT} examples (a survivor lists the input labels of the duplicates it stands for in
 * {@code mergedSources}, for its license), one {@link #DROPPED} {@link Drop} per removed example ({@code
 * exact_duplicate} or {@code near_duplicate}, carrying its input records), and {@link #MERGED} pairs (removed id →
 * id it was merged into), example ids only. Memory per worker is bounded by one bucket's ids and one component's
 * labels; the corpus is never gathered in one place.
 */
@AutoValue
public abstract class DedupExamples extends PTransform<PCollection<Example>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Example> KEPT = new TupleTag<Example>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final TupleTag<KV<String, String>> MERGED = new TupleTag<KV<String, String>>() {};
  public static final String STAGE = "dedup";
  public static final String EXACT = "exact_duplicate";
  /** An example whose id another example already has: the same unit read twice (one issue in two export files). */
  public static final String SAME_ID = "duplicate_id";
  public static final String NEAR = "near_duplicate";

  abstract DedupSettings settings();

  public static DedupExamples with(DedupSettings settings) {
    checkArgument(settings != null, "settings must be set");
    return new AutoValue_DedupExamples(settings);
  }

  private static final KvCoder<String, String> PAIRS = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Override
  public PCollectionTuple expand(PCollection<Example> examples) {
    PCollectionList<Drop> drops = PCollectionList.empty(examples.getPipeline());
    PCollectionList<KV<String, String>> merged = PCollectionList.empty(examples.getPipeline());
    // Ids must be unique before anything is keyed by them: the same unit read twice (one Jira issue in two export
    // files) keeps one copy, whatever else is switched off.
    PCollectionTuple unique =
        examples
            .apply("Same id: key", ParDo.of(new ByIdFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(Example.class)))
            .apply("Same id: group", GroupByKey.create())
            .apply(
                "Same id: keep one",
                ParDo.of(new KeepSmallestFn(SAME_ID)).withOutputTags(KEPT, TupleTagList.of(DROPPED).and(MERGED)));
    PCollection<Example> current = unique.get(KEPT).setCoder(Coders.avro(Example.class));
    drops = drops.and(unique.get(DROPPED).setCoder(Coders.avro(Drop.class)));
    if (settings().exact()) {
      PCollectionTuple exact =
          current
              .apply("Exact: key by text", ParDo.of(new TextKeyFn()))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(Example.class)))
              .apply("Exact: group", GroupByKey.create())
              .apply(
                  "Exact: keep one",
                  ParDo.of(new KeepSmallestFn(EXACT)).withOutputTags(KEPT, TupleTagList.of(DROPPED).and(MERGED)));
      current = exact.get(KEPT).setCoder(Coders.avro(Example.class));
      drops = drops.and(exact.get(DROPPED).setCoder(Coders.avro(Drop.class)));
      merged = merged.and(exact.get(MERGED).setCoder(PAIRS));
    }
    if (settings().near()) {
      PCollectionTuple near = current.apply("Near", new Near(settings()));
      current = near.get(KEPT);
      drops = drops.and(near.get(DROPPED));
      merged = merged.and(near.get(MERGED));
    }
    return PCollectionTuple.of(KEPT, current)
        .and(DROPPED, drops.apply("All dedup drops", Flatten.pCollections()).setCoder(Coders.avro(Drop.class)))
        .and(MERGED, merged.apply("All merges", Flatten.pCollections()).setCoder(PAIRS));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("settings", settings().toString()));
  }

  /** Near-duplicate removal over examples already free of exact duplicates. */
  static final class Near extends PTransform<PCollection<Example>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;
    private final DedupSettings settings;

    Near(DedupSettings settings) {
      this.settings = settings;
    }

    @Override
    public PCollectionTuple expand(PCollection<Example> examples) {
      TupleTag<KV<String, byte[]>> signatures = new TupleTag<KV<String, byte[]>>() {};
      TupleTag<KV<Long, String>> bands = new TupleTag<KV<Long, String>>() {};
      PCollectionTuple hashed =
          examples.apply(
              "Signatures", ParDo.of(new SignatureFn(settings.minHash(), signatures, bands))
                  .withOutputTags(signatures, TupleTagList.of(bands)));
      PCollection<KV<String, byte[]>> sigs =
          hashed.get(signatures).setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
      PCollection<KV<String, String>> candidates =
          hashed
              .get(bands)
              .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
              .apply("Buckets", GroupByKey.create())
              .apply("Candidate pairs", ParDo.of(new PairsFn()))
              .setCoder(PAIRS)
              .apply("Distinct pairs", Distinct.create());
      // Confirm each candidate pair with both signatures: bring the first's to the second, then compare there.
      TupleTag<byte[]> sig = new TupleTag<>();
      TupleTag<String> second = new TupleTag<>();
      TupleTag<KV<String, byte[]>> firstWithSig = new TupleTag<>();
      PCollection<KV<String, KV<String, byte[]>>> withFirst =
          KeyedPCollectionTuple.of(sig, sigs)
              .and(second, candidates)
              .apply("Join first signature", CoGroupByKey.create())
              .apply("Send to second", ParDo.of(new SendFn(sig, second)))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())));
      PCollection<KV<String, String>> edges =
          KeyedPCollectionTuple.of(sig, sigs)
              .and(firstWithSig, withFirst)
              .apply("Join second signature", CoGroupByKey.create())
              .apply("Confirm", ParDo.of(new ConfirmFn(sig, firstWithSig, settings.threshold())))
              .setCoder(PAIRS);
      PCollection<KV<String, String>> labels =
          edges.apply("Clusters", ConnectedComponents.within(settings.rounds()));
      // Drop every clustered example but its cluster's label, and hand its sources to the survivor.
      TupleTag<Example> example = new TupleTag<>();
      TupleTag<String> label = new TupleTag<>();
      TupleTag<KV<String, Example>> survivors = new TupleTag<KV<String, Example>>() {};
      TupleTag<KV<String, String>> sources = new TupleTag<KV<String, String>>() {};
      PCollectionTuple resolved =
          KeyedPCollectionTuple.of(
                  example,
                  examples.apply("Key by id", ParDo.of(new ByIdFn()))
                      .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(Example.class))))
              .and(label, labels)
              .apply("Join clusters", CoGroupByKey.create())
              .apply(
                  "Resolve clusters",
                  ParDo.of(new ResolveFn(example, label, survivors, sources))
                      .withOutputTags(KEPT, TupleTagList.of(DROPPED).and(MERGED).and(survivors).and(sources)));
      TupleTag<Example> survivor = new TupleTag<>();
      TupleTag<String> source = new TupleTag<>();
      PCollection<Example> merged =
          KeyedPCollectionTuple.of(
                  survivor,
                  resolved.get(survivors).setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(Example.class))))
              .and(source, resolved.get(sources).setCoder(PAIRS))
              .apply("Join merged sources", CoGroupByKey.create())
              .apply("Merge sources", ParDo.of(new MergeSourcesFn(survivor, source)))
              .setCoder(Coders.avro(Example.class));
      PCollection<Example> kept =
          PCollectionList.of(resolved.get(KEPT).setCoder(Coders.avro(Example.class)))
              .and(merged)
              .apply("All kept examples", Flatten.pCollections());
      return PCollectionTuple.of(KEPT, kept)
          .and(DROPPED, resolved.get(DROPPED).setCoder(Coders.avro(Drop.class)))
          .and(MERGED, resolved.get(MERGED).setCoder(PAIRS));
    }
  }

  static final class TextKeyFn extends DoFn<Example, KV<String, Example>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<KV<String, Example>> out) {
      out.output(KV.of(Hashes.sha256Hex(TextNormalizer.normalize(e.getText())), e));
    }
  }

  /**
   * One pass over a group of duplicates (same normalized text, or same id): the first in {@link #ORDER} survives with
   * the others' sources; the others are dropped with {@code reason}.
   */
  static final class KeepSmallestFn extends DoFn<KV<String, Iterable<Example>>, Example> {
    private static final long serialVersionUID = 1L;
    private final String reason;

    KeepSmallestFn(String reason) {
      this.reason = reason;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Example>> group, MultiOutputReceiver out) {
      List<Example> dropped = new ArrayList<>();
      Example kept = null;
      TreeSet<String> sources = new TreeSet<>();
      for (Example e : group.getValue()) {
        sources.add(sourceKey(e));
        sources.addAll(e.getMergedSources());
        if (kept == null) {
          kept = e;
        } else if (ORDER.compare(e, kept) < 0) {
          dropped.add(kept);
          kept = e;
        } else {
          dropped.add(e);
        }
      }
      for (Example d : dropped) {
        drop(d, kept.getId(), reason, out);
      }
      out.get(KEPT).output(withSources(kept, sources));
    }
  }

  /**
   * Which of two duplicates survives: the smaller id, then input label, then released line, then lineage. A total
   * order on distinct examples, so the survivor never depends on the order a runner delivers them in.
   */
  static final java.util.Comparator<Example> ORDER =
      java.util.Comparator.comparing((Example e) -> e.getId())
          .thenComparing(Example::getSourceLabel)
          .thenComparing(dev.veil.transforms.write.ExampleJson::line)
          .thenComparing(e -> e.getPointers().toString());

  private static void drop(Example e, String into, String reason, DoFn.MultiOutputReceiver out) {
    Metrics.counter(DedupExamples.class, "dropped_" + reason).inc();
    out.get(DROPPED).output(Drop.newBuilder().setStage(STAGE).setReason(reason).setRecords(e.getRecords()).build());
    if (!e.getId().equals(into)) {
      out.get(MERGED).output(KV.of(e.getId(), into));
    }
  }

  /** Where an example comes from, for its license: its input label, with its channel or project when it has one. */
  static String sourceKey(Example e) {
    return dev.veil.transforms.tag.TagLicenses.sourceKey(e.getSourceLabel(), e.getScope());
  }

  /** The example with the union of sources (its own left out), sorted. */
  static Example withSources(Example e, java.util.Collection<String> sources) {
    TreeSet<String> all = new TreeSet<>(sources);
    all.addAll(e.getMergedSources());
    all.remove(sourceKey(e));
    if (all.equals(new TreeSet<>(e.getMergedSources()))) {
      return e;
    }
    return Example.newBuilder(e).setMergedSources(new ArrayList<>(all)).build();
  }

  static final class SignatureFn extends DoFn<Example, KV<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private final MinHash minHash;
    private final TupleTag<KV<String, byte[]>> signatures;
    private final TupleTag<KV<Long, String>> bands;

    SignatureFn(MinHash minHash, TupleTag<KV<String, byte[]>> signatures, TupleTag<KV<Long, String>> bands) {
      this.minHash = minHash;
      this.signatures = signatures;
      this.bands = bands;
    }

    @ProcessElement
    public void process(@Element Example e, MultiOutputReceiver out) {
      String normalized = TextNormalizer.normalize(e.getText());
      if (!minHash.hasShingles(normalized)) {
        return;
      }
      int[] s = minHash.signature(normalized);
      out.get(signatures).output(KV.of(e.getId(), encode(s)));
      for (int b = 0; b < minHash.bands(); b++) {
        out.get(bands).output(KV.of(minHash.bandKey(s, b), e.getId()));
      }
    }
  }

  /**
   * A bucket's candidate pairs: each member with the bucket's smallest member and with the next member in id order
   * (2·(n−1) pairs for n members instead of n·(n−1)/2), each as (smaller id, larger id).
   */
  static final class PairsFn extends DoFn<KV<Long, Iterable<String>>, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<Long, Iterable<String>> bucket, OutputReceiver<KV<String, String>> out) {
      List<String> ids = new ArrayList<>();
      bucket.getValue().forEach(ids::add);
      if (ids.size() < 2) {
        return;
      }
      ids.sort(null);
      for (int i = 1; i < ids.size(); i++) {
        out.output(KV.of(ids.get(0), ids.get(i)));
        if (i > 1) {
          out.output(KV.of(ids.get(i - 1), ids.get(i)));
        }
      }
    }
  }

  static final class SendFn extends DoFn<KV<String, CoGbkResult>, KV<String, KV<String, byte[]>>> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<byte[]> sig;
    private final TupleTag<String> second;

    SendFn(TupleTag<byte[]> sig, TupleTag<String> second) {
      this.sig = sig;
      this.second = second;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, KV<String, byte[]>>> out) {
      byte[] first = e.getValue().getOnly(sig, null);
      if (first == null) {
        return;
      }
      for (String other : e.getValue().getAll(second)) {
        out.output(KV.of(other, KV.of(e.getKey(), first)));
      }
    }
  }

  static final class ConfirmFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<byte[]> sig;
    private final TupleTag<KV<String, byte[]>> firsts;
    private final double threshold;

    ConfirmFn(TupleTag<byte[]> sig, TupleTag<KV<String, byte[]>> firsts, double threshold) {
      this.sig = sig;
      this.firsts = firsts;
      this.threshold = threshold;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, String>> out) {
      byte[] mine = e.getValue().getOnly(sig, null);
      if (mine == null) {
        return;
      }
      int[] s = decode(mine);
      for (KV<String, byte[]> first : e.getValue().getAll(firsts)) {
        if (MinHash.similarity(decode(first.getValue()), s) >= threshold) {
          out.output(KV.of(first.getKey(), e.getKey()));
        } else {
          Metrics.counter(DedupExamples.class, "near_candidates_rejected").inc();
        }
      }
    }
  }

  static final class ByIdFn extends DoFn<Example, KV<String, Example>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<KV<String, Example>> out) {
      out.output(KV.of(e.getId(), e));
    }
  }

  /** Examples outside any cluster are kept; in a cluster, its label survives and the others are dropped. */
  static final class ResolveFn extends DoFn<KV<String, CoGbkResult>, Example> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<Example> example;
    private final TupleTag<String> label;
    private final TupleTag<KV<String, Example>> survivors;
    private final TupleTag<KV<String, String>> sources;

    ResolveFn(
        TupleTag<Example> example,
        TupleTag<String> label,
        TupleTag<KV<String, Example>> survivors,
        TupleTag<KV<String, String>> sources) {
      this.example = example;
      this.label = label;
      this.survivors = survivors;
      this.sources = sources;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, MultiOutputReceiver out) {
      Example ex = e.getValue().getOnly(example, null);
      if (ex == null) {
        return;
      }
      String l = e.getValue().getOnly(label, null);
      if (l == null) {
        out.get(KEPT).output(ex);
      } else if (l.equals(ex.getId())) {
        out.get(survivors).output(KV.of(l, ex));
      } else {
        drop(ex, l, NEAR, out);
        out.get(sources).output(KV.of(l, sourceKey(ex)));
        for (String s : ex.getMergedSources()) {
          out.get(sources).output(KV.of(l, s));
        }
      }
    }
  }

  static final class MergeSourcesFn extends DoFn<KV<String, CoGbkResult>, Example> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<Example> survivor;
    private final TupleTag<String> source;

    MergeSourcesFn(TupleTag<Example> survivor, TupleTag<String> source) {
      this.survivor = survivor;
      this.source = source;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<Example> out) {
      Example ex = e.getValue().getOnly(survivor, null);
      if (ex == null) {
        return;
      }
      TreeSet<String> all = new TreeSet<>();
      e.getValue().getAll(source).forEach(all::add);
      out.output(withSources(ex, all));
    }
  }

  static byte[] encode(int[] signature) {
    ByteBuffer b = ByteBuffer.allocate(signature.length * 4);
    for (int v : signature) {
      b.putInt(v);
    }
    return b.array();
  }

  static int[] decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int[] out = new int[bytes.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getInt();
    }
    return out;
  }
}
