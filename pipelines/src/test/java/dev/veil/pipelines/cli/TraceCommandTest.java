package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.veil.pipelines.TestData;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record-level lineage: every example written has exactly one line in the restricted lineage index, in the file of its
 * bucket, whose pointers are its messages; {@code veil trace ID} prints them; the index is listed (with hashes) among
 * the manifest's restricted files.
 */
class TraceCommandTest {
  @TempDir Path tmp;

  @Test
  void everyExampleIsTracedToItsMessages() throws Exception {
    Path out = Outputs.runAll(tmp, List.of("slack=" + TestData.path("demo/acme-export")));
    List<JsonNode> examples = CrossSourceTest.examples(out);
    Map<String, JsonNode> lineage = new HashMap<>();
    try (Stream<Path> files = Files.list(out.resolve("restricted/lineage"))) {
      for (Path f : files.sorted().toList()) {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(f))) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
              JsonNode n = new ObjectMapper().readTree(line);
              assertThat(lineage.put(n.path("id").asText(), n)).isNull();
              assertThat(f.getFileName().toString()).isEqualTo(n.path("bucket").asText() + ".jsonl.zst");
            }
          }
        }
      }
    }
    assertThat(lineage.keySet()).hasSize(examples.size());
    long pointers = 0;
    for (JsonNode e : examples) {
      JsonNode l = lineage.get(e.path("id").asText());
      assertThat(l).as(e.path("id").asText()).isNotNull();
      pointers += l.path("pointers").size();
      assertThat(l.path("pointers").get(0).path("source").asText()).isEqualTo("slack:acme-export");
    }
    // Slack only: one pointer per message, and the messages written are the records output.
    assertThat(pointers).isEqualTo(Outputs.manifest(out).path("records").path("output").asLong());
    assertThat(Outputs.manifest(out).path("restricted_files").toString()).contains("restricted/lineage/train-00000.jsonl.zst");

    String id = examples.get(0).path("id").asText();
    StringWriter o = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        VeilCli.execute(new PrintWriter(o, true), new PrintWriter(err, true), "trace", id, "--output", out.toString());
    assertThat(status).as(err.toString()).isZero();
    assertThat(o.toString()).startsWith(id + " (shards data/").contains("  slack:acme-export  ").contains("  #");
    status = VeilCli.execute(new PrintWriter(o, true), new PrintWriter(err, true), "trace", "nope", "--output", out.toString());
    assertThat(status).isEqualTo(VeilCli.JOB_FAILED);
    assertThat(err.toString()).contains("no example nope");
  }
}
