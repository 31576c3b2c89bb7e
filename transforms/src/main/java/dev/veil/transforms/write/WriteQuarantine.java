package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.auto.value.AutoValue;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.WrittenFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes quarantine entries, sorted, to {@code root/restricted/quarantine/quarantine.jsonl}: one JSON object per line
 * with {@code source, file, index, stage, reason}. Pointers only, never payloads; the file exists even when empty.
 */
@AutoValue
public abstract class WriteQuarantine extends PTransform<PCollection<QuarantineEntry>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;
  public static final String DIR = "restricted/quarantine";
  public static final String FILE = "quarantine.jsonl";

  abstract String root();

  public static WriteQuarantine to(String root) {
    checkArgument(root != null && !root.isEmpty(), "root must be non-empty");
    return new AutoValue_WriteQuarantine(root);
  }

  @Override
  public PCollection<WrittenFile> expand(PCollection<QuarantineEntry> entries) {
    return entries
        .apply("Serialize entries", ParDo.of(new LineFn()))
        .setCoder(BuildFiles.LINES_CODER)
        .apply("Build quarantine file", BuildFiles.named(List.of(FILE), false))
        .apply("Write quarantine file", WriteBlobs.to(root(), DIR));
  }

  public static String line(QuarantineEntry q) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("source", q.getPointer().getSource());
      g.writeStringField("file", q.getPointer().getFile());
      g.writeNumberField("index", q.getPointer().getIndex());
      g.writeStringField("stage", q.getStage());
      g.writeStringField("reason", q.getReason());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static final class LineFn extends DoFn<QuarantineEntry, KV<String, KV<String, String>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element QuarantineEntry q, OutputReceiver<KV<String, KV<String, String>>> out) {
      String line = line(q);
      out.output(KV.of(FILE, KV.of(line, line)));
    }
  }
}
