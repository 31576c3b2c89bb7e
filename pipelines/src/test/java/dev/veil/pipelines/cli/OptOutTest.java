package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-outs, retention and license acceptance, end to end, on a synthetic workspace (test-data/OptOutTest): Dana is
 * opted out by her e-mail address alone, and her Slack messages, the Jira ticket she reported, her comment on another
 * ticket and her recording are gone; her name, handle, display name, e-mail and account id are nowhere under the
 * output directory (shards decompressed, manifest, quarantine file); an opted-out channel, project and session and
 * content older than the retention window are gone too; the accounting adds up with the new reasons.
 */
class OptOutTest {
  static final Path DATA = TestData.path("OptOutTest");
  @TempDir Path tmp;

  static final String POLICY =
      """
      veil_policy: 1
      version: "optout-test-1"
      pseudonymization:
        key:
          file: KEY
      licenses:
        - input: "slack:*"
          channel: "oss-*"
          license: CC-BY-4.0
        - input: "jira:*"
          project: "ENG"
          license: LicenseRef-Acme-Eng
        - input: "*"
          license: LicenseRef-Acme-Internal
      license_order: [CC-BY-4.0, LicenseRef-Acme-Internal, LicenseRef-Acme-Eng]
      OPT_OUT
      output:
        shards: 2
      ACCEPT
      """;

  static final String OPT_OUT =
      """
      opt_out:
        people: [dana.whitfield@example.test]
        channels: ["#skunkworks"]
        projects: [HR]
        sessions: [20250602100000_lena.park@example.test_bbbb2222]
      retention:
        max_age_days: 731
        as_of: 2026-01-01
      """;

  /** The fixture's policy text with the demo key, these opt-outs (empty: none) and this accept block. */
  static String policy(String optOut, String accept) {
    return POLICY
        .replace("KEY", TestData.path("demo/demo.key").toString())
        .replace("OPT_OUT\n", optOut)
        .replace("ACCEPT\n", accept);
  }

  /** Words planted in content that must be excluded, one per excluded record group. */
  static final List<String> EXCLUDED_CONTENT =
      List.of(
          "quasar", // Dana's message and the ticket she reported
          "ghostwire", // Dana's comment on Omar's ticket
          "comet", // Dana's recording
          "zephyr", // #skunkworks
          "tundra", // project HR
          "aurora", // Lena's opted-out session
          "nebula", // 2023 message: before the window
          "obelisk", // 2022 ticket
          "pulsar"); // 2022 recording

  /** Every form of Dana the inputs hold, and the opted-out channel's name and id. */
  static final List<String> DANA =
      List.of(
          "Dana Whitfield", "Dana", "Whitfield", "Dana W", "danaw", "dana.whitfield@example.test", "U0DANA",
          "skunkworks", "C0SKUNK");

