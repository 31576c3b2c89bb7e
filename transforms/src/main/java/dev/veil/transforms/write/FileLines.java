package dev.veil.transforms.write;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Encodes the lines of one output file: sorted by their sort key (ties broken by the line itself), one per line,
 * optionally compressed as a single zstd frame at a fixed level, so the bytes depend only on the set of lines.
 */
public final class FileLines {
  /** zstd level used for every shard: fixed, so output bytes never depend on a default. */
  public static final int ZSTD_LEVEL = 6;

  private FileLines() {}

  public static byte[] encode(Iterable<Map.Entry<String, String>> keyedLines, boolean zstd) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    keyedLines.forEach(lines::add);
    lines.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> line : lines) {
      out.writeBytes(line.getValue().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    byte[] plain = out.toByteArray();
    return zstd ? Zstd.compress(plain, ZSTD_LEVEL) : plain;
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
