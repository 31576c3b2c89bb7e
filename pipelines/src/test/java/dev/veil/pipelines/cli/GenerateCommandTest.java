package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.generate.CorpusGenerator;
import dev.veil.transforms.audit.LeakScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path tmp;

  int veil(String... args) {
    return VeilCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
    assertThat(veil("generate", "--out", tmp.resolve("a").toString(), "--size", "300KB", "--seed", "7")).isZero();
    assertThat(veil("generate", "--out", tmp.resolve("b").toString(), "--size", "300KB", "--seed", "7")).isZero();
    assertThat(veil("generate", "--out", tmp.resolve("c").toString(), "--size", "300KB", "--seed", "8")).isZero();
    assertThat(Outputs.fileHashes(tmp.resolve("b"))).isEqualTo(Outputs.fileHashes(tmp.resolve("a")));
    assertThat(Outputs.fileHashes(tmp.resolve("c"))).isNotEqualTo(Outputs.fileHashes(tmp.resolve("a")));
    assertThat(Outputs.fileHashes(tmp.resolve("a")))
        .containsKeys("slack/users.json", "jira/search.json", "mbox/eng-list.mbox", CorpusGenerator.TRUTH);
  }

  @Test
  void thePolicyAsksForOneBucketPer128MiBOfInputAndAtLeastEight() throws Exception {
    assertThat(veil("generate", "--out", tmp.resolve("a").toString(), "--size", "300KB", "--seed", "7")).isZero();
    assertThat(Files.readString(tmp.resolve("a/policy.yaml"))).contains("output:\n  buckets: 8\n");
    assertThat(CorpusGenerator.buckets(1L << 30)).isEqualTo(8);
    assertThat(CorpusGenerator.buckets((1L << 30) + 1)).isEqualTo(9);
    assertThat(CorpusGenerator.buckets(4L << 30)).isEqualTo(32);
  }

  @Test
  void typistsAreDeterministicAndEachSessionIsAnOwnedRecorderFolder() throws Exception {
    assertThat(veil("generate", "--out", tmp.resolve("a").toString(), "--typists", "3", "--sessions", "2")).isZero();
    assertThat(veil("generate", "--out", tmp.resolve("b").toString(), "--typists", "3", "--sessions", "2")).isZero();
    assertThat(veil("generate", "--out", tmp.resolve("c").toString(), "--typists", "3", "--seed", "2")).isZero();
    assertThat(Outputs.fileHashes(tmp.resolve("b"))).isEqualTo(Outputs.fileHashes(tmp.resolve("a")));
    assertThat(Outputs.fileHashes(tmp.resolve("c"))).isNotEqualTo(Outputs.fileHashes(tmp.resolve("a")));
    try (java.util.stream.Stream<Path> s = Files.list(tmp.resolve("a/capture"))) {
      List<Path> sessions = s.toList();
      assertThat(sessions).hasSize(6);
      assertThat(sessions)
          .allSatisfy(d -> assertThat(dev.veil.transforms.read.CaptureSession.ownerInFolder(d.toString())).isNotNull());
    }
    assertThat(veil("generate", "--out", tmp.resolve("d").toString(), "--typists", "3", "--size", "1MB")).isEqualTo(2);
    assertThat(veil("generate", "--out", tmp.resolve("e").toString(), "--typists", "0")).isEqualTo(2);
  }

  @Test
  void refusesANonEmptyDirectoryAndABadSize() throws Exception {
    Files.writeString(tmp.resolve("x"), "x");
    assertThat(veil("generate", "--out", tmp.toString(), "--size", "1MB")).isEqualTo(2);
    assertThat(veil("generate", "--out", tmp.resolve("n").toString(), "--size", "lots")).isEqualTo(2);
  }

  /**
   * The generated corpus runs end to end, and no planted name, e-mail, directory phone, employee id or password-field
   * input survives.
   */
  @Test
  void theJobRunsOnTheCorpusAndNoPlantedPersonEmailOrPasswordSurvives() throws Exception {
    Path corpus = tmp.resolve("corpus");
    new CorpusGenerator(corpus, 400_000, 3).generate();
    Set<String> handled = new TreeSet<>();
    for (String line : Files.readAllLines(corpus.resolve(CorpusGenerator.TRUTH), StandardCharsets.UTF_8)) {
      JsonNode g = new ObjectMapper().readTree(line);
      String kind = g.path("kind").asText();
      // Directory phones are scrubbed thanks to the HR list in the generated policy.
      if (Set.of("person", "email", "password", "phone", "employee_id").contains(kind)) {
        handled.add(g.path("value").asText());
      }
    }
    assertThat(handled).hasSizeGreaterThan(20);
    Path out =
        Outputs.run(
            corpus.resolve("policy.yaml"),
            List.of(
                "slack=" + corpus.resolve("slack"),
                "jira=" + corpus.resolve("jira"),
                "mbox=" + corpus.resolve("mbox"),
                "capture=" + corpus.resolve("capture")),
            tmp.resolve("out"),
            false);
    JsonNode m = Outputs.manifest(out);
    assertThat(m.path("records").path("balanced").asBoolean()).isTrue();
    assertThat(m.path("records").path("dropped").path("recorder_hotkey").asLong()).isPositive();
    // The released output (restricted/ holds pointers, which may name people by design).
    assertThat(new LeakScan(List.copyOf(handled)).scanOutput(out, false)).isEmpty();
  }
}
