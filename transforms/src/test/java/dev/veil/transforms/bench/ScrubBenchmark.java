package dev.veil.transforms.bench;

import dev.veil.schemas.Account;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.TextScrubber;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.ops.Operator;
import dev.veil.transforms.deidentify.ops.OperatorSpec;
import dev.veil.transforms.deidentify.ops.Operators;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.deidentify.detect.PersonNames;
import dev.veil.transforms.identity.IdentityResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection + transformation: the free-text pass ({@link TextScrubber#scrubPlain}) over a 1 MiB batch of chat-like
 * messages ({@code scrubChatBatch}) or of ticket-like bodies ({@code scrubTicketBatch}) against a directory of 2,000
 * people, and the detectors alone ({@code detectChatBatch}). {@code operators}: {@code default} (people to tokens,
 * everything else redacted) or {@code reversible} (people and e-mails to realistic surrogates, phones and cards
 * tokenized with FF1 and AES-SIV, dates of birth generalized). One operation is one batch, so ops/s × 1.05 = MB/s
 * ({@link #BATCH_BYTES}). {@link #findNamesBatch} times the name recognizer alone. Run: see docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrubBenchmark {
  /** Bytes of UTF-8 text in one batch: multiply batches/s by this for MB/s. */
  public static final int BATCH_BYTES = 1 << 20;

  private static final String[] FIRST = {"Dana", "Ravi", "Mei", "Jonas", "Lena", "Arjun", "Nora", "Otto", "Priya", "Theo"};
  private static final String[] LAST = {"Whitfield", "Kumaran", "Ostrova", "Brandvold", "Kowalczyk", "Mehta", "Park"};
  private static final String[] TEMPLATES = {
    "Morning all! Deploy at 5, %s can you watch the logs?",
    "Thanks %s for fixing the nightly ETL, it was slow again.",
    "Send the report to %s please, and cc the data team.",
    "I'm on call today, reach me at (415) 555-%04d if anything breaks.",
    "The build for release 2.4.1 failed on the linker step, rerunning now.",
    "Question for the thread: should we move the nightly job to 02:00?",
    "staging db password=Winter2024!x%d until Friday, rotate after",
    "Status of the billing service on 2024-03-%02d: looks good now."
  };

  /** Ticket-like text: longer bodies, fewer identifiers per character, code and log excerpts. */
  private static final String[] TICKET_TEMPLATES = {
    "Steps to reproduce: open the billing page, click Export, choose CSV. Expected a file; got a 500 error. Stack"
        + " trace shows NullPointerException in InvoiceExporter.export(InvoiceExporter.java:%d). Assigning to %s.",
    "Customer reported that the nightly sync job skipped records created after 23:00 UTC. We checked the cron"
        + " schedule and the timezone settings; the job runs in UTC but the filter uses local time. Fix in review.",
    "Please rotate the staging credentials, the old ones were pasted in a public channel: api_key=sk_live_%s"
        + " was seen in the logs. %s will confirm once the new secret is deployed.",
    "Upgrade the logging library from 2.17.1 to 2.20.0 across all services. Affected modules: auth, billing,"
        + " search. Risk: low. Rollback: revert the dependency bump and redeploy build %d.",
    "Follow-up from the call with the customer: they want the export to include the VAT number and the billing"
        + " address. Contact on their side is reachable at +44 20 7946 %04d during UK office hours.",
    "Performance regression after release 4.2: p95 latency on /api/search went from 180 ms to 420 ms. Profiling"
        + " points at the new ranking step; %s is investigating with the search team."
  };

  @Param({"default", "reversible"})
  public String operators = "default";

  /**
   * Optional: a text file of real messages, one per line (for instance the text of a Slack export); the chat batch is
   * then these lines, repeated up to {@link #BATCH_BYTES}. Empty: the synthetic templates below.
   */
  @Param({""})
  public String corpus = "";

  private TextScrubber scrubber;
  private Detector detector;
  private final PersonNames names = new PersonNames();
  private final List<Finding> found = new ArrayList<>();
  private List<String> messages;
  private List<String> tickets;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(42);
    List<Account> accounts = new ArrayList<>();
    List<String> people = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String first = FIRST[rnd.nextInt(FIRST.length)];
      String last = LAST[rnd.nextInt(LAST.length)];
      String email = (first + "." + last + i + "@corp.example").toLowerCase();
      accounts.add(
          Account.newBuilder()
              .setSource("slack:bench")
              .setKind("slack")
              .setAccountId("U" + (100000 + i))
              .setHandle((first + "." + last.charAt(0) + i).toLowerCase())
              .setRealName(first + " " + last)
              .setEmail(email)
              .build());
      people.add(i % 2 == 0 ? first + " " + last : email);
    }
    IdentityDirectory dir = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(accounts);
    DetectionSettings settings = DetectionSettings.defaults();
    if (operators.equals("reversible")) {
      settings =
          settings.withOperators(
              Operators.defaults()
                  .with(EntityType.PERSON, OperatorSpec.of(Operator.PSEUDONYMIZE, "surrogate"))
                  .with(EntityType.EMAIL, OperatorSpec.of(Operator.PSEUDONYMIZE, "surrogate"))
                  .with(EntityType.PHONE, OperatorSpec.of(Operator.TOKENIZE, "ff1"))
                  .with(EntityType.CARD, OperatorSpec.of(Operator.TOKENIZE, "siv"))
                  .with(EntityType.DATE_OF_BIRTH, OperatorSpec.of(Operator.GENERALIZE, "month")));
    }
    scrubber = new TextScrubber(new Pseudonyms(new byte[32]), dir, settings, new Tokenizer(new byte[32]));
    detector = Detector.standard(List.of("US"));
    messages = new ArrayList<>();
    int bytes = 0;
    while (bytes < BATCH_BYTES) {
      String t = TEMPLATES[rnd.nextInt(TEMPLATES.length)];
      String m =
          t.contains("%s") ? String.format(t, people.get(rnd.nextInt(people.size()))) : String.format(t, rnd.nextInt(9999));
      messages.add(m);
      bytes += m.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    if (!corpus.isEmpty()) {
      List<String> lines;
      try {
        lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(corpus), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      lines.removeIf(String::isBlank);
      messages = new ArrayList<>();
      bytes = 0;
      for (int i = 0; bytes < BATCH_BYTES; i++) {
        String m = lines.get(i % lines.size());
        messages.add(m);
        bytes += m.getBytes(StandardCharsets.UTF_8).length + 1;
      }
    }
    tickets = new ArrayList<>();
    bytes = 0;
    while (bytes < BATCH_BYTES) {
      String t = TICKET_TEMPLATES[rnd.nextInt(TICKET_TEMPLATES.length)];
      Object[] args = new Object[2];
      int i = 0;
      for (int k = t.indexOf('%'); k >= 0 && i < 2; k = t.indexOf('%', k + 1)) {
        char spec = t.charAt(k + 1) == '0' ? 'd' : t.charAt(k + 1);
        args[i++] = spec == 's'
            ? (t.startsWith("Please rotate") && i == 1 ? Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()) : people.get(rnd.nextInt(people.size())))
            : (Object) rnd.nextInt(9999);
      }
      String m = String.format(t, args);
      tickets.add(m);
      bytes += m.getBytes(StandardCharsets.UTF_8).length + 1;
    }
  }

  @Benchmark
  public int scrubChatBatch() {
    int n = 0;
    for (String m : messages) {
      n += scrubber.scrubPlain(m).length();
    }
    return n;
  }

  @Benchmark
  public int scrubTicketBatch() {
    int n = 0;
    for (String t : tickets) {
      n += scrubber.scrubPlain(t).length();
    }
    return n;
  }

  @Benchmark
  public int detectChatBatch() {
    int n = 0;
    for (String m : messages) {
      n += detector.detect(m).size();
    }
    return n;
  }

  @Benchmark
  public int findNamesBatch() {
    int n = 0;
    for (String m : messages) {
      found.clear();
      names.find(m, found);
      n += found.size();
    }
    return n;
  }
}
