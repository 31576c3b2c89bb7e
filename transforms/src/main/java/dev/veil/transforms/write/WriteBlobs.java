package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import com.github.luben.zstd.ZstdInputStream;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes whole files under {@code root/subdir} through {@link FileIO}'s temp-then-rename commit (a retried task never
 * leaves a partial or duplicate file), then describes each committed file as found on disk: size, SHA-256, and number
 * of lines (decompressed for {@code .zst}).
 */
@AutoValue
public abstract class WriteBlobs extends PTransform<PCollection<FileBlob>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;

  /** Where uncommitted files live until the commit renames them; removed by the launcher after a run. */
  public static final String TEMP_DIR = ".veil-tmp";

  abstract String root();

  abstract String subdir();

  /** {@code subdir} is relative to {@code root}, '/'-separated; empty for the root itself. */
  public static WriteBlobs to(String root, String subdir) {
    checkArgument(root != null && !root.isEmpty(), "root must be non-empty");
    checkArgument(subdir != null && !subdir.startsWith("/") && !subdir.contains(".."), "subdir must be relative");
    return new AutoValue_WriteBlobs(root, subdir);
  }

  private String directory() {
    return subdir().isEmpty() ? root() : root() + "/" + subdir();
  }

  @Override
  public PCollection<WrittenFile> expand(PCollection<FileBlob> blobs) {
    PCollectionView<Map<String, KV<Long, Long>>> counts =
        blobs
            .apply(
                "Blob counts",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs())))
                    .via(b -> KV.of(b.getName(), KV.of(b.getRecords(), b.getTokens() == null ? -1L : b.getTokens()))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
            .apply("Counts view", View.asMap());
    return blobs
        .apply(
            "Commit files",
            FileIO.<String, FileBlob>writeDynamic()
                .by(FileBlob::getName)
                .withDestinationCoder(StringUtf8Coder.of())
                .via(new BlobSink())
                .to(directory())
                .withNaming(name -> (window, pane, numShards, shardIndex, compression) -> name)
                .withTempDirectory(root() + "/" + TEMP_DIR)
                .withNumShards(1))
        .getPerDestinationOutputFilenames()
        .apply("Describe files", ParDo.of(new DescribeFn(subdir(), counts)).withSideInputs(counts))
        .setCoder(Coders.avro(WrittenFile.class));
  }

  /** Writes a blob's bytes as they are. */
  static final class BlobSink implements FileIO.Sink<FileBlob> {
    private static final long serialVersionUID = 1L;
    private transient WritableByteChannel channel;

    @Override
    public void open(WritableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(FileBlob blob) throws IOException {
      ByteBuffer bytes = blob.getBytes().duplicate();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void flush() {}
  }

  static final class DescribeFn extends DoFn<KV<String, String>, WrittenFile> {
    private static final long serialVersionUID = 1L;
    private final String subdir;
    private final PCollectionView<Map<String, KV<Long, Long>>> counts;

    DescribeFn(String subdir, PCollectionView<Map<String, KV<Long, Long>>> counts) {
      this.subdir = subdir;
      this.counts = counts;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      KV<String, String> written = c.element();
      ResourceId file = FileSystems.matchSingleFileSpec(written.getValue()).resourceId();
      KV<Long, Long> n = c.sideInput(counts).get(written.getKey());
      WrittenFile described =
          describe(file, subdir.isEmpty() ? written.getKey() : subdir + "/" + written.getKey());
      if (n != null && !isLineFile(written.getKey())) {
        described.setRecords(n.getKey());
      }
      if (n != null && n.getValue() >= 0) {
        described.setTokens(n.getValue());
      }
      c.output(described);
    }
  }

  /** Files whose records are lines, counted on disk; other files' records are the count their builder gave. */
  static boolean isLineFile(String name) {
    return name.endsWith(".jsonl") || name.endsWith(".jsonl.zst") || name.endsWith(".json");
  }

  /**
   * Size, SHA-256 and line count of a file; {@code relativePath} is what the manifest shows. For a binary format
   * (Avro, Parquet) the line count means nothing: {@link WriteBlobs} replaces it with the builder's record count.
   */
  public static WrittenFile describe(ResourceId file, String relativePath) throws IOException {
    MessageDigest sha = Hashes.sha256Digest();
    long bytes = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        bytes += n;
      }
    }
    long lines = 0;
    if (isLineFile(relativePath)) {
      lines = countLines(file, relativePath, buf);
    }
    return WrittenFile.newBuilder()
        .setPath(relativePath)
        .setBytes(bytes)
        .setRecords(lines)
        .setSha256(Hashes.hex(sha.digest()))
        .build();
  }

  private static long countLines(ResourceId file, String relativePath, byte[] buf) throws IOException {
    long lines = 0;
    try (InputStream raw = Channels.newInputStream(FileSystems.open(file));
        InputStream in = relativePath.endsWith(".zst") ? new ZstdInputStream(raw) : raw) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }
}
