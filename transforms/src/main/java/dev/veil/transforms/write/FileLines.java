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
}
