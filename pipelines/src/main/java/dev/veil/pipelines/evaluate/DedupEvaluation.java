package dev.veil.pipelines.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.dedup.DedupExamples;
import dev.veil.transforms.dedup.DedupSettings;
import dev.veil.transforms.dedup.TextNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Runs the dedup stage ({@link DedupExamples}, the job's own transform) on a {@link DedupEvalSet} and scores it
 * against the truth: the planted clusters, joined with any documents whose normalized texts happen to be equal. A
 * removed document is a correct removal when the example it was merged into (following merges to the kept one) is in
 * its true cluster. Precision = correct removals / removals; recall = correct removals / (documents that should go:
 * each true cluster's size minus one).
 */
public final class DedupEvaluation {
  private DedupEvaluation() {}

  /** What the run found, scored. */
  public record Report(
      long seed,
      long units,
      long documents,
      long shouldGo,
      long removed,
      long correct,
      Map<String, long[]> byKind,
      long shortMerged,
      long relatedMerged,
      double seconds,
      DedupSettings settings) {
    public double precision() {
      return removed == 0 ? 1 : correct / (double) removed;
    }

    public double recall() {
      return shouldGo == 0 ? 1 : correct / (double) shouldGo;
    }

    public String markdown() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT,
          "Dedup evaluation, seed %d: %,d units, %,d documents; settings %s.%n%n", seed, units, documents, settings));
      sb.append("| planted as | documents that should go | removed correctly | recall |\n|---|---:|---:|---:|\n");
      byKind.forEach(
          (kind, c) ->
              sb.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.3f |%n", kind, c[0], c[1],
                  c[0] == 0 ? 1.0 : c[1] / (double) c[0])));
      sb.append(String.format(Locale.ROOT, "%n| | count |%n|---|---:|%n"));
      sb.append(String.format(Locale.ROOT, "| documents that should go (true clusters' size − 1) | %,d |%n", shouldGo));
      sb.append(String.format(Locale.ROOT, "| documents removed | %,d |%n", removed));
      sb.append(String.format(Locale.ROOT, "| removed correctly | %,d |%n", correct));
      sb.append(String.format(Locale.ROOT, "| **precision** | **%.4f** |%n", precision()));
      sb.append(String.format(Locale.ROOT, "| **recall** | **%.4f** |%n", recall()));
      sb.append(String.format(Locale.ROOT, "| distinct short messages merged | %,d |%n", shortMerged));
      sb.append(String.format(Locale.ROOT, "| related documents (same form, other content) merged | %,d |%n", relatedMerged));
      sb.append(String.format(Locale.ROOT, "%ndedup stage: %.1f s wall (generation included; informative only).%n", seconds));
      return sb.toString();
    }

    public ObjectNode json(ObjectMapper mapper) {
      ObjectNode n = mapper.createObjectNode();
      n.put("seed", seed);
      n.put("units", units);
      n.put("documents", documents);
      n.put("should_go", shouldGo);
      n.put("removed", removed);
      n.put("correct", correct);
      n.put("precision", precision());
      n.put("recall", recall());
      n.put("short_merged", shortMerged);
      n.put("related_merged", relatedMerged);
      ObjectNode kinds = n.putObject("recall_by_kind");
      byKind.forEach((k, c) -> kinds.put(k, c[0] == 0 ? 1.0 : c[1] / (double) c[0]));
      n.put("seconds", seconds);
      return n;
    }
  }

  /** Generates the set inside the pipeline, runs the dedup stage with {@code options}' runner, scores the result. */
  public static Report run(long seed, long units, DedupSettings settings, PipelineOptions options, Path work) {
    long start = System.nanoTime();
    Pipeline p = Pipeline.create(options);
    PCollectionTuple out =
        p.apply("Units", Create.of(LongStream.range(0, units).boxed().toList()).withCoder(VarLongCoder.of()))
            .apply("Generate", ParDo.of(new GenerateFn(seed)))
            .setCoder(Coders.avro(Example.class))
            .apply("DedupExamples", DedupExamples.with(settings));
    out.get(DedupExamples.MERGED)
        .apply("Merges as lines", MapElements.into(TypeDescriptors.strings()).via((KV<String, String> kv) -> kv.getKey() + "\t" + kv.getValue()))
        .apply("Write merges", TextIO.write().to(work.resolve("merged").toString()).withSuffix(".tsv"));
    p.run().waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, String> into = new HashMap<>();
    for (String line : lines(work, "merged")) {
      int tab = line.indexOf('\t');
      into.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return score(seed, units, settings, into, seconds);
  }

  static Report score(long seed, long units, DedupSettings settings, Map<String, String> into, double seconds) {
    // The truth: planted clusters, joined by equal normalized texts anywhere in the set.
    Map<String, DedupEvalSet.Doc> docs = new HashMap<>();
    UnionFind truth = new UnionFind();
    Map<String, String> byText = new HashMap<>();
    for (long u = 0; u < units; u++) {
      List<DedupEvalSet.Doc> unit = DedupEvalSet.unit(seed, u);
      for (DedupEvalSet.Doc d : unit) {
        docs.put(d.id(), d);
        truth.add(d.id());
        if (d.duplicate()) {
          truth.union(unit.get(0).id(), d.id());
        }
        String other = byText.putIfAbsent(TextNormalizer.normalize(d.text()), d.id());
        if (other != null) {
          truth.union(other, d.id());
        }
      }
    }
    Map<String, Integer> size = new HashMap<>();
    docs.keySet().forEach(id -> size.merge(truth.find(id), 1, Integer::sum));
    long shouldGo = size.values().stream().mapToLong(n -> n - 1).sum();
    Map<String, long[]> byKind = new TreeMap<>();
    for (DedupEvalSet.Doc d : docs.values()) {
      if (d.duplicate()) {
        byKind.computeIfAbsent(d.kind(), k -> new long[2])[0]++;
      }
    }
    long correct = 0;
    long shortMerged = 0;
    long relatedMerged = 0;
    for (Map.Entry<String, String> m : into.entrySet()) {
      String kept = m.getValue();
      for (int hops = 0; into.containsKey(kept) && hops < 1000; hops++) {
        kept = into.get(kept);
      }
      DedupEvalSet.Doc d = docs.get(m.getKey());
      DedupEvalSet.Doc k = docs.get(kept);
      boolean ok = d != null && k != null && truth.find(d.id()).equals(truth.find(k.id()));
      correct += ok ? 1 : 0;
      if (!ok && d != null && d.kind().equals("short")) {
        shortMerged++;
      }
      if (!ok && d != null && d.kind().equals("related")) {
        relatedMerged++;
      }
      // Recall by planted kind: a planted copy removed into its own cluster, or its original removed into a copy.
      if (ok && d.duplicate()) {
        byKind.get(d.kind())[1]++;
      } else if (ok && k.duplicate() && d.unit() == k.unit()) {
        byKind.get(k.kind())[1]++;
      }
    }
    return new Report(
        seed, units, docs.size(), shouldGo, into.size(), correct, byKind, shortMerged, relatedMerged, seconds,
        settings);
  }

  private static List<String> lines(Path work, String prefix) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(work)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList()) {
        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Generates one unit's documents as examples (the set's kind is the input label, for the merged sources). */
  static final class GenerateFn extends DoFn<Long, Example> {
    private static final long serialVersionUID = 1L;
    private final long seed;

    GenerateFn(long seed) {
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element Long unit, OutputReceiver<Example> out) {
      for (DedupEvalSet.Doc d : DedupEvalSet.unit(seed, unit)) {
        out.output(
            Example.newBuilder()
                .setId(d.id())
                .setSource("eval")
                .setSourceLabel("eval:" + d.kind())
                .setKind("ticket")
                .setUnit(d.id())
                .setText(d.text())
                .setMeta(new TreeMap<>())
                .setRecords(1)
                .setPointers(List.of())
                .build());
      }
    }
  }

  static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void add(String x) {
      parent.putIfAbsent(x, x);
    }

    String find(String x) {
      String root = x;
      while (!parent.get(root).equals(root)) {
        root = parent.get(root);
      }
      while (!parent.get(x).equals(root)) {
        String next = parent.get(x);
        parent.put(x, root);
        x = next;
      }
      return root;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
      }
    }
  }
}
