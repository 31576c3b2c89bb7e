package dev.veil.transforms.audit;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.Example;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.write.Release;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The job's leak scan of its own output: every example written (its text and released attribute values) is searched for every form of
 * every person in the identity directory ({@link LeakScan#ofDirectory}); any hit fails the job before the manifest is
 * written, with counts by form kind (never a value). Output: one JSON object for the manifest's {@code leak_scan}
 * ({@code forms}, {@code name_parts}, {@code examples}, {@code hits}).
 */
public final class ScanReleased extends PTransform<PCollection<Example>, PCollection<String>> {
  private static final long serialVersionUID = 1L;
  private static final String EXAMPLES = "";

  private final PCollectionView<IdentityDirectory> directory;
  private final boolean nameParts;

  private ScanReleased(PCollectionView<IdentityDirectory> directory, boolean nameParts) {
    this.directory = directory;
    this.nameParts = nameParts;
  }

  /** Scans for the directory's forms; with {@code nameParts}, given and family names on their own too. */
  public static ScanReleased against(PCollectionView<IdentityDirectory> directory, boolean nameParts) {
    checkArgument(directory != null, "directory must be set");
    return new ScanReleased(directory, nameParts);
  }

  @Override
  public PCollection<String> expand(PCollection<Example> examples) {
    PCollectionView<IdentityDirectory> dir = directory;
    boolean parts = nameParts;
    PCollectionView<Map<String, Long>> counts =
        examples
            .apply("Scan examples", ParDo.of(new ScanFn(dir, parts)).withSideInputs(dir))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("Sum hits", Sum.longsPerKey())
            .apply("Hits view", View.asMap());
    return examples
        .getPipeline()
        .apply("Once", Create.of(0))
        .apply(
            "Check scan",
            ParDo.of(
                    new DoFn<Integer, String>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        Map<String, Long> byKind = new TreeMap<>(c.sideInput(counts));
                        long scanned = byKind.getOrDefault(EXAMPLES, 0L);
                        byKind.remove(EXAMPLES);
                        long hits = byKind.values().stream().mapToLong(Long::longValue).sum();
                        if (hits > 0) {
                          throw new IllegalStateException(
                              "leak scan: " + hits + " occurrences of identity-directory forms in the output (by kind: "
                                  + byKind + "); nothing is released");
                        }
                        ObjectNode n = new ObjectMapper().createObjectNode();
                        n.put("forms", LeakScan.ofDirectory(c.sideInput(dir), parts).size());
                        n.put("name_parts", parts);
                        n.put("examples", scanned);
                        n.put("hits", 0);
                        try {
                          c.output(new ObjectMapper().writeValueAsString(n));
                        } catch (JsonProcessingException e) {
                          throw new IllegalStateException(e);
                        }
                      }
                    })
                .withSideInputs(counts, dir))
        .setCoder(StringUtf8Coder.of());
  }

  static final class ScanFn extends DoFn<Example, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<IdentityDirectory> directory;
    private final boolean nameParts;
    private transient String fingerprint;
    private transient LeakScan scan;

    ScanFn(PCollectionView<IdentityDirectory> directory, boolean nameParts) {
      this.directory = directory;
      this.nameParts = nameParts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      IdentityDirectory d = c.sideInput(directory);
      if (scan == null || !d.getFingerprint().equals(fingerprint)) {
        scan = LeakScan.ofDirectory(d, nameParts);
        fingerprint = d.getFingerprint();
      }
      c.output(KV.of(EXAMPLES, 1L));
      Map<String, Long> byKind = new TreeMap<>();
      for (int i : scan.scanText(Release.dataText(c.element()))) {
        byKind.merge(scan.kind(i), 1L, Long::sum);
      }
      byKind.forEach((k, n) -> c.output(KV.of(k, n)));
    }
  }
}
