package dev.veil.transforms.read;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.TestPipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing each source's files into records: a Slack day file, a Jira RSS/XML export and an mbox archive, each about
 * 1 MiB (the fixtures under test-data/ repeated), so ops/s ≈ MB/s on one core. Run from {@code transforms/} (the
 * fixtures are found at ../test-data): see docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  static final int TARGET_BYTES = 1 << 20;

  private String slackDay;
  private byte[] jiraXml;
  private byte[] mbox;

  @Setup
  public void setup() throws IOException {
    String message =
        "{\"type\": \"message\", \"user\": \"U0000ALICE\", \"text\": \"the deploy to staging failed, <@U0000BOB> can"
            + " you check build-07? logs at https://ci.example.test/job/42\", \"ts\": \"1704362400.%06d\"}";
    StringBuilder day = new StringBuilder("[");
    for (int i = 0; day.length() < TARGET_BYTES; i++) {
      day.append(i == 0 ? "" : ",\n").append(String.format(java.util.Locale.ROOT, message, i));
    }
    slackDay = day.append("]").toString();

    // Bytes as Latin-1 characters: the fixtures hold deliberate non-UTF-8 bytes, repeated as they are.
    String xml = Files.readString(TestPipelines.testData("ReadJiraExportTest/export/issues.xml"), StandardCharsets.ISO_8859_1);
    int first = xml.indexOf("<item>");
    // The fixture's second item is deliberately unusable (a test of quarantine); repeat the first.
    int last = xml.indexOf("</item>") + "</item>".length();
    String items = xml.substring(first, last);
    StringBuilder all = new StringBuilder(xml.substring(0, first));
    while (all.length() < TARGET_BYTES) {
      all.append(items).append('\n');
    }
    jiraXml = all.append(xml.substring(xml.lastIndexOf("</item>") + "</item>".length())).toString().getBytes(StandardCharsets.ISO_8859_1);

    String list = Files.readString(TestPipelines.testData("MboxParserTest/list.mbox"), StandardCharsets.ISO_8859_1);
    // Its last message (no sender, no date) is a test of quarantine; the three before it are mail.
    list = list.substring(0, list.indexOf("From nobody"));
    StringBuilder box = new StringBuilder();
    while (box.length() < TARGET_BYTES) {
      box.append(list).append('\n');
    }
    mbox = box.toString().getBytes(StandardCharsets.ISO_8859_1);

    // Each input must parse into records, not into quarantine, or the figures would time the error path.
    Blackhole check = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    Runnable[] parses = {() -> slackDayFile(check), () -> jiraXml(check), () -> mboxArchive(check)};
    for (int i = 0; i < parses.length; i++) {
      records = 0;
      quarantined = 0;
      parses[i].run();
      if (records == 0 || quarantined > 0) {
        throw new IllegalStateException(
            "benchmark input " + i + " parsed into " + records + " records, " + quarantined + " quarantined");
      }
    }
    records = 0;
  }

  private long records;
  private long quarantined;

  /** Where every parser's output goes: counted (for the setup's check) and handed to JMH's black hole. */
  private final class Sink implements SlackParser.Receiver<ChatMessage>, JiraParser.Out, MboxParser.Out {
    private final Blackhole bh;

    Sink(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void record(ChatMessage m) {
      message(m);
    }

    @Override
    public void message(ChatMessage m) {
      records++;
      bh.consume(m);
    }

    @Override
    public void ticket(Ticket t) {
      records++;
      bh.consume(t);
    }

    @Override
    public void account(Account a) {
      bh.consume(a);
    }

    @Override
    public void quarantine(SourcePointer pointer, String reason) {
      quarantined++;
      bh.consume(reason);
    }
  }

  @Benchmark
  public void slackDayFile(Blackhole bh) {
    new SlackParser("slack:bench").parseDayFile("general/2024-01-04.json", slackDay, new Sink(bh));
  }

  @Benchmark
  public void jiraXml(Blackhole bh) {
    new JiraXmlParser("jira:bench", new Sink(bh)).parse("issues.xml", jiraXml);
  }

  @Benchmark
  public void mboxArchive(Blackhole bh) {
    new MboxParser("mbox:bench", new Sink(bh)).parse("list.mbox", mbox);
  }
}
