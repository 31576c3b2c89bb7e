package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportFilesTest {
  @TempDir Path tmp;

  /** Collects what the lister reports. */
  static final class Found implements ExportFiles.Visitor {
    final List<String> files = new ArrayList<>();
    final List<String> locations = new ArrayList<>();
    final List<String> quarantined = new ArrayList<>();

    @Override
    public void file(String path, byte[] content) {
      files.add(path);
    }

    @Override
    public void located(String path, String location) {
      files.add(path);
      locations.add(location);
    }

    @Override
    public void quarantine(String path, long index, String reason) {
      quarantined.add(path + "#" + index + ":" + reason);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "general/2024-01-01.json, true",
    "users.json, true",
    "../../etc/x, false",
    "general/../../x, false",
    "/etc/passwd, false",
    "C:/windows/x, false",
    "a\\b.json, false",
    "./users.json, false"
  })
  void acceptsOnlyRelativeNamesWithoutParentReferences(String name, boolean safe) {
    assertThat(ExportFiles.isSafe(name)).isEqualTo(safe);
  }

  @Test
  void refusesTraversalEntriesAndKeepsTheRest() throws IOException {
    Path zip = tmp.resolve("export.zip");
    writeZip(zip, "users.json", "[]", "../../etc/x", "pwned", "general/2024-01-01.json", "[]");
    Found found = new Found();
    ExportFiles.list(zip, found);
    assertThat(found.files).containsExactly("general/2024-01-01.json", "users.json");
    assertThat(found.quarantined).containsExactly("../../etc/x#-1:" + Reasons.UNSAFE_PATH);
    assertThat(tmp.getParent().resolve("etc")).doesNotExist();
  }

  @Test
  void listedFilesAreReadWhereTheyLieOneAtATime() throws IOException {
    Path zip = tmp.resolve("export.zip");
    writeZip(zip, "users.json", "[{\"id\":\"U1\"}]", "general/2024-01-01.json", "[]");
    Files.createDirectories(tmp.resolve("dir"));
    Files.writeString(tmp.resolve("dir/channels.json"), "[1]");
    Found found = new Found();
    ExportFiles.list(zip, found);
    ExportFiles.list(tmp.resolve("dir"), found);
    try (FileContents contents = new FileContents()) {
      List<String> read = new ArrayList<>();
      for (int i = 0; i < found.locations.size(); i++) {
        read.add(
            new String(
                contents.read(
                    dev.veil.schemas.RawFile.newBuilder()
                        .setSource("s")
                        .setFile(found.files.get(i))
                        .setContent(java.nio.ByteBuffer.allocate(0))
                        .setLocation(found.locations.get(i))
                        .build()),
                StandardCharsets.UTF_8));
      }
      assertThat(read).containsExactly("[]", "[{\"id\":\"U1\"}]", "[1]");
    }
  }

  @Test
  void salvagesWhatPrecedesTheDamageInATruncatedZip() throws IOException {
    Path zip = tmp.resolve("export.zip");
    String big = "[" + "{\"ts\":\"1.0\",\"text\":\"x\"},".repeat(2000) + "{}]";
    writeZip(zip, "users.json", "[]", "general/2024-01-01.json", big);
    byte[] whole = Files.readAllBytes(zip);
    Path truncated = tmp.resolve("truncated.zip");
    // Cut inside the second entry's compressed data: 80 bytes past its local header.
    Files.write(truncated, Arrays.copyOf(whole, secondLocalHeader(whole) + 80));
    Found found = new Found();
    ExportFiles.list(truncated, found);
    assertThat(found.files).containsExactly("users.json");
    assertThat(found.quarantined).containsExactly("general/2024-01-01.json#-1:" + Reasons.TRUNCATED_ARCHIVE);
  }

  @Test
  void reportsAZipWhoseCentralDirectoryIsMissing() throws IOException {
    Path zip = tmp.resolve("export.zip");
    writeZip(zip, "users.json", "[]", "channels.json", "[]");
    byte[] whole = Files.readAllBytes(zip);
    Path truncated = tmp.resolve("truncated.zip");
    // Keep both entries' local data, drop most of the central directory.
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 60));
    Found found = new Found();
    ExportFiles.list(truncated, found);
    assertThat(found.files).containsExactly("users.json", "channels.json");
    assertThat(found.quarantined).containsExactly("#-1:" + Reasons.TRUNCATED_ARCHIVE);
  }

  @Test
  void listsAnUnpackedDirectoryWithRelativeSlashSeparatedNames() throws IOException {
    Files.createDirectories(tmp.resolve("exp/general"));
    Files.writeString(tmp.resolve("exp/users.json"), "[]");
    Files.writeString(tmp.resolve("exp/general/2024-01-01.json"), "[]");
    Found found = new Found();
    ExportFiles.list(tmp.resolve("exp"), found);
    assertThat(found.files).containsExactly("general/2024-01-01.json", "users.json");
    assertThat(found.quarantined).isEmpty();
  }

  /** Offset of the second "PK\3\4" local file header. */
  private static int secondLocalHeader(byte[] zip) {
    int seen = 0;
    for (int i = 0; i + 3 < zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && ++seen == 2) {
        return i;
      }
    }
    throw new AssertionError("no second entry");
  }

  static void writeZip(Path zip, String... namesAndContents) throws IOException {
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        out.putNextEntry(new ZipEntry(namesAndContents[i]));
        out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}
