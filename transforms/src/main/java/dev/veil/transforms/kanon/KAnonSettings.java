package dev.veil.transforms.kanon;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.Example;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The policy's k-anonymity bar for released attributes: the quasi-identifiers (attributes of an example's
 * {@code meta}, each with its {@link HierarchySpec}, in the policy's order), k, an optional distinct l-diversity on a
 * sensitive attribute, the suppression limit (fraction of the examples in scope), the information-loss metric, and
 * which kinds of example are in scope (all when empty). Immutable.
 */
public final class KAnonSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, HierarchySpec> quasiIdentifiers;
  private final int k;
  private final int l;
  private final @Nullable String sensitive;
  private final double suppressionLimit;
  private final KAnonymity.Metric metric;
  private final TreeSet<String> kinds;

  private KAnonSettings(
      LinkedHashMap<String, HierarchySpec> quasiIdentifiers,
      int k,
      int l,
      @Nullable String sensitive,
      double suppressionLimit,
      KAnonymity.Metric metric,
      TreeSet<String> kinds) {
    this.quasiIdentifiers = quasiIdentifiers;
    this.k = k;
    this.l = l;
    this.sensitive = sensitive;
    this.suppressionLimit = suppressionLimit;
    this.metric = metric;
    this.kinds = kinds;
  }

  /** k over these quasi-identifiers, no suppression, the loss metric, every kind of example. */
  public static KAnonSettings of(Map<String, HierarchySpec> quasiIdentifiers, int k) {
    checkArgument(quasiIdentifiers != null && !quasiIdentifiers.isEmpty(), "name at least one quasi-identifier");
    checkArgument(k >= 2, "k must be at least 2");
    return new KAnonSettings(
        new LinkedHashMap<>(quasiIdentifiers), k, 1, null, 0, KAnonymity.Metric.LOSS, new TreeSet<>());
  }

  public KAnonSettings withSuppressionLimit(double limit) {
    checkArgument(limit >= 0 && limit <= 1, "the suppression limit must be in [0, 1]");
    return new KAnonSettings(quasiIdentifiers, k, l, sensitive, limit, metric, kinds);
  }

  public KAnonSettings withMetric(KAnonymity.Metric metric) {
    checkArgument(metric != null, "metric must be set");
    return new KAnonSettings(quasiIdentifiers, k, l, sensitive, suppressionLimit, metric, kinds);
  }

  /** Only examples of these kinds ({@code conversation}, {@code ticket}, {@code episode}); others pass unchanged. */
  public KAnonSettings withKinds(List<String> kinds) {
    checkArgument(kinds != null, "kinds must be set");
    return new KAnonSettings(quasiIdentifiers, k, l, sensitive, suppressionLimit, metric, new TreeSet<>(kinds));
  }

  /** Every released class must also hold at least {@code l} distinct values of {@code attribute}. */
  public KAnonSettings withLDiversity(String attribute, int l) {
    checkArgument(attribute != null && !attribute.isEmpty(), "the sensitive attribute must be named");
    checkArgument(!quasiIdentifiers.containsKey(attribute), "the sensitive attribute cannot be a quasi-identifier");
    checkArgument(l >= 2, "l must be at least 2");
    return new KAnonSettings(quasiIdentifiers, k, l, attribute, suppressionLimit, metric, kinds);
  }

  public int k() {
    return k;
  }

  /** 1 without l-diversity. */
  public int l() {
    return l;
  }

  public @Nullable String sensitive() {
    return sensitive;
  }

  public double suppressionLimit() {
    return suppressionLimit;
  }

  public KAnonymity.Metric metric() {
    return metric;
  }

  public List<String> attributes() {
    return new ArrayList<>(quasiIdentifiers.keySet());
  }

  public HierarchySpec hierarchy(String attribute) {
    return quasiIdentifiers.get(attribute);
  }

  /** Whether the bar applies to this example. */
  public boolean inScope(Example e) {
    return inScopeKind(e.getKind());
  }

  /** Whether the bar applies to examples of this kind. */
  public boolean inScopeKind(String kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  /** The example's value of a released attribute as text ({@code ""} when it has none). */
  public static String value(Example e, String attribute) {
    return value(e.getMeta(), attribute);
  }

  /**
   * A released attribute's value as text ({@code ""} when absent) in any {@code meta} map, including one decoded from
   * a shard, whose keys may be Avro's own strings.
   */
  public static String value(Map<? extends CharSequence, ?> meta, String attribute) {
    Object v = meta.get(attribute);
    if (v == null) {
      for (Map.Entry<? extends CharSequence, ?> e : meta.entrySet()) {
        if (e.getKey().toString().equals(attribute)) {
          v = e.getValue();
        }
      }
    }
    return v == null ? "" : v.toString();
  }

  /** The example's quasi-identifier values, in the settings' order. */
  public List<String> quasiIdentifierValues(Example e) {
    return quasiIdentifierValues(e.getMeta());
  }

  /** The quasi-identifier values of a {@code meta} map, in the settings' order. */
  public List<String> quasiIdentifierValues(Map<? extends CharSequence, ?> meta) {
    List<String> out = new ArrayList<>(quasiIdentifiers.size());
    for (String a : quasiIdentifiers.keySet()) {
      out.add(value(meta, a));
    }
    return out;
  }

  /** What the manifest header records of the bar. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("k", k);
    if (sensitive != null) {
      Map<String, Object> ld = new LinkedHashMap<>();
      ld.put("attribute", sensitive);
      ld.put("l", l);
      d.put("l_diversity", ld);
    }
    d.put("suppression_limit", suppressionLimit);
    d.put("metric", metric.name().toLowerCase(java.util.Locale.ROOT));
    d.put("kinds", new ArrayList<>(kinds));
    Map<String, Object> qis = new LinkedHashMap<>();
    quasiIdentifiers.forEach((a, h) -> qis.put(a, h.describe()));
    d.put("quasi_identifiers", qis);
    return d;
  }
}
