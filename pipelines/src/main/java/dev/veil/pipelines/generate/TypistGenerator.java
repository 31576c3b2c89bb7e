package dev.veil.pipelines.generate;

import dev.veil.transforms.common.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes synthetic recorder sessions (OpenCUA-style {@code events.jsonl} folders) of invented typists, each with a
 * typing rhythm of their own, for measuring re-identification by keystroke timing ({@code veil risk typing}).
 * Synthetic: no real person typed any of it.
 *
 * <p>The model (log-normal throughout, medians calibrated as {@code docs/typing-risk.md} explains):
 *
 * <ul>
 *   <li>Population: a key's median hold is {@value #HOLD_MEDIAN_MS} ms × a per-key factor e^N(0, 0.10); a digraph's
 *       median down-down latency is {@value #LATENCY_MEDIAN_MS} ms × a per-digraph factor e^N(0, 0.25).
 *   <li>Person: a hold factor e^N(0, 0.20) and a speed factor e^N(0, 0.35) for all their keys, and their own offsets
 *       e^N(0, 0.12) per key and e^N(0, 0.20) per digraph.
 *   <li>Keystroke: noise e^N(0, 0.25) on the hold and e^N(0, 0.35) on the latency; after a space, one time in ten, a
 *       pause of 500 ms on average (exponential); after a full stop 800 ms plus 1 s on average. Capitals are typed
 *       with shift, pressed before and released after the letter. Keys may overlap (rollover).
 * </ul>
 *
 * Each session types sentences drawn from a fixed list into one text field. Same seed, same bytes: every draw comes
 * from a {@link SplittableRandom} seeded by the seed, or (for per-key and per-digraph factors) by a SHA-256 of the seed
 * and the key, so a factor does not depend on the order keys are met.
 */
public final class TypistGenerator {
  static final double HOLD_MEDIAN_MS = 110;
  static final double LATENCY_MEDIAN_MS = 205;
  private static final String DOMAIN = "typists.example";
  private static final LocalDate START = LocalDate.of(2024, 3, 4);
  private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
  private static final String[] SENTENCES = {
    "The nightly export finished late again because the warehouse was busy.",
    "Please review the change to the billing service before the release.",
    "I moved the meeting about the search index to Thursday afternoon.",
    "The deploy pipeline is green now and the staging site looks fine.",
    "We should add a test for the login page before we merge this.",
    "The customer asked for a copy of last month's usage report.",
    "Can someone on call look at the alert from the data platform?",
    "The mobile app crashes when the network drops during a sync.",
    "I wrote a short note on how to rotate the service credentials.",
    "Let us keep the old endpoint until every client has moved over.",
    "The roadmap for the next quarter is in the shared folder.",
    "Our dashboards show fewer errors since the cache was resized.",
    "The flaky test failed twice this morning on the build server.",
    "Thanks for the quick fix, the report renders correctly now.",
    "We need a decision on the storage format by the end of the week.",
    "The query planner picks the wrong index for the large tables.",
    "Please update the runbook with the new restart procedure.",
    "The support team wants a simpler way to export their tickets.",
    "I will pair with the new engineer on the ingestion job today.",
    "The backup job skipped two folders because of a permissions error.",
    "Most of the latency comes from the call to the pricing service.",
    "The design review is moved to the small room on the third floor.",
    "We agreed to ship the feature behind a flag for a few weeks.",
    "The logs from yesterday show the retry loop never stopped.",
  };

  private final Path out;
  private final int typists;
  private final int sessions;
  private final long seed;
  private final SplittableRandom rnd;

  public TypistGenerator(Path out, int typists, int sessions, long seed) {
    this.out = out;
    this.typists = typists;
    this.sessions = sessions;
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
  }

  /** One invented typist's rhythm. */
  private final class Typist {
    final int n;
    final double holdFactor;
    final double speed;

    Typist(int n) {
      this.n = n;
      this.holdFactor = Math.exp(0.20 * gaussian(rnd));
      this.speed = Math.exp(0.35 * gaussian(rnd));
    }

    String email() {
      return String.format(Locale.ROOT, "typist-%03d@%s", n, DOMAIN);
    }

    double holdMedian(String key) {
      return HOLD_MEDIAN_MS * factor("hold " + key, -1, 0.10) * holdFactor * factor("hold " + key, n, 0.12);
    }

    double latencyMedian(String previous, String key) {
      String digraph = "dd " + previous + " " + key;
      return LATENCY_MEDIAN_MS * factor(digraph, -1, 0.25) * speed * factor(digraph, n, 0.20);
    }
  }

  /** Writes {@code typists × sessions} sessions under {@code out/capture}, and a policy to run the job on them. */
  public void generate() throws IOException {
    Path root = out.resolve("capture");
    Files.createDirectories(root);
    List<Typist> people = new ArrayList<>();
    for (int i = 0; i < typists; i++) {
      people.add(new Typist(i));
    }
    for (int s = 0; s < sessions; s++) {
      for (Typist t : people) {
        ZonedDateTime when = START.atStartOfDay(ZoneOffset.UTC).plusDays(s).plusMinutes(9 * 60 + 7L * t.n);
        Path dir = root.resolve(FOLDER.format(when) + "_" + t.email() + "_" + hex(8));
        Files.createDirectories(dir);
        write(dir.resolve("events.jsonl"), events(t, 1000.0 + 3600.0 * s));
        write(dir.resolve("task_name.json"), "{\"task_name\": \"Write a status note in the team wiki\"}\n");
        write(dir.resolve("metadata.json"), "{\"system\": \"Windows\", \"release\": \"10\", \"screen_width\": 1366,"
            + " \"screen_height\": 768, \"start_time\": \"" + when.format(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)) + "\"}\n");
      }
    }
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) rnd.nextInt(256);
    }
    write(out.resolve("generated.key"), HexFormat.of().formatHex(key) + "\n");
    write(
        out.resolve("policy.yaml"),
        "# Policy for typists written by `veil generate --typists` (synthetic data; the key is not secret).\n"
            + "veil_policy: 1\nversion: \"typists-1\"\npseudonymization:\n  key:\n    file: generated.key\n"
            + "licenses:\n  - input: \"*\"\n    license: LicenseRef-Synthetic\noutput:\n  buckets: 4\n");
  }

  /** A session: a click into the field, then 6–9 sentences typed, then enter. */
  private String events(Typist t, double start) {
    List<double[]> times = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    times.add(new double[] {start});
    bodies.add("\"action\": \"click\", \"x\": 640, \"y\": 300, \"button\": \"left\", \"pressed\": true");
    times.add(new double[] {start + 0.09});
    bodies.add("\"action\": \"click\", \"x\": 640, \"y\": 300, \"button\": \"left\", \"pressed\": false");
    StringBuilder text = new StringBuilder();
    int count = 6 + rnd.nextInt(4);
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(SENTENCES[rnd.nextInt(SENTENCES.length)]);
    }
    text.append('\n');
    double down = start + 0.8;
    String previous = null;
    char before = 0;
    double lastUp = 0;
    double[] shiftUp = null;
    for (char c : text.toString().toCharArray()) {
      String key = c == '\n' ? "enter" : c == ' ' ? "space" : String.valueOf(Character.toLowerCase(c));
      if (previous != null) {
        double was = down;
        down += Math.max(15, t.latencyMedian(previous, key) * Math.exp(0.35 * gaussian(rnd))) / 1000.0;
        if (before == ' ' && rnd.nextInt(10) == 0) {
          down += exponential(500) / 1000.0;
        }
        if (before == '.') {
          down += (800 + exponential(1000)) / 1000.0;
        }
        if (shiftUp != null) {
          // Shift comes up between the capital and the next key, else the next letter would be a capital too.
          shiftUp[0] = was + (down - was) * (0.4 + 0.3 * rnd.nextDouble());
          shiftUp = null;
        }
      }
      if (key.equals(previous)) {
        // A key pressed again is released first: a doubled letter is two keystrokes, not a held key.
        down = Math.max(down, lastUp + 0.010);
      }
      double up = down + Math.max(20, t.holdMedian(key) * Math.exp(0.25 * gaussian(rnd))) / 1000.0;
      lastUp = up;
      boolean shift = Character.isUpperCase(c) || c == '?';
      if (shift) {
        double shiftDown = down - Math.max(20, t.latencyMedian("shift", key) * 0.4) / 1000.0;
        times.add(new double[] {shiftDown});
        bodies.add("\"action\": \"press\", \"name\": \"shift\"");
        shiftUp = new double[] {up};
        times.add(shiftUp);
        bodies.add("\"action\": \"release\", \"name\": \"shift\"");
      }
      String name = c == '\n' ? "enter" : c == ' ' ? "space" : c == '"' ? "\\\"" : String.valueOf(c);
      times.add(new double[] {down});
      bodies.add("\"action\": \"press\", \"name\": \"" + name + "\"");
      times.add(new double[] {up});
      bodies.add("\"action\": \"release\", \"name\": \"" + name + "\"");
      previous = key;
      before = c;
    }
    Integer[] order = new Integer[times.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable: events at the same instant keep the order they were made in.
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> times.get(i)[0]));
    StringBuilder sb = new StringBuilder();
    int idx = 0;
    for (int i : order) {
      sb.append(String.format(Locale.ROOT, "{\"time_stamp\": %.4f, ", times.get(i)[0])).append(bodies.get(i))
          .append(", \"event_idx\": ").append(idx++).append("}\n");
    }
    return sb.toString();
  }

  /** e^N(0, sigma) fixed for a key or digraph: the population's ({@code person} -1) or a person's own. */
  private double factor(String what, int person, double sigma) {
    long s = Hashes.fingerprint64("typist " + seed + " " + person + " " + what);
    return Math.exp(sigma * gaussian(new SplittableRandom(s)));
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  private String hex(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
