package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.Account;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackParserTest {
  static final class Collect<T> implements SlackParser.Receiver<T> {
    final List<T> records = new ArrayList<>();
    final List<String> quarantined = new ArrayList<>();

    @Override
    public void record(T record) {
      records.add(record);
    }

    @Override
    public void quarantine(SourcePointer pointer, String reason) {
      quarantined.add(pointer.getFile() + "#" + pointer.getIndex() + ":" + reason);
    }
  }

  private final SlackParser parser = new SlackParser("slack:test");

  @ParameterizedTest
  @CsvSource({
    "1433558207.760577, 1433558207760577",
    "1433558207.7, 1433558207700000",
    "1433558207, 1433558207000000",
    "1704189720.0003, 1704189720000300"
  })
  void readsSlackTimestampsAsMicroseconds(String ts, long micros) {
    assertThat(SlackParser.tsMicros(ts)).contains(micros);
  }

  @ParameterizedTest
  @CsvSource({"'', ", "abc, ", "1.2.3, ", "1433558207.1234567, ", "-5.0, "})
  void rejectsMalformedTimestamps(String ts, String ignored) {
    assertThat(SlackParser.tsMicros(ts)).isEqualTo(Optional.empty());
  }

  @Test
  void acceptsStringAndNumericFieldsAndKeepsThreads() {
    Collect<ChatMessage> out = new Collect<>();
    parser.parseDayFile(
        "general/2024-01-02.json",
        "[{\"user\":\"U1\",\"text\":\"a\",\"ts\":\"1704189660.000200\",\"thread_ts\":\"1704189660.000200\"},"
            + "{\"user\":\"U2\",\"text\":\"b\",\"ts\":1704189720.0003,\"thread_ts\":1704189660.0002}]",
        out);
    assertThat(out.quarantined).isEmpty();
    assertThat(out.records).extracting(ChatMessage::getTsMicros).containsExactly(1704189660000200L, 1704189720000300L);
    assertThat(out.records).extracting(ChatMessage::getThreadTs).containsExactly("1704189660.000200", "1704189660.0002");
    assertThat(out.records).extracting(ChatMessage::getChannelFolder).containsOnly("general");
  }

  @Test
  void keepsWhatPrecedesASyntaxErrorAndQuarantinesTheRestAtItsIndex() {
    Collect<ChatMessage> out = new Collect<>();
    parser.parseDayFile(
        "general/2024-01-03.json", "[{\"user\":\"U1\",\"text\":\"kept\",\"ts\":\"1.0\"}, {\"user\":\"U2\",\"text\":\"cut", out);
    assertThat(out.records).extracting(ChatMessage::getText).containsExactly("kept");
    assertThat(out.quarantined).containsExactly("general/2024-01-03.json#1:" + Reasons.INVALID_JSON);
  }

  @Test
  void quarantinesElementsThatAreNotMessagesByIndex() {
    Collect<ChatMessage> out = new Collect<>();
    parser.parseDayFile("c/2024-01-01.json", "[42, {\"text\":\"no ts\"}, {\"ts\":\"2.0\"}]", out);
    assertThat(out.records).hasSize(1);
    assertThat(out.quarantined)
        .containsExactly(
            "c/2024-01-01.json#0:" + Reasons.INVALID_RECORD, "c/2024-01-01.json#1:" + Reasons.BAD_TIMESTAMP);
  }

  @Test
  void quarantinesAFileThatIsNotAnArray() {
    Collect<ChatMessage> out = new Collect<>();
    parser.parseDayFile("c/2024-01-01.json", "{\"ts\":\"1.0\"}", out);
    assertThat(out.records).isEmpty();
    assertThat(out.quarantined).containsExactly("c/2024-01-01.json#-1:" + Reasons.UNEXPECTED_STRUCTURE);
  }

  @Test
  void readsUsersFromTopLevelAndProfileFields() {
    Collect<Account> out = new Collect<>();
    parser.parseUsers(
        "users.json",
        "[{\"id\":\"U1\",\"team_id\":\"T1\",\"name\":\"ann\",\"real_name\":\"\",\"is_bot\":false,"
            + "\"profile\":{\"real_name\":\"Ann Example\",\"display_name\":\"annie\",\"email\":\"ann@x.test\","
            + "\"phone\":\"\",\"first_name\":\"Ann\",\"last_name\":\"Example\"}}]",
        out);
    Account u = out.records.get(0);
    assertThat(u.getHandle()).isEqualTo("ann");
    assertThat(u.getRealName()).isEqualTo("Ann Example");
    assertThat(u.getDisplayName()).isEqualTo("annie");
    assertThat(u.getEmail()).isEqualTo("ann@x.test");
    assertThat(u.getPhone()).isNull();
  }

  @Test
  void namesDmFoldersByIdAndOtherFoldersByName() {
    Collect<SlackChannel> dms = new Collect<>();
    parser.parseChannels("dms.json", "[{\"id\":\"D123ABC\",\"members\":[\"U1\",\"U2\"]}]", ChannelKind.DM, dms);
    Collect<SlackChannel> mpims = new Collect<>();
    parser.parseChannels(
        "mpims.json", "[{\"id\":\"G1\",\"name\":\"mpdm-a--b-1\"}]", ChannelKind.GROUP_DM, mpims);
    assertThat(dms.records.get(0).getFolder()).isEqualTo("D123ABC");
    assertThat(mpims.records.get(0).getFolder()).isEqualTo("mpdm-a--b-1");
  }
}
