package dev.veil.transforms.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class DedupExamplesTest {
  private static String word(int n) {
    return MinHashTest.word(n);
  }

  static Example example(String id, String label, long records, String text) {
    return Example.newBuilder()
        .setId(id)
        .setSource("jira")
        .setSourceLabel(label)
        .setKind("ticket")
        .setUnit("u-" + id)
        .setText(text)
        .setMeta(new TreeMap<>())
        .setRecords(records)
        .setPointers(List.of())
        .build();
  }

  private static String words(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(word(rnd.nextInt(5000)));
    }
    return sb.toString();
  }

  private static Drop drop(String reason, long records) {
    return Drop.newBuilder().setStage(DedupExamples.STAGE).setReason(reason).setRecords(records).build();
  }

  @Test
  void removesExactAndNearDuplicatesKeepingTheSmallestId() {
    SplittableRandom rnd = new SplittableRandom(9);
    String body = words(rnd, 150);
    String[] w = body.split(" ");
    w[40] = "changed";
    w[110] = "edited";
    String nearBody = String.join(" ", w);
    String other = words(rnd, 150);
    List<Example> in = new ArrayList<>();
    in.add(example("e5", "jira:b", 3, body)); // original
    in.add(example("e2", "jira:a", 2, body.toUpperCase() + " !!")); // exact once normalized
    in.add(example("e9", "jira:c", 4, nearBody)); // near: two words changed
    in.add(example("e7", "jira:a", 1, other)); // unrelated
    in.add(example("s1", "slack:x", 1, "deploy done")); // short and distinct: never merged
    in.add(example("s2", "slack:x", 1, "deploy failed"));
    in.add(example("s3", "slack:x", 1, "Deploy done.")); // ... but an exact copy is
    Pipeline p = TestPipelines.direct();
    PCollectionTuple out =
        p.apply(Create.of(in).withCoder(Coders.avro(Example.class))).apply(DedupExamples.with(DedupSettings.defaults()));
    Example survivor = Example.newBuilder(in.get(1)).setMergedSources(List.of("jira:b", "jira:c")).build();
    PAssert.that(out.get(DedupExamples.KEPT)).containsInAnyOrder(survivor, in.get(3), in.get(4), in.get(5));
    PAssert.that(out.get(DedupExamples.DROPPED))
        .containsInAnyOrder(
            drop(DedupExamples.EXACT, 3), drop(DedupExamples.EXACT, 1), drop(DedupExamples.NEAR, 4));
    PAssert.that(out.get(DedupExamples.MERGED))
        .containsInAnyOrder(KV.of("e5", "e2"), KV.of("s3", "s1"), KV.of("e9", "e2"));
    p.run().waitUntilFinish();
  }

  /**
   * One unit read twice (the same id: an issue in two export files, written differently) is kept once, the same copy
   * whatever the order, even with exact and near dedup off; the drop carries its records.
   */
  @Test
  void anIdSeenTwiceIsKeptOnce() {
    Example a = example("t1", "jira:json", 2, "Summary: export fails. The nightly export fails on large tables.");
    Example b = example("t1", "jira:xml", 2, "Summary: export fails. The nightly export fails on large tables!");
    Example other = example("t2", "jira:xml", 1, "Summary: login page slow");
    for (List<Example> in : List.of(List.of(a, b, other), List.of(other, b, a))) {
      Pipeline p = TestPipelines.direct();
      PCollectionTuple out =
          p.apply(Create.of(in).withCoder(Coders.avro(Example.class)))
              .apply(DedupExamples.with(DedupSettings.off()));
      PAssert.that(out.get(DedupExamples.KEPT))
          .containsInAnyOrder(Example.newBuilder(a).setMergedSources(List.of("jira:xml")).build(), other);
      PAssert.that(out.get(DedupExamples.DROPPED)).containsInAnyOrder(drop(DedupExamples.SAME_ID, 2));
      PAssert.that(out.get(DedupExamples.MERGED)).empty();
      p.run().waitUntilFinish();
    }
  }

  /**
   * Clusters of near copies (each a few words from the original, and so often further from each other), among
   * unrelated texts: every cluster collapses to one, nothing unrelated is touched, and a second run keeps the same.
   */
  @Test
  void clustersCollapseAndTheResultIsStable() {
    SplittableRandom rnd = new SplittableRandom(4);
    List<Example> in = new ArrayList<>();
    Map<String, String> cluster = new TreeMap<>();
    for (int c = 0; c < 20; c++) {
      String base = words(rnd, 300 + rnd.nextInt(100)); // up to 3 edits: Jaccard ≥ 0.85 with the original
      for (int k = 0; k < 4; k++) {
        String[] w = base.split(" ");
        for (int e = 0; e < k; e++) {
          w[rnd.nextInt(w.length)] = "x" + word(rnd.nextInt(5000));
        }
        String id = "c" + c + "-" + (char) ('a' + rnd.nextInt(26)) + k;
        in.add(example(id, "jira:a", 1, String.join(" ", w)));
        cluster.put(id, "c" + c);
      }
    }
    for (int u = 0; u < 60; u++) {
      in.add(example("u" + u, "jira:a", 1, words(rnd, 80)));
    }
    List<List<String>> keptIds = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Pipeline p = TestPipelines.direct();
      PCollectionTuple out =
          p.apply(Create.of(in).withCoder(Coders.avro(Example.class)))
              .apply(DedupExamples.with(DedupSettings.defaults()));
      List<String> ids = new ArrayList<>();
      keptIds.add(ids);
      PAssert.that(out.get(DedupExamples.KEPT))
          .satisfies(
              kept -> {
                Map<String, Integer> perCluster = new TreeMap<>();
                int unrelated = 0;
                for (Example e : kept) {
                  String c = cluster.get(e.getId());
                  if (c == null) {
                    unrelated++;
                  } else {
                    perCluster.merge(c, 1, Integer::sum);
                  }
                }
                assertThat(unrelated).isEqualTo(60);
                assertThat(perCluster).hasSize(20).allSatisfy((c, n) -> assertThat(n).isEqualTo(1));
                return null;
              });
      PAssert.that(out.get(DedupExamples.DROPPED))
          .satisfies(
              drops -> {
                assertThat(drops).hasSize(60).allMatch(d -> d.getReason().equals(DedupExamples.NEAR));
                return null;
              });
      PAssert.that(out.get(DedupExamples.MERGED))
          .satisfies(
              merges -> {
                for (KV<String, String> m : merges) {
                  assertThat(cluster.get(m.getValue())).isEqualTo(cluster.get(m.getKey()));
                  assertThat(m.getValue()).isLessThan(m.getKey());
                }
                return null;
              });
      p.run().waitUntilFinish();
    }
  }
}
