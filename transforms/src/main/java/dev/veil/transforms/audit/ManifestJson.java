package dev.veil.transforms.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.write.ShardLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code manifest.json}: the job header (policy, key id, inputs, output settings), every shard with its size,
 * record count and SHA-256, the restricted files, the Merkle root over the shards, the entities transformed and the
 * periods released in the written examples, and the record accounting. Fields
 * in a fixed order, files sorted by path: the same run inputs give the same bytes. The driver later adds a {@code run}
 * object (run id, timings) and, when the policy names a signing key, a {@code signature} ({@link ManifestSignature}):
 * the only parts that differ between identical runs.
 */
public final class ManifestJson {
  public static final String FORMAT = "veil-manifest/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestJson() {}

  public static byte[] build(
      String headerJson,
      Map<String, Long> tallies,
      List<WrittenFile> dataFiles,
      List<WrittenFile> restrictedFiles) {
    return toBytes(buildNode(headerJson, tallies, dataFiles, restrictedFiles));
  }

  /** The manifest as a tree, for what is built from it (croissant.json, the dataset card). */
  public static ObjectNode buildNode(
      String headerJson,
      Map<String, Long> tallies,
      List<WrittenFile> dataFiles,
      List<WrittenFile> restrictedFiles) {
    JsonNode header;
    try {
      header = MAPPER.readTree(headerJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest header is not JSON", e);
    }
    List<WrittenFile> shards = sorted(dataFiles);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("dataset_id", datasetId(header.path("policy").path("sha256").asText(), shards));
    header.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));

    ArrayNode shardArray = root.putArray("shards");
    shards.forEach(f -> shardArray.add(file(f)));
    ArrayNode restricted = root.putArray("restricted_files");
    sorted(restrictedFiles).forEach(f -> restricted.add(file(f)));
    root.set("integrity", integrity(shards));
    root.set("examples", examples(shards));

    Accounting a = new Accounting(tallies);
    // Every type the policy names, in its order, zero when none was found; then any other type counted.
    ObjectNode entities = root.putObject("entities");
    header.path("detection").path("operators").fieldNames().forEachRemaining(t -> entities.put(t, 0L));
    a.entities.forEach(entities::put);
    ObjectNode periods = root.putObject("periods");
    a.periods.forEach(periods::put);

