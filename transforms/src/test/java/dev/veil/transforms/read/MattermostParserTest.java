package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Reasons;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MattermostParserTest {
  final List<ChatMessage> messages = new ArrayList<>();
  final List<Account> accounts = new ArrayList<>();
  final List<SlackChannel> channels = new ArrayList<>();
  final List<String> quarantined = new ArrayList<>();

  @Test
  void readsUsersChannelsPostsRepliesAndDirectPosts() throws Exception {
    String jsonl = Files.readString(TestPipelines.testData("ReadMattermostExportTest/export.jsonl"));
    new MattermostParser(
            "mattermost:export",
            new MattermostParser.Out() {
              @Override
              public void message(ChatMessage m) {
                messages.add(m);
              }

              @Override
              public void account(Account a) {
                accounts.add(a);
              }

              @Override
              public void channel(SlackChannel c) {
                channels.add(c);
              }

              @Override
              public void quarantine(SourcePointer p, String reason) {
                quarantined.add(p.getIndex() + ":" + reason);
              }
            })
        .parse("export.jsonl", jsonl);
    assertThat(accounts).extracting(Account::getAccountId).containsExactly("lena.k", "arjun");
    assertThat(accounts.get(0).getRealName()).isEqualTo("Lena Kowalczyk");
    assertThat(accounts.get(0).getEmail()).isEqualTo("lena.kowalczyk@acme.test");
    assertThat(channels).extracting(SlackChannel::getFolder).containsExactly("acme/town-square", "dm:arjun,lena.k");
    assertThat(channels.get(1).getKind()).isEqualTo(ChannelKind.DM);
    assertThat(messages).extracting(ChatMessage::getUserId).containsExactly("lena.k", "arjun", "lena.k", "arjun");
    assertThat(messages).extracting(ChatMessage::getThreadTs)
        .containsExactly("1700000000000", "1700000000000", "1700000000000", null);
    assertThat(messages).extracting(ChatMessage::getTs).doesNotHaveDuplicates();
    assertThat(messages.get(3).getChannelFolder()).isEqualTo("dm:arjun,lena.k");
    assertThat(messages).extracting(ChatMessage::getFormat).containsOnly("markdown");
    assertThat(quarantined)
        .containsExactly("8:" + Reasons.INVALID_RECORD, "9:" + Reasons.UNEXPECTED_STRUCTURE, "10:" + Reasons.INVALID_JSON);
  }
}
