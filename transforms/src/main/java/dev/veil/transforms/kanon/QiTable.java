package dev.veil.transforms.kanon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quasi-identifier histogram the solver works on: each distinct combination of original values once, with its
 * count, each value as a small integer; and, per attribute and level, the id of each value's generalization. Its size
 * depends on the distinct combinations, not on the number of records.
 */
public final class QiTable {
  final List<Hierarchy> hierarchies;
  /** Distinct tuples (value ids per attribute) and how many records each stands for. */
  final int[][] tuples;
  final long[] counts;
  final long records;
  /** [attribute][level][value id] → generalized id at that level. */
  final int[][][] generalized;
  /** [attribute][level] → number of distinct generalized ids. */
  final int[][] cardinality;
  /** [attribute][level][generalized id] → records with a value under it (the whole table). */
  final long[][][] frequency;
  /** [attribute][value id] → records with that value. */
  final long[][] valueFrequency;
  /** Per distinct tuple, the id of its sensitive value (l-diversity); null when there is no sensitive attribute. */
  final int[] sensitive;
  /** Input row → its distinct tuple. */
  private final int[] rowTuple;

  private QiTable(List<Hierarchy> hierarchies, List<String[]> rows, long[] weights, List<String> sensitiveValues) {
    this.hierarchies = List.copyOf(hierarchies);
    int a = hierarchies.size();
    List<Map<String, Integer>> ids = new ArrayList<>();
    for (int j = 0; j < a; j++) {
      ids.add(new LinkedHashMap<>());
    }
    Map<List<Integer>, Integer> distinct = new HashMap<>();
    Map<String, Integer> sensitiveIds = new HashMap<>();
    List<int[]> tuples = new ArrayList<>();
    List<Integer> sensitiveOf = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long records = 0;
    this.rowTuple = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      long weight = weights == null ? 1 : weights[r];
      if (weight < 1) {
        throw new IllegalArgumentException("a row's count must be positive");
      }
      records += weight;
      if (row.length != a) {
        throw new IllegalArgumentException("a row has " + row.length + " values, expected " + a);
      }
      int[] t = new int[a];
      List<Integer> key = new ArrayList<>(a);
      for (int j = 0; j < a; j++) {
        Map<String, Integer> m = ids.get(j);
        Integer id = m.get(row[j]);
        if (id == null) {
          hierarchies.get(j).generalize(row[j], 0); // fails for a value the hierarchy lacks
          id = m.size();
          m.put(row[j], id);
        }
        t[j] = id;
        key.add(id);
      }
      int sid = -1;
      if (sensitiveValues != null) {
        sid = sensitiveIds.computeIfAbsent(sensitiveValues.get(r), v -> sensitiveIds.size());
        key.add(sid);
      }
      Integer at = distinct.putIfAbsent(key, tuples.size());
      rowTuple[r] = at == null ? tuples.size() : at;
      if (at == null) {
        tuples.add(t);
        sensitiveOf.add(sid);
        counts.add(weight);
      } else {
        counts.set(at, counts.get(at) + weight);
      }
    }
    this.tuples = tuples.toArray(new int[0][]);
    this.counts = counts.stream().mapToLong(Long::longValue).toArray();
    this.records = records;
    this.sensitive = sensitiveValues == null ? null : sensitiveOf.stream().mapToInt(Integer::intValue).toArray();
    generalized = new int[a][][];
    cardinality = new int[a][];
    frequency = new long[a][][];
    valueFrequency = new long[a][];
    for (int j = 0; j < a; j++) {
      Hierarchy h = hierarchies.get(j);
      List<String> values = new ArrayList<>(ids.get(j).keySet());
      generalized[j] = new int[h.height()][values.size()];
      cardinality[j] = new int[h.height()];
      frequency[j] = new long[h.height()][];
      valueFrequency[j] = new long[values.size()];
      for (int i = 0; i < this.tuples.length; i++) {
        valueFrequency[j][this.tuples[i][j]] += this.counts[i];
      }
      for (int l = 0; l < h.height(); l++) {
        Map<String, Integer> g = new HashMap<>();
        for (int v = 0; v < values.size(); v++) {
          String gv = h.generalize(values.get(v), l);
          Integer id = g.get(gv);
          if (id == null) {
            id = g.size();
            g.put(gv, id);
          }
          generalized[j][l][v] = id;
        }
        cardinality[j][l] = g.size();
        frequency[j][l] = new long[g.size()];
        for (int v = 0; v < values.size(); v++) {
          frequency[j][l][generalized[j][l][v]] += valueFrequency[j][v];
        }
      }
    }
  }

  /** A table of rows (one value per attribute, in the hierarchies' order). */
  public static QiTable of(List<Hierarchy> hierarchies, List<String[]> rows) {
    return new QiTable(hierarchies, rows, null, null);
  }

  /**
   * A histogram: each row (one value per attribute) stands for {@code counts[i]} records; with {@code sensitive}
   * non-null, each row's value of the sensitive attribute (for l-diversity), else null.
   */
  public static QiTable ofCounts(
      List<Hierarchy> hierarchies, List<String[]> rows, long[] counts, List<String> sensitive) {
    if (counts.length != rows.size() || (sensitive != null && sensitive.size() != rows.size())) {
      throw new IllegalArgumentException("rows, counts and sensitive values differ in number");
    }
    return new QiTable(hierarchies, rows, counts, sensitive);
  }

  /** The distinct tuple input row {@code row} belongs to (an index into the solver's per-tuple answers). */
  public int tupleOf(int row) {
    return rowTuple[row];
  }

  /** Whether rows carry a sensitive value (l-diversity can be asked for). */
  public boolean hasSensitive() {
    return sensitive != null;
  }

  public long records() {
    return records;
  }

  public int attributes() {
    return hierarchies.size();
  }

  public int distinct() {
    return tuples.length;
  }

  public int height(int attribute) {
    return hierarchies.get(attribute).height();
  }

  public String attribute(int j) {
    return hierarchies.get(j).attribute();
  }
}
