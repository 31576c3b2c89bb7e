package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.veil.schemas.Example;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.WrittenFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Record-level lineage, in the restricted area: for every example written, the source records it came from. One file
 * per output bucket, {@code restricted/lineage/<split>-BBBBB.jsonl.zst} (the shards {@code data/<split>-BBBBB-*}
 * hold the same examples), one line per example, sorted by id: {@code {"id", "bucket", "records", "people",
 * "pointers": [{"source", "file", "index"}, ...]}}: the input records it carries, the person pseudonyms its text and
 * released attributes hold ({@link Release#dataText}: as speaker, mention or operator; what an erasure looks for), and
 * its source records. Pointers name input files and element indexes, which can hold names (folder names with
 * e-mail addresses): that is why the index lives under {@code restricted/}.
 */
public final class WriteLineage extends PTransform<PCollection<Example>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;
  public static final String DIR = "restricted/lineage";
  public static final String SUFFIX = ".jsonl.zst";
  /** A person pseudonym as the job writes it. */
  public static final java.util.regex.Pattern PERSON = java.util.regex.Pattern.compile("person_[0-9a-f]{12}");

  private final String root;
  private final ShardLayout layout;

  private WriteLineage(String root, ShardLayout layout) {
    this.root = root;
    this.layout = layout;
  }

  public static WriteLineage to(String root, ShardLayout layout) {
    checkArgument(root != null && !root.isEmpty(), "root must be non-empty");
    checkArgument(layout != null, "layout must be set");
    return new WriteLineage(root, layout);
  }

  @Override
  public PCollection<WrittenFile> expand(PCollection<Example> examples) {
    List<String> files = new ArrayList<>();
    for (String split : layout.splits()) {
      for (int b = 0; b < layout.buckets(); b++) {
        files.add(layout.bucketKey(split, b) + SUFFIX);
      }
    }
    ShardLayout l = layout;
    return examples
        .apply(
            "Lineage lines",
            ParDo.of(
                new DoFn<Example, KV<String, KV<String, String>>>() {
                  @ProcessElement
                  public void process(@Element Example e, OutputReceiver<KV<String, KV<String, String>>> out) {
                    String bucket = l.bucketKeyFor(e.getId(), e.getUnit());
                    out.output(KV.of(bucket + SUFFIX, KV.of(e.getId(), line(e, bucket))));
                  }
                }))
        .setCoder(BuildFiles.LINES_CODER)
        .apply("Build lineage files", BuildFiles.named(files, true))
        .apply("Write lineage files", WriteBlobs.to(root, DIR));
  }

  /** An example's lineage line; its pointers in (source, file, index) order. */
  public static String line(Example e, String bucket) {
    List<SourcePointer> pointers = new ArrayList<>(e.getPointers());
    pointers.sort(
        Comparator.comparing((SourcePointer p) -> p.getSource())
            .thenComparing(SourcePointer::getFile)
            .thenComparingLong(SourcePointer::getIndex));
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", e.getId());
      g.writeStringField("bucket", bucket);
      g.writeNumberField("records", e.getRecords());
      g.writeArrayFieldStart("people");
      java.util.TreeSet<String> people = new java.util.TreeSet<>();
      java.util.regex.Matcher m = PERSON.matcher(Release.dataText(e));
      while (m.find()) {
        people.add(m.group());
      }
      for (String p : people) {
        g.writeString(p);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("pointers");
      for (SourcePointer p : pointers) {
        g.writeStartObject();
        g.writeStringField("source", p.getSource());
        g.writeStringField("file", p.getFile());
        g.writeNumberField("index", p.getIndex());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }
}
