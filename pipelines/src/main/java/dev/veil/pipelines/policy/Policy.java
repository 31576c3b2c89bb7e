package dev.veil.pipelines.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.veil.pipelines.lineage.LineageSettings;
import dev.veil.transforms.audit.CardInfo;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.exclude.Retention;
import dev.veil.transforms.tag.Licenses;
import dev.veil.transforms.dedup.DedupSettings;
import dev.veil.transforms.filter.ExampleRules;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.KeyTimingPolicy;
import dev.veil.transforms.deidentify.Timing;
import dev.veil.transforms.kanon.HierarchySpec;
import dev.veil.transforms.kanon.KAnonSettings;
import dev.veil.transforms.kanon.KAnonymity;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.ops.Operator;
import dev.veil.transforms.deidentify.ops.OperatorSpec;
import dev.veil.transforms.deidentify.ops.Operators;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.ShardLayout;
import dev.veil.transforms.write.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A governance policy, loaded from YAML and validated against {@code policy.schema.json} (shipped in the jar). See
 * docs/policy.md for every key.
 */
public final class Policy {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = loadSchema();
  /** Buckets per split when the policy names none. */
  public static final int DEFAULT_BUCKETS = 16;

  private final String version;
  private final String sha256;
  private final KeyReference key;
  private final Licenses licenses;
  private final OptOuts optOuts;
  private final Retention retention;
  private final ShardLayout layout;
  private final CardInfo card;
  private final String peopleCsv;
  private final Timing timing;
  private final KeyTimingPolicy keyTiming;
  private final DetectionSettings detection;
  private final DedupSettings dedup;
  private final ExampleRules filters;
  private final KAnonSettings kanon;
  private final KeyReference signingKey;
  private final boolean leakScan;
  private final boolean leakScanNameParts;
  private final LineageSettings lineage;

  private Policy(
      String version,
      String sha256,
      KeyReference key,
      Licenses licenses,
      OptOuts optOuts,
      Retention retention,
      ShardLayout layout,
      CardInfo card,
      String peopleCsv,
      Timing timing,
      KeyTimingPolicy keyTiming,
      DetectionSettings detection,
      DedupSettings dedup,
      ExampleRules filters,
      KAnonSettings kanon,
      KeyReference signingKey,
      boolean leakScan,
      boolean leakScanNameParts,
      LineageSettings lineage) {
    this.version = version;
    this.sha256 = sha256;
    this.key = key;
    this.licenses = licenses;
    this.optOuts = optOuts;
    this.retention = retention;
    this.layout = layout;
    this.card = card;
    this.peopleCsv = peopleCsv;
    this.timing = timing;
    this.keyTiming = keyTiming;
    this.detection = detection;
    this.dedup = dedup;
    this.filters = filters;
    this.kanon = kanon;
    this.signingKey = signingKey;
    this.leakScan = leakScan;
    this.leakScanNameParts = leakScanNameParts;
    this.lineage = lineage;
  }

