package dev.veil.transforms.bench;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.dedup.DedupSettings;
import dev.veil.transforms.dedup.MinHash;
import dev.veil.transforms.dedup.TextNormalizer;
import java.util.Random;
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
 * Per-value hot paths outside detection: a keyed pseudonym (HMAC-SHA-256 of a person's canonical key, as every
 * author, mention and directory form gets one), and a MinHash signature of a conversation-sized text (normalization,
 * shingles, the default 14 bands × 8 rows = 112 hash functions: the dedup stage's cost per example). Throughput in operations per second on one core.
 * Run: see docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
  private Pseudonyms pseudonyms;
  private MinHash minHash;
  private String[] emails;
  private String[] conversations;
  private int next;

  @Setup
  public void setup() {
    byte[] key = new byte[32];
    new Random(7).nextBytes(key);
    pseudonyms = new Pseudonyms(key);
    minHash = DedupSettings.defaults().minHash();
    Random r = new Random(11);
    emails = new String[4096];
    for (int i = 0; i < emails.length; i++) {
      emails[i] = "person." + i + "@corp" + (i % 7) + ".example";
    }
    String[] words = "the build failed again on staging after the deploy please check logs and restart the job".split(" ");
    conversations = new String[256];
    for (int i = 0; i < conversations.length; i++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 2000) {
        sb.append(words[r.nextInt(words.length)]).append(r.nextInt(10) == 0 ? ".\n" : " ");
      }
      conversations[i] = sb.toString();
    }
  }

  /** One person's pseudonym from their canonical key. */
  @Benchmark
  public String personPseudonym() {
    return pseudonyms.person(emails[next++ & (emails.length - 1)]);
  }

  /** A typed token ({@code email_…}) for a value found in text. */
  @Benchmark
  public String valueToken() {
    return pseudonyms.token("email", "email", emails[next++ & (emails.length - 1)]);
  }

  /** Normalization and the MinHash signature of a 2,000-character conversation (the default settings). */
  @Benchmark
  public int[] minHashSignature() {
    return minHash.signature(TextNormalizer.normalize(conversations[next++ & (conversations.length - 1)]));
  }
}
