package dev.veil.pipelines.erase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
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
import dev.veil.transforms.kanon.KAnonSettings;
import dev.veil.transforms.kanon.ReleaseCheck;
import dev.veil.transforms.kanon.RiskStats;
import dev.veil.transforms.write.FileLines;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.WriteLineage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    String canonical = s.contains("@") && !s.contains(":") ? "email:" + s.toLowerCase(Locale.ROOT) : s;
    return new Pseudonyms(policy.key().resolve()).person(canonical);
  }

  public static Result erase(Policy policy, Path out, String subject) throws IOException {
    String person = pseudonym(policy, subject);
    ObjectNode manifest = (ObjectNode) MAPPER.readTree(out.resolve(BuildManifest.FILE_NAME).toFile());
    // 1. The lineage index: which examples hold the person, in which buckets.
    Path lineageDir = out.resolve(WriteLineage.DIR);
    if (!Files.isDirectory(lineageDir)) {
      throw new IllegalStateException("no lineage index at " + lineageDir + ": run the job again to erase");
    }
    TreeMap<String, Long> erased = new TreeMap<>(); // id → records
    TreeSet<String> buckets = new TreeSet<>();
    Map<Path, List<String>> keptLines = new TreeMap<>();
    try (Stream<Path> files = Files.list(lineageDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(WriteLineage.SUFFIX)).sorted().toList()) {
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        for (String line : lines(f)) {
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
            kept.add(line);
          }
        }
        if (changed) {
          keptLines.put(f, kept);
        }
      }
    }
    int version = manifest.path("manifest_version").asInt(1) + 1;
    // 2. The shards of those buckets, rebuilt in memory first.
    Map<String, byte[]> newShards = new TreeMap<>();
    Map<String, ObjectNode> entries = new LinkedHashMap<>();
    for (JsonNode s : manifest.path("shards")) {
      entries.put(s.path("path").asText(), (ObjectNode) s);
    }
    Map<String, Long> entitiesErased = new TreeMap<>();
    Map<String, Long> periodsErased = new TreeMap<>();
    ReleaseCheck check = null;
    KAnonSettings kanon = policy.kAnonymity();
    if (kanon != null && manifest.has("k_anonymity")) {
      check = new ReleaseCheck(kanon);
    }
    for (String path : entries.keySet()) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      boolean affected = buckets.stream().anyMatch(b -> name.startsWith(b + "-"));
      if (!affected && check == null) {
        continue;
      }
      ShardFormat format = ShardFormat.ofFile(name);
      List<ReleasedExample> records = format.decode(Files.readAllBytes(out.resolve(path)));
      List<ReleasedExample> kept = new ArrayList<>();
      for (ReleasedExample r : records) {
        if (erased.containsKey(r.getId().toString())) {
          r.getEntities().forEach((k, v) -> entitiesErased.merge(k.toString(), v, Long::sum));
          Object period = meta(r, "period");
          if (period != null) {
            periodsErased.merge(period.toString(), 1L, Long::sum);
          }
        } else {
          kept.add(r);
          if (check != null && kanon.inScopeKind(r.getKind().toString())) {
            List<String> values = new ArrayList<>();
            for (String a : kanon.attributes()) {
              Object v = meta(r, a);
              values.add(v == null ? "" : v.toString());
            }
            Object sv = kanon.sensitive() == null ? null : meta(r, kanon.sensitive());
            check.add(values, sv == null ? "" : sv.toString(), 1);
          }
        }
      }
      if (kept.size() != records.size()) {
        newShards.put(path, format.encode(name, kept));
        ObjectNode e = entries.get(path);
        long tokens = kept.stream().mapToLong(ReleasedExample::getTokens).sum();
        e.put("records", kept.size());
        if (e.has("tokens")) {
          e.put("tokens", tokens);
        }
      }
    }
    RiskStats after = null;
    if (check != null) {
      after = check.verify(); // fails, before anything is written, when a class would drop below k
    }
    // 3. Write: shards, lineage files, tombstone; then the manifest and what is built from it.
    for (Map.Entry<String, byte[]> s : newShards.entrySet()) {
      write(out.resolve(s.getKey()), s.getValue());
      ObjectNode e = entries.get(s.getKey());
      e.put("bytes", s.getValue().length);
      e.put("sha256", Hashes.sha256Hex(s.getValue()));
    }
    Map<String, byte[]> restrictedWrites = new TreeMap<>();
    for (Map.Entry<Path, List<String>> f : keptLines.entrySet()) {
      List<Map.Entry<String, String>> keyed = new ArrayList<>();
      for (String line : f.getValue()) {
        keyed.add(new AbstractMap.SimpleImmutableEntry<>(MAPPER.readTree(line).path("id").asText(), line));
      }
      byte[] bytes = FileLines.encode(keyed, true);
      write(f.getKey(), bytes);
      restrictedWrites.put(out.relativize(f.getKey()).toString(), bytes);
    }
    ObjectNode tomb = MAPPER.createObjectNode();
    tomb.put("manifest_version", version);
    tomb.put("subject", person);
    erased.keySet().forEach(tomb.putArray("examples")::add);
    newShards.keySet().forEach(tomb.putArray("shards")::add);
    Path tombstones = out.resolve(TOMBSTONES);
    Files.createDirectories(tombstones.getParent());
    byte[] previous = Files.exists(tombstones) ? Files.readAllBytes(tombstones) : new byte[0];
    byte[] log = concat(previous, (MAPPER.writeValueAsString(tomb) + "\n").getBytes(StandardCharsets.UTF_8));
    write(tombstones, log);
    restrictedWrites.put(TOMBSTONES, log);
    long records = erased.values().stream().mapToLong(Long::longValue).sum();
    update(manifest, entries, restrictedWrites, entitiesErased, periodsErased, records, erased.size(), version, after);
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

  private static Object meta(ReleasedExample r, String key) {
    for (Map.Entry<String, Object> e : r.getMeta().entrySet()) {
      if (e.getKey().toString().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void update(
      ObjectNode m,
      Map<String, ObjectNode> shards,
      Map<String, byte[]> restrictedWrites,
      Map<String, Long> entitiesErased,
      Map<String, Long> periodsErased,
      long records,
      int examples,
      int version,
      RiskStats after)
      throws IOException {
    List<WrittenFile> files = new ArrayList<>();
    long output = 0;
    long tokens = 0;
    ObjectNode bySplit = MAPPER.createObjectNode();
    ObjectNode tokensBySplit = MAPPER.createObjectNode();
    for (ObjectNode s : shards.values()) {
      files.add(file(s));
      output += s.path("records").asLong();
      long t = s.path("tokens").asLong(0);
      tokens += t;
      String split = dev.veil.transforms.write.ShardLayout.splitOfName(s.path("path").asText());
      bySplit.put(split, bySplit.path(split).asLong(0) + s.path("records").asLong());
      tokensBySplit.put(split, tokensBySplit.path(split).asLong(0) + t);
    }
    m.put("dataset_id", ManifestJson.datasetId(m.path("policy").path("sha256").asText(), files));
    for (JsonNode r : m.path("restricted_files")) {
      byte[] b = restrictedWrites.remove(r.path("path").asText());
      if (b != null) {
        ((ObjectNode) r).put("bytes", b.length);
        ((ObjectNode) r).put("sha256", Hashes.sha256Hex(b));
        if (r.path("path").asText().equals(TOMBSTONES)) {
          ((ObjectNode) r).put("records", ((ObjectNode) r).path("records").asLong() + 1);
        } else {
          ((ObjectNode) r).put("records", lineCount(b));
        }
      }
    }
    ArrayNode restricted = (ArrayNode) m.path("restricted_files");
    for (Map.Entry<String, byte[]> added : restrictedWrites.entrySet()) {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("path", added.getKey());
      n.put("bytes", added.getValue().length);
      n.put("records", 1);
      n.put("sha256", Hashes.sha256Hex(added.getValue()));
      restricted.add(n);
    }
    List<JsonNode> sorted = new ArrayList<>();
    restricted.forEach(sorted::add);
    sorted.sort((a, b) -> a.path("path").asText().compareTo(b.path("path").asText()));
    restricted.removeAll();
    sorted.forEach(restricted::add);
    m.set("integrity", ManifestJson.integrity(files));
    ObjectNode ex = (ObjectNode) m.path("examples");
    ex.put("output", output);
    ex.set("by_split", bySplit);
    ex.put("tokens", tokens);
    ex.set("tokens_by_split", tokensBySplit);
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
    // The version and the erasure record sit before run and signature, which keep their place at the end.
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

  private static WrittenFile file(JsonNode n) {
    return WrittenFile.newBuilder()
        .setPath(n.path("path").asText())
        .setBytes(n.path("bytes").asLong())
        .setRecords(n.path("records").asLong())
        .setSha256(n.path("sha256").asText())
        .setTokens(n.has("tokens") ? n.path("tokens").asLong() : null)
        .build();
  }

  private static long lineCount(byte[] zstd) throws IOException {
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.isEmpty() ? 0 : s.split("\n").length;
    }
  }

  private static List<String> lines(Path f) throws IOException {
    try (InputStream in = new ZstdInputStream(Files.newInputStream(f))) {
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String l : s.split("\n")) {
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
      return out;
    }
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
