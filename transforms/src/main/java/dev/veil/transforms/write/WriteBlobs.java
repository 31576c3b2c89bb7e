package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.github.luben.zstd.ZstdInputStream;
import com.google.auto.value.AutoValue;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.StagedFile;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes whole files under {@code root/subdir} with a temp-then-rename commit, then describes each committed file as
 * found on disk: size, SHA-256, and number of lines (decompressed for {@code .zst}).
 *
 * <p>Each file's bytes are written to {@code root/.veil-tmp/<path>} by the task that built them ("Stage files"); only
 * the file's name, temporary path and digest cross the shuffle that separates staging from the commit, so the size
 * of a file never limits what a shuffle must carry. After every file of this write is staged, "Commit files" renames
 * each into place and checks that the file found there has the staged SHA-256. A restarted staging task writes the
 * same bytes to the same temporary path again (names and bytes are pure functions of the data); a restarted commit
 * finds the file already in place and checks it. A final path never holds a partial file, and a file that does not
 * match its digest fails the job rather than reaching the manifest.
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

  @Override
  public PCollection<WrittenFile> expand(PCollection<FileBlob> blobs) {
    return blobs
        .apply("Stage files", ParDo.of(new StageFn(root(), subdir())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(StagedFile.class)))
        .apply("All files staged", GroupByKey.create())
        .apply("Commit files", ParDo.of(new CommitFn(root())))
        .setCoder(Coders.avro(WrittenFile.class));
  }

  /** The path of {@code relativePath} under {@code root}, as Beam's file systems take it. */
  static String resolve(String root, String relativePath) {
    return (root.endsWith("/") ? root : root + "/") + relativePath;
  }

  /** Writes a blob's bytes to its temporary path and passes on what the commit needs. */
  static final class StageFn extends DoFn<FileBlob, KV<String, StagedFile>> {
    private static final long serialVersionUID = 1L;
    private final String root;
    private final String subdir;

    StageFn(String root, String subdir) {
      this.root = root;
      this.subdir = subdir;
    }

    @ProcessElement
    public void process(@Element FileBlob blob, OutputReceiver<KV<String, StagedFile>> out) throws IOException {
      String path = subdir.isEmpty() ? blob.getName() : subdir + "/" + blob.getName();
      out.output(KV.of(path, stage(root, path, blob)));
    }
  }

  /** Writes {@code blob} to {@code root/.veil-tmp/path}, replacing what a failed attempt may have left there. */
  static StagedFile stage(String root, String path, FileBlob blob) throws IOException {
    String temp = resolve(root, TEMP_DIR + "/" + path);
    ResourceId tempId = FileSystems.matchNewResource(temp, false);
    ByteBuffer bytes = blob.getBytes().duplicate();
    MessageDigest sha = Hashes.sha256Digest();
    sha.update(bytes.duplicate());
    long size = bytes.remaining();
    try (WritableByteChannel channel = FileSystems.create(tempId, "application/octet-stream")) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    return StagedFile.newBuilder()
        .setPath(path)
        .setTemp(temp)
        .setBytes(size)
        .setSha256(Hashes.hex(sha.digest()))
        .setRecords(blob.getRecords())
        .setTokens(blob.getTokens())
        .build();
  }

  /** Renames each staged file into place and describes it as found there. */
  static final class CommitFn extends DoFn<KV<String, Iterable<StagedFile>>, WrittenFile> {
    private static final long serialVersionUID = 1L;
    private final String root;

    CommitFn(String root) {
      this.root = root;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<StagedFile>> file, OutputReceiver<WrittenFile> out)
        throws IOException {
      Iterator<StagedFile> staged = file.getValue().iterator();
      StagedFile only = staged.next();
      if (staged.hasNext()) {
        throw new IllegalStateException("two files named " + file.getKey() + " in one write");
      }
      out.output(commit(root, only));
    }
  }

  /**
   * Renames a staged file to its final path and describes the file found there. A commit that is repeated (its
   * temporary file already renamed) checks the file in place; either way the file must have the staged digest.
   */
  static WrittenFile commit(String root, StagedFile staged) throws IOException {
    ResourceId temp = FileSystems.matchNewResource(staged.getTemp(), false);
    ResourceId target = FileSystems.matchNewResource(resolve(root, staged.getPath()), false);
    // A plain rename (atomic where the file system has one; move options would make Beam fall back to copy and
    // delete on HDFS), skipped when an earlier attempt of this commit already made it.
    if (FileSystems.match(staged.getTemp()).status() == MatchResult.Status.OK) {
      FileSystems.rename(List.of(temp), List.of(target));
    }
    WrittenFile described = describe(target, staged.getPath());
    if (!described.getSha256().equals(staged.getSha256()) || described.getBytes() != staged.getBytes()) {
      throw new IllegalStateException(
          "the file committed to " + staged.getPath() + " is not the one staged for it (size or SHA-256 differs)");
    }
    if (!isLineFile(staged.getPath())) {
      described.setRecords(staged.getRecords());
    }
    described.setTokens(staged.getTokens());
    return described;
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
