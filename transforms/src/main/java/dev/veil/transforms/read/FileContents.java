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

  public byte[] read(RawFile file) throws IOException {
    String location = file.getLocation();
    if (location == null) {
      ByteBuffer buf = file.getContent();
      byte[] bytes = new byte[buf.remaining()];
      buf.duplicate().get(bytes);
      return bytes;
    }
    if (location.startsWith(FILE)) {
      return Files.readAllBytes(Path.of(location.substring(FILE.length())));
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
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes((int) Math.min(ExportFiles.MAX_ENTRY_BYTES + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > ExportFiles.MAX_ENTRY_BYTES) {
        throw new IOException("entry larger than declared");
      }
      return bytes;
    }
  }

  @Override
  public void close() throws IOException {
    for (ZipFile z : zips.values()) {
      z.close();
    }
    zips.clear();
  }
}
