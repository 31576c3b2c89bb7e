package dev.veil.transforms.kanon;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-identification risk of a release under the prosecutor model, from its equivalence class sizes (records sharing
 * one combination of released quasi-identifier values): the smallest class (the k achieved), the number of classes,
 * the highest risk (1 / smallest class), the average risk (mean of 1 / class size over records = classes / records)
 * and the share of records that are unique. Suppressed records (every quasi-identifier {@code *}) are counted apart and
 * left out of the classes: they carry no quasi-identifying value.
 */
public record RiskStats(long records, long suppressed, long classes, long smallest, long uniques) {

  public static RiskStats of(Collection<Long> classSizes, long suppressed) {
    long records = 0;
    long smallest = 0;
    long uniques = 0;
    for (long c : classSizes) {
      records += c;
      smallest = smallest == 0 ? c : Math.min(smallest, c);
      uniques += c == 1 ? 1 : 0;
    }
    return new RiskStats(records + suppressed, suppressed, classSizes.size(), smallest, uniques);
  }

  /** Released (not suppressed) records. */
  public long released() {
    return records - suppressed;
  }

  public double prosecutorRisk() {
    return smallest == 0 ? 0 : 1.0 / smallest;
  }

  public double averageRisk() {
    return released() == 0 ? 0 : (double) classes / released();
  }

  public double uniqueShare() {
    return released() == 0 ? 0 : (double) uniques / released();
  }

  /** For the manifest: fixed keys, risks rounded to 6 decimals. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("records", records);
    d.put("suppressed", suppressed);
    d.put("k", smallest);
    d.put("classes", classes);
    d.put("prosecutor_risk", round(prosecutorRisk()));
    d.put("average_risk", round(averageRisk()));
    d.put("unique_share", round(uniqueShare()));
    return d;
  }

  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
