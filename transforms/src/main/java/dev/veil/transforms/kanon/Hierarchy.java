package dev.veil.transforms.kanon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generalization hierarchy as ARX writes it: one row per original value, one column per level (level 0 the value
 * itself, the last level usually {@code *}). Immutable.
 */
public final class Hierarchy {
  private final String attribute;
  private final Map<String, String[]> rows;
  private final int height;

  private Hierarchy(String attribute, Map<String, String[]> rows, int height) {
    this.attribute = attribute;
    this.rows = rows;
    this.height = height;
  }

  /** Rows of {@code ;}-separated levels (a hierarchy CSV's lines); blank lines are skipped. */
  public static Hierarchy parse(String attribute, List<String> lines) {
    Map<String, String[]> rows = new HashMap<>();
    int height = -1;
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] levels = line.split(";", -1);
      if (height < 0) {
        height = levels.length;
      } else if (levels.length != height) {
        throw new IllegalArgumentException(
            "hierarchy " + attribute + ": line " + n + " has " + levels.length + " levels, the first has " + height);
      }
      if (rows.put(levels[0], levels) != null) {
        throw new IllegalArgumentException("hierarchy " + attribute + ": line " + n + " repeats a value");
      }
    }
    if (height < 1) {
      throw new IllegalArgumentException("hierarchy " + attribute + " is empty");
    }
    return new Hierarchy(attribute, rows, height);
  }

  /** One level per row: the value, then its ancestors (a single-level hierarchy keeps values as they are). */
  public static Hierarchy of(String attribute, List<String[]> rows) {
    List<String> lines = new ArrayList<>();
    rows.forEach(r -> lines.add(String.join(";", r)));
    return parse(attribute, lines);
  }

  public String attribute() {
    return attribute;
  }

  /** Number of levels, the original values included. */
  public int height() {
    return height;
  }

  /** The value generalized to {@code level}; an error for a value the hierarchy does not list. */
  public String generalize(String value, int level) {
    String[] r = rows.get(value);
    if (r == null) {
      throw new IllegalArgumentException("hierarchy " + attribute + " has no row for a value of the data");
    }
    return r[level];
  }
}
