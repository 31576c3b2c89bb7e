package dev.veil.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.lineage.LineageSettings;
import dev.veil.transforms.audit.CardInfo;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.exclude.Retention;
import dev.veil.transforms.tag.Licenses;
import dev.veil.transforms.dedup.DedupSettings;
import dev.veil.transforms.kanon.KAnonSettings;
import dev.veil.transforms.filter.ExampleRules;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.KeyTimingPolicy;
import dev.veil.transforms.deidentify.Timing;
import dev.veil.transforms.write.ShardLayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the job graph depends on, resolved and checked before the pipeline is built: inputs with their licenses,
 * the key reference (and the public id of the key it resolved to; also of the tokenization key when the policy
 * tokenizes), the shard layout, the output directory and what the dataset card says; the license table (with its
 * order and the accepted licenses), the opt-outs and the retention window; the k-anonymity bar (null when none); the
 * manifest signing key and the id of its public key (null when none); the leak scan; and where the run's lineage events
 * go (not part of the graph, and not in the manifest header).
 */
public record JobSpec(
    List<InputSpec> inputs,
    Map<String, String> licenseByLabel,
    String policyVersion,
    String policySha256,
    KeyReference key,
    String keyId,
    String tokenizationKeyId,
    ShardLayout layout,
    String outputDir,
    String peopleCsv,
    Timing timing,
    KeyTimingPolicy keyTiming,
    DetectionSettings detection,
    DedupSettings dedup,
    ExampleRules filters,
    Licenses licenses,
    OptOuts optOuts,
    Retention retention,
    CardInfo card,
    KAnonSettings kAnonymity,
    KeyReference signingKey,
    String signingKeyId,
    boolean leakScan,
    boolean leakScanNameParts,
    LineageSettings lineage) {

  /** The same job, its lineage events sent elsewhere (the {@code --lineage-url} option). */
  public JobSpec withLineage(LineageSettings newLineage) {
    return new JobSpec(
        inputs, licenseByLabel, policyVersion, policySha256, key, keyId, tokenizationKeyId, layout, outputDir,
        peopleCsv, timing, keyTiming, detection, dedup, filters, licenses, optOuts, retention, card, kAnonymity, signingKey,
        signingKeyId, leakScan, leakScanNameParts, newLineage);
  }

  /** The deterministic header of the manifest. No paths, no times: the same inputs give the same header. */
  public String manifestHeader() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode h = mapper.createObjectNode();
    ObjectNode policy = h.putObject("policy");
    policy.put("version", policyVersion);
    policy.put("sha256", policySha256);
    h.put("key_id", keyId);
    if (tokenizationKeyId != null) {
      h.put("tokenization_key_id", tokenizationKeyId);
    }
    if (signingKeyId != null) {
      h.put("signing_key_id", signingKeyId);
    }
    ArrayNode in = h.putArray("inputs");
    Map<String, InputSpec> byLabel = new TreeMap<>();
    inputs.forEach(i -> byLabel.put(i.label(), i));
    byLabel.values()
        .forEach(
            i -> {
              ObjectNode n = in.addObject();
              n.put("label", i.label());
              n.put("kind", i.kind());
              n.put("license", licenseByLabel.get(i.label()));
            });
    h.put("people_list", peopleCsv != null);
    h.put("capture_timing", timing.toString());
    h.put("capture_key_timing", keyTiming.toString());
    ObjectNode det = h.putObject("detection");
    ArrayNode regions = det.putArray("phone_regions");
    detection.phoneRegions().forEach(regions::add);
    det.put("allow_list_size", detection.allowCount());
    det.put("deny_list_size", detection.deny().size());
    ObjectNode ops = det.putObject("operators");
    detection.operators().describe().forEach(ops::put);
    ObjectNode fl = h.putObject("filters");
    fl.put("min_chars", filters.minChars());
    fl.put("bot_only", filters.dropBotOnly());
    ObjectNode dd = h.putObject("dedup");
    dedup.describe()
        .forEach(
            (k, v) -> {
              if (v instanceof Boolean b) {
                dd.put(k, b);
              } else if (v instanceof Integer i) {
                dd.put(k, i);
              } else {
                dd.put(k, (Double) v);
              }
            });
    if (!licenses.order().isEmpty()) {
      ArrayNode order = h.putArray("license_order");
      licenses.order().forEach(order::add);
    }
    // Only the sizes of the opt-out lists: the values name people and places that must never be mentioned.
    ObjectNode exclusion = h.putObject("exclusion");
    ObjectNode opt = exclusion.putObject("opt_out");
    opt.put("people", optOuts.people().size());
    opt.put("channels", optOuts.channels().size());
    opt.put("projects", optOuts.projects().size());
    opt.put("sessions", optOuts.sessions().size());
    if (!retention.isNone()) {
      ObjectNode r = exclusion.putObject("retention");
      r.put("max_age_days", retention.maxAgeDays());
      r.put("as_of", retention.asOf());
    }
    ObjectNode out = h.putObject("output");
    out.put("format", layout.format().policyName());
    out.put("tokenizer", layout.tokenizer());
    out.put("buckets", layout.buckets());
    out.put("shard_tokens", layout.shardTokens());
    out.put("shard_bytes", layout.shardBytes());
    out.put("validation_fraction", layout.validationFraction());
    if (licenses.accepted() != null) {
      ArrayNode accepted = out.putArray("accept_licenses");
      licenses.accepted().forEach(accepted::add);
    }
    return h.toString();
  }
}
