package dev.veil.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.cli.VeilCli;
import dev.veil.transforms.deidentify.detect.EntityType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int veil(String... args) {
    return VeilCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void printsAMarkdownTableWithEveryEntityType() {
    assertThat(veil("evaluate", "--docs", "60", "--seed", "4")).isZero();
    String table = out.toString();
    assertThat(table)
        .contains("| type | gold | found | TP | FP | FN | precision | recall |")
        .contains("| **all (micro)** |")
        .contains("60 documents");
    for (EntityType t : EntityType.values()) {
      assertThat(table).containsPattern("(?m)^\\| " + t.name() + " \\| \\d");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsJsonAndWritesTheSet() throws Exception {
    Path dir = tmp.resolve("set");
    assertThat(veil("evaluate", "--docs", "30", "--json", "--write-set", dir.toString())).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.path("documents").asInt()).isEqualTo(30);
    assertThat(report.path("types")).hasSize(EntityType.values().length);
    assertThat(report.path("overall").path("gold").asLong()).isEqualTo(report.path("gold_spans").asLong()).isPositive();
    assertThat(Files.readAllLines(dir.resolve("eval-set.jsonl"))).hasSize(30);
    assertThat(dir.resolve("directory.jsonl")).exists();
    assertThat(dir.resolve("settings.json")).exists();
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(veil("evaluate", "--docs", "0")).isEqualTo(2);
    assertThat(veil("evaluate", "--docs", "many")).isEqualTo(2);
    assertThat(veil("evaluate", "--no-such-option")).isEqualTo(2);
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThat(veil("evaluate", "--docs", "5", "--write-set", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--docs").contains("not a directory");
  }
}
