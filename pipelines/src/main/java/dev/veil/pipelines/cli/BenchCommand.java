package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.FlinkClusterRunner;
import dev.veil.pipelines.generate.CorpusGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil bench}: the whole job on generated corpora, each run in its own JVM (as {@code ./veil run} runs it),
 * reporting raw input MB/s per core, records/s, wall time and peak memory, and how time grows with size; optionally
 * beside a recorded baseline. It reports; it never fails on a slow run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "End-to-end benchmark: generate corpora (veil generate, cached in --work), run the whole job on each in its own"
            + " JVM, and report MB/s of raw input per core, records/s, wall time and peak memory (docs/performance.md).")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--sizes",
      defaultValue = "8MB",
      split = ",",
      description = "Corpus sizes, comma-separated (500KB, 8MB, 1GB). Two or more also report how time grows with size."
          + " Default: ${DEFAULT-VALUE}.")
  List<String> sizes;

  @Option(names = "--seed", defaultValue = "1", description = "Corpus seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--runs", defaultValue = "1", description = "Runs per size; the median is reported. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--runner", defaultValue = "flink", description = "flink (the embedded [local] default) or direct.")
  String runner;

  @Option(names = "--parallelism", defaultValue = "2", description = "As for veil run. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--work",
      description = "Where corpora and outputs go (reused across runs). Default: a bench/ folder under java.io.tmpdir.")
  Path work;

  @Option(names = "--baseline", description = "A JSON file of recorded figures (docs/bench-baseline.json) to print beside these.")
  Path baseline;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Option(
      names = "--floor",
      description =
          "Also run the job's read stage alone on each corpus, in its own JVM (dev.veil.pipelines.ReadFloor), and"
              + " report it beside the whole job: what any job over these inputs pays on this runner.")
  boolean floor;

  @Spec CommandSpec spec;

  /** One measured run of the job on one corpus; {@code floor} the read stage alone on it, or null. */
  record Run(
      String size,
      long inputBytes,
      long records,
      double wallSeconds,
      long peakRssBytes,
      long heapAfterGcBytes,
      Child floor) {
    double mbPerSecond() {
      return inputBytes / 1e6 / wallSeconds;
    }

    Run withFloor(Child f) {
      return new Run(size, inputBytes, records, wallSeconds, peakRssBytes, heapAfterGcBytes, f);
    }
  }

  /** A child JVM that ran to completion: its wall time and peak RSS. */
  record Child(double wallSeconds, long peakRssBytes) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (runs < 1 || runs > 20 || parallelism < 1) {
      err.println("veil: --runs must be 1–20 and --parallelism at least 1");
      return VeilCli.USAGE;
    }
    if (!runner.equals("flink") && !runner.equals("direct")) {
      err.println("veil: --runner must be direct or flink, got '" + runner + "'");
      return VeilCli.USAGE;
    }
    for (String s : sizes) {
      try {
        CorpusGenerator.parseSize(s);
      } catch (IllegalArgumentException e) {
        err.println("veil: --sizes: each must look like 500KB, 8MB or 1GB, got '" + s + "'");
        return VeilCli.USAGE;
      }
    }
    JsonNode base = null;
    if (baseline != null) {
      try {
        base = new ObjectMapper().readTree(baseline.toFile());
      } catch (IOException e) {
        err.println("veil: --baseline " + baseline + ": not readable JSON");
        return VeilCli.USAGE;
      }
    }
    Path jar;
    try {
      jar = FlinkClusterRunner.jobJar();
    } catch (IllegalStateException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    }
    Path dir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "veil-bench");
    List<Run> medians = new ArrayList<>();
    for (String size : sizes) {
      Path corpus = corpus(dir, size, err);
      List<Run> measured = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        measured.add(runJob(jar, corpus, dir.resolve("out-" + size.toLowerCase(Locale.ROOT)), size, err));
      }
      measured.sort((a, b) -> Double.compare(a.wallSeconds(), b.wallSeconds()));
      Run median = measured.get(measured.size() / 2);
      if (floor) {
        List<Child> floors = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          floors.add(runFloor(jar, corpus, dir.resolve("floor-" + size.toLowerCase(Locale.ROOT) + ".log"), size, err));
        }
        floors.sort((a, b) -> Double.compare(a.wallSeconds(), b.wallSeconds()));
        median = median.withFloor(floors.get(floors.size() / 2));
      }
      medians.add(median);
    }
    int cores = Math.min(parallelism, Runtime.getRuntime().availableProcessors());
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(medians, cores)));
    } else {
      print(out, medians, cores, base);
    }
    out.flush();
    return VeilCli.OK;
  }

  /** The corpus of this size and seed, generated once into {@code dir} (generation is deterministic). */
  private Path corpus(Path dir, String size, PrintWriter err) throws IOException {
    Path corpus = dir.resolve("corpus-" + size.toLowerCase(Locale.ROOT) + "-seed" + seed);
    Path done = corpus.resolve(".complete");
    if (!Files.exists(done)) {
      if (Files.exists(corpus)) {
        try {
          JobLauncher.deleteRecursively(corpus);
        } catch (JobLauncher.UsageError e) {
          throw new IOException(e.getMessage(), e);
        }
      }
      err.println("veil bench: generating " + size + " (seed " + seed + ") into " + corpus);
      new CorpusGenerator(corpus, CorpusGenerator.parseSize(size), seed).generate();
      Files.writeString(done, "");
    }
    return corpus;
  }

  /** Bytes of the raw input the job reads: the four input folders. */
  static long inputBytes(Path corpus) throws IOException {
    long total = 0;
    for (String kind : CORPUS_INPUTS) {
      try (Stream<Path> walk = Files.walk(corpus.resolve(kind))) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          total += Files.size(f);
        }
      }
    }
    return total;
  }

  static final List<String> CORPUS_INPUTS = List.of("slack", "jira", "mbox", "capture");

  /** Runs {@code veil run} on the corpus in a child JVM, sampling its peak RSS; fails unless it exits 0. */
  private Run runJob(Path jar, Path corpus, Path output, String size, PrintWriter err)
      throws IOException, InterruptedException {
    Files.createDirectories(output.getParent());
    List<String> cmd = javaCommand();
    Path gcLog = output.resolveSibling("gc-" + size.toLowerCase(Locale.ROOT) + ".log");
    Files.deleteIfExists(gcLog);
    cmd.add("-Xlog:gc:file=" + gcLog);
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--policy", corpus.resolve("policy.yaml").toString()));
    for (String kind : CORPUS_INPUTS) {
      cmd.addAll(List.of("--input", kind + "=" + corpus.resolve(kind)));
    }
    cmd.addAll(
        List.of(
            "--output", output.toString(), "--overwrite", "--runner", runner, "--parallelism",
            Integer.toString(parallelism)));
    Path log = output.resolveSibling("bench-run.log");
    Child child = runChild(cmd, log);
    if (child == null) {
      throw new IllegalStateException("veil run on the " + size + " corpus failed; see " + log);
    }
    double wall = child.wallSeconds();
    long peak = child.peakRssBytes();
    long records = new ObjectMapper().readTree(output.resolve("manifest.json").toFile()).path("records").path("input").asLong();
    Run run = new Run(size, inputBytes(corpus), records, wall, peak, heapAfterGc(Files.readAllLines(gcLog)), null);
    err.printf(
        Locale.ROOT,
        "veil bench: %s: %.1f s, %.1f MB/s, peak %d MB, heap after GC at most %d MB%n",
        size,
        wall,
        run.mbPerSecond(),
        peak >> 20,
        run.heapAfterGcBytes() >> 20);
    return run;
  }

  /** Runs {@link dev.veil.pipelines.ReadFloor} on the corpus in a child JVM with the job's JVM options. */
  private Child runFloor(Path jar, Path corpus, Path log, String size, PrintWriter err)
      throws IOException, InterruptedException {
    List<String> cmd = javaCommand();
    cmd.addAll(
        List.of(
            "-cp", jar.toString(), dev.veil.pipelines.ReadFloor.class.getName(), runner,
            Integer.toString(parallelism)));
    for (String kind : CORPUS_INPUTS) {
      cmd.add(kind + "=" + corpus.resolve(kind));
    }
    Child child = runChild(cmd, log);
    if (child == null) {
      throw new IllegalStateException("the read stage alone on the " + size + " corpus failed; see " + log);
    }
    err.printf(
        Locale.ROOT,
        "veil bench: %s, read stage alone: %.1f s, peak %d MB%n",
        size,
        child.wallSeconds(),
        child.peakRssBytes() >> 20);
    return child;
  }

  /** Runs a command, its output to {@code log}, sampling its peak RSS every 50 ms; null unless it exits 0. */
  private static Child runChild(List<String> cmd, Path log) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long peak = 0;
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    while (p.isAlive()) {
      peak = Math.max(peak, highWaterMark(status));
      Thread.sleep(50);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    return p.exitValue() == 0 ? new Child(wall, peak) : null;
  }

  /** {@code java} with this process's JVM options, as every child (the job, the read stage alone) is started. */
  private static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ProcessHandle.current().info().arguments().map(BenchCommand::jvmOptions).orElse(List.of()));
    return cmd;
  }

  /** The JVM options of this process (heap, --add-opens) without its class path and main class. */
  static List<String> jvmOptions(String[] arguments) {
    List<String> options = new ArrayList<>();
    for (int i = 0; i < arguments.length; i++) {
      String a = arguments[i];
      if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || !a.startsWith("-")) {
        break;
      }
      options.add(a);
    }
    return options;
  }

  private static final Pattern GC_PAUSE = Pattern.compile("\\bGC\\(\\d+\\) Pause .* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  /**
   * The largest heap occupancy right after a collection, from the child's {@code -Xlog:gc} lines ({@code GC(7) Pause
   * Young (Normal) (G1 Evacuation Pause) 812M->143M(1024M) 9.1ms}): what the job kept alive, an upper bound since old
   * garbage survives young collections. Unlike peak RSS it does not follow the heap the JVM was allowed to grow. 0
   * when no collection ran.
   */
  static long heapAfterGc(List<String> gcLogLines) {
    long max = 0;
    for (String line : gcLogLines) {
      Matcher m = GC_PAUSE.matcher(line);
      if (m.find()) {
        max = Math.max(max, bytes(Long.parseLong(m.group(3)), m.group(4)));
      }
    }
    return max;
  }

  private static long bytes(long n, String unit) {
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  /** {@code VmHWM} (peak resident set) of a live process in bytes; 0 if it cannot be read (not Linux, exited). */
  static long highWaterMark(Path procStatus) {
    try {
      for (String line : Files.readAllLines(procStatus)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private ObjectNode toJson(List<Run> medians, int cores) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("runner", runner.equals("flink") ? "flink [local]" : runner);
    root.put("parallelism", parallelism);
    root.put("cores", cores);
    root.put("seed", seed);
    root.put("runs", runs);
    ArrayNode rows = root.putArray("sizes");
    for (Run r : medians) {
      ObjectNode o = rows.addObject();
      o.put("size", r.size());
      o.put("input_mb", round(r.inputBytes() / 1e6));
      o.put("records", r.records());
      o.put("wall_s", round(r.wallSeconds()));
      o.put("mb_per_s", round(r.mbPerSecond()));
      o.put("mb_per_s_per_core", round(r.mbPerSecond() / cores));
      o.put("records_per_s", Math.round(r.records() / r.wallSeconds()));
      o.put("peak_rss_mb", r.peakRssBytes() >> 20);
      o.put("heap_after_gc_mb", r.heapAfterGcBytes() >> 20);
      if (r.floor() != null) {
        ObjectNode f = o.putObject("read_stage_alone");
        f.put("wall_s", round(r.floor().wallSeconds()));
        f.put("mb_per_s_per_core", round(r.inputBytes() / 1e6 / r.floor().wallSeconds() / cores));
        f.put("peak_rss_mb", r.floor().peakRssBytes() >> 20);
        f.put("share_of_job_wall", round(r.floor().wallSeconds() / r.wallSeconds()));
      }
    }
    return root;
  }

  private void print(PrintWriter out, List<Run> medians, int cores, JsonNode base) {
    out.printf(
        Locale.ROOT,
        "Veil end-to-end benchmark: %s runner, parallelism %d, %d core(s) counted, seed %d, median of %d run(s)%n",
        runner.equals("flink") ? "flink [local]" : runner,
        parallelism,
        cores,
        seed,
        runs);
    out.printf(
        Locale.ROOT, "%-8s %10s %10s %9s %8s %12s %10s %9s %9s%n", "size", "input MB", "records", "wall s", "MB/s",
        "MB/s/core", "records/s", "peak MB", "live MB");
    for (Run r : medians) {
      out.printf(
          Locale.ROOT,
          "%-8s %10.1f %10d %9.1f %8.2f %12.2f %10d %9d %9d%n",
          r.size(),
          r.inputBytes() / 1e6,
          r.records(),
          r.wallSeconds(),
          r.mbPerSecond(),
          r.mbPerSecond() / cores,
          Math.round(r.records() / r.wallSeconds()),
          r.peakRssBytes() >> 20,
          r.heapAfterGcBytes() >> 20);
      if (r.floor() != null) {
        out.printf(
            Locale.ROOT,
            "%-8s %10s %10s %9.1f %8.2f %12.2f %10s %9d %9s   (the read stage alone: %.0f%% of the job's wall time)%n",
            "  floor",
            "",
            "",
            r.floor().wallSeconds(),
            r.inputBytes() / 1e6 / r.floor().wallSeconds(),
            r.inputBytes() / 1e6 / r.floor().wallSeconds() / cores,
            "",
            r.floor().peakRssBytes() >> 20,
            "",
            100 * r.floor().wallSeconds() / r.wallSeconds());
      }
      JsonNode b = baselineRow(base, r.size());
      if (b != null) {
        out.printf(
            Locale.ROOT,
            "%-8s %10.1f %10d %9.1f %8.2f %12.2f %10d %9d %9s   (baseline: %s)%n",
            "  base",
            b.path("input_mb").asDouble(),
            b.path("records").asLong(),
            b.path("wall_s").asDouble(),
            b.path("mb_per_s").asDouble(),
            b.path("mb_per_s_per_core").asDouble(),
            b.path("records_per_s").asLong(),
            b.path("peak_rss_mb").asLong(),
            b.has("heap_after_gc_mb") ? b.path("heap_after_gc_mb").asText() : "-",
            base.path("recorded").asText("recorded figures"));
        out.printf(
            Locale.ROOT,
            "%-8s %s%n",
            "  ratio",
            String.format(
                Locale.ROOT,
                "wall %.2fx, peak memory %.2fx the baseline",
                r.wallSeconds() / b.path("wall_s").asDouble(),
                (double) (r.peakRssBytes() >> 20) / Math.max(1, b.path("peak_rss_mb").asLong())));
      }
    }
    for (int i = 1; i < medians.size(); i++) {
      Run a = medians.get(i - 1);
      Run b = medians.get(i);
      out.printf(
          Locale.ROOT,
          "%s -> %s: input %.2fx, wall %.2fx, peak memory %.2fx, heap after GC %.2fx%n",
          a.size(),
          b.size(),
          (double) b.inputBytes() / a.inputBytes(),
          b.wallSeconds() / a.wallSeconds(),
          (double) b.peakRssBytes() / Math.max(1, a.peakRssBytes()),
          (double) b.heapAfterGcBytes() / Math.max(1, a.heapAfterGcBytes()));
    }
  }

  private JsonNode baselineRow(JsonNode base, String size) {
    if (base == null || !base.path("runner").asText().equals(runner.equals("flink") ? "flink [local]" : runner)) {
      return null;
    }
    for (JsonNode row : base.path("sizes")) {
      if (row.path("size").asText().equalsIgnoreCase(size)) {
        return row;
      }
    }
    return null;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
