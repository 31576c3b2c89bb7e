package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.Runners;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.common.Hashes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the job as the command line does, and reads back what it wrote, for assertions. */
final class Outputs {
  private Outputs() {}

  /**
   * Runs the job on the Direct runner (strict checks on) with the demo policy (its key, one license for every input,
   * no k-anonymity bar) into {@code tmp/out}; fails the test unless the run succeeds. Returns the output directory.
   */
  static Path runAll(Path tmp, List<String> inputs) throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        withoutKAnonymity(Files.readString(TestData.path("demo/policy.yaml")))
            .replace("file: demo.key", "file: " + TestData.path("demo/demo.key"))
            .replace("input: \"slack:*\"", "input: \"*\""));
    return run(policy, inputs, tmp.resolve("out"), true);
  }

  /**
   * The demo policy's text without its {@code k_anonymity} block: tests of other stages run on inputs with fewer
   * conversations than its k (the k-anonymity tests and the demo itself cover it).
   */
  static String withoutKAnonymity(String policy) {
    return policy.replaceAll("(?ms)^k_anonymity:.*?(?=^\\S)", "");
  }

  /**
   * Runs the job with this policy on the Direct runner; {@code strict} turns on its immutability and encodability
   * checks (they slow larger inputs down several times). Fails the test unless the run succeeds.
   */
  static Path run(Path policy, List<String> inputs, Path out, boolean strict) throws Exception {
    JobSpec spec = JobLauncher.prepare(policy, inputs, out, false);
    StringWriter log = new StringWriter();
    int status =
        JobLauncher.execute(
            spec, Runners.direct(2, strict), "direct", 2, false, new PrintWriter(log), new PrintWriter(log));
    assertThat(status).as(log.toString()).isZero();
    return out;
  }

  static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  /** The manifest without its {@code run} object: the part that must be byte-identical across runs. */
  static String deterministicManifest(Path out) throws IOException {
    ObjectNode m = (ObjectNode) manifest(out);
    m.remove("run");
    return m.toString();
  }

  /** SHA-256 of every file under the output directory except the manifest (which carries the run record). */
  static Map<String, String> fileHashes(Path out) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(f).toString();
        if (!rel.equals("manifest.json")) {
          hashes.put(rel, Hashes.sha256Hex(Files.readAllBytes(f)));
        }
      }
    }
    return hashes;
  }
}
