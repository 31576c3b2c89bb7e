package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks an output directory against its {@code manifest.json} without trusting whoever produced it: the manifest is in
 * the form the job writes (any edit shows), its signature is valid (and, when the auditor gives one, made with the key
 * they trust), every shard listed is on disk with its size and SHA-256, no unlisted file sits in {@code data/}, the
 * Merkle root and the dataset id follow from the shards, and the record accounting adds up. Restricted files are checked
 * when present (an auditor may not hold them). Each finding names the file or field and both values; nothing is
 * printed from the data.
 */
public final class ManifestVerifier {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What was checked and what failed; {@link #ok()} when nothing failed. */
  public record Report(List<String> passed, List<String> failed, List<String> notes) {
    public boolean ok() {
      return failed.isEmpty();
    }
  }

  private final List<String> passed = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private ManifestVerifier() {}

  /**
   * Verifies {@code dir}. {@code trustedPublicKey}: base64 of the Ed25519 public key the auditor trusts, or null to take
   * the manifest's own (which proves only that the manifest was not changed after signing by whoever holds that key).
   * {@code allowUnsigned}: accept a manifest without a signature.
   */
  public static Report verify(Path dir, String trustedPublicKey, boolean allowUnsigned) throws IOException {
    ManifestVerifier v = new ManifestVerifier();
    v.run(dir, trustedPublicKey, allowUnsigned);
    return new Report(List.copyOf(v.passed), List.copyOf(v.failed), List.copyOf(v.notes));
  }

  private void check(boolean ok, String what, String failure) {
    if (ok) {
      passed.add(what);
    } else {
      failed.add(failure);
    }
  }

  private void run(Path dir, String trustedPublicKey, boolean allowUnsigned) throws IOException {
    Path file = dir.resolve(BuildManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      failed.add(BuildManifest.FILE_NAME + ": missing");
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    JsonNode m;
    try {
      m = MAPPER.readTree(bytes);
    } catch (IOException e) {
      failed.add(BuildManifest.FILE_NAME + ": not JSON");
      return;
    }
    if (!(m instanceof ObjectNode manifest) || !ManifestJson.FORMAT.equals(m.path("format").asText())) {
      failed.add(BuildManifest.FILE_NAME + ": not a " + ManifestJson.FORMAT + " manifest");
      return;
    }
    check(
        Arrays.equals(bytes, ManifestJson.toBytes(manifest)),
        "manifest.json is in the form the job writes",
        "manifest.json: edited (its bytes are not the form the job writes: a change of content, order or layout)");
    signature(manifest, trustedPublicKey, allowUnsigned);
    List<WrittenFile> shards = ManifestJson.files(manifest.path("shards"));
    for (WrittenFile f : shards) {
      file(dir, f, true);
    }
    for (WrittenFile f : ManifestJson.files(manifest.path("restricted_files"))) {
      file(dir, f, false);
    }
    unlisted(dir, shards);
    String root = ManifestJson.integrity(shards).path("root").asText();
    check(
        root.equals(manifest.path("integrity").path("root").asText()),
        "the Merkle root follows from the " + shards.size() + " shards listed",
        "integrity.root: manifest " + manifest.path("integrity").path("root").asText() + ", computed from the shards listed " + root);
    String id = ManifestJson.datasetId(manifest.path("policy").path("sha256").asText(), shards);
    check(
        id.equals(manifest.path("dataset_id").asText()),
        "dataset_id follows from the policy hash and the shards",
        "dataset_id: manifest " + manifest.path("dataset_id").asText() + ", computed " + id);
    accounting(manifest, shards);
  }

  private void signature(ObjectNode manifest, String trustedPublicKey, boolean allowUnsigned) {
    if (!manifest.has(ManifestSignature.FIELD)) {
      if (trustedPublicKey != null || !allowUnsigned) {
        failed.add("signature: the manifest is not signed");
      } else {
        notes.add("signature: the manifest is not signed (accepted: --allow-unsigned)");
      }
      return;
    }
    String problem = ManifestSignature.check(manifest);
    check(problem == null, "the Ed25519 signature matches the manifest", "signature: " + problem);
    String key = manifest.path(ManifestSignature.FIELD).path("public_key").asText();
    if (manifest.has("signing_key_id")) {
      String named = manifest.path("signing_key_id").asText();
      check(
          named.equals(safeKeyId(key)),
          "the signing key is the one the manifest's header names (" + named + ")",
          "signing_key_id: the header names " + named + ", the signature's key is " + safeKeyId(key));
    }
    if (trustedPublicKey != null) {
      check(
          trustedPublicKey.strip().equals(key),
          "the signing key is the trusted key " + ManifestSignature.keyId(key),
          "signature: signed with key " + safeKeyId(key) + ", not the trusted key " + safeKeyId(trustedPublicKey.strip()));
    } else if (problem == null) {
      notes.add("signature: valid under the key the manifest names (" + safeKeyId(key) + "); give --public-key to check it is the key you trust");
    }
  }

  private static String safeKeyId(String base64) {
    try {
      return ManifestSignature.keyId(base64);
    } catch (IllegalArgumentException e) {
      return "(not base64)";
    }
  }

  private void file(Path dir, WrittenFile f, boolean required) throws IOException {
    Path p = dir.resolve(f.getPath()).normalize();
    if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
      if (required) {
        failed.add(f.getPath() + ": missing");
      } else {
        notes.add(f.getPath() + ": not present (restricted area not supplied); not checked");
      }
      return;
    }
    long size = Files.size(p);
    String sha = sha256(p);
    if (size != f.getBytes()) {
      failed.add(f.getPath() + ": " + size + " bytes on disk, the manifest says " + f.getBytes());
    }
    check(
        sha.equals(f.getSha256()),
        f.getPath() + ": SHA-256 matches",
        f.getPath() + ": SHA-256 on disk " + sha + ", the manifest says " + f.getSha256());
  }

