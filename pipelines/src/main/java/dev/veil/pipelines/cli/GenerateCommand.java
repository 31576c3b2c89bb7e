package dev.veil.pipelines.cli;

import dev.veil.pipelines.generate.CorpusGenerator;
import dev.veil.pipelines.generate.TypistGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil generate}: a synthetic workplace corpus in the real input formats, with its ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a synthetic workplace corpus (Slack export, Jira XML and JSON, mbox, recordings) with planted personal"
            + " data and secrets, a ground-truth.jsonl listing them, and a policy.yaml to run it with; or, with"
            + " --typists, recorder sessions of synthetic typists with their own typing rhythm.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Directory to write (must be empty or missing).")
  Path out;

  @Option(names = "--size", description = "Approximate size of the input data: 500KB, 10MB, 1GB.")
  String size;

  @Option(
      names = "--typists",
      description = "Instead of a corpus: recorder sessions of this many invented typists, each with their own typing"
          + " rhythm, for `veil risk typing` (docs/typing-risk.md).")
  Integer typists;

  @Option(
      names = "--sessions",
      defaultValue = "4",
      description = "With --typists: sessions per typist. Default: ${DEFAULT-VALUE}.")
  int sessions;

  @Option(names = "--seed", defaultValue = "1", description = "Same seed and size, same bytes. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if ((size == null) == (typists == null)) {
      err.println("veil: give exactly one of --size (a corpus) or --typists (typing sessions)");
      return VeilCli.USAGE;
    }
    if (typists != null && (typists < 1 || typists > 10_000 || sessions < 1 || sessions > 1000)) {
      err.println("veil: --typists must be 1–10000 and --sessions 1–1000");
      return VeilCli.USAGE;
    }
    long bytes = 0;
    try {
      bytes = typists != null ? 0 : CorpusGenerator.parseSize(size);
    } catch (IllegalArgumentException e) {
      err.println("veil: --size must look like 500KB, 10MB or 1GB, got '" + size + "'");
      return VeilCli.USAGE;
    }
    try {
      if (Files.exists(out)) {
        try (Stream<Path> entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            err.println("veil: --out " + out + " is not empty");
            return VeilCli.USAGE;
          }
        }
      }
      long start = System.nanoTime();
      if (typists != null) {
        new TypistGenerator(out, typists, sessions, seed).generate();
        stdout.printf(
            Locale.ROOT,
            "Wrote %d sessions of %d synthetic typists to %s in %.1f s. Measure them with:%n  ./veil risk typing %s"
                + " --all%n",
            typists * sessions,
            typists,
            out.resolve("capture"),
            (System.nanoTime() - start) / 1e9,
            out.resolve("capture"));
        stdout.flush();
        return VeilCli.OK;
      }
      long written = new CorpusGenerator(out, bytes, seed).generate();
      stdout.printf(
          Locale.ROOT,
          "Wrote %.1f MB of input to %s in %.1f s. Run it with:%n  ./veil run --policy %s --input slack=%s"
              + " --input jira=%s --input mbox=%s --input capture=%s --output OUT%n",
          written / 1e6,
          out,
          (System.nanoTime() - start) / 1e9,
          out.resolve("policy.yaml"),
          out.resolve("slack"),
          out.resolve("jira"),
          out.resolve("mbox"),
          out.resolve("capture"));
      stdout.flush();
      return VeilCli.OK;
    } catch (IOException e) {
      err.println("veil: cannot write " + out + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    }
  }
}
