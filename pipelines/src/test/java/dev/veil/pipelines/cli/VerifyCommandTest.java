package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.ManifestJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veil verify} on a fresh signed output of the demo passes, and fails, naming the file or field, after one byte
 * of one shard changes, after a shard is removed, after a file is slipped into data/, after the manifest is edited
 * (a count changed and re-signed by nobody; a whitespace edit), with another trusted key, and when unsigned.
 */
class VerifyCommandTest {
  @TempDir static Path shared;
  static Path fresh;
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void runTheDemoOnce() throws Exception {
    Path policy = shared.resolve("policy.yaml");
    Files.writeString(
        policy,
        Files.readString(TestData.path("demo/policy.yaml"))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key"))
            .replace("file: demo-signing.key", "file: " + TestData.path("demo/demo-signing.key")));
    fresh = Outputs.run(policy, List.of("slack=" + TestData.path("demo/acme-export")), shared.resolve("out"), false);
  }

  int veil(String... args) {
    return VeilCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /** A copy of the fresh output to break. */
  Path copy() throws Exception {
    Path to = tmp.resolve("copy");
    try (Stream<Path> walk = Files.walk(fresh)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(fresh.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  String publicKey() {
    assertThat(veil("keys", "public-key", "--key", TestData.path("demo/demo-signing.key").toString())).isZero();
    String key = out.toString().strip().split("\\s+")[0];
    out.getBuffer().setLength(0);
    return key;
  }

  static String firstShard(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).path("shards").get(0).path("path").asText();
  }

  @Test
  void aFreshOutputVerifiesWithTheTrustedKey() {
    assertThat(veil("verify", fresh.toString(), "--public-key", publicKey())).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("ok    the Ed25519 signature matches the manifest")
        .contains("ok    the Merkle root follows from the 3 shards listed")
        .contains("ok    the accounting adds up: input 22 = output 18 + dropped 4 + quarantined 0")
        .contains("verified: ");
  }

  @Test
  void oneChangedByteOfOneShardIsNamed() throws Exception {
    Path dir = copy();
    String shard = firstShard(dir);
    byte[] bytes = Files.readAllBytes(dir.resolve(shard));
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(dir.resolve(shard), bytes);
    assertThat(veil("verify", dir.toString(), "--public-key", publicKey())).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  " + shard + ": SHA-256 on disk ").contains("NOT verified: 1 problem(s)");
  }

  @Test
  void aRemovedShardIsNamed() throws Exception {
    Path dir = copy();
    String shard = firstShard(dir);
    Files.delete(dir.resolve(shard));
    assertThat(veil("verify", dir.toString(), "--allow-unsigned")).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  " + shard + ": missing");
  }

  @Test
  void aFileSlippedIntoDataIsNamed() throws Exception {
    Path dir = copy();
    Files.writeString(dir.resolve("data/train-99999-00000.jsonl.zst"), "x");
    assertThat(veil("verify", dir.toString())).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  data/ holds files the manifest does not list: data/train-99999-00000.jsonl.zst");
  }

  @Test
  void anEditedManifestFailsItsSignatureEvenInTheJobsOwnForm() throws Exception {
    Path dir = copy();
    ObjectNode m = (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    ((ObjectNode) m.path("records")).put("output", m.path("records").path("output").asLong() - 1);
    ((ObjectNode) m.path("records").path("dropped")).put("deleted", m.path("records").path("dropped").path("deleted").asLong() + 1);
    Files.write(dir.resolve("manifest.json"), ManifestJson.toBytes(m)); // balanced again, and in canonical form
    assertThat(veil("verify", dir.toString())).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString())
        .contains("FAIL  signature: the signature does not match the manifest")
        .contains("ok    the accounting adds up");
  }

  @Test
  void aLayoutOnlyEditIsStillAnEdit() throws Exception {
    Path dir = copy();
    String text = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("manifest.json"), text.replaceFirst("\n", "\n "));
    assertThat(veil("verify", dir.toString())).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  manifest.json: edited");
  }

  @Test
  void anotherTrustedKeyOrNoSignatureFails() throws Exception {
    assertThat(veil("verify", fresh.toString(), "--public-key", "A".repeat(43) + "=")).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  signature: signed with key ").contains(", not the trusted key ");
    out.getBuffer().setLength(0);

    Path dir = copy();
    ObjectNode m = (ObjectNode) new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    m.remove("signature");
    Files.write(dir.resolve("manifest.json"), ManifestJson.toBytes(m));
    assertThat(veil("verify", dir.toString())).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(out.toString()).contains("FAIL  signature: the manifest is not signed");
    out.getBuffer().setLength(0);
    assertThat(veil("verify", dir.toString(), "--allow-unsigned")).isZero();
  }

  @Test
  void theManifestCarriesTheRootAndTheSignature() throws Exception {
    JsonNode m = Outputs.manifest(fresh);
    assertThat(m.path("integrity").path("root").asText()).hasSize(64);
    assertThat(m.path("integrity").path("leaves").asInt()).isEqualTo(3);
    assertThat(m.path("signature").path("algorithm").asText()).isEqualTo("Ed25519");
    assertThat(m.path("signature").path("public_key").asText()).isEqualTo(publicKey());
  }
}
