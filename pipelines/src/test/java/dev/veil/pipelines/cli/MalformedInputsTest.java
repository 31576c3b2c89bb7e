package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed inputs of every other kind in one run: Jira (truncated XML, entity expansion, items without keys, a file
 * that is no export), Mattermost (bad lines, unknown line types, posts without authors), mbox (a message without
 * sender), a recording (a line that is not JSON, an unknown event, an event out of order). Each is quarantined with its
 * reason, the rest is read, and the accounting adds up.
 */
class MalformedInputsTest {
  @TempDir Path tmp;

  @Test
  void everyKindQuarantinesWithReasonsAndTheAccountingAddsUp() throws Exception {
    Path out =
        Outputs.runAll(
            tmp,
            List.of(
                "jira=" + TestData.path("ReadJiraExportTest/export"),
                "mattermost=" + TestData.path("ReadMattermostExportTest/export.jsonl"),
                "mbox=" + TestData.path("MboxParserTest/list.mbox"),
                "capture=" + TestData.path("MalformedInputsTest/capture")));

    JsonNode records = Outputs.manifest(out).path("records");
    Map<String, Long> quarantined = new TreeMap<>();
    records.path("quarantined").fields().forEachRemaining(e -> quarantined.put(e.getKey(), e.getValue().asLong()));
    assertThat(quarantined)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "invalid_record", 5L,
                "invalid_xml", 2L,
                "unsupported_format", 1L,
                "unexpected_structure", 1L,
                "invalid_json", 2L,
                "unknown_event", 1L,
                "out_of_order", 1L));
    assertThat(records.path("balanced").asBoolean()).isTrue();
    // 4 tickets, 4 Mattermost messages, 3 mails, 4 key events.
    assertThat(records.path("output").asLong()).isEqualTo(15);
    List<String> lines = Files.readAllLines(out.resolve("restricted/quarantine/quarantine.jsonl"));
    assertThat(lines).hasSize(13).allMatch(l -> l.matches("\\{\"source\":\"[a-z]+:[^\"]+\",\"file\":.*"));
  }
}
