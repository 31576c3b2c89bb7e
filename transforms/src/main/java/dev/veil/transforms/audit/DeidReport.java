package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.write.ShardLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The de-identification report an auditor reads: {@code report/report.json} and {@code report/report.html}, one
 * self-contained page (inline CSS and SVG charts; no script, font, image or link to anything else). Built from the
 * manifest's deterministic part (everything but {@code run} and {@code signature}, which do not exist yet when it is
 * built): scope, policy and key ids, what each field becomes and whether that can be undone, counts by entity type and
 * by drop and quarantine reason, dedup, licenses, exclusions, k-anonymity, capture timing and the accounting. Counts
 * and settings only: no input label (labels can carry a person's name), no value, no time; identical runs give
 * identical bytes. Every string in the page is HTML-escaped.
 */
public final class DeidReport {
  public static final String FORMAT = "veil-deid-report/1";
  public static final String JSON_FILE = "report.json";
  public static final String HTML_FILE = "report.html";
  /** Drop reasons of deduplication. */
  static final List<String> DEDUP_REASONS =
      List.of("exact_duplicate", "near_duplicate", "repeated_message", "duplicate_id");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeidReport() {}

  /** {@code report.json}: the report's figures, in a fixed order. */
  public static byte[] json(JsonNode manifest) {
    return ManifestJson.toBytes(build(manifest));
  }

  /** {@code report.html}, rendered from the same tree as {@link #json}. */
  public static byte[] html(JsonNode manifest) {
    return HtmlPage.render(build(manifest)).getBytes(StandardCharsets.UTF_8);
  }

  /** The report as a tree; every figure is read from the manifest. */
  public static ObjectNode build(JsonNode m) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("format", FORMAT);
    r.put("dataset_id", m.path("dataset_id").asText());
    r.set("scope", scope(m));
    r.set("policy", policy(m));
    r.set("techniques", techniques(m));
    r.set("entities", m.path("entities").deepCopy());
    JsonNode records = m.path("records");
    r.set("dropped", records.path("dropped").deepCopy());
    r.set("quarantined", records.path("quarantined").deepCopy());
    r.set("dedup", dedup(m));
    r.set("licenses", licenses(m));
    r.set("exclusion", exclusion(m));
    r.set("k_anonymity", m.has("k_anonymity") ? m.path("k_anonymity").deepCopy() : MAPPER.nullNode());
    r.set("typing_risk", typingRisk(m));
    ObjectNode acc = r.putObject("accounting");
    acc.put("input", records.path("input").asLong());
    acc.put("read", records.path("read").asLong());
    acc.put("unread_units", records.path("unread_units").asLong());
    acc.put("output", records.path("output").asLong());
    acc.put("dropped", sum(records.path("dropped")));
    acc.put("quarantined", sum(records.path("quarantined")));
    acc.put("balanced", records.path("balanced").asBoolean());
    return r;
  }

  private static ObjectNode scope(JsonNode m) {
    ObjectNode s = MAPPER.createObjectNode();
    // Sources by kind and license, with how many inputs: labels stay in the manifest.
    Map<String, Long> sources = new TreeMap<>();
    m.path("inputs").forEach(i -> sources.merge(i.path("kind").asText() + "\u0000" + i.path("license").asText(), 1L, Long::sum));
    ArrayNode src = s.putArray("sources");
    sources.forEach(
        (k, n) -> {
          String[] kl = k.split("\u0000", 2);
          ObjectNode o = src.addObject();
          o.put("kind", kl[0]);
          o.put("license", kl[1]);
          o.put("inputs", n);
        });
    ObjectNode window = s.putObject("time_window");
    if (!m.has("periods")) {
      window.put("recorded", false);
    } else {
      window.put("recorded", true);
      String first = null;
      String last = null;
      long without = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("periods").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isPeriod(e.getKey())) {
          first = first == null || e.getKey().compareTo(first) < 0 ? e.getKey() : first;
          last = last == null || e.getKey().compareTo(last) > 0 ? e.getKey() : last;
        } else {
          without += e.getValue().asLong();
        }
      }
      window.put("first", first);
      window.put("last", last);
      window.put("examples_without_period", without);
      window.set("periods", m.path("periods").deepCopy());
    }
    ObjectNode ex = m.path("examples").deepCopy();
    ex.put("shards", m.path("shards").size());
    s.set("examples", ex);
    s.put("input_records", m.path("records").path("input").asLong());
    return s;
  }

  /** A released period with a year: {@code 2023-11}, {@code 2023-Q4}, {@code 2023}; not {@code *} or {@code unknown}. */
  static boolean isPeriod(String p) {
    return p.matches("[0-9]{4}([-][0-9A-Za-z]+)?");
  }

  private static ObjectNode policy(JsonNode m) {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("version", m.path("policy").path("version").asText());
    p.put("sha256", m.path("policy").path("sha256").asText());
    p.put("key_id", m.path("key_id").asText());
    p.put("tokenization_key_id", m.path("tokenization_key_id").asText(null));
    p.put("signing_key_id", m.path("signing_key_id").asText(null));
    p.put("people_list", m.path("people_list").asBoolean());
    p.set("detection", m.path("detection").deepCopy());
    p.set("filters", m.path("filters").deepCopy());
    p.set("output", m.path("output").deepCopy());
    return p;
  }

  /** One row per entity type in text, then authors, then the released attributes and recording times. */
  private static ArrayNode techniques(JsonNode m) {
    ArrayNode rows = MAPPER.createArrayNode();
    String keyId = m.path("key_id").asText();
    String tokenKeyId = m.path("tokenization_key_id").asText(keyId);
    for (Iterator<Map.Entry<String, JsonNode>> it = m.path("detection").path("operators").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getKey();
      String described = e.getValue().asText();
      int slash = described.indexOf('/');
      String op = slash < 0 ? described : described.substring(0, slash);
      String variant = slash < 0 ? "" : described.substring(slash + 1);
      row(rows, type, "text: " + type, classOf(type), described, parameters(type, op, variant, keyId, tokenKeyId),
          reversible(op));
    }
    row(rows, "authors", "speaker, meta.operator, mentions", "direct identifier", "pseudonymize/token",
        "person_ + 12 hex digits of HMAC-SHA-256 under key " + keyId + ", whatever the PERSON operator",
        "no (keyed one-way)");
    JsonNode kanon = m.path("k_anonymity");
    if (!kanon.isMissingNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = kanon.path("quasi_identifiers").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        long level = kanon.path("levels").path(e.getKey()).asLong();
        row(rows, "meta." + e.getKey(), "meta." + e.getKey(), "quasi-identifier", "generalize (k-anonymity)",
            e.getValue().path("kind").asText() + " hierarchy, level " + level + " of " + (e.getValue().path("levels").asLong() - 1)
                + " for every example in scope; small classes suppressed (*)",
            "no");
      }
    }
    String timing = m.path("capture_timing").asText();
    row(rows, "capture timing", "episode action times, key timing", "quasi-identifier (behavioural)",
        timing.equals("none") ? "remove" : "generalize",
        timing.equals("none")
            ? "actions in order, no times; per-key timing never released"
            : "time since session start rounded down to " + timing.replace("coarse ", "")
                + " after a keyed per-session offset; per-key timing never released",
        "no");
    return rows;
  }

  private static void row(ArrayNode rows, String id, String field, String cls, String technique, String parameters,
      String reversible) {
    ObjectNode r = rows.addObject();
    r.put("entity_type", id);
    r.put("field", field);
    r.put("class", cls);
    r.put("technique", technique);
    r.put("parameters", parameters);
    r.put("reversible", reversible);
  }

  static String classOf(String type) {
    return switch (type) {
      case "PERSON", "EMAIL", "PHONE", "USERNAME" -> "direct identifier";
      case "US_SSN", "NATIONAL_ID" -> "direct identifier (government id)";
      case "CARD", "IBAN" -> "direct identifier (financial)";
      case "IP_ADDRESS", "HOSTNAME" -> "online identifier";
      case "DATE_OF_BIRTH", "AGE" -> "quasi-identifier";
      case "SECRET" -> "secret (credential)";
      case "URL_QUERY" -> "secret or identifier (query strings carry tokens and ids)";
      case "DENIED" -> "confidential term (policy deny-list)";
      default -> "other";
    };
  }

  static String parameters(String type, String op, String variant, String keyId, String tokenKeyId) {
    return switch (op) {
      case "redact" -> type.equals("URL_QUERY") ? "query string and fragment removed" : "typed placeholder";
      case "mask" -> "letters and digits masked, last " + variant + " kept";
      case "pseudonymize" -> variant.equals("surrogate")
          ? "realistic fake of the same kind drawn from HMAC-SHA-256 under key " + keyId
          : "type prefix + 12 hex digits of HMAC-SHA-256 under key " + keyId;
      case "tokenize" -> variant.equals("ff1")
          ? "NIST FF1 (AES-256, radix 10) over the digits, tokenization key " + tokenKeyId
          : "AES-256-SIV, type as associated data, tokenization key " + tokenKeyId;
      case "generalize" -> "to " + (variant.isEmpty() ? "its default level" : variant) + generalizeNote(type);
      case "drop" -> "whole record removed, counted as contains_" + type.toLowerCase(Locale.ROOT);
      default -> variant;
    };
  }

  private static String generalizeNote(String type) {
    return switch (type) {
      case "AGE" -> " (range width)";
      case "IP_ADDRESS" -> " (network)";
      case "EMAIL" -> " (domain kept)";
      default -> "";
    };
  }

  static String reversible(String op) {
    return switch (op) {
      case "tokenize" -> "with the tokenization key";
      case "pseudonymize" -> "no (keyed one-way)";
      default -> "no";
    };
  }

  private static ObjectNode dedup(JsonNode m) {
    ObjectNode d = MAPPER.createObjectNode();
    d.set("settings", m.path("dedup").deepCopy());
    ObjectNode dropped = d.putObject("dropped");
    for (String reason : DEDUP_REASONS) {
      dropped.put(reason, m.path("records").path("dropped").path(reason).asLong(0));
    }
    return d;
  }

  private static ObjectNode licenses(JsonNode m) {
    ObjectNode l = MAPPER.createObjectNode();
    Map<String, Long> byLicense = new TreeMap<>();
    m.path("inputs").forEach(i -> byLicense.merge(i.path("license").asText(), 1L, Long::sum));
    ObjectNode inputs = l.putObject("inputs_by_license");
    byLicense.forEach(inputs::put);
    l.set("order", m.has("license_order") ? m.path("license_order").deepCopy() : MAPPER.nullNode());
    l.set("accepted", m.path("output").has("accept_licenses") ? m.path("output").path("accept_licenses").deepCopy()
        : MAPPER.nullNode());
    l.put("dropped_not_accepted", m.path("records").path("dropped").path("license_not_accepted").asLong(0));
    return l;
  }

  private static ObjectNode exclusion(JsonNode m) {
    ObjectNode x = MAPPER.createObjectNode();
    x.set("opt_out", m.path("exclusion").path("opt_out").deepCopy());
    x.set("retention", m.path("exclusion").has("retention") ? m.path("exclusion").path("retention").deepCopy()
        : MAPPER.nullNode());
    ObjectNode dropped = x.putObject("dropped");
    for (String reason :
        List.of("opted_out_person", "opted_out_channel", "opted_out_project", "opted_out_session", "retention")) {
      dropped.put(reason, m.path("records").path("dropped").path(reason).asLong(0));
    }
    return x;
  }

  private static ObjectNode typingRisk(JsonNode m) {
    ObjectNode t = MAPPER.createObjectNode();
    t.put("capture_timing", m.path("capture_timing").asText());
    t.put("per_key_timing", "never released");
    long captureInputs = 0;
    for (JsonNode i : m.path("inputs")) {
      captureInputs += i.path("kind").asText().equals("capture") ? 1 : 0;
    }
    t.put("capture_inputs", captureInputs);
    t.put("measured_in_this_run", false);
    t.put("evaluation", "docs/typing-risk.md (veil risk typing)");
    return t;
  }

  static long sum(JsonNode counts) {
    long n = 0;
    for (JsonNode c : counts) {
      n += c.asLong();
    }
    return n;
  }

  /** The page: sections in the report's order, charts as inline SVG. */
  static final class HtmlPage {
    private final StringBuilder b = new StringBuilder();

    private HtmlPage() {}

    static String render(JsonNode r) {
      HtmlPage p = new HtmlPage();
      p.page(r);
      return p.b.toString();
    }

    private void page(JsonNode r) {
      JsonNode policy = r.path("policy");
      b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
      b.append("<title>De-identification report: ").append(esc(policy.path("version").asText())).append("</title>\n");
      b.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
      b.append("<h1>De-identification report</h1>\n");
      b.append("<p class=\"lead\">Policy <code>").append(esc(policy.path("version").asText()))
          .append("</code>, dataset <code>").append(esc(r.path("dataset_id").asText())).append("</code>. ")
          .append("Counts and settings only: no input names, values or times. Generated by Veil from ")
          .append("<code>manifest.json</code>; the figures are also in <code>report.json</code>.</p>\n");
      scope(r.path("scope"));
      policy(policy);
      techniques(r.path("techniques"));
      entities(r.path("entities"));
      drops(r);
      dedupAndLicenses(r);
      exclusion(r.path("exclusion"));
      kAnonymity(r.path("k_anonymity"));
      typing(r.path("typing_risk"));
      accounting(r.path("accounting"));
      b.append("</body>\n</html>\n");
    }

    private void scope(JsonNode s) {
      h2("scope", "Scope");
      b.append("<table>\n<tr><th>Source kind</th><th>Inputs</th><th>License</th></tr>\n");
      for (JsonNode src : s.path("sources")) {
        tr(src.path("kind").asText(), num(src.path("inputs")), code(src.path("license").asText()));
      }
      b.append("</table>\n");
      JsonNode w = s.path("time_window");
      JsonNode ex = s.path("examples");
      b.append("<table class=\"kv\">\n");
      if (!w.path("recorded").asBoolean()) {
        kv("Time window", "not recorded");
      } else if (w.path("first").isNull()) {
        kv("Time window", "no example with a released period");
      } else {
        kv("Time window", esc(w.path("first").asText()) + " to " + esc(w.path("last").asText())
            + " (released periods; " + w.path("examples_without_period").asLong() + " examples without one)");
      }
      kv("Input records", num(s.path("input_records")));
      kv("Examples written", num(ex.path("output")));
      kv("Tokens", num(ex.path("tokens")));
      kv("Shards", num(ex.path("shards")));
      b.append("</table>\n");
      List<Bar> examples = bars(ex.path("by_split"));
      List<Bar> tokens = bars(ex.path("tokens_by_split"));
      chart("Examples by split", examples);
      chart("Tokens by split", tokens);
      if (w.path("recorded").asBoolean()) {
        chart("Examples by released period", bars(w.path("periods")));
      }
    }

    private void policy(JsonNode p) {
      h2("policy", "Policy and keys");
      b.append("<table class=\"kv\">\n");
      kv("Policy version", code(p.path("version").asText()));
      kv("Policy SHA-256", code(p.path("sha256").asText()));
      kv("Pseudonymization key id", code(p.path("key_id").asText()));
      kv("Tokenization key id", p.path("tokenization_key_id").isNull() ? "none (nothing is tokenized)"
          : code(p.path("tokenization_key_id").asText()));
      kv("Manifest signing key id", p.path("signing_key_id").isNull() ? "none (the manifest is not signed)"
          : code(p.path("signing_key_id").asText()));
      kv("HR people list used", p.path("people_list").asBoolean() ? "yes" : "no");
      JsonNode d = p.path("detection");
      List<String> regions = new ArrayList<>();
      d.path("phone_regions").forEach(x -> regions.add(x.asText()));
      kv("Phone regions", esc(String.join(", ", regions)));
      kv("Allow-list / deny-list terms", d.path("allow_list_size").asLong() + " / " + d.path("deny_list_size").asLong()
          + " (sizes only)");
      JsonNode f = p.path("filters");
      kv("Example filters", "min_chars " + f.path("min_chars").asLong() + ", bot_only " + f.path("bot_only").asBoolean());
      JsonNode o = p.path("output");
      kv("Output", esc(o.path("format").asText()) + ", tokenizer " + esc(o.path("tokenizer").asText()) + ", "
          + o.path("buckets").asLong() + " buckets, validation fraction " + esc(o.path("validation_fraction").asText()));
      b.append("</table>\n");
    }

    private void techniques(JsonNode rows) {
      h2("techniques", "What each field becomes");
      b.append("<table>\n<tr><th>Entity type / field</th><th>Where</th><th>Class</th><th>Technique</th>")
          .append("<th>Parameters</th><th>Reversible</th></tr>\n");
      for (JsonNode row : rows) {
        tr(code(row.path("entity_type").asText()), esc(row.path("field").asText()), esc(row.path("class").asText()),
            code(row.path("technique").asText()), esc(row.path("parameters").asText()),
            esc(row.path("reversible").asText()));
      }
      b.append("</table>\n");
      b.append("<p class=\"note\">Pseudonyms are one-way, but whoever holds the key can test a guess; tokens are ")
          .append("reversed only with the tokenization key (<code>veil detokenize</code>). Redacted, masked, ")
          .append("generalized and dropped values cannot be recovered from the output.</p>\n");
    }

    private void entities(JsonNode e) {
      h2("entities", "Values transformed, by entity type");
      b.append("<p>In the examples written (counts, never values).</p>\n");
      chart("Values transformed by entity type", bars(e));
    }

    private void drops(JsonNode r) {
      h2("drops", "Drops and quarantine");
      chart("Input records dropped, by reason", bars(r.path("dropped")));
      chart("Input units quarantined, by reason", bars(r.path("quarantined")));
    }

    private void dedupAndLicenses(JsonNode r) {
      h2("dedup", "Deduplication and licenses");
      JsonNode s = r.path("dedup").path("settings");
      b.append("<table class=\"kv\">\n");
      kv("Exact dedup", s.path("exact").asBoolean() ? "on" : "off");
      kv("Near dedup", s.path("near").asBoolean()
          ? "on: MinHash LSH, " + s.path("ngram").asLong() + "-word shingles, " + s.path("bands").asLong() + " bands of "
              + s.path("rows").asLong() + " rows, threshold " + esc(s.path("threshold").asText()) + ", "
              + s.path("rounds").asLong() + " rounds"
          : "off");
      kv("Repeated-message dedup", s.path("messages").asBoolean()
          ? "on, people's messages from " + s.path("message_min_chars").asLong() + " characters"
          : "off");
      b.append("</table>\n");
      chart("Input records dropped as duplicates", bars(r.path("dedup").path("dropped")));
      JsonNode l = r.path("licenses");
      b.append("<table class=\"kv\">\n");
      List<String> byLicense = new ArrayList<>();
      l.path("inputs_by_license").fields()
          .forEachRemaining(e -> byLicense.add(code(e.getKey()) + " (" + e.getValue().asLong() + " inputs)"));
      kv("Input licenses", String.join(", ", byLicense));
      kv("License order", l.path("order").isNull() ? "not set" : codes(l.path("order")));
      kv("Accepted licenses", l.path("accepted").isNull() ? "every license" : codes(l.path("accepted")));
      kv("Dropped, license not accepted", num(l.path("dropped_not_accepted")));
      b.append("</table>\n");
    }

    private void exclusion(JsonNode x) {
      h2("exclusion", "Opt-outs and retention");
      JsonNode o = x.path("opt_out");
      b.append("<table class=\"kv\">\n");
      kv("Opted out (list sizes only)", o.path("people").asLong() + " people, " + o.path("channels").asLong()
          + " channels, " + o.path("projects").asLong() + " projects, " + o.path("sessions").asLong() + " sessions");
      JsonNode ret = x.path("retention");
      kv("Retention", ret.isNull() ? "no window" : ret.path("max_age_days").asLong() + " days before "
          + esc(ret.path("as_of").asText()));
      x.path("dropped").fields().forEachRemaining(e -> kv("Dropped as " + e.getKey(), num(e.getValue())));
      b.append("</table>\n");
    }

    private void kAnonymity(JsonNode k) {
      h2("k-anonymity", "k-anonymity");
      if (k.isNull() || k.isMissingNode()) {
        b.append("<p>The policy sets no k-anonymity bar: released attributes are as the assembly stage generalizes ")
            .append("them (the month, never the day).</p>\n");
        return;
      }
      b.append("<table class=\"kv\">\n");
      kv("k", num(k.path("k")));
      if (k.has("l_diversity")) {
        kv("l-diversity", esc(k.path("l_diversity").toString()));
      }
      kv("Suppression limit", esc(k.path("suppression_limit").asText()));
      kv("Metric", esc(k.path("metric").asText()) + ", information loss " + esc(k.path("information_loss").asText()));
      kv("Kinds in scope", codes(k.path("kinds")));
      List<String> levels = new ArrayList<>();
      k.path("levels").fields().forEachRemaining(e -> levels.add(code(e.getKey()) + " level " + e.getValue().asLong()));
      kv("Levels chosen", String.join(", ", levels));
      kv("Examples suppressed", num(k.path("records_suppressed")));
      b.append("</table>\n");
      JsonNode before = k.path("before");
      JsonNode after = k.path("after");
      b.append("<table>\n<tr><th>Risk</th><th>Before</th><th>After (as written)</th></tr>\n");
      for (String f : List.of("records", "suppressed", "k", "classes", "prosecutor_risk", "average_risk", "unique_share")) {
        tr(code(f), esc(before.path(f).asText("-")), esc(after.path(f).asText("-")));
      }
      b.append("</table>\n");
      List<Bar> risk = new ArrayList<>();
      for (String f : List.of("prosecutor_risk", "average_risk", "unique_share")) {
        risk.add(new Bar(f + " before", before.path(f).asDouble(), false));
        risk.add(new Bar(f + " after", after.path(f).asDouble(), true));
      }
      chart("Re-identification risk before and after (0 to 1)", risk);
    }

    private void typing(JsonNode t) {
      h2("typing-risk", "Recordings and typing risk");
      String timing = t.path("capture_timing").asText();
      b.append("<table class=\"kv\">\n");
      kv("Capture timing released", code(timing));
      kv("Per-key timing", esc(t.path("per_key_timing").asText()));
      kv("Recording inputs", num(t.path("capture_inputs")));
      b.append("</table>\n<p>");
      b.append(timing.equals("none")
          ? "Episodes carry their actions in order with no time at all: typed keys are rebuilt into one "
              + "<code>type</code> action, so neither typing nor pointer rhythm is released."
          : "Each action carries its time since the session's start, rounded down after a keyed per-session offset; "
              + "a typed string has one time, so how long it took to type is visible, per-key rhythm is not.");
      b.append(" Typing risk was not measured on this run: the evaluation of what each timing release would leave to "
          + "a keystroke attacker is in <code>docs/typing-risk.md</code> (<code>veil risk typing</code>).</p>\n");
    }

    private void accounting(JsonNode a) {
      h2("accounting", "Record accounting");
      b.append("<p class=\"eq\">input ").append(a.path("input").asLong()).append(" = read ")
          .append(a.path("read").asLong()).append(" + unread units ").append(a.path("unread_units").asLong())
          .append(" = output ").append(a.path("output").asLong()).append(" + dropped ")
          .append(a.path("dropped").asLong()).append(" + quarantined ").append(a.path("quarantined").asLong())
          .append(": <strong>").append(a.path("balanced").asBoolean() ? "balanced" : "NOT balanced")
          .append("</strong></p>\n");
      List<Bar> where = List.of(
          new Bar("output", a.path("output").asLong(), false),
          new Bar("dropped", a.path("dropped").asLong(), false),
          new Bar("quarantined", a.path("quarantined").asLong(), false));
      chart("Where the input records went", where);
    }

    // ---- building blocks

    /** One bar: a label, a value, and whether it is the second of a pair (drawn in the second colour). */
    record Bar(String label, double value, boolean second) {}

    private static List<Bar> bars(JsonNode counts) {
      List<Bar> out = new ArrayList<>();
      counts.fields().forEachRemaining(e -> out.add(new Bar(e.getKey(), e.getValue().asDouble(), false)));
      return out;
    }

    private static final int LABEL_W = 230;
    private static final int BAR_W = 420;
    private static final int ROW_H = 22;

    /** A horizontal bar chart; bars scale to the largest value; an empty chart says "none". */
    private void chart(String title, List<Bar> bars) {
      b.append("<figure>\n<figcaption>").append(esc(title)).append("</figcaption>\n");
      if (bars.isEmpty()) {
        b.append("<p class=\"none\">none</p>\n</figure>\n");
        return;
      }
      double max = 0;
      for (Bar bar : bars) {
        max = Math.max(max, bar.value());
      }
      int height = bars.size() * ROW_H + 8;
      int width = LABEL_W + BAR_W + 90;
      b.append("<svg width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
          .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(esc(title))
          .append("\">\n");
      int y = 4;
      for (Bar bar : bars) {
        long w = max > 0 ? Math.round(bar.value() / max * BAR_W) : 0;
        b.append("<text x=\"").append(LABEL_W - 8).append("\" y=\"").append(y + 15)
            .append("\" text-anchor=\"end\">").append(esc(bar.label())).append("</text>");
        b.append("<rect x=\"").append(LABEL_W).append("\" y=\"").append(y + 3).append("\" width=\"").append(w)
            .append("\" height=\"").append(ROW_H - 6).append("\" class=\"").append(bar.second() ? "b2" : "b1")
            .append("\"/>");
        b.append("<text x=\"").append(LABEL_W + w + 6).append("\" y=\"").append(y + 15).append("\">")
            .append(esc(figure(bar.value()))).append("</text>\n");
        y += ROW_H;
      }
      b.append("</svg>\n</figure>\n");
    }

    private static String figure(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6f", v)
          .replaceAll("0+$", "");
    }

    private void h2(String id, String title) {
      b.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    /** A table row of cells already escaped. */
    private void tr(String... cells) {
      b.append("<tr>");
      for (String c : cells) {
        b.append("<td>").append(c).append("</td>");
      }
      b.append("</tr>\n");
    }

    /** A key-value row: the key is escaped here, the value must be escaped already. */
    private void kv(String key, String escapedValue) {
      b.append("<tr><th>").append(esc(key)).append("</th><td>")
          .append(escapedValue).append("</td></tr>\n");
    }

    private static String num(JsonNode n) {
      return Long.toString(n.asLong());
    }

    private static String code(String s) {
      return "<code>" + esc(s) + "</code>";
    }

    private static String codes(JsonNode list) {
      List<String> out = new ArrayList<>();
      list.forEach(x -> out.add(code(x.asText())));
      return String.join(", ", out);
    }
  }

  /** Escapes text for HTML (and XML) content and attribute values. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters are not allowed in XML 1.0 and never useful in a report.
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static final String CSS =
      """
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330;
             max-width: 1100px; margin: 24px auto; padding: 0 16px; }
      h1 { font-size: 24px; margin-bottom: 4px; }
      h2 { font-size: 18px; border-bottom: 1px solid #d5dae3; padding-bottom: 4px; margin-top: 28px; }
      .lead { color: #4a5568; }
      table { border-collapse: collapse; margin: 8px 0 12px; }
      th, td { border: 1px solid #d5dae3; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f2f4f8; font-weight: 600; }
      table.kv th { width: 230px; }
      code { font: 12px ui-monospace, Menlo, Consolas, monospace; background: #f2f4f8; padding: 0 3px; }
      figure { margin: 10px 0 16px; }
      figcaption { font-weight: 600; margin-bottom: 4px; }
      svg text { font: 12px system-ui, sans-serif; fill: #1d2330; }
      rect.b1 { fill: #3b6fb6; }
      rect.b2 { fill: #d9822b; }
      .none, .note { color: #4a5568; }
      .eq { font-family: ui-monospace, Menlo, Consolas, monospace; }
      """;
}