    ObjectNode records = root.putObject("records");
    records.put("read", a.read);
    records.put("unread_units", a.unreadUnits);
    records.put("input", a.input());
    records.put("output", a.output);
    ObjectNode dropped = records.putObject("dropped");
    a.dropped.forEach(dropped::put);
    ObjectNode quarantined = records.putObject("quarantined");
    a.quarantined.forEach(quarantined::put);
    records.put("balanced", a.balanced());
    return root;
  }

  /**
   * Adds {@code k_anonymity}: the stage's report (the one object with {@code levels}) with the verification's risk
   * ({@code k}, {@code classes}, ... of the written examples) as {@code after}. Nothing when the run has no
   * k-anonymity bar.
   */
  public static void addKAnonymity(ObjectNode manifest, List<String> reports) {
    ObjectNode report = null;
    ObjectNode after = null;
    for (String json : reports) {
      ObjectNode n;
      try {
        n = (ObjectNode) MAPPER.readTree(json);
      } catch (JsonProcessingException | ClassCastException e) {
        throw new IllegalStateException("a k-anonymity report is not a JSON object", e);
      }
      if (n.has("levels")) {
        report = n;
      } else {
        after = n;
      }
    }
    if (report == null) {
      return;
    }
    if (after != null) {
      report.set("after", after);
    }
    manifest.set("k_anonymity", report);
  }

  /** The {@code examples} object: examples and tokens written, in all and by split, summed over the shards. */
  public static ObjectNode examples(List<WrittenFile> shards) {
    long examples = 0;
    long tokens = 0;
    ObjectNode bySplit = MAPPER.createObjectNode();
    ObjectNode tokensBySplit = MAPPER.createObjectNode();
    for (WrittenFile f : shards) {
      examples += f.getRecords();
      long t = f.getTokens() == null ? 0 : f.getTokens();
      tokens += t;
      String split = ShardLayout.splitOfName(f.getPath());
      bySplit.put(split, bySplit.path(split).asLong(0) + f.getRecords());
      tokensBySplit.put(split, tokensBySplit.path(split).asLong(0) + t);
    }
    ObjectNode ex = MAPPER.createObjectNode();
    ex.put("output", examples);
    ex.set("by_split", bySplit);
    ex.put("tokens", tokens);
    ex.set("tokens_by_split", tokensBySplit);
    return ex;
  }

  /** The files a manifest array ({@code shards}, {@code restricted_files}) lists, as written. */
  public static List<WrittenFile> files(JsonNode array) {
    List<WrittenFile> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(
          WrittenFile.newBuilder()
              .setPath(n.path("path").asText())
              .setBytes(n.path("bytes").asLong())
              .setRecords(n.path("records").asLong())
              .setSha256(n.path("sha256").asText())
              .setTokens(n.has("tokens") ? n.path("tokens").asLong() : null)
              .build());
    }
    return out;
  }

  /** A listed file's manifest entry: path, bytes, records, tokens (data shards), SHA-256. */
  public static ObjectNode file(WrittenFile f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("path", f.getPath());
    n.put("bytes", f.getBytes());
    n.put("records", f.getRecords());
    if (f.getTokens() != null) {
      n.put("tokens", f.getTokens());
    }
    n.put("sha256", f.getSha256());
    return n;
  }

  /** Sets {@code name} to a JSON object given as text. */
  public static void addObject(ObjectNode manifest, String name, String json) {
    try {
      manifest.set(name, MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the " + name + " section is not JSON", e);
    }
  }

  public static byte[] toBytes(JsonNode node) {
    DefaultPrettyPrinter printer = new JsonStylePrinter();
    try {
      return (MAPPER.writer(printer).writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Two-space indentation, {@code "key": value}, arrays one element per line: the usual JSON look. */
  private static final class JsonStylePrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    JsonStylePrinter() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new JsonStylePrinter();
    }

    @Override
    public void writeObjectFieldValueSeparator(com.fasterxml.jackson.core.JsonGenerator g)
        throws java.io.IOException {
      g.writeRaw(": ");
    }
  }

  /** The Merkle tree over the shards ({@link MerkleTree}): how it is built, its number of leaves and its root. */
  public static ObjectNode integrity(List<WrittenFile> shardsInPathOrder) {
    List<byte[]> leaves = new ArrayList<>();
    for (WrittenFile f : shardsInPathOrder) {
      leaves.add(MerkleTree.shardLeaf(f.getPath(), f.getSha256()));
    }
    ObjectNode n = MAPPER.createObjectNode();
    n.put("merkle_tree", MERKLE_TREE);
    n.put("leaves", leaves.size());
    n.put("root", Hashes.hex(MerkleTree.root(leaves)));
    return n;
  }

  public static final String MERKLE_TREE =
      "RFC 6962 SHA-256 tree hash; leaves: the shards in path order, each its path (UTF-8), 0x00, its SHA-256";

  /** A content address of the dataset: the policy hash and every shard's hash, in path order. */
  public static String datasetId(String policySha256, List<WrittenFile> shardsInPathOrder) {
    StringBuilder sb = new StringBuilder(policySha256);
    for (WrittenFile f : shardsInPathOrder) {
      sb.append('\n').append(f.getPath()).append(' ').append(f.getSha256());
    }
    return Hashes.sha256Hex(sb.toString());
  }

  private static List<WrittenFile> sorted(List<WrittenFile> files) {
    List<WrittenFile> copy = new ArrayList<>(files);
    copy.sort(Comparator.comparing(WrittenFile::getPath));
    return copy;
  }
}
