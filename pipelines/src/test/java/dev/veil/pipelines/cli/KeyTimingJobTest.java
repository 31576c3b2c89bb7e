package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.pipelines.evaluate.TypingData;
import dev.veil.pipelines.evaluate.TypingRisk;
import dev.veil.pipelines.generate.TypistGenerator;
import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.write.ShardFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture.key_timing} end to end, on 12 synthetic typists × 4 sessions (and one extra session that logs in
 * through a password field): the default output carries no per-key time, {@code resample} output does and the typing
 * attacker is at chance on it, while on the raw sessions it is far above.
 */
class KeyTimingJobTest {
  @TempDir static Path tmp;
  static Path data;
  static Path none;
  static Path resample;

  @BeforeAll
  static void generateAndRun() throws Exception {
    data = tmp.resolve("t");
    new TypistGenerator(data, 12, 4, 7).generate();
    writeLoginSession(data.resolve("capture/20240306090000_typist-900@typists.example_0badc0de"));
    Path policy = data.resolve("policy.yaml");
    Path resamplePolicy = data.resolve("policy-resample.yaml");
    Files.writeString(resamplePolicy, Files.readString(policy) + "capture:\n  key_timing: resample\n");
    List<String> inputs = List.of("capture=" + data.resolve("capture"));
    none = Outputs.run(policy, inputs, tmp.resolve("none"), false);
    resample = Outputs.run(resamplePolicy, inputs, tmp.resolve("resample"), false);
  }

  /** A session typing a user name, then a password into a field the element tree marks as one, then enter. */
  private static void writeLoginSession(Path folder) throws IOException {
    Files.createDirectories(folder);
    StringBuilder events = new StringBuilder();
    StringBuilder elements = new StringBuilder();
    double[] t = {100.0};
    int[] idx = {0};
    Runnable tick = () -> t[0] += 0.12;
    java.util.function.BiConsumer<String, String> key =
        (action, name) -> {
          tick.run();
          events.append(
              String.format(
                  java.util.Locale.ROOT,
                  "{\"time_stamp\": %.3f, \"action\": \"%s\", \"name\": \"%s\", \"event_idx\": %d}%n",
                  t[0], action, name, idx[0]++));
        };
    java.util.function.BiConsumer<String, Boolean> clickInto =
        (field, password) -> {
          for (boolean pressed : new boolean[] {true, false}) {
            tick.run();
            events.append(
                String.format(
                    java.util.Locale.ROOT,
                    "{\"time_stamp\": %.3f, \"action\": \"click\", \"x\": 400, \"y\": 300, \"button\": \"left\","
                        + " \"pressed\": %s, \"event_idx\": %d}%n",
                    t[0], pressed, idx[0]++));
          }
          elements.append(
              String.format(
                  java.util.Locale.ROOT,
                  "{\"time_stamp\": %.3f, \"a11y_tree\": {\"Name\": \"%s\", \"ControlType\": \"EditControl\","
                      + " \"IsPassword\": %s}}%n",
                  t[0], field, password));
        };
    clickInto.accept("User name", false);
    for (char c : "operator".toCharArray()) {
      key.accept("press", String.valueOf(c));
      key.accept("release", String.valueOf(c));
    }
    clickInto.accept("Password", true);
    for (char c : "zq7vw9kx".toCharArray()) {
      key.accept("press", String.valueOf(c));
      key.accept("release", String.valueOf(c));
    }
    key.accept("press", "enter");
    key.accept("release", "enter");
    Files.writeString(folder.resolve("events.jsonl"), events.toString(), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("element.jsonl"), elements.toString(), StandardCharsets.UTF_8);
  }

  /** The text of every episode example of an output. */
  private static List<String> episodes(Path out) throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> shards = Files.list(out.resolve("data"))) {
      for (Path shard : shards.sorted().toList()) {
        for (ReleasedExample e :
            ShardFormat.ofFile(shard.getFileName().toString()).decode(Files.readAllBytes(shard))) {
          if (e.getKind().equals("episode")) {
            texts.add(e.getText());
          }
        }
      }
    }
    return texts;
  }

  private static TypingRisk.Result attack(Path dir, String option) throws IOException {
    return TypingRisk.run(TypingData.read(dir), List.of(option), 1).results().get(0);
  }

  @Test
  void theDefaultOutputHasNoPerKeyTimeAndLeavesNothingToAttack() throws Exception {
    List<String> texts = episodes(none);
    assertThat(texts).hasSize(49);
    assertThat(texts).noneMatch(t -> t.contains("keys_ms="));
    TypingData.Data out = TypingData.read(none);
    assertThat(out.keystrokes()).isPositive();
    assertThat(out.timedKeystrokes()).isZero();
    assertThat(attack(none, "raw").nothingToAttack()).isTrue();
    assertThat(Outputs.manifest(none).path("capture_key_timing").asText()).isEqualTo("none");
  }

  @Test
  void rawSessionsAreFarAboveChance() throws Exception {
    TypingRisk.Result raw = attack(data.resolve("capture"), "raw");
    assertThat(raw.people()).isEqualTo(12);
    assertThat(raw.ratio()).isGreaterThan(5);
  }

  @Test
  void resampledOutputCarriesPerKeyTimesAndTheAttackerIsAtChance() throws Exception {
    TypingData.Data out = TypingData.read(resample);
    // Nearly every typed character is timed (not the first key of an auto-repeat, never secret input).
    assertThat(out.timedKeystrokes()).isGreaterThan(out.keystrokes() * 9 / 10);
    TypingRisk.Result r = attack(resample, "raw");
    assertThat(r.people()).isEqualTo(12);
    assertThat(r.features()).isPositive();
    assertThat(r.ratio()).isLessThanOrEqualTo(2.0);
    assertThat(Outputs.manifest(resample).path("capture_key_timing").asText()).isEqualTo("resample");
  }

  @Test
  void passwordFieldKeystrokesNeverGetTiming() throws Exception {
    List<String> login =
        episodes(resample).stream().filter(t -> t.contains("<SECRET>")).toList();
    assertThat(login).hasSize(1);
    List<String> typed = login.get(0).lines().filter(l -> l.startsWith("type(")).toList();
    assertThat(typed).hasSize(2);
    assertThat(typed.get(0)).startsWith("type(text=\"operator\", keys_ms=[");
    assertThat(typed.get(1)).isEqualTo("type(text=\"<SECRET>\")");
    assertThat(String.join("\n", episodes(resample))).doesNotContain("zq7vw9kx");
  }
}
