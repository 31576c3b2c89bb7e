package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One person, one pseudonym: the same e-mail in a Slack export, a Jira export and a computer-use recording is the same
 * person in all three outputs; and what was typed into a password field is nowhere in the output.
 */
class CrossSourceTest {
  static final Path DATA = TestData.path("CrossSourceTest");
  @TempDir Path tmp;

  @Test
  void aPersonInSlackJiraAndARecordingHasOnePseudonym() throws Exception {
    Path out =
        Outputs.runAll(
            tmp,
            List.of(
                "slack=" + DATA.resolve("slack-export"),
                "jira=" + DATA.resolve("jira"),
                "capture=" + DATA.resolve("captures")));

    List<JsonNode> examples = examples(out);
    assertThat(examples)
        .extracting(e -> e.path("kind").asText())
        .containsExactlyInAnyOrder("conversation", "ticket", "episode");
    String slackSpeaker = speakers(examples, "conversation").get(0);
    assertThat(slackSpeaker).matches("person_[0-9a-f]{12}");
    // The Jira reporter, and the name in the ticket text, are the same pseudonym as the Slack author.
    assertThat(speakers(examples, "ticket")).containsOnly(slackSpeaker);
    String ticket = examples.stream().filter(e -> e.path("kind").asText().equals("ticket")).findFirst().orElseThrow()
        .path("text").asText();
    assertThat(ticket).contains("Reported from Slack by " + slackSpeaker + ".");
    assertThat(ticket).doesNotContain("OPS-101");
    JsonNode episode =
        examples.stream().filter(e -> e.path("kind").asText().equals("episode")).findFirst().orElseThrow();
    assertThat(episode.path("meta").path("operator").asText()).isEqualTo(slackSpeaker);
    assertThat(episode.path("text").asText())
        .contains("Task: Sign in to the intranet as " + slackSpeaker)
        .contains("type(text=\"<SECRET>\")")
        .contains("type(text=\"" + slackSpeaker + "\")");
    // The password, in any case and in part, and the machine's identity: nowhere, restricted area included.
    assertThat(new LeakScan(List.of("Hunter2!Secret", "Hunter2", "PRIYA-LAPTOP", "ThinkPad")).scan(out))
        .isEmpty();
    // Priya's forms: in no released file (the restricted lineage index points at her recording's folder, by design).
    assertThat(
            new LeakScan(List.of("Priya Nandakumar", "priya.nandakumar@example.test", "Priya", "U0PRIYA", "priya.n"))
        .scanOutput(out, false)).isEmpty();
    assertThat(Outputs.manifest(out).path("records").path("balanced").asBoolean()).isTrue();
  }

  private static List<String> speakers(List<JsonNode> examples, String kind) {
    Pattern turn = Pattern.compile("(?m)^(person_[0-9a-f]{12})[ :]");
    List<String> found = new ArrayList<>();
    for (JsonNode e : examples) {
      if (e.path("kind").asText().equals(kind)) {
        Matcher m = turn.matcher(e.path("text").asText());
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  static List<JsonNode> examples(Path out) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve("data"))) {
      for (Path f : files.sorted().toList()) {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(f))) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
              all.add(new ObjectMapper().readTree(line));
            }
          }
        }
      }
    }
    return all;
  }
}
