package dev.veil.pipelines.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.deidentify.detect.EntityType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@link Evaluation} measured: per entity type and overall, gold spans, findings, true and false positives, misses,
 * precision and recall; recall per kind of planted value; and the size of the set and the time {@code analyze} took
 * (informative only: it depends on the machine). Renders as a Markdown table or as JSON.
 */
public record EvalReport(
    long seed,
    int docs,
    Map<String, Long> genres,
    long chars,
    long analyzeNanos,
    List<TypeScore> types,
    TypeScore overall,
    List<KindScore> kinds) {

  public EvalReport {
    genres = Collections.unmodifiableMap(new TreeMap<>(genres));
    types = List.copyOf(types);
    kinds = List.copyOf(kinds);
  }

  /**
   * Scores of one entity type ({@code name} is the type, or {@code all} for the micro average). {@code mistyped}: gold
   * spans missed but overlapped by a finding of another type. {@code falseOnOtherGold}: false positives lying on a gold
   * span of another type (the rest lie on unlabelled text, traps included).
   */
  public record TypeScore(
      String name, long gold, long recalled, long mistyped, long found, long truePositives, long falseOnOtherGold) {
    public long falsePositives() {
      return found - truePositives;
    }

    public long falseNegatives() {
      return gold - recalled;
    }

    /** NaN when nothing was found. */
    public double precision() {
      return found == 0 ? Double.NaN : truePositives / (double) found;
    }

    /** NaN when nothing was planted. */
    public double recall() {
      return gold == 0 ? Double.NaN : recalled / (double) gold;
    }
  }

  /** Recall of one kind of planted value, and which other types took the misses. */
  public record KindScore(EntityType type, String kind, long gold, long recalled, long mistyped, Map<EntityType, Long> otherTypes) {
    public KindScore {
      otherTypes = otherTypes.isEmpty()
          ? Map.of()
          : Collections.unmodifiableMap(new EnumMap<>(otherTypes));
    }

    public double recall() {
      return gold == 0 ? Double.NaN : recalled / (double) gold;
    }
  }

  public TypeScore type(EntityType type) {
    return types.stream().filter(t -> t.name().equals(type.name())).findFirst().orElseThrow();
  }

  public double charsPerSecond() {
    return analyzeNanos == 0 ? Double.NaN : chars / (analyzeNanos / 1e9);
  }

  private static String ratio(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  /** The report as Markdown: a summary line, the per-type table, the per-kind recall table. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Detection evaluation, seed %d: %s documents (%s), %s characters, %s gold spans.%n%n",
        seed, n(docs),
        genres.entrySet().stream().map(e -> n(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", ")),
        n(chars), n(overall.gold())));
    sb.append("| type | gold | found | TP | FP | FN | precision | recall | FN found as another type |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (TypeScore t : types) {
      row(sb, t.name(), t);
    }
    row(sb, "**all (micro)**", overall);
    sb.append(String.format(Locale.ROOT,
        "%nanalyze: %s characters in %.2f s, %.2f M characters/s (one thread; informative only).%n",
        n(chars), analyzeNanos / 1e9, charsPerSecond() / 1e6));
    sb.append("\nRecall by kind of planted value:\n\n");
    sb.append("| type | kind | gold | recalled | recall | missed, found as |\n");
    sb.append("|---|---|---:|---:|---:|---|\n");
    for (KindScore k : kinds) {
      sb.append("| ").append(k.type()).append(" | ").append(k.kind()).append(" | ").append(n(k.gold())).append(" | ")
          .append(n(k.recalled())).append(" | ").append(ratio(k.recall())).append(" | ")
          .append(k.otherTypes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, TypeScore t) {
    sb.append("| ").append(name).append(" | ").append(n(t.gold())).append(" | ").append(n(t.found())).append(" | ")
        .append(n(t.truePositives())).append(" | ").append(n(t.falsePositives())).append(" | ")
        .append(n(t.falseNegatives())).append(" | ").append(ratio(t.precision())).append(" | ")
        .append(ratio(t.recall())).append(" | ").append(n(t.mistyped())).append(" |\n");
  }

  /** The report as one JSON object (precision and recall are null where undefined). */
  public ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("seed", seed);
    root.put("documents", docs);
    ObjectNode g = root.putObject("genres");
    genres.forEach(g::put);
    root.put("characters", chars);
    root.put("gold_spans", overall.gold());
    ArrayNode ts = root.putArray("types");
    for (TypeScore t : types) {
      score(ts.addObject(), t);
    }
    score(root.putObject("overall"), overall);
    ArrayNode ks = root.putArray("kinds");
    for (KindScore k : kinds) {
      ObjectNode o = ks.addObject();
      o.put("type", k.type().name());
      o.put("kind", k.kind());
      o.put("gold", k.gold());
      o.put("recalled", k.recalled());
      o.put("mistyped", k.mistyped());
      putRatio(o, "recall", k.recall());
      ObjectNode other = o.putObject("missed_found_as");
      k.otherTypes().forEach((type, count) -> other.put(type.name(), count));
    }
    root.put("analyze_seconds", analyzeNanos / 1e9);
    putRatio(root, "chars_per_second", charsPerSecond());
    return root;
  }

  private static void score(ObjectNode o, TypeScore t) {
    o.put("type", t.name());
    o.put("gold", t.gold());
    o.put("found", t.found());
    o.put("tp", t.truePositives());
    o.put("fp", t.falsePositives());
    o.put("fn", t.falseNegatives());
    putRatio(o, "precision", t.precision());
    putRatio(o, "recall", t.recall());
    o.put("fn_found_as_other_type", t.mistyped());
    o.put("fp_on_other_type_gold", t.falseOnOtherGold());
  }

  private static void putRatio(ObjectNode o, String field, double v) {
    if (Double.isNaN(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}
