package dev.veil.transforms.kanon;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a released attribute generalizes, as the policy gives it: rows of levels (an ARX hierarchy, inline or read from
 * its CSV file), or a rule for values no list can name in advance: {@link #period()} for months and {@link
 * #intervals} for counts. {@link #materialize} turns it into a {@link Hierarchy} over the values a run actually holds.
 *
 * <p>A value the rows do not list (or a rule cannot read, such as a period {@code unknown}) keeps its own value at
 * level 0 and is {@code *} at every level above: it is never released more precisely than the policy allows, and it
 * merges with the rest only at the top. {@link #outside} counts such values for the risk report.
 */
public final class HierarchySpec implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TOP = "*";
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

  private enum Kind {
    ROWS,
    PERIOD,
    INTERVALS
  }

  private final Kind kind;
  /** ROWS: value → its levels (level 0 first). */
  private final HashMap<String, String[]> rows;
  private final int height;
  /** INTERVALS: bucket widths, each a multiple of the one before. */
  private final long[] widths;

  private HierarchySpec(Kind kind, HashMap<String, String[]> rows, int height, long[] widths) {
    this.kind = kind;
    this.rows = rows;
    this.height = height;
    this.widths = widths;
  }

  /**
   * Rows of levels, the value first; every row as long as the first. The last level should be {@code *} (ARX writes
   * it so); a hierarchy whose top is not one value for all is accepted but then full generalization still tells
   * values apart.
   */
  public static HierarchySpec rows(List<String[]> rows) {
    checkArgument(rows != null && !rows.isEmpty(), "a hierarchy needs at least one row");
    HashMap<String, String[]> m = new HashMap<>();
    int height = rows.get(0).length;
    checkArgument(height >= 1, "a hierarchy row needs at least the value");
    int n = 0;
    for (String[] r : rows) {
      n++;
      checkArgument(r.length == height, "hierarchy row " + n + " has " + r.length + " levels, the first has " + height);
      checkArgument(m.put(r[0], r.clone()) == null, "hierarchy row " + n + " repeats a value");
    }
    return new HierarchySpec(Kind.ROWS, m, height, null);
  }

  /** Rows as ARX writes them: {@code ;}-separated lines, blank lines skipped. */
  public static HierarchySpec csv(List<String> lines) {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        rows.add(line.split(";", -1));
      }
    }
    return rows(rows);
  }

  /** Months {@code yyyy-MM}: month, quarter ({@code 2024-Q1}), half ({@code 2024-H1}), year, {@code *}. */
  public static HierarchySpec period() {
    return new HierarchySpec(Kind.PERIOD, null, 5, null);
  }

  /**
   * Whole numbers in buckets of growing width ({@code [5, 20]}: {@code 7} → {@code 5-9} → {@code 0-19} → {@code *});
   * each width a multiple of the one before, so buckets nest.
   */
  public static HierarchySpec intervals(long... widths) {
    checkArgument(widths != null && widths.length > 0, "intervals need at least one width");
    for (int i = 0; i < widths.length; i++) {
      checkArgument(widths[i] >= 2, "interval widths must be at least 2");
      checkArgument(
          i == 0 || widths[i] % widths[i - 1] == 0,
          "each interval width must be a multiple of the one before (" + widths[i] + " after " + (i == 0 ? 0 : widths[i - 1]) + ")");
    }
    return new HierarchySpec(Kind.INTERVALS, null, widths.length + 2, widths.clone());
  }

  /** Levels, the original values included. */
  public int height() {
    return height;
  }

  /** The hierarchy over {@code values} (each value's row, built by the rule or looked up). */
  public Hierarchy materialize(String attribute, Collection<String> values) {
    List<String[]> out = new ArrayList<>();
    for (String v : values) {
      out.add(levels(v));
    }
    if (out.isEmpty()) {
      out.add(levels(""));
    }
    return Hierarchy.of(attribute, out);
  }

  /** How many of {@code values} the rows do not list or the rule cannot read. */
  public long outside(Collection<String> values) {
    return values.stream().filter(v -> known(v) == null).count();
  }

  /** The value and each of its generalizations. */
  String[] levels(String value) {
    String[] known = known(value);
    if (known != null) {
      return known;
    }
    String[] r = new String[height];
    java.util.Arrays.fill(r, TOP);
    r[0] = value;
    return r;
  }

  private String[] known(String value) {
    switch (kind) {
      case ROWS -> {
        return rows.get(value);
      }
      case PERIOD -> {
        Matcher m = MONTH.matcher(value);
        if (!m.matches()) {
          return null;
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
          return null;
        }
        String year = m.group(1);
        return new String[] {
          value, year + "-Q" + ((month - 1) / 3 + 1), year + "-H" + ((month - 1) / 6 + 1), year, TOP
        };
      }
      default -> {
        long v;
        try {
          v = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return null;
        }
        String[] r = new String[height];
        r[0] = value;
        for (int i = 0; i < widths.length; i++) {
          long lo = Math.floorDiv(v, widths[i]) * widths[i];
          r[i + 1] = lo + "-" + (lo + widths[i] - 1);
        }
        r[height - 1] = TOP;
        return r;
      }
    }
  }

  /** How the policy wrote it, for the manifest: {@code rows}, {@code period} or {@code intervals [5, 20]}. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    d.put("levels", height);
    if (kind == Kind.INTERVALS) {
      List<Long> w = new ArrayList<>();
      for (long x : widths) {
        w.add(x);
      }
      d.put("widths", w);
    }
    return d;
  }
}
