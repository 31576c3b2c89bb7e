package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.TestData;
import dev.veil.transforms.audit.LeakScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's operators, end to end: an outsider's e-mail address gets one realistic surrogate in Slack and in Jira,
 * the same on a second run and a different one under another key; a card number is tokenized and comes back through
 * {@code veil detokenize}; records holding an SSN are dropped and counted; the accounting balances.
 */
class OperatorsTest {
  static final Path DATA = TestData.path("OperatorsTest");
  static final String OPERATORS =
      "operators:\n"
          + "  EMAIL: {operator: pseudonymize, style: surrogate}\n"
          + "  PHONE: {operator: tokenize, method: ff1}\n"
          + "  CARD: tokenize\n"
          + "  US_SSN: drop\n";
  static final Pattern SURROGATE_MAIL = Pattern.compile("[a-z]+\\.[a-z]+@example\\.(?:com|org|net)");
  @TempDir Path tmp;

  private Path policy(String name, Path key) throws Exception {
    Path policy = tmp.resolve(name + ".yaml");
    Files.writeString(
        policy,
        Outputs.withoutKAnonymity(Files.readString(TestData.path("demo/policy.yaml")))
            .replace("file: demo.key", "file: " + key.toAbsolutePath())
            .replace("input: \"slack:*\"", "input: \"*\"")
            .replace("output:", OPERATORS + "output:"));
    return policy;
  }

  private Path run(Path policy, String out) throws Exception {
    return Outputs.run(
        policy,
        List.of("slack=" + DATA.resolve("slack-export"), "jira=" + DATA.resolve("jira")),
        tmp.resolve(out),
        true);
  }

  @Test
  void operatorsApplyAcrossSourcesDeterministicallyAndReversibly() throws Exception {
    Path demoKey = TestData.path("demo/demo.key");
    Path first = run(policy("a", demoKey), "first");

    List<JsonNode> examples = examples(first);
    String conversation = text(examples, "conversation");
    String ticket = text(examples, "ticket");
    Matcher m = SURROGATE_MAIL.matcher(conversation);
    assertThat(m.find()).as(conversation).isTrue();
    String surrogate = m.group();
    assertThat(ticket).contains("Escalated by " + surrogate + " about the refund.");
    assertThat(conversation).containsPattern("call her at \\(\\d{3}\\) \\d{3}-\\d{4}").contains("[CARD:");
    assertThat(new LeakScan(List.of("carol.diaz@outside.test", "carol.diaz", "555-2671", "4111 1111 1111 1111", "219-09-9999"))
        .scan(first)).isEmpty();

    JsonNode manifest = Outputs.manifest(first);
    assertThat(manifest.path("records").path("dropped").path("contains_us_ssn").asLong()).isEqualTo(2);
    assertThat(manifest.path("records").path("balanced").asBoolean()).isTrue();
    assertThat(manifest.path("detection").path("operators").path("CARD").asText()).isEqualTo("tokenize/siv");
    assertThat(manifest.path("tokenization_key_id").asText()).isEqualTo(manifest.path("key_id").asText());
    JsonNode convo = examples.stream().filter(e -> e.path("kind").asText().equals("conversation")).findFirst().orElseThrow();
    assertThat(convo.path("entities").path("EMAIL").asLong()).isEqualTo(1);
    assertThat(convo.path("entities").path("CARD").asLong()).isEqualTo(1);
    assertThat(convo.path("entities").path("PHONE").asLong()).isEqualTo(1);

    // Same inputs, policy and key: byte-identical output. Another key: another surrogate.
    Path again = run(policy("b", demoKey), "again");
    assertThat(Outputs.fileHashes(again)).isEqualTo(Outputs.fileHashes(first));
    Path otherKey = tmp.resolve("other.key");
    Files.writeString(otherKey, "ab".repeat(32));
    Path other = run(policy("c", otherKey), "other");
    assertThat(text(examples(other), "ticket")).doesNotContain(surrogate).containsPattern(SURROGATE_MAIL);

    // The tokenized card number comes back for the holder of the key.
    Path shardText = tmp.resolve("conversation.txt");
    Files.writeString(shardText, conversation.replace('\n', ' ') + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            VeilCli.execute(
                new PrintWriter(out, true), new PrintWriter(err, true),
                "detokenize", "--policy", tmp.resolve("a.yaml").toString(), shardText.toString()))
        .isZero();
    assertThat(out.toString()).contains("Card on file is 4111 1111 1111 1111 for the refund.");
    assertThat(err.toString()).contains("restored 1 token(s)");
  }

  private static String text(List<JsonNode> examples, String kind) {
    return examples.stream()
        .filter(e -> e.path("kind").asText().equals(kind))
        .map(e -> e.path("text").asText())
        .reduce("", (a, b) -> a + "\n" + b);
  }

  private static List<JsonNode> examples(Path out) throws Exception {
    return CrossSourceTest.examples(out);
  }
}
