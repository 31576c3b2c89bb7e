package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Reasons;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class ReadJiraExportTest {
  private static final String SOURCE = "jira:export";
  private static final java.nio.file.Path EXPORT = TestPipelines.testData("ReadJiraExportTest/export");

  /** Collects one parser's output. */
  static final class Collect implements JiraParser.Out {
    final List<Ticket> tickets = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final List<String> quarantined = new ArrayList<>();

    @Override
    public void ticket(Ticket t) {
      tickets.add(t);
    }

    @Override
    public void account(Account a) {
      accounts.add(a);
    }

    @Override
    public void quarantine(SourcePointer p, String reason) {
      quarantined.add(p.getFile() + "#" + p.getIndex() + ":" + reason);
    }
  }

  @Test
  void xmlExportYieldsTicketsPeopleAndMentions() throws Exception {
    Collect c = new Collect();
    new JiraXmlParser(SOURCE, c).parse("issues.xml", Files.readAllBytes(EXPORT.resolve("issues.xml")));
    assertThat(c.tickets).hasSize(1);
    Ticket t = c.tickets.get(0);
    assertThat(t.getKey()).isEqualTo("OPS-101");
    assertThat(t.getReporter()).isEqualTo("tomas.ek");
    assertThat(t.getAssignee()).isNull();
    assertThat(t.getLabels()).containsExactly("infra", "oncall");
    assertThat(t.getCreatedMicros()).isEqualTo(1699954200000000L);
    assertThat(JiraBodiesTest.show(t.getDescription()))
        .isEqualTo("Seen by <@priya.nandakumar@example.test> at 03:00.\nRunbook: ops runbook (https://wiki.example.test/ops?token=abc123)");
    assertThat(t.getComments()).extracting(cm -> cm.getAuthor()).containsExactly("priya.nandakumar@example.test");
    assertThat(c.accounts).extracting(Account::getAccountId)
        .contains("tomas.ek", "priya.nandakumar@example.test", "watcher.wu");
    assertThat(c.accounts).filteredOn(a -> a.getAccountId().equals("priya.nandakumar@example.test"))
        .allMatch(a -> "priya.nandakumar@example.test".equals(a.getEmail()) && "jira.example.test".equals(a.getNamespace()));
    assertThat(c.quarantined).containsExactly("issues.xml#1:" + Reasons.INVALID_RECORD);
  }

  @Test
  void entityExpansionIsRefusedNotExpanded() throws Exception {
    Collect c = new Collect();
    new JiraXmlParser(SOURCE, c).parse("laughs.xml", Files.readAllBytes(EXPORT.resolve("laughs.xml")));
    assertThat(c.tickets).isEmpty();
    assertThat(c.quarantined).containsExactly("laughs.xml#0:" + Reasons.INVALID_XML);
  }

  @Test
  void restJsonReadsWikiAndAdfBodiesAndServerAndCloudUsers() throws Exception {
    Collect c = new Collect();
    new JiraJsonParser(SOURCE, c).parse("search.json", Files.readString(EXPORT.resolve("search.json")));
    assertThat(c.tickets).hasSize(1);
    Ticket t = c.tickets.get(0);
    assertThat(t.getReporter()).isEqualTo("557058:aaaa-1111");
    assertThat(t.getAssignee()).isEqualTo("rhea.b");
    assertThat(JiraBodiesTest.show(t.getDescription()))
        .isEqualTo("Ask <@557058:aaaa-1111> or <@rhea.b> about the dashboard (https://grafana.example.test/d/x?orgId=1).");
    assertThat(JiraBodiesTest.show(t.getComments().get(0).getBody())).isEqualTo("Thanks <@557058:aaaa-1111>, profiling now.");
    assertThat(c.accounts).extracting(Account::getAccountId).contains("557058:zzzz-9999");
    assertThat(c.accounts).filteredOn(a -> a.getAccountId().equals("557058:aaaa-1111"))
        .anyMatch(a -> "mateo.quispe@example.test".equals(a.getEmail()));
    assertThat(c.quarantined).containsExactly("search.json#1:" + Reasons.INVALID_RECORD);
  }

  @Test
  void csvReadsRepeatedColumnsMultilineCellsAndWiderRows() throws Exception {
    Collect c = new Collect();
    new JiraCsvParser(SOURCE, c).parse("export.csv", Files.readString(EXPORT.resolve("export.csv")));
    assertThat(c.tickets).hasSize(1);
    Ticket t = c.tickets.get(0);
    assertThat(t.getKey()).isEqualTo("NET-3");
    assertThat(t.getSummary()).isEqualTo("VPN drops, again");
    assertThat(t.getLabels()).containsExactly("vpn");
    assertThat(JiraBodiesTest.show(t.getDescription())).isEqualTo("Multi-line\ndescription by <@hana.sato>");
    assertThat(t.getComments()).extracting(cm -> cm.getAuthor()).containsExactly("oskar.lind", "hana.sato");
    assertThat(t.getComments().get(0).getBody()).isEqualTo("Looking into it, Hana Sato.");
    assertThat(c.quarantined).containsExactly("export.csv#1:" + Reasons.INVALID_RECORD);
  }

  @Test
  void theTransformReadsEveryFormatAndQuarantinesTheRest() {
    Pipeline p = TestPipelines.direct();
    PCollectionTuple read = p.apply(ReadJiraExport.from(SOURCE, EXPORT.toString()));
    PAssert.that(read.get(ReadJiraExport.TICKETS).apply(MapElements.into(TypeDescriptors.strings()).via(Ticket::getKey)))
        .containsInAnyOrder("OPS-101", "WEB-7", "NET-3", "CUT-1");
    PAssert.that(read.get(ReadJiraExport.QUARANTINE))
        .containsInAnyOrder(
            q("issues.xml", 1, Reasons.INVALID_RECORD),
            q("search.json", 1, Reasons.INVALID_RECORD),
            q("export.csv", 1, Reasons.INVALID_RECORD),
            q("laughs.xml", 0, Reasons.INVALID_XML),
            q("truncated.xml", 1, Reasons.INVALID_XML),
            q("notes.txt", -1, Reasons.UNSUPPORTED_FORMAT));
    p.run().waitUntilFinish();
  }

  private static QuarantineEntry q(String file, long index, String reason) {
    return QuarantineEntry.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource(SOURCE).setFile(file).setIndex(index).build())
        .setStage(ReadSlackExport.STAGE)
        .setReason(reason)
        .build();
  }
}
