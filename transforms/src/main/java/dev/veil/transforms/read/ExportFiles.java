package dev.veil.transforms.read;

import dev.veil.transforms.common.Reasons;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Lists the files of an export: an unpacked directory or a {@code .zip}. Never extracts to disk, refuses unsafe entry
 * names ({@code ../}, absolute, backslashes), caps entry sizes, and salvages what precedes the damage in a truncated
 * archive. Plain Java; the Beam wiring is {@link ReadSlackExport}.
 */
public final class ExportFiles {
  /**
   * The most a reader holds in memory for one file (zip-bomb guard). Formats read as streams (mbox, Mattermost JSONL,
   * Jira XML, JSON and CSV) have no limit; a larger file of another kind is {@code entry_too_large}.
   */
  public static final long MAX_ENTRY_BYTES = 256L << 20;

  /** What the lister finds. */
  public interface Visitor {
    /** A file whose bytes the lister already holds (what precedes the damage in a damaged zip). */
    void file(String path, byte[] content);

    /** A file the parser reads itself from {@code location} (see {@link FileContents}). */
    void located(String path, String location);

    /** A unit that cannot be read; {@code path} may be empty when it names the whole input. */
    void quarantine(String path, long index, String reason);
  }

  private ExportFiles() {}

  public static void list(Path input, Visitor visitor) throws IOException {
    if (Files.isDirectory(input)) {
      listDirectory(input, visitor);
    } else if (isZip(input)) {
      listZip(input, visitor);
    } else {
      // A single file (a Jira XML export, say): one entry named after itself.
      visitor.located(input.getFileName().toString(), FileContents.FILE + input.toAbsolutePath());
    }
  }

  /** A {@code .zip} by name, or any file that starts like one (a truncated zip still does). */
  private static boolean isZip(Path file) throws IOException {
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }

  private static void listDirectory(Path root, Visitor visitor) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String rel = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      visitor.located(rel, FileContents.FILE + file.toAbsolutePath());
    }
  }

  private static void listZip(Path zip, Visitor visitor) throws IOException {
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      // An intact archive: list its central directory; parsers read entries themselves, one at a time.
      List<? extends ZipEntry> entries = zf.stream().sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
      for (ZipEntry entry : entries) {
        String name = entry.getName();
        if (!isSafe(name)) {
          visitor.quarantine(name, -1, Reasons.UNSAFE_PATH);
        } else if (entry.isDirectory() || isIgnorableZipNoise(name)) {
          continue;
        } else {
          visitor.located(name, FileContents.ZIP + zip.toAbsolutePath() + FileContents.ENTRY + name);
        }
      }
      return;
    } catch (java.util.zip.ZipException e) {
      // No readable central directory: truncated or damaged. Salvage by streaming the local headers below.
    }
    // Stream the local headers in both cases: one code path, and it salvages what precedes any damage.
    boolean damageReported = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while (true) {
        try {
          entry = in.getNextEntry();
        } catch (IOException e) {
          visitor.quarantine("", -1, Reasons.TRUNCATED_ARCHIVE);
          damageReported = true;
          break;
        }
        if (entry == null) {
          break;
        }
        String name = entry.getName();
        if (entry.isDirectory()) {
          if (!isSafe(name)) {
            visitor.quarantine(name, -1, Reasons.UNSAFE_PATH);
          }
          continue;
        }
        if (!isSafe(name)) {
          visitor.quarantine(name, -1, Reasons.UNSAFE_PATH);
          continue;
        }
        byte[] content;
        try {
          content = readCapped(in);
        } catch (EntryTooLarge e) {
          visitor.quarantine(name, -1, Reasons.ENTRY_TOO_LARGE);
          continue;
        } catch (IOException e) {
          visitor.quarantine(name, -1, Reasons.TRUNCATED_ARCHIVE);
          damageReported = true;
          break;
        }
        if (isIgnorableZipNoise(name)) {
          continue;
        }
        visitor.file(name, content);
      }
    } catch (IOException e) {
      if (!damageReported) {
        visitor.quarantine("", -1, Reasons.TRUNCATED_ARCHIVE);
        damageReported = true;
      }
    }
    if (!damageReported) {
      // Entries streamed cleanly but the central directory is missing: the tail of the archive is lost.
      visitor.quarantine("", -1, Reasons.TRUNCATED_ARCHIVE);
    }
  }

  /** macOS resource forks that Finder adds to zips: not part of the export. */
  private static boolean isIgnorableZipNoise(String name) {
    return name.startsWith("__MACOSX/") || name.endsWith("/.DS_Store") || name.equals(".DS_Store");
  }

  /** A relative, '/'-separated name with no parent references, drive letters or backslashes. */
  static boolean isSafe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
      return false;
    }
    if (name.length() > 1 && name.charAt(1) == ':') {
      return false;
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > MAX_ENTRY_BYTES) {
        throw new EntryTooLarge();
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static final class EntryTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
