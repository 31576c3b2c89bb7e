package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.evaluate.DedupEvaluation;
import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.transforms.dedup.DedupSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil evaluate-dedup}: generates a set with planted exact and near duplicates, related documents and distinct
 * short messages, runs the job's dedup stage on it with the chosen runner, and prints precision and recall. A
 * measurement: the exit status is 0 whatever the scores, 2 for usage errors.
 */
@Command(
    name = "evaluate-dedup",
    mixinStandardHelpOptions = true,
    description =
        "Score deduplication on a synthetic set with planted exact and near duplicates (ground truth known),"
            + " documents of the same form with other content, and distinct short messages.")
public final class EvaluateDedupCommand implements Callable<Integer> {
  @Option(
      names = "--units",
      defaultValue = "4000",
      description = "Units generated (each a document, a cluster of duplicates, a related pair or short messages)."
          + " Default: ${DEFAULT-VALUE}.")
  long units;

  @Option(names = "--seed", defaultValue = "1", description = "Same seed, same set. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Print the report as one JSON object instead of Markdown.")
  boolean json;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Use this policy's dedup settings (default: the defaults of docs/policy.md#dedup).")
  Path policy;

  @Mixin JobOptions job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (units < 1 || units > 10_000_000) {
      err.println("veil: --units must be between 1 and 10000000, got " + units);
      return VeilCli.USAGE;
    }
    PipelineOptions options;
    try {
      options = job.pipelineOptions();
    } catch (IllegalArgumentException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    }
    DedupSettings settings = DedupSettings.defaults();
    if (policy != null) {
      try {
        settings = Policy.load(policy).dedup();
      } catch (PolicyException e) {
        err.println("veil: " + e.getMessage());
        return VeilCli.USAGE;
      }
    }
    Path work;
    try {
      work = Files.createTempDirectory("veil-dedup-eval");
    } catch (IOException e) {
      err.println("veil: cannot create a temporary directory (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    }
    try {
      DedupEvaluation.Report report = DedupEvaluation.run(seed, units, settings, options, work);
      out.print(json ? new ObjectMapper().writeValueAsString(report.json(new ObjectMapper())) + "\n" : report.markdown());
      out.flush();
      return VeilCli.OK;
    } catch (IOException e) {
      err.println("veil: cannot print the report (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        err.println("veil: could not remove " + work);
      }
    }
  }
}
