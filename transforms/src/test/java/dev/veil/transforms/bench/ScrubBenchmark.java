package dev.veil.transforms.bench;

import dev.veil.schemas.Account;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.TextScrubber;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection + transformation of chat-like text: the free-text pass ({@link TextScrubber#scrubPlain}) over a 1 MiB batch
 * of messages against a directory of 2,000 people, and the detectors alone. Throughput in MB/s = batches/s × batch
 * size (reported in {@link #BATCH_BYTES}). {@link #findNamesBatch} times the name recognizer alone. Run: see
 * docs/performance.md.
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

  private TextScrubber scrubber;
  private Detector detector;
  private final PersonNames names = new PersonNames();
  private final List<Finding> found = new ArrayList<>();
  private List<String> messages;

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
    scrubber = new TextScrubber(new Pseudonyms(new byte[32]), dir);
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
