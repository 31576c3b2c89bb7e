package dev.veil.pipelines.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.veil.transforms.audit.CardInfo;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.Timing;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A governance policy, loaded from YAML and validated against {@code policy.schema.json} (shipped in the jar). See
 * docs/policy.md for every key.
 */
public final class Policy {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = loadSchema();
  /** Buckets per split when the policy names none. */
  public static final int DEFAULT_BUCKETS = 16;

  /** One row of the license table: inputs whose label matches {@code pattern} carry {@code license}. */
  public record LicenseRule(String pattern, String license) {
    boolean matches(String label) {
      return globToRegex(pattern).matcher(label).matches();
    }
  }

  private final String version;
  private final String sha256;
  private final KeyReference key;
  private final List<LicenseRule> licenses;
  private final ShardLayout layout;
  private final CardInfo card;
  private final String peopleCsv;
  private final Timing timing;
  private final DetectionSettings detection;

  private Policy(
      String version,
      String sha256,
      KeyReference key,
      List<LicenseRule> licenses,
      ShardLayout layout,
      CardInfo card,
      String peopleCsv,
      Timing timing,
      DetectionSettings detection) {
    this.version = version;
    this.sha256 = sha256;
    this.key = key;
    this.licenses = licenses;
    this.layout = layout;
    this.card = card;
    this.peopleCsv = peopleCsv;
    this.timing = timing;
    this.detection = detection;
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
    List<LicenseRule> rules = new ArrayList<>();
    for (JsonNode rule : doc.get("licenses")) {
      rules.add(new LicenseRule(rule.get("input").asText(), rule.get("license").asText()));
    }
    JsonNode output = doc.get("output");
    JsonNode people = doc.path("identity").path("people_csv");
    DetectionSettings detection =
        detection(file, doc.path("detection")).withOperators(operators(file, doc.path("operators"))).withTokenKey(tokenKey);
    return new Policy(
        doc.get("version").asText(),
        Hashes.sha256Hex(bytes),
        key,
        List.copyOf(rules),
        layout(output),
        card(doc.get("version").asText(), output.path("card")),
        people.isMissingNode()
            ? null
            : resolveRelative(file, people.asText()).toAbsolutePath().normalize().toString(),
        "coarse".equals(doc.path("capture").path("timing").asText("none"))
            ? Timing.coarse(doc.path("capture").path("timing_resolution_ms").asInt(100))
            : Timing.none(),
        detection);
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

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** The license of an input, by the first matching rule. */
  public String licenseFor(String inputLabel) throws PolicyException {
    for (LicenseRule rule : licenses) {
      if (rule.matches(inputLabel)) {
        return rule.license();
      }
    }
    throw new PolicyException("licenses: no rule matches input " + inputLabel);
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
  public DetectionSettings detection() {
    return detection;
  }

  /** What of a recording's timing is released (default: none). */
  public Timing timing() {
    return timing;
  }

  /** Absolute path of the people list, or null when the policy names none. */
  public String peopleCsv() {
    return peopleCsv;
  }
}
