package dev.veil.pipelines.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The custom run facet {@code veil_deidentification}: the manifest's record accounting, examples and tokens, the drops
 * of deduplication and license acceptance, and the k-anonymity risk before and after. Counts and risk figures only,
 * taken from the finished manifest; never a value, a name or a path. Its schema ships in the jar
 * ({@code veil_deidentification.schema.json}) and is named by {@link #SCHEMA_URL}.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "dataset_id", "policy", "records", "examples", "dedup_dropped",
    "license_dropped", "k_anonymity"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DeidentificationRunFacet extends OpenLineage.DefaultRunFacet {
  /** The facet's name in {@code run.facets}. */
  public static final String NAME = "veil_deidentification";

  public static final URI SCHEMA_URL =
      URI.create("https://veil.dev/schemas/openlineage/VeilDeidentificationRunFacet-1.json"
          + "#/$defs/VeilDeidentificationRunFacet");

  /** The drop reasons of deduplication ({@code docs/dedup.md}), as the manifest counts them. */
  static final String[] DEDUP_REASONS = {"exact_duplicate", "near_duplicate", "repeated_message"};

  static final String LICENSE_REASON = "license_not_accepted";

  /** The policy the run applied. */
  public record Policy(String version, String sha256) {}

  /** {@code records} of the manifest: every input record in exactly one place. */
  @JsonPropertyOrder({"read", "unread_units", "input", "output", "dropped", "quarantined", "balanced"})
  public record Records(
      long read,
      @JsonProperty("unread_units") long unreadUnits,
      long input,
      long output,
      SortedMap<String, Long> dropped,
      SortedMap<String, Long> quarantined,
      boolean balanced) {}

  /** {@code examples} of the manifest. */
  @JsonPropertyOrder({"output", "by_split", "tokens", "tokens_by_split"})
  public record Examples(
      long output,
      long tokens,
      @JsonProperty("by_split") SortedMap<String, Long> bySplit,
      @JsonProperty("tokens_by_split") SortedMap<String, Long> tokensBySplit) {}

  /** A risk object of the manifest's {@code k_anonymity} ({@code before} or {@code after}). */
  @JsonPropertyOrder({"records", "suppressed", "k", "classes", "prosecutor_risk", "average_risk", "unique_share"})
  public record Risk(
      long records,
      long suppressed,
      long k,
      long classes,
      @JsonProperty("prosecutor_risk") double prosecutorRisk,
      @JsonProperty("average_risk") double averageRisk,
      @JsonProperty("unique_share") double uniqueShare) {
    static Risk of(JsonNode n) {
      return n.isObject()
          ? new Risk(
              n.path("records").asLong(),
              n.path("suppressed").asLong(),
              n.path("k").asLong(),
              n.path("classes").asLong(),
              n.path("prosecutor_risk").asDouble(),
              n.path("average_risk").asDouble(),
              n.path("unique_share").asDouble())
          : null;
    }
  }

  /** The bar and its result: the policy's k (and l), what was suppressed, the risk before and after. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"k", "l", "suppression_limit", "records_suppressed", "information_loss", "before", "after"})
  public record KAnonymity(
      long k,
      Long l,
      @JsonProperty("suppression_limit") double suppressionLimit,
      @JsonProperty("records_suppressed") Long recordsSuppressed,
      @JsonProperty("information_loss") Double informationLoss,
      Risk before,
      Risk after) {
    static KAnonymity of(JsonNode n) {
      if (!n.isObject()) {
        return null;
      }
      JsonNode ld = n.path("l_diversity");
      return new KAnonymity(
          n.path("k").asLong(),
          ld.isObject() ? ld.path("l").asLong() : null,
          n.path("suppression_limit").asDouble(),
          n.has("records_suppressed") ? n.get("records_suppressed").asLong() : null,
          n.has("information_loss") ? n.get("information_loss").asDouble() : null,
          Risk.of(n.path("before")),
          Risk.of(n.path("after")));
    }
  }

  private final String datasetId;
  private final Policy policy;
  private final Records records;
  private final Examples examples;
  private final SortedMap<String, Long> dedupDropped;
  private final SortedMap<String, Long> licenseDropped;
  private final KAnonymity kAnonymity;

  private DeidentificationRunFacet(URI producer, JsonNode manifest) {
    super(producer);
    this.datasetId = manifest.path("dataset_id").asText(null);
    this.policy =
        new Policy(manifest.path("policy").path("version").asText(), manifest.path("policy").path("sha256").asText());
    JsonNode r = manifest.path("records");
    this.records =
        new Records(
            r.path("read").asLong(),
            r.path("unread_units").asLong(),
            r.path("input").asLong(),
            r.path("output").asLong(),
            counts(r.path("dropped")),
            counts(r.path("quarantined")),
            r.path("balanced").asBoolean(false));
    JsonNode e = manifest.path("examples");
    this.examples =
        new Examples(
            e.path("output").asLong(), e.path("tokens").asLong(), counts(e.path("by_split")),
            counts(e.path("tokens_by_split")));
    this.dedupDropped = new TreeMap<>();
    for (String reason : DEDUP_REASONS) {
      dedupDropped.put(reason, records.dropped().getOrDefault(reason, 0L));
    }
    this.licenseDropped = new TreeMap<>(Map.of(LICENSE_REASON, records.dropped().getOrDefault(LICENSE_REASON, 0L)));
    this.kAnonymity = KAnonymity.of(manifest.path("k_anonymity"));
  }

  /** The facet of a finished run, from its manifest ({@code manifest.json} with or without {@code run}). */
  public static DeidentificationRunFacet of(URI producer, JsonNode manifest) {
    return new DeidentificationRunFacet(producer, manifest);
  }

  private static SortedMap<String, Long> counts(JsonNode object) {
    SortedMap<String, Long> out = new TreeMap<>();
    object.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asLong()));
    return out;
  }

  @Override
  public URI get_schemaURL() {
    return SCHEMA_URL;
  }

  @JsonProperty("dataset_id")
  public String getDatasetId() {
    return datasetId;
  }

  public Policy getPolicy() {
    return policy;
  }

  public Records getRecords() {
    return records;
  }

  public Examples getExamples() {
    return examples;
  }

  /** Records dropped as duplicates, by reason (zero when a reason did not occur). */
  @JsonProperty("dedup_dropped")
  public SortedMap<String, Long> getDedupDropped() {
    return dedupDropped;
  }

  /** Records dropped because the output does not accept their license. */
  @JsonProperty("license_dropped")
  public SortedMap<String, Long> getLicenseDropped() {
    return licenseDropped;
  }

  /** Present when the policy sets a k-anonymity bar. */
  @JsonProperty("k_anonymity")
  public KAnonymity getKAnonymity() {
    return kAnonymity;
  }
}
