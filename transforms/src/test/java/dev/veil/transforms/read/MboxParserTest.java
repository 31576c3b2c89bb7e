package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Reasons;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxParserTest {
  final List<ChatMessage> messages = new ArrayList<>();
  final List<Account> accounts = new ArrayList<>();
  final List<String> quarantined = new ArrayList<>();

  @Test
  void readsEncodedHeadersMultipartCharsetsAndThreads() throws Exception {
    byte[] mbox = Files.readAllBytes(TestPipelines.testData("MboxParserTest/list.mbox"));
    new MboxParser(
            "mbox:list",
            new MboxParser.Out() {
              @Override
              public void message(ChatMessage m) {
                messages.add(m);
              }

              @Override
              public void account(Account a) {
                accounts.add(a);
              }

              @Override
              public void quarantine(SourcePointer p, String reason) {
                quarantined.add(p.getIndex() + ":" + reason);
              }
            })
        .parse("lists/list.mbox", mbox);
    assertThat(messages).hasSize(3);
    ChatMessage root = messages.get(0);
    assertThat(root.getSubject()).isEqualTo("Build broken – please help");
    assertThat(root.getUserId()).isEqualTo("mira.simic@example.test");
    assertThat(root.getText()).contains("From the logs it is the linker.").doesNotContain(">From");
    assertThat(root.getFormat()).isEqualTo("mail");
    assertThat(messages).extracting(ChatMessage::getThreadTs).containsOnly("<root-1@mail.example.test>");
    assertThat(messages.get(1).getText()).startsWith("Fixed. Café on me, Mira.").doesNotContain("<p>");
    assertThat(messages.get(2).getText()).isEqualTo("Second reply, unknown charset: été");
    assertThat(accounts).filteredOn(a -> a.getEmail().equals("mira.simic@example.test"))
        .extracting(Account::getRealName).contains("Mira Šimić");
    assertThat(accounts).extracting(Account::getEmail).contains("owen.park@example.test", "team@lists.example.test");
    assertThat(quarantined).containsExactly("3:" + Reasons.INVALID_RECORD);
  }

  @Test
  void splitsOnlyAtFromLinesAfterABlankLine() {
    byte[] mbox = "From a\nSubject: x\n\nbody\nFrom here on, words\n\nFrom b\nSubject: y\n\nz\n".getBytes();
    List<byte[]> found = new ArrayList<>();
    MboxParser.split(mbox, found::add);
    assertThat(found).hasSize(2);
  }
}
