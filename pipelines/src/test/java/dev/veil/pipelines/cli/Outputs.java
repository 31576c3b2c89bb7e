package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.common.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads back what a run wrote, for assertions. */
final class Outputs {
  private Outputs() {}

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
