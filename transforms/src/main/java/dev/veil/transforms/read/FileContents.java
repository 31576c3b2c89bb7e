package dev.veil.transforms.read;

import dev.veil.schemas.RawFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the bytes of a listed file where it lies ({@code file:<path>} or {@code zip:<zip>!<entry>}), so that listing an
 * input costs no memory and each worker holds one file at a time. Zip archives stay open for the DoFn instance's life:
 * one per DoFn, {@link #close()} in {@code @Teardown}. Not thread-safe.
 */
public final class FileContents implements AutoCloseable {
  static final String FILE = "file:";
  static final String ZIP = "zip:";
  static final String ENTRY = "!/";

  private final Map<String, ZipFile> zips = new HashMap<>();

  /** A file larger than {@link ExportFiles#MAX_ENTRY_BYTES} asked for in memory. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** The whole file in memory, for formats parsed from memory; {@link TooLarge} past the limit. */
  public byte[] read(RawFile file) throws IOException {
    String location = file.getLocation();
    if (location != null && location.startsWith(FILE)) {
      // A plain file is read into one array of its size: no stream buffer, no growing copies (a Slack export is
      // mostly files of a few KB, so a 64 KB buffer per file cost more than the read).
      Path path = Path.of(location.substring(FILE.length()));
      if (Files.size(path) > ExportFiles.MAX_ENTRY_BYTES) {
        throw new TooLarge();
      }
      byte[] bytes = Files.readAllBytes(path);
      if (bytes.length > ExportFiles.MAX_ENTRY_BYTES) {
        throw new TooLarge();
      }
      return bytes;
    }
    try (InputStream in = open(file)) {
      byte[] bytes = in.readNBytes((int) ExportFiles.MAX_ENTRY_BYTES + 1);
      if (bytes.length > ExportFiles.MAX_ENTRY_BYTES) {
        throw new TooLarge();
      }
      return bytes;
    }
  }

  /** The file as a stream, for formats parsed as streams: any size. The caller closes it. */
  public InputStream open(RawFile file) throws IOException {
    String location = file.getLocation();
    if (location == null) {
      ByteBuffer buf = file.getContent();
      byte[] bytes = new byte[buf.remaining()];
      buf.duplicate().get(bytes);
      return new java.io.ByteArrayInputStream(bytes);
    }
    if (location.startsWith(FILE)) {
      return new java.io.BufferedInputStream(Files.newInputStream(Path.of(location.substring(FILE.length()))), 1 << 16);
    }
    int bang = location.indexOf(ENTRY);
    if (!location.startsWith(ZIP) || bang < 0) {
      throw new IOException("unknown location form");
    }
    String zipPath = location.substring(ZIP.length(), bang);
    String name = location.substring(bang + ENTRY.length());
    ZipFile zip = zips.get(zipPath);
    if (zip == null) {
      zip = new ZipFile(zipPath);
      zips.put(zipPath, zip);
    }
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new IOException("entry vanished from the archive");
    }
    return new java.io.BufferedInputStream(zip.getInputStream(entry), 1 << 16);
  }

  @Override
  public void close() throws IOException {
    for (ZipFile z : zips.values()) {
      z.close();
    }
    zips.clear();
  }
}