  private Path run(String optOut, String accept) throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(
        policy,
        policy(optOut, accept));
    Path out = tmp.resolve("out");
    return Outputs.run(
        policy,
        List.of(
            "slack=" + DATA.resolve("slack-export"),
            "jira=" + DATA.resolve("jira"),
            "capture=" + DATA.resolve("captures")),
        out,
        true);
  }

  @Test
  void optedOutPeopleChannelsProjectsSessionsAndOldContentAreGoneAndNeverNamed() throws Exception {
    Path out = run(OPT_OUT, "");
    List<JsonNode> examples = CrossSourceTest.examples(out);
    String all = examples.toString();

    for (String word : EXCLUDED_CONTENT) {
      assertThat(all).as(word).doesNotContain(word);
    }
    // Under the output directory, restricted area and manifest included, no form of Dana and no opted-out channel.
    assertThat(new LeakScan(DANA).scan(out)).isEmpty();

    Map<String, String> licenseByText = new TreeMap<>();
    examples.forEach(e -> licenseByText.put(e.path("text").asText(), e.path("license").asText()));
    assertThat(examples)
        .extracting(e -> e.path("kind").asText())
        .containsExactlyInAnyOrder("conversation", "conversation", "ticket", "episode");
    JsonNode eng = only(examples, "signed off");
    // Mentions of Dana in other people's text are a generic placeholder, never her pseudonym.
    assertThat(eng.path("text").asText())
        .contains("Thanks @[PERSON]! [PERSON] signed off; mail [PERSON] or ping [PERSON] if it breaks.")
        .contains("[PERSON] says it is fine.")
        .contains("Details are in #channel, ask [PERSON].");
    assertThat(eng.path("license").asText()).isEqualTo("LicenseRef-Acme-Internal");
    assertThat(only(examples, "open linter").path("license").asText()).isEqualTo("CC-BY-4.0");
    JsonNode ticket = only(examples, "Flaky integration test");
    assertThat(ticket.path("license").asText()).isEqualTo("LicenseRef-Acme-Eng");
    assertThat(ticket.path("text").asText()).contains("[PERSON] knows the history").contains("[PERSON] had seen it");
    assertThat(ticket.path("meta").path("comments").asLong()).isEqualTo(1);
    assertThat(ticket.path("meta").path("participants").asLong()).isEqualTo(2); // reporter and commenter, no assignee
    JsonNode episode = only(examples, "build logs");
    assertThat(episode.path("text").asText()).contains("Task: Ask [PERSON] for the build logs");
    assertThat(episode.path("license").asText()).isEqualTo("LicenseRef-Acme-Internal");
    // Only Omar's and Lena's pseudonyms appear: Dana has none anywhere in the output.
    assertThat(pseudonyms(all)).hasSize(2);

    JsonNode records = Outputs.manifest(out).path("records");
    assertThat(records.path("dropped").path("opted_out_person").asLong()).isEqualTo(1 + 1 + 7);
    assertThat(records.path("dropped").path("opted_out_channel").asLong()).isEqualTo(2);
    assertThat(records.path("dropped").path("opted_out_project").asLong()).isEqualTo(1);
    assertThat(records.path("dropped").path("opted_out_session").asLong()).isEqualTo(7);
    assertThat(records.path("dropped").path("retention").asLong()).isEqualTo(1 + 1 + 7);
    assertThat(records.path("quarantined").path("invalid_json").asLong()).isEqualTo(2);
    assertThat(records.path("output").asLong()).isEqualTo(2 + 1 + 1 + 7);
    assertThat(records.path("input").asLong()).isEqualTo(7 + 4 + 28 + 2);
    assertThat(records.path("balanced").asBoolean()).isTrue();
    // The two quarantined units (a group-message folder and Dana's recording) are there, their paths withheld.
    String quarantine = Files.readString(out.resolve("restricted/quarantine/quarantine.jsonl"));
    assertThat(quarantine.lines()).hasSize(2).allMatch(l -> l.contains("[withheld]"));
    // The manifest records what was configured by size only.
    JsonNode exclusion = Outputs.manifest(out).path("exclusion");
    assertThat(exclusion.path("opt_out").path("people").asInt()).isEqualTo(1);
    assertThat(exclusion.path("retention").path("as_of").asText()).isEqualTo("2026-01-01");
  }

  /** The control: the same inputs without opt-outs carry everything the test above expects gone. */
  @Test
  void withoutOptOutsTheSameInputsCarryTheExcludedContent() throws Exception {
    Path out = run("", "");
    String all = CrossSourceTest.examples(out).toString();
    for (String word : EXCLUDED_CONTENT) {
      assertThat(all).as(word).contains(word);
    }
    assertThat(pseudonyms(all)).hasSize(3);
    assertThat(all).contains("Details are in #skunkworks");
    // Unwithheld, the quarantine pointers name Dana (her handle, her e-mail).
    assertThat(new LeakScan(List.of("danaw", "dana.whitfield@example.test")).scan(out.resolve("restricted/quarantine")))
        .hasSize(2);
    JsonNode records = Outputs.manifest(out).path("records");
    assertThat(records.path("dropped").has("opted_out_person")).isFalse();
    assertThat(records.path("balanced").asBoolean()).isTrue();
  }

  @Test
  void examplesUnderLicensesTheOutputDoesNotAcceptAreCountedAndLeftOut() throws Exception {
    Path out = run(OPT_OUT, "  accept_licenses: [CC-BY-4.0]\n");
    List<JsonNode> examples = CrossSourceTest.examples(out);
    assertThat(examples).hasSize(1);
    assertThat(examples.get(0).path("license").asText()).isEqualTo("CC-BY-4.0");
    assertThat(examples.get(0).path("text").asText()).contains("open linter");
    JsonNode m = Outputs.manifest(out);
    JsonNode records = m.path("records");
    assertThat(records.path("dropped").path("license_not_accepted").asLong()).isEqualTo(2 + 1 + 7);
    assertThat(records.path("output").asLong()).isEqualTo(1);
    assertThat(records.path("balanced").asBoolean()).isTrue();
    assertThat(m.path("output").path("accept_licenses").toString()).isEqualTo("[\"CC-BY-4.0\"]");
    assertThat(m.path("license_order").size()).isEqualTo(3);
  }

  private static JsonNode only(List<JsonNode> examples, String containing) {
    List<JsonNode> found = examples.stream().filter(e -> e.path("text").asText().contains(containing)).toList();
    assertThat(found).as(containing).hasSize(1);
    return found.get(0);
  }

  private static TreeSet<String> pseudonyms(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("person_[0-9a-f]{12}").matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