  private void unlisted(Path dir, List<WrittenFile> shards) throws IOException {
    Path data = dir.resolve("data");
    if (!Files.isDirectory(data)) {
      return;
    }
    TreeSet<String> listed = new TreeSet<>();
    shards.forEach(f -> listed.add(f.getPath()));
    TreeSet<String> extra = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(data)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!listed.contains(rel)) {
          extra.add(rel);
        }
      }
    }
    check(extra.isEmpty(), "no file in data/ is missing from the manifest", "data/ holds files the manifest does not list: " + String.join(", ", extra));
  }

  private void accounting(JsonNode m, List<WrittenFile> shards) {
    JsonNode r = m.path("records");
    long dropped = sum(r.path("dropped"));
    long quarantined = sum(r.path("quarantined"));
    long input = r.path("input").asLong(-1);
    long output = r.path("output").asLong(-1);
    check(
        input == r.path("read").asLong(-1) + r.path("unread_units").asLong(-1),
        "records.input = read + unread_units",
        "records: input " + input + " != read " + r.path("read").asLong(-1) + " + unread_units " + r.path("unread_units").asLong(-1));
    check(
        input == output + dropped + quarantined && r.path("balanced").asBoolean(false),
        "the accounting adds up: input " + input + " = output " + output + " + dropped " + dropped + " + quarantined " + quarantined,
        "records: input " + input + " != output " + output + " + dropped " + dropped + " + quarantined " + quarantined
            + (r.path("balanced").asBoolean(false) ? "" : " (balanced: false)"));
    long examples = shards.stream().mapToLong(WrittenFile::getRecords).sum();
    check(
        examples == m.path("examples").path("output").asLong(-1),
        "examples.output is the sum of the shards' records (" + examples + ")",
        "examples.output " + m.path("examples").path("output").asLong(-1) + " != the shards' records " + examples);
    long tokens = shards.stream().mapToLong(f -> f.getTokens() == null ? 0 : f.getTokens()).sum();
    check(
        tokens == m.path("examples").path("tokens").asLong(-1),
        "examples.tokens is the sum of the shards' tokens",
        "examples.tokens " + m.path("examples").path("tokens").asLong(-1) + " != the shards' tokens " + tokens);
  }

  private static long sum(JsonNode counts) {
    long s = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
      s += it.next().getValue().asLong();
    }
    return s;
  }

  private static String sha256(Path p) throws IOException {
    MessageDigest d = Hashes.sha256Digest();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return Hashes.hex(d.digest());
  }
}
