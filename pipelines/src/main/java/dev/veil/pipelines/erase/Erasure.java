package dev.veil.pipelines.erase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.policy.Policy;
import dev.veil.schemas.ReleasedExample;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.audit.BuildManifest;
import dev.veil.transforms.audit.Croissant;
import dev.veil.transforms.audit.DatasetCard;
import dev.veil.transforms.audit.DeidReport;
import dev.veil.transforms.audit.ManifestJson;
import dev.veil.transforms.audit.ManifestSignature;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import dev.veil.transforms.kanon.KAnonSettings;
import dev.veil.transforms.kanon.ReleaseCheck;
import dev.veil.transforms.kanon.RiskStats;
import dev.veil.transforms.write.FileLines;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.WriteLineage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Erases a person from a written output: the examples whose released line holds their pseudonym (their own words as a
 * speaker, mentions of them, recordings they made) are found through the restricted lineage index, the shards of
 * their buckets are rebuilt without them (every other shard keeps its bytes), the lineage index loses their lines, and
 * a new version of the manifest (shard hashes, Merkle root, dataset id, counts, accounting with an {@code erased}
 * drop reason, k-anonymity recounted, signature), of {@code croissant.json}, the dataset card and the report is
 * written, with a tombstone line in {@code restricted/erasure/tombstones.jsonl}. Nothing is changed when the remaining
 * examples would break the policy's k-anonymity bar: the job must then be run again.
 */
public final class Erasure {
  public static final String TOMBSTONES = "restricted/erasure/tombstones.jsonl";
  public static final String ERASED = "erased";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What was erased. */
  public record Result(String pseudonym, int version, List<String> examples, List<String> shards, long records) {}

  private Erasure() {}

  /**
   * The subject's pseudonym under the policy's key: an e-mail address, a canonical account key ({@code
   * slack:T123:U456}) or a pseudonym itself ({@code person_…}).
   */
  public static String pseudonym(Policy policy, String subject) {
    String s = subject.strip();
    if (WriteLineage.PERSON.matcher(s).matches()) {
      return s;
    }
    String canonical = s.contains("@") && !s.contains(":") ? IdentityResolver.emailKey(s) : s;
    return new Pseudonyms(policy.key().resolve()).person(canonical);
  }

