package dev.veil.transforms.kanon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a delimited table and its hierarchies as ARX lays them out: {@code ;}-separated, a header row, and one file
 * {@code <prefix>_hierarchy_<attribute>.csv} per quasi-identifier in a directory. Columns without a hierarchy are not
 * quasi-identifiers and are left out of the histogram.
 */
public final class Tables {
  private Tables() {}

  /** The table's quasi-identifier columns (those with a hierarchy file), in header order, as a {@link QiTable}. */
  public static QiTable read(Path table, Path hierarchies) throws IOException {
    List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(table + " is empty");
    }
    String[] header = lines.get(0).split(";", -1);
    List<Integer> columns = new ArrayList<>();
    List<Hierarchy> hs = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      Path h = hierarchyFile(hierarchies, header[c]);
      if (h != null) {
        columns.add(c);
        hs.add(Hierarchy.parse(header[c], Files.readAllLines(h, StandardCharsets.UTF_8)));
      }
    }
    if (hs.isEmpty()) {
      throw new IllegalArgumentException("no <prefix>_hierarchy_<attribute>.csv in " + hierarchies + " names a column");
    }
    List<String[]> rows = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(";", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException(table + ": line " + (i + 1) + " has " + cells.length + " cells");
      }
      String[] row = new String[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = cells[columns.get(c)];
      }
      rows.add(row);
    }
    return QiTable.of(hs, rows);
  }

  private static Path hierarchyFile(Path dir, String attribute) throws IOException {
    String suffix = "_hierarchy_" + attribute + ".csv";
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().findFirst().orElse(null);
    }
  }
}