  public static Policy load(Path file) throws PolicyException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PolicyException("cannot read policy file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode doc;
    try {
      doc = YAML.readTree(bytes);
    } catch (IOException e) {
      String where =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
              ? " at line " + jpe.getLocation().getLineNr()
              : "";
      throw new PolicyException("policy " + file + " is not valid YAML" + where);
    }
    if (doc == null || !doc.isObject()) {
      throw new PolicyException("policy " + file + " must be a YAML mapping");
    }
    Set<ValidationMessage> errors = SCHEMA.validate(doc);
    if (!errors.isEmpty()) {
      List<ValidationMessage> sorted = new ArrayList<>(errors);
      sorted.sort(Comparator.comparing(ValidationMessage::getMessage));
      throw new PolicyException("policy " + file + ": " + describe(sorted.get(0)));
    }
    KeyReference key = keyReference(file, doc.path("pseudonymization").path("key"));
    JsonNode tokenNode = doc.path("tokenization").path("key");
    KeyReference tokenKey = tokenNode.isMissingNode() ? null : keyReference(file, tokenNode);
    JsonNode signingNode = doc.path("signing").path("key");
    KeyReference signingKey = signingNode.isMissingNode() ? null : keyReference(file, signingNode);
    JsonNode output = doc.get("output");
    Licenses licenses = licenses(file, doc, output);
    JsonNode people = doc.path("identity").path("people_csv");
    DetectionSettings detection =
        detection(file, doc.path("detection")).withOperators(operators(file, doc.path("operators"))).withTokenKey(tokenKey);
    DedupSettings dedup = dedup(file, doc.path("dedup"));
    if ((dedup.exact() || dedup.near()) && licenses.order().isEmpty() && licenses.licensesOfTable().size() > 1) {
      // Decided before the run, not when the first cross-license duplicate turns up hours into it.
      throw new PolicyException(
          "policy " + file + ": license_order: required when the licenses table names more than one license and"
              + " dedup is on (a kept duplicate takes the most restrictive license of its copies); rank them, or"
              + " switch dedup.exact and dedup.near off");
    }
    return new Policy(
        doc.get("version").asText(),
        Hashes.sha256Hex(bytes),
        key,
        licenses,
        OptOuts.of(
            strings(doc.path("opt_out").path("people")),
            strings(doc.path("opt_out").path("channels")),
            strings(doc.path("opt_out").path("projects")),
            strings(doc.path("opt_out").path("sessions"))),
        retention(file, doc.path("retention")),
        layout(output),
        card(doc.get("version").asText(), output.path("card")),
        people.isMissingNode()
            ? null
            : resolveRelative(file, people.asText()).toAbsolutePath().normalize().toString(),
        "coarse".equals(doc.path("capture").path("timing").asText("none"))
            ? Timing.coarse(doc.path("capture").path("timing_resolution_ms").asInt(100))
            : Timing.none(),
        keyTiming(doc.path("capture")),
        detection,
        dedup,
        ExampleRules.of(
            doc.path("filters").path("min_chars").asInt(ExampleRules.defaults().minChars()),
            doc.path("filters").path("bot_only").asBoolean(true)),
        kAnonymity(file, doc.path("k_anonymity")),
        signingKey,
        doc.path("audit").path("leak_scan").path("enabled").asBoolean(true),
        doc.path("audit").path("leak_scan").path("name_parts").asBoolean(false),
        lineage(file, doc.path("lineage")));
  }

  /** The {@code lineage} mapping (already schema-checked); a file next to the shards by default. */
  private static LineageSettings lineage(Path file, JsonNode node) throws PolicyException {
    if (node.isMissingNode()) {
      return LineageSettings.defaults();
    }
    try {
      return new LineageSettings(
          LineageSettings.Transport.of(node.path("transport").asText("file")),
          node.has("url") ? java.net.URI.create(node.get("url").asText()) : null,
          node.has("endpoint") ? node.get("endpoint").asText() : null,
          node.has("api_key_env") ? node.get("api_key_env").asText() : null,
          node.has("namespace") ? node.get("namespace").asText() : null,
          node.has("job") ? node.get("job").asText() : null);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new PolicyException(
          "policy " + file + ": " + (message.startsWith("lineage") ? message : "lineage.url: " + message));
    }
  }

  /** {@code capture.key_timing} (already schema-checked): none when absent. */
  private static KeyTimingPolicy keyTiming(JsonNode capture) {
    return switch (capture.path("key_timing").asText("none")) {
      case "bucket" -> KeyTimingPolicy.bucket(capture.path("key_timing_resolution_ms").asInt(250));
      case "resample" -> KeyTimingPolicy.resample();
      default -> KeyTimingPolicy.none();
    };
  }

