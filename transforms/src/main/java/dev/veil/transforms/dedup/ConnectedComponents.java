package dev.veil.transforms.dedup;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Labels every node of an undirected graph (its edges, in either direction) with the smallest node id of its
 * connected component, in a bounded number of rounds and without gathering the graph on one worker: each round
 * propagates labels along edges (a node takes the smallest label among itself and its neighbours), then jumps (a node
 * takes its label's label), which halves the distance labels still have to travel. A label is always a node of the
 * same component and only decreases, so a component not settled within the rounds is split (some duplicates kept),
 * never merged with another. The smallest node of each component always keeps itself as label.
 */
@AutoValue
public abstract class ConnectedComponents
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  abstract int rounds();

  public static ConnectedComponents within(int rounds) {
    checkArgument(rounds >= 1 && rounds <= 64, "rounds must be between 1 and 64");
    return new AutoValue_ConnectedComponents(rounds);
  }

  private static final KvCoder<String, String> PAIRS = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, String>> both =
        PCollectionList.of(edges)
            .and(edges.apply("Reverse edges", ParDo.of(new ReverseFn())).setCoder(PAIRS))
            .apply("Both directions", Flatten.pCollections());
    PCollection<KV<String, Iterable<String>>> adjacency =
        both.apply("Adjacency", GroupByKey.create())
            .setCoder(KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(StringUtf8Coder.of())));
    PCollection<KV<String, String>> labels =
        both.apply("Start labels", ParDo.of(new StartFn())).setCoder(PAIRS).apply("Smallest start", Min.perKey());
    for (int r = 1; r <= rounds(); r++) {
      labels = round(r, adjacency, labels.setCoder(PAIRS));
    }
    return labels.setCoder(PAIRS);
  }

  private static PCollection<KV<String, String>> round(
      int r, PCollection<KV<String, Iterable<String>>> adjacency, PCollection<KV<String, String>> labels) {
    TupleTag<Iterable<String>> neighbours = new TupleTag<>();
    TupleTag<String> label = new TupleTag<>();
    PCollection<KV<String, String>> propagated =
        KeyedPCollectionTuple.of(neighbours, adjacency)
            .and(label, labels)
            .apply("Round " + r + " join", CoGroupByKey.create())
            .apply("Round " + r + " propagate", ParDo.of(new PropagateFn(neighbours, label)))
            .setCoder(PAIRS)
            .apply("Round " + r + " smallest", Min.perKey())
            .setCoder(PAIRS);
    TupleTag<String> asks = new TupleTag<>();
    TupleTag<String> own = new TupleTag<>();
    return KeyedPCollectionTuple.of(asks, propagated.apply("Round " + r + " ask", ParDo.of(new ReverseFn())).setCoder(PAIRS))
        .and(own, propagated)
        .apply("Round " + r + " jump join", CoGroupByKey.create())
        .apply("Round " + r + " jump", ParDo.of(new JumpFn(asks, own)))
        .setCoder(PAIRS);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rounds", rounds()));
  }

  static final class ReverseFn extends DoFn<KV<String, String>, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** A node's first label: the smaller of itself and a neighbour. */
  static final class StartFn extends DoFn<KV<String, String>, KV<String, String>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      String a = e.getKey();
      String b = e.getValue();
      out.output(KV.of(a, a.compareTo(b) <= 0 ? a : b));
    }
  }

  /** A node sends its label to itself and to every neighbour. */
  static final class PropagateFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<Iterable<String>> neighbours;
    private final TupleTag<String> label;

    PropagateFn(TupleTag<Iterable<String>> neighbours, TupleTag<String> label) {
      this.neighbours = neighbours;
      this.label = label;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, String>> out) {
      String l = e.getValue().getOnly(label, e.getKey());
      out.output(KV.of(e.getKey(), l));
      for (Iterable<String> ns : e.getValue().getAll(neighbours)) {
        for (String n : ns) {
          out.output(KV.of(n, l));
        }
      }
    }
  }

  /** Every node whose label is this node takes this node's own label (never larger than the node itself). */
  static final class JumpFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private final TupleTag<String> asks;
    private final TupleTag<String> own;

    JumpFn(TupleTag<String> asks, TupleTag<String> own) {
      this.asks = asks;
      this.own = own;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<String, String>> out) {
      String mine = e.getValue().getOnly(own, e.getKey());
      for (String node : e.getValue().getAll(asks)) {
        out.output(KV.of(node, mine));
      }
    }
  }
}
