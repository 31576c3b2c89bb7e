package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.generate.TypistGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  int veil(String... args) {
    return VeilCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void rawSessionsAreAttackableAndTheReportNamesNoOne() throws Exception {
    new TypistGenerator(tmp.resolve("t"), 8, 3, 2).generate();
    assertThat(veil("risk", "typing", tmp.resolve("t/capture").toString(), "--all")).isZero();
    String report = out.toString();
    assertThat(report).contains("| raw | 8 |", "| resample | 8 |", "drop: no timing features: nothing to attack.");
    assertThat(report).doesNotContain("@").doesNotContain("typist-");
  }

  /** The job's default policy releases no per-key time: every option finds nothing to attack in its output. */
  @Test
  void theDefaultPolicysOutputLeavesNothingToAttack() throws Exception {
    Path data = tmp.resolve("t");
    new TypistGenerator(data, 4, 2, 3).generate();
    Path output =
        Outputs.run(data.resolve("policy.yaml"), List.of("capture=" + data.resolve("capture")), tmp.resolve("out"), false);
    assertThat(veil("risk", "typing", output.toString(), "--all", "--json")).as(err.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.path("data").asText()).isEqualTo("Veil output");
    assertThat(report.path("people").asInt()).isEqualTo(4);
    assertThat(report.path("keystrokes").asLong()).isPositive();
    assertThat(report.path("timed_keystrokes").asLong()).isZero();
    assertThat(report.path("results")).hasSize(7);
    for (JsonNode r : report.path("results")) {
      assertThat(r.path("nothing_to_attack").asBoolean()).as(r.path("option").asText()).isTrue();
      assertThat(r.path("top1_accuracy").asDouble()).isEqualTo(0.25);
    }
  }

  @Test
  void usageErrors() throws Exception {
    new TypistGenerator(tmp.resolve("t"), 2, 2, 1).generate();
    assertThat(veil("risk", "typing", tmp.resolve("missing").toString())).isEqualTo(2);
    assertThat(veil("risk", "typing", tmp.resolve("t/capture").toString(), "--option", "jitter")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option 'jitter'");
    assertThat(veil("risk")).isEqualTo(2);
    Files.writeString(tmp.resolve("f"), "x");
    assertThat(veil("risk", "typing", tmp.resolve("f").toString())).isEqualTo(2);
  }
}
