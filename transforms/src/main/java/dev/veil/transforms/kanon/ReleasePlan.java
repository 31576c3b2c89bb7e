package dev.veil.transforms.kanon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Example;
import dev.veil.transforms.assemble.ExampleHeaders;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What k-anonymity releases for each combination of quasi-identifier values: solved once from the run's histogram
 * ({@link #solve}), then applied to every example ({@link #apply}). An example in scope gets each quasi-identifier at
 * the chosen level of its hierarchy, or {@code *} everywhere when its class is suppressed; its header line follows
 * ({@link ExampleHeaders}). Plain Java; {@link KAnonymize} wires it into the job.
 */
public final class ReleasePlan implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final KAnonSettings settings;
  /** Quasi-identifier values (as {@link #key}) → released values. */
  private final HashMap<String, String[]> release;
  private final int[] levels;
  private final LinkedHashMap<String, Object> report;

  private ReleasePlan(
      KAnonSettings settings, HashMap<String, String[]> release, int[] levels, LinkedHashMap<String, Object> report) {
    this.settings = settings;
    this.release = release;
    this.levels = levels;
    this.report = report;
  }

  /** A histogram entry's key: the example's quasi-identifier values, then its sensitive value under l-diversity. */
  public static String histogramKey(KAnonSettings settings, Example e) {
    List<String> values = settings.quasiIdentifierValues(e);
    if (settings.sensitive() != null) {
      values.add(KAnonSettings.value(e, settings.sensitive()));
    }
    return key(values);
  }

  static String key(List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode quasi-identifier values", e);
    }
  }

  static List<String> values(String key) {
    try {
      return MAPPER.readValue(key, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a histogram key is not a list of values", e);
    }
  }

  /**
   * The optimal release for a histogram of {@link #histogramKey}s and their counts (any order: it is sorted first, so
   * the answer never depends on how the counts arrived). Fails when no generalization meets k within the limit.
   */
  public static ReleasePlan solve(KAnonSettings settings, Map<String, Long> histogram) {
    List<String> attributes = settings.attributes();
    int a = attributes.size();
    TreeMap<String, Long> sorted = new TreeMap<>(histogram);
    List<String[]> rows = new ArrayList<>(sorted.size());
    List<String> sensitive = settings.sensitive() == null ? null : new ArrayList<>();
    long[] counts = new long[sorted.size()];
    List<TreeSet<String>> distinct = new ArrayList<>();
    for (int j = 0; j < a; j++) {
      distinct.add(new TreeSet<>());
    }
    int r = 0;
    for (Map.Entry<String, Long> entry : sorted.entrySet()) {
      List<String> v = values(entry.getKey());
      if (v.size() != a + (sensitive == null ? 0 : 1)) {
        throw new IllegalStateException("a histogram key has " + v.size() + " values for " + a + " quasi-identifiers");
      }
      String[] row = v.subList(0, a).toArray(new String[0]);
      for (int j = 0; j < a; j++) {
        distinct.get(j).add(row[j]);
      }
      rows.add(row);
      if (sensitive != null) {
        sensitive.add(v.get(a));
      }
      counts[r++] = entry.getValue();
    }
    LinkedHashMap<String, Object> report = new LinkedHashMap<>();
    report.putAll(settings.describe());
    // Before: classes of the original values, nothing suppressed.
    Map<String, Long> before = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      before.merge(key(Arrays.asList(rows.get(i))), counts[i], Long::sum);
    }
    report.put("before", RiskStats.of(before.values(), 0).describe());
    HashMap<String, String[]> release = new HashMap<>();
    if (rows.isEmpty()) {
      report.put("levels", null);
      return new ReleasePlan(settings, release, null, report);
    }
    List<Hierarchy> hierarchies = new ArrayList<>();
    Map<String, Object> outside = new LinkedHashMap<>();
    for (int j = 0; j < a; j++) {
      HierarchySpec spec = settings.hierarchy(attributes.get(j));
      hierarchies.add(spec.materialize(attributes.get(j), distinct.get(j)));
      outside.put(attributes.get(j), spec.outside(distinct.get(j)));
    }
    QiTable table = QiTable.ofCounts(hierarchies, rows, counts, sensitive);
    KAnonymity solver =
        new KAnonymity(table, settings.k(), settings.l(), settings.suppressionLimit(), settings.metric());
    KAnonymity.Result result = solver.solve();
    if (result.levels() == null) {
      throw new IllegalStateException(
          "k-anonymity: no generalization of the "
              + table.records()
              + " examples in scope meets k = "
              + settings.k()
              + (settings.l() > 1 ? " and l = " + settings.l() : "")
              + " within the suppression limit "
              + settings.suppressionLimit()
              + "; raise the limit, lower k, or widen the scope");
    }
    boolean[] suppressed = solver.suppressedAt(result.levels());
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      String[] out = new String[a];
      boolean s = suppressed[table.tupleOf(i)];
      for (int j = 0; j < a; j++) {
        out[j] = s ? HierarchySpec.TOP : hierarchies.get(j).generalize(row[j], result.levels()[j]);
      }
      release.put(key(Arrays.asList(row)), out);
    }
    Map<String, Object> levels = new LinkedHashMap<>();
    for (int j = 0; j < a; j++) {
      levels.put(attributes.get(j), result.levels()[j]);
    }
    report.put("levels", levels);
    report.put("information_loss", RiskStats.round(result.informationLoss()));
    report.put("nodes_evaluated", result.evaluated());
    report.put("records_suppressed", result.suppressed());
    report.put("values_outside_hierarchy", outside);
    return new ReleasePlan(settings, release, result.levels().clone(), report);
  }

  /** The example as released: unchanged when out of scope or when nothing of it is generalized. */
  public Example apply(Example e) {
    if (!settings.inScope(e)) {
      return e;
    }
    List<String> attributes = settings.attributes();
    List<String> values = settings.quasiIdentifierValues(e);
    String[] out = release.get(key(values));
    if (out == null) {
      throw new IllegalStateException("k-anonymity: an example's quasi-identifiers are not in the run's histogram");
    }
    Map<String, Object> meta = null;
    for (int j = 0; j < out.length; j++) {
      if (!out[j].equals(values.get(j))) {
        if (meta == null) {
          meta = new TreeMap<>(e.getMeta());
        }
        meta.put(attributes.get(j), out[j]);
      }
    }
    return meta == null ? e : ExampleHeaders.withMeta(e, meta);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReleasePlan p)) {
      return false;
    }
    if (!Arrays.equals(levels, p.levels) || !report.equals(p.report) || !release.keySet().equals(p.release.keySet())) {
      return false;
    }
    return release.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), p.release.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(levels) * 31 + release.keySet().hashCode();
  }

  /** The chosen level per quasi-identifier; null when no example was in scope. */
  public int[] levels() {
    return levels == null ? null : levels.clone();
  }

  /** The settings, the chosen levels, the information loss and the risk before generalization, for the manifest. */
  public Map<String, Object> report() {
    return new LinkedHashMap<>(report);
  }
}
