package dev.veil.transforms.write;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes the lines of one output file: sorted by their sort key (ties broken by the line's UTF-8 bytes), one per
 * line, optionally compressed as one zstd frame at a fixed level, so the bytes depend only on the set of lines.
 *
 * <p>The lines are spilled to local disk as they arrive ({@link SortedSpill}) and streamed, in order, into the
 * (compressed) file: the encoder holds the lines' sort keys and the file it builds, not the lines. A bucket's lineage
 * file, which holds a line per example, is the large case.
 */
public final class FileLines {
  /** zstd level used for every shard: fixed, so output bytes never depend on a default. */
  public static final int ZSTD_LEVEL = 6;

  private FileLines() {}

  /** An encoded file and the number of lines in it. */
  public record Encoded(byte[] bytes, long lines) {}

  /** The file's bytes. */
  public static byte[] encode(Iterable<Map.Entry<String, String>> keyedLines, boolean zstd) {
    return encoded(keyedLines, zstd).bytes();
  }

  /** The file's bytes and its number of lines. */
  public static Encoded encoded(Iterable<Map.Entry<String, String>> keyedLines, boolean zstd) {
    try (SortedSpill spill = new SortedSpill("veil-lines-")) {
      for (Map.Entry<String, String> line : keyedLines) {
        spill.add(line.getKey(), line.getValue().getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      // Written through a fixed-size buffer, so the compressor always sees the same writes.
      try (OutputStream out =
          new BufferedOutputStream(zstd ? new ZstdOutputStreamNoFinalizer(bytes, ZSTD_LEVEL) : bytes, 1 << 16)) {
        for (int i : spill.sortedOrder()) {
          out.write(spill.read(i));
          out.write('\n');
        }
      }
      return new Encoded(bytes.toByteArray(), spill.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a file {@link #encode} wrote (zstd-compressed when its name ends with {@code .zst}). */
  public static List<String> read(java.nio.file.Path file) throws java.io.IOException {
    byte[] bytes;
    try (java.io.InputStream raw = java.nio.file.Files.newInputStream(file);
        java.io.InputStream in =
            file.getFileName().toString().endsWith(".zst") ? new com.github.luben.zstd.ZstdInputStream(raw) : raw) {
      bytes = in.readAllBytes();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }
}
