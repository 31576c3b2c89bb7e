package dev.veil.transforms.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.transforms.TestPipelines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private static String n(int i) {
    return String.format(Locale.ROOT, "n%03d", i);
  }

  /** Edges of a path n{from} – … – n{to}, listed from the far end so labels have the longest way to travel. */
  private static List<KV<String, String>> path(int from, int to) {
    List<KV<String, String>> edges = new ArrayList<>();
    for (int i = to; i > from; i--) {
      edges.add(KV.of(n(i), n(i - 1)));
    }
    return edges;
  }

  @Test
  void labelsEachComponentWithItsSmallestNode() {
    Pipeline p = TestPipelines.direct();
    List<KV<String, String>> edges = new ArrayList<>(path(10, 42)); // a path of 33 nodes
    edges.add(KV.of(n(7), n(3))); // a separate pair
    edges.add(KV.of(n(50), n(60)));
    edges.add(KV.of(n(60), n(55))); // a small star
    PCollection<KV<String, String>> labels =
        p.apply(Create.of(edges).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(ConnectedComponents.within(8));
    List<KV<String, String>> expected = new ArrayList<>();
    for (int i = 10; i <= 42; i++) {
      expected.add(KV.of(n(i), n(10)));
    }
    expected.add(KV.of(n(3), n(3)));
    expected.add(KV.of(n(7), n(3)));
    expected.add(KV.of(n(50), n(50)));
    expected.add(KV.of(n(55), n(50)));
    expected.add(KV.of(n(60), n(50)));
    PAssert.that(labels).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  /** Too few rounds for a long path: the component is split, never merged with another, and its minimum stays. */
  @Test
  void tooFewRoundsSplitButNeverMerge() {
    Pipeline p = TestPipelines.direct();
    PCollection<KV<String, String>> labels =
        p.apply(Create.of(path(0, 99)).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(ConnectedComponents.within(1));
    PAssert.that(labels)
        .satisfies(
            all -> {
              java.util.Set<String> distinct = new java.util.TreeSet<>();
              for (KV<String, String> kv : all) {
                assertThat(kv.getValue().compareTo(kv.getKey())).isLessThanOrEqualTo(0);
                assertThat(kv.getValue()).matches("n0[0-9][0-9]");
                distinct.add(kv.getValue());
              }
              assertThat(all).hasSize(100).contains(KV.of(n(0), n(0)));
              assertThat(distinct).hasSizeGreaterThan(1); // not settled in one round
              return null;
            });
    p.run().waitUntilFinish();
  }
}