  /** The {@code k_anonymity} mapping (already schema-checked), or null when the policy sets no bar. */
  private static KAnonSettings kAnonymity(Path file, JsonNode node) throws PolicyException {
    if (node.isMissingNode()) {
      return null;
    }
    Map<String, HierarchySpec> qis = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.get("quasi_identifiers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> qi = it.next();
      String where = "policy " + file + ": k_anonymity.quasi_identifiers." + qi.getKey();
      JsonNode h = qi.getValue();
      try {
        if (h.has("hierarchy")) {
          List<String[]> rows = new ArrayList<>();
          for (JsonNode row : h.get("hierarchy")) {
            List<String> levels = new ArrayList<>();
            row.forEach(v -> levels.add(v.asText()));
            rows.add(levels.toArray(new String[0]));
          }
          qis.put(qi.getKey(), HierarchySpec.rows(rows));
        } else if (h.has("hierarchy_file")) {
          Path csv = resolveRelative(file, h.get("hierarchy_file").asText());
          try {
            qis.put(qi.getKey(), HierarchySpec.csv(Files.readAllLines(csv, StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new PolicyException(where + ": cannot read hierarchy file " + csv);
          }
        } else if (h.has("generalize")) {
          qis.put(qi.getKey(), HierarchySpec.period());
        } else {
          long[] widths = new long[h.get("intervals").size()];
          for (int i = 0; i < widths.length; i++) {
            widths[i] = h.get("intervals").get(i).asLong();
          }
          qis.put(qi.getKey(), HierarchySpec.intervals(widths));
        }
      } catch (IllegalArgumentException e) {
        throw new PolicyException(where + ": " + e.getMessage());
      }
    }
    try {
      KAnonSettings s =
          KAnonSettings.of(qis, node.get("k").asInt())
              .withSuppressionLimit(node.path("suppression_limit").asDouble(0))
              .withMetric(KAnonymity.Metric.of(node.path("metric").asText("loss")))
              .withKinds(strings(node.path("kinds")));
      JsonNode ld = node.path("l_diversity");
      return ld.isMissingNode() ? s : s.withLDiversity(ld.get("attribute").asText(), ld.get("l").asInt());
    } catch (IllegalArgumentException e) {
      throw new PolicyException("policy " + file + ": k_anonymity: " + e.getMessage());
    }
  }

  /** The {@code dedup} mapping (already schema-checked); each part on unless switched off. */
  private static DedupSettings dedup(Path file, JsonNode node) throws PolicyException {
    JsonNode near = node.path("near");
    JsonNode messages = node.path("messages");
    DedupSettings d = DedupSettings.defaults();
    try {
      return d.withExact(node.path("exact").asBoolean(true))
          .withNear(
              near.path("enabled").asBoolean(true),
              near.path("ngram").asInt(d.ngram()),
              near.path("bands").asInt(d.bands()),
              near.path("rows").asInt(d.rows()),
              near.path("threshold").asDouble(d.threshold()),
              near.path("rounds").asInt(d.rounds()))
          .withMessages(messages.path("enabled").asBoolean(true), messages.path("min_chars").asInt(d.messageMinChars()));
    } catch (IllegalArgumentException e) {
      throw new PolicyException("policy " + file + ": dedup.near: " + e.getMessage());
    }
  }

  /** The license table, its restrictiveness order and the accepted licenses, checked against each other. */
  private static Licenses licenses(Path file, JsonNode doc, JsonNode output) throws PolicyException {
    List<Licenses.Rule> rules = new ArrayList<>();
    int i = 0;
    for (JsonNode rule : doc.get("licenses")) {
      if (rule.has("channel") && rule.has("project")) {
        throw new PolicyException("policy " + file + ": licenses[" + i + "]: name a channel or a project, not both");
      }
      rules.add(
          new Licenses.Rule(
              rule.get("input").asText(),
              rule.has("channel") ? rule.get("channel").asText() : null,
              rule.has("project") ? rule.get("project").asText() : null,
              rule.get("license").asText()));
      i++;
    }
    Licenses table = Licenses.of(rules);
    List<String> order = strings(doc.path("license_order"));
    for (String license : table.licensesOfTable()) {
      if (!order.isEmpty() && !order.contains(license)) {
        throw new PolicyException(
            "policy " + file + ": license_order: does not rank " + license + " (every license of the table must be listed)");
      }
    }
    List<String> accepted = strings(output.path("accept_licenses"));
    for (String license : accepted) {
      if (!table.licensesOfTable().contains(license)) {
        throw new PolicyException(
            "policy " + file + ": output.accept_licenses: " + license + " is not a license of the licenses table");
      }
    }
    return table.withOrder(order).withAccepted(accepted);
  }

  private static Retention retention(Path file, JsonNode r) throws PolicyException {
    if (r.isMissingNode()) {
      return Retention.none();
    }
    LocalDate asOf;
    try {
      asOf = LocalDate.parse(r.get("as_of").asText());
    } catch (DateTimeParseException e) {
      throw new PolicyException("policy " + file + ": retention.as_of: not a calendar date (YYYY-MM-DD)");
    }
    return Retention.of(r.get("max_age_days").asInt(), asOf);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** The {@code output} mapping (schema-checked): buckets ({@code shards} is the older name), budget, cap, format. */
  private static ShardLayout layout(JsonNode output) {
    int buckets = output.path("buckets").asInt(output.path("shards").asInt(DEFAULT_BUCKETS));
    return ShardLayout.of(buckets, output.path("validation_fraction").asDouble(0))
        .withShardTokens(output.path("shard_tokens").asLong(ShardLayout.DEFAULT_SHARD_TOKENS))
        .withShardBytes(output.path("shard_bytes").asLong(ShardLayout.DEFAULT_SHARD_BYTES))
        .withFormat(ShardFormat.fromPolicyName(output.path("format").asText(ShardFormat.JSONL.policyName())))
        .withTokenizer(output.path("tokenizer").asText(TokenCounter.DEFAULT_ENCODING));
  }

  private static CardInfo card(String version, JsonNode card) {
    return new CardInfo(
        card.path("name").asText(CardInfo.defaultName(version)),
        card.path("description").asText(null),
        card.path("url").asText(null),
        card.path("creator").asText(null),
        card.path("date_published").asText(null));
  }

  private static KeyReference keyReference(Path file, JsonNode keyNode) {
    return keyNode.has("file")
        ? KeyReference.ofFile(resolveRelative(file, keyNode.get("file").asText()).toAbsolutePath().normalize().toString())
        : KeyReference.ofEnv(keyNode.get("env").asText());
  }

  /** The {@code operators} mapping (already schema-checked), each choice checked against what its type supports. */
  private static Operators operators(Path file, JsonNode node) throws PolicyException {
    Operators ops = Operators.defaults();
    for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      java.util.Map.Entry<String, JsonNode> e = it.next();
      EntityType type = EntityType.valueOf(e.getKey());
      JsonNode v = e.getValue();
      OperatorSpec spec;
      if (v.isTextual()) {
        spec = OperatorSpec.of(operator(v.asText()));
      } else {
        Operator op = operator(v.get("operator").asText());
        if (op == Operator.MASK) {
          spec = OperatorSpec.mask(v.path("keep_last").asInt(0), v.path("mask_char").asText("*").charAt(0));
        } else {
          String variant =
              v.has("style") ? v.get("style").asText()
                  : v.has("method") ? v.get("method").asText()
                  : v.has("to") ? v.get("to").asText()
                  : v.has("width") ? v.get("width").asText()
                  : null;
          spec = OperatorSpec.of(op, variant);
        }
        for (String option : new String[] {"style", "method", "keep_last", "mask_char", "to", "width"}) {
          if (v.has(option) && !appliesTo(option, op)) {
            throw new PolicyException(
                "policy " + file + ": operators." + type + "." + option + ": does not apply to " + op.policyName());
          }
        }
      }
      try {
        ops = ops.with(type, spec);
      } catch (IllegalArgumentException ex) {
        throw new PolicyException("policy " + file + ": operators." + ex.getMessage());
      }
    }
    return ops;
  }

  private static Operator operator(String name) {
    return Operator.valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  private static boolean appliesTo(String option, Operator op) {
    return switch (option) {
      case "style" -> op == Operator.PSEUDONYMIZE;
      case "method" -> op == Operator.TOKENIZE;
      case "keep_last", "mask_char" -> op == Operator.MASK;
      default -> op == Operator.GENERALIZE;
    };
  }

  /** "output.shards: must have a minimum value of 1" — the key path first, without the schema's "$." prefix. */
  private static String describe(ValidationMessage m) {
    String message = m.getMessage();
    String path = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
    if (message.startsWith(path + ": ")) {
      message = message.substring(path.length() + 2);
    }
    if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
      path = path + "." + m.getProperty();
      message = "unknown key";
    } else if ("required".equals(m.getType()) && m.getProperty() != null) {
      path = path + "." + m.getProperty();
      message = "required key is missing";
    }
    String key = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "(top level)" : path;
    return key + ": " + message;
  }

  private static Path resolveRelative(Path policyFile, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p;
    }
    Path dir = policyFile.toAbsolutePath().getParent();
    return dir == null ? p : dir.resolve(p);
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = Policy.class.getResourceAsStream("policy.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("policy.schema.json is missing from the jar");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot load policy.schema.json", e);
    }
  }

  /**
   * The license of a whole input: the first matching rule that names no channel or project. Every input needs one,
   * so that every example has a license whatever its channel or project.
   */
  public String licenseFor(String inputLabel) throws PolicyException {
    String license = licenses.defaultLicenseOf(inputLabel);
    if (license == null) {
      throw new PolicyException(
          "licenses: no rule matches input " + inputLabel + " (every input needs a rule without channel or project)");
    }
    return license;
  }

  /** The license table, the restrictiveness order and the accepted licenses. */
  public Licenses licenses() {
    return licenses;
  }

  /** Opted-out people, channels, projects and sessions (none by default). Never to be logged. */
  public OptOuts optOuts() {
    return optOuts;
  }

  /** The retention window (none by default). */
  public Retention retention() {
    return retention;
  }

  public String version() {
    return version;
  }

  public String sha256() {
    return sha256;
  }

  public KeyReference key() {
    return key;
  }

  /** Buckets, validation fraction, token budget, byte cap, format and tokenizer of the output. */
  public ShardLayout layout() {
    return layout;
  }

  /** What the dataset card and croissant.json say about the dataset. */
  public CardInfo card() {
    return card;
  }

  private static DetectionSettings detection(Path file, JsonNode d) throws PolicyException {
    List<String> regions = new ArrayList<>();
    d.path("phone_regions").forEach(r -> regions.add(r.asText()));
    java.util.Set<String> allow = new java.util.TreeSet<>();
    d.path("allow").forEach(a -> allow.add(a.asText()));
    List<String> deny = new ArrayList<>();
    d.path("deny").forEach(t -> deny.add(t.asText()));
    DetectionSettings settings =
        new DetectionSettings(regions.isEmpty() ? List.of("US") : regions, allow, deny);
    try {
      Detector.standard(settings.phoneRegions(), settings.deny());
    } catch (IllegalArgumentException e) {
      throw new PolicyException("policy " + file + ": detection.phone_regions: " + e.getMessage());
    }
    return settings;
  }

  /**
   * What de-identification is told: phone regions, allow- and deny-lists (defaults: US, none, none), the operator per
   * entity type and the tokenization key reference.
   */
  public ExampleRules filters() {
    return filters;
  }

  public DedupSettings dedup() {
    return dedup;
  }

  public DetectionSettings detection() {
    return detection;
  }

  /** Whether the job scans its output for identity-directory forms (default on). */
  public boolean leakScan() {
    return leakScan;
  }

  /** Whether the leak scan also looks for given and family names on their own (default off). */
  public boolean leakScanNameParts() {
    return leakScanNameParts;
  }

  /** The key that signs the manifest; null when the policy names none (the manifest is then not signed). */
  public KeyReference signingKey() {
    return signingKey;
  }

  /** The k-anonymity bar on released attributes; null when the policy sets none. */
  public KAnonSettings kAnonymity() {
    return kanon;
  }

  /** What of a recording's timing is released (default: none). */
  public Timing timing() {
    return timing;
  }

  /** Where the run's OpenLineage events go (docs/lineage.md). */
  public LineageSettings lineage() {
    return lineage;
  }

  /** What of typed text's per-key timing is released (default: none). */
  public KeyTimingPolicy keyTiming() {
    return keyTiming;
  }

  /** Absolute path of the people list, or null when the policy names none. */
  public String peopleCsv() {
    return peopleCsv;
  }
}