  public static Result erase(Policy policy, Path out, String subject) throws IOException {
    String person = pseudonym(policy, subject);
    ObjectNode manifest = (ObjectNode) MAPPER.readTree(out.resolve(BuildManifest.FILE_NAME).toFile());
    // 1. The lineage index: which examples hold the person, in which buckets; the lines that stay, by id.
    Path lineageDir = out.resolve(WriteLineage.DIR);
    if (!Files.isDirectory(lineageDir)) {
      throw new IllegalStateException("no lineage index at " + lineageDir + ": run the job again to erase");
    }
    TreeMap<String, Long> erased = new TreeMap<>(); // id → records
    TreeSet<String> buckets = new TreeSet<>();
    Map<Path, List<Map.Entry<String, String>>> keptLines = new TreeMap<>();
    try (Stream<Path> files = Files.list(lineageDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(WriteLineage.SUFFIX)).sorted().toList()) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        boolean changed = false;
        for (String line : FileLines.read(f)) {
          JsonNode n = MAPPER.readTree(line);
          boolean holds = false;
          for (JsonNode p : n.path("people")) {
            holds |= p.asText().equals(person);
          }
          if (holds) {
            erased.put(n.path("id").asText(), n.path("records").asLong());
            buckets.add(n.path("bucket").asText());
            changed = true;
          } else {
            kept.add(new AbstractMap.SimpleImmutableEntry<>(n.path("id").asText(), line));
          }
        }
        if (changed) {
          keptLines.put(f, kept);
        }
      }
    }
    int version = manifest.path("manifest_version").asInt(1) + 1;
    // 2. The shards of those buckets, rebuilt in memory first (every shard is read when k-anonymity is re-checked).
    Map<String, WrittenFile> shards = new LinkedHashMap<>();
    ManifestJson.files(manifest.path("shards")).forEach(f -> shards.put(f.getPath(), f));
    Map<String, byte[]> newShards = new TreeMap<>();
    Map<String, Long> entitiesErased = new TreeMap<>();
    Map<String, Long> periodsErased = new TreeMap<>();
    KAnonSettings kanon = manifest.has("k_anonymity") ? policy.kAnonymity() : null;
    ReleaseCheck check = kanon == null ? null : new ReleaseCheck(kanon);
    for (WrittenFile shard : List.copyOf(shards.values())) {
      String name = shard.getPath().substring(shard.getPath().lastIndexOf('/') + 1);
      boolean affected = buckets.stream().anyMatch(b -> name.startsWith(b + "-"));
      if (!affected && check == null) {
        continue;
      }
      ShardFormat format = ShardFormat.ofFile(name);
      List<ReleasedExample> records = format.decode(Files.readAllBytes(out.resolve(shard.getPath())));
      List<ReleasedExample> kept = new ArrayList<>();
      for (ReleasedExample r : records) {
        if (erased.containsKey(r.getId().toString())) {
          r.getEntities().forEach((k, v) -> entitiesErased.merge(k.toString(), v, Long::sum));
          String period = KAnonSettings.value(r.getMeta(), "period");
          if (!period.isEmpty()) {
            periodsErased.merge(period, 1L, Long::sum);
          }
        } else {
          kept.add(r);
          if (check != null && kanon.inScopeKind(r.getKind().toString())) {
            check.add(
                kanon.quasiIdentifierValues(r.getMeta()),
                kanon.sensitive() == null ? "" : KAnonSettings.value(r.getMeta(), kanon.sensitive()),
                1);
          }
        }
      }
      if (kept.size() != records.size()) {
        byte[] bytes = format.encode(name, kept);
        newShards.put(shard.getPath(), bytes);
        shards.put(
            shard.getPath(),
            WrittenFile.newBuilder(shard)
                .setBytes(bytes.length)
                .setRecords(kept.size())
                .setSha256(Hashes.sha256Hex(bytes))
                .setTokens(shard.getTokens() == null ? null : kept.stream().mapToLong(ReleasedExample::getTokens).sum())
                .build());
      }
    }
    RiskStats after = check == null ? null : check.verify(); // fails before anything is written
    // 3. Write: shards, lineage files, tombstone; then the manifest and what is built from it.
    for (Map.Entry<String, byte[]> s : newShards.entrySet()) {
      write(out.resolve(s.getKey()), s.getValue());
    }
    Map<String, WrittenFile> restricted = new TreeMap<>();
    ManifestJson.files(manifest.path("restricted_files")).forEach(f -> restricted.put(f.getPath(), f));
    for (Map.Entry<Path, List<Map.Entry<String, String>>> f : keptLines.entrySet()) {
      byte[] bytes = FileLines.encode(f.getValue(), true);
      write(f.getKey(), bytes);
      String path = out.relativize(f.getKey()).toString();
      restricted.put(path, written(path, bytes, f.getValue().size()));
    }
    ObjectNode tomb = MAPPER.createObjectNode();
    tomb.put("manifest_version", version);
    tomb.put("subject", person);
    erased.keySet().forEach(tomb.putArray("examples")::add);
    newShards.keySet().forEach(tomb.putArray("shards")::add);
    Path tombstones = out.resolve(TOMBSTONES);
    byte[] previous = Files.exists(tombstones) ? Files.readAllBytes(tombstones) : new byte[0];
    byte[] log = concat(previous, (MAPPER.writeValueAsString(tomb) + "\n").getBytes(StandardCharsets.UTF_8));
    write(tombstones, log);
    restricted.put(TOMBSTONES, written(TOMBSTONES, log, version - 1));
    long records = erased.values().stream().mapToLong(Long::longValue).sum();
    update(
        manifest, List.copyOf(shards.values()), List.copyOf(restricted.values()), entitiesErased, periodsErased,
        records, erased.size(), version, after);
    ObjectNode deterministic = manifest.deepCopy();
    deterministic.remove("run");
    deterministic.remove(ManifestSignature.FIELD);
    write(out.resolve(BuildManifest.CROISSANT_FILE), Croissant.build(deterministic, policy.card()));
    write(out.resolve(BuildManifest.CARD_FILE), DatasetCard.build(deterministic, policy.card()));
    write(out.resolve(BuildManifest.REPORT_DIR).resolve(DeidReport.JSON_FILE), DeidReport.json(deterministic));
    write(out.resolve(BuildManifest.REPORT_DIR).resolve(DeidReport.HTML_FILE), DeidReport.html(deterministic));
    if (policy.signingKey() != null) {
      ManifestSignature.fromKey(policy.signingKey().resolve()).sign(manifest);
    } else {
      manifest.remove(ManifestSignature.FIELD);
    }
    write(out.resolve(BuildManifest.FILE_NAME), ManifestJson.toBytes(manifest));
    return new Result(person, version, List.copyOf(erased.keySet()), List.copyOf(newShards.keySet()), records);
  }

  private static WrittenFile written(String path, byte[] bytes, long records) {
    return WrittenFile.newBuilder()
        .setPath(path)
        .setBytes(bytes.length)
        .setRecords(records)
        .setSha256(Hashes.sha256Hex(bytes))
        .setTokens(null)
        .build();
  }

  /**
   * The manifest's listed files, Merkle root, dataset id, examples, entity and period totals and accounting after an
   * erasure, then its version and erasure record; {@code run} (and the signature, added later) stay last.
   */
  private static void update(
      ObjectNode m,
      List<WrittenFile> shards,
      List<WrittenFile> restrictedInPathOrder,
      Map<String, Long> entitiesErased,
      Map<String, Long> periodsErased,
      long records,
      int examples,
      int version,
      RiskStats after) {
    m.put("dataset_id", ManifestJson.datasetId(m.path("policy").path("sha256").asText(), shards));
    ArrayNode shardArray = m.putArray("shards");
    shards.forEach(f -> shardArray.add(ManifestJson.file(f)));
    ArrayNode restricted = m.putArray("restricted_files");
    restrictedInPathOrder.forEach(f -> restricted.add(ManifestJson.file(f)));
    m.set("integrity", ManifestJson.integrity(shards));
    m.set("examples", ManifestJson.examples(shards));
    subtract((ObjectNode) m.path("entities"), entitiesErased);
    subtract((ObjectNode) m.path("periods"), periodsErased);
    ObjectNode rec = (ObjectNode) m.path("records");
    rec.put("output", rec.path("output").asLong() - records);
    ObjectNode dropped = (ObjectNode) rec.path("dropped");
    TreeMap<String, Long> d = new TreeMap<>();
    dropped.fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asLong()));
    d.merge(ERASED, records, Long::sum);
    dropped.removeAll();
    d.forEach(dropped::put);
    long dropSum = d.values().stream().mapToLong(Long::longValue).sum();
    long quarantined = 0;
    for (Iterator<JsonNode> it = rec.path("quarantined").elements(); it.hasNext(); ) {
      quarantined += it.next().asLong();
    }
    rec.put("balanced", rec.path("input").asLong() == rec.path("output").asLong() + dropSum + quarantined);
    if (after != null && m.path("k_anonymity").isObject()) {
      ((ObjectNode) m.path("k_anonymity")).set("after", MAPPER.valueToTree(after.describe()));
    }
    ObjectNode erasure = MAPPER.createObjectNode();
    erasure.put("manifest_version", version);
    erasure.put("examples", examples);
    erasure.put("records", records);
    JsonNode run = m.remove("run");
    m.remove(ManifestSignature.FIELD);
    m.put("manifest_version", version);
    ArrayNode erasures = m.has("erasures") ? (ArrayNode) m.remove("erasures") : MAPPER.createArrayNode();
    erasures.add(erasure);
    m.set("erasures", erasures);
    if (run != null) {
      m.set("run", run);
    }
  }

  /** Takes erased counts off (a type or period keeps its key at 0, as a run without it would show the policy's types). */
  private static void subtract(ObjectNode counts, Map<String, Long> minus) {
    minus.forEach((k, v) -> counts.put(k, counts.path(k).asLong(0) - v));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes next to the target, then moves it in place. */
  private static void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".erasing");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
