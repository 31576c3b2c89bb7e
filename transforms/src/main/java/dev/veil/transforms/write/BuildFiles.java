package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.FileBlob;
import dev.veil.transforms.common.Coders;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Gathers keyed lines ({@code file name → (sort key, line)}) into whole files, one {@link FileBlob} per file. Every
 * name in {@link #files()} yields a file, even with no lines; lines for other names are a programming error.
 */
@AutoValue
public abstract class BuildFiles
    extends PTransform<PCollection<KV<String, KV<String, String>>>, PCollection<FileBlob>> {
  private static final long serialVersionUID = 1L;
  /** Sort key of the marker line that makes sure an empty file is still written; never written itself. */
  private static final String MARKER = "";

  abstract List<String> files();

  abstract boolean zstd();

  public static BuildFiles named(List<String> files, boolean zstd) {
    checkArgument(files != null && !files.isEmpty(), "at least one file name is required");
    return new AutoValue_BuildFiles(List.copyOf(files), zstd);
  }

  /** The coder of this transform's input: callers set it on the keyed lines they build. */
  public static final KvCoder<String, KV<String, String>> LINES_CODER =
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  @Override
  public PCollection<FileBlob> expand(PCollection<KV<String, KV<String, String>>> lines) {
    KvCoder<String, KV<String, String>> coder = LINES_CODER;
    List<KV<String, KV<String, String>>> markers = new ArrayList<>();
    for (String f : files()) {
      markers.add(KV.of(f, KV.of(MARKER, MARKER)));
    }
    PCollection<KV<String, KV<String, String>>> seeds =
        lines.getPipeline().apply("Every file", Create.of(markers).withCoder(coder));
    return PCollectionList.of(lines)
        .and(seeds)
        .apply("With empty files", Flatten.pCollections())
        .apply("Group by file", GroupByKey.create())
        .apply("Encode files", ParDo.of(new EncodeFn(files(), zstd())))
        .setCoder(Coders.avro(FileBlob.class));
  }

  static final class EncodeFn extends DoFn<KV<String, Iterable<KV<String, String>>>, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final List<String> files;
    private final boolean zstd;

    EncodeFn(List<String> files, boolean zstd) {
      this.files = files;
      this.zstd = zstd;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, String>>> file, OutputReceiver<FileBlob> out) {
      if (!files.contains(file.getKey())) {
        throw new IllegalStateException("line addressed to an undeclared file " + file.getKey());
      }
      Iterable<Map.Entry<String, String>> lines =
          Groups.filtered(
              file.getValue(),
              kv -> !kv.getKey().equals(MARKER),
              kv -> new AbstractMap.SimpleImmutableEntry<>(kv.getKey(), kv.getValue()));
      FileLines.Encoded encoded = FileLines.encoded(lines, zstd);
      out.output(
          FileBlob.newBuilder()
              .setName(file.getKey())
              .setBytes(ByteBuffer.wrap(encoded.bytes()))
              .setRecords(encoded.lines())
              .build());
    }
  }
}
