package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.evaluate.EvalReport;
import dev.veil.pipelines.evaluate.EvalSet;
import dev.veil.pipelines.evaluate.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil evaluate}: generates the labelled evaluation set, runs the detectors on it and prints precision and
 * recall per entity type. A measurement: the exit status is 0 whatever the scores, 2 for usage errors.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Score the detectors on a synthetic labelled set (chat, tickets, mail with planted identifiers, secrets and"
            + " look-alike traps): gold spans, findings, TP, FP, FN, precision and recall per entity type.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--docs",
      defaultValue = "" + EvalSet.DEFAULT_DOCS,
      description = "Number of documents. Default: ${DEFAULT-VALUE} (some 300+ gold spans per structured type).")
  int docs;

  @Option(names = "--seed", defaultValue = "1", description = "Same seed, same set. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Print the report as one JSON object instead of Markdown.")
  boolean json;

  @Option(
      names = "--write-set",
      paramLabel = "DIR",
      description = "Also write the labelled set to DIR (eval-set.jsonl, directory.jsonl, settings.json).")
  Path writeSet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (docs < 1 || docs > 1_000_000) {
      err.println("veil: --docs must be between 1 and 1000000, got " + docs);
      return VeilCli.USAGE;
    }
    if (writeSet != null && Files.exists(writeSet) && !Files.isDirectory(writeSet)) {
      err.println("veil: --write-set " + writeSet + " is not a directory");
      return VeilCli.USAGE;
    }
    EvalSet set = EvalSet.generate(seed, docs);
    if (writeSet != null) {
      try {
        set.write(writeSet);
      } catch (IOException e) {
        err.println("veil: cannot write " + writeSet + " (" + e.getClass().getSimpleName() + ")");
        return VeilCli.JOB_FAILED;
      }
    }
    EvalReport report = Evaluation.run(set);
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      out.println(report.json(mapper).toString());
    } else {
      out.print(report.markdown());
    }
    out.flush();
    return VeilCli.OK;
  }
}
