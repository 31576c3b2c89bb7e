package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.pipelines.evaluate.TypingData;
import dev.veil.pipelines.evaluate.TypingRisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil risk}: measured re-identification risk of what a data set or a Veil output releases. */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = "Measure re-identification risk with an attacker trained on the data.",
    subcommands = {RiskCommand.Typing.class})
public final class RiskCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: typing");
  }

  /**
   * {@code veil risk typing DATA}: a keystroke-dynamics attacker (scaled Manhattan distance on hold and digraph
   * latency features) enrolled on part of each person's typing, tested on the rest; prints top-1 identification
   * accuracy against chance and the equal error rate. A measurement: exit status 0 whatever the figures, 2 for usage
   * errors.
   */
  @Command(
      name = "typing",
      mixinStandardHelpOptions = true,
      description =
          "Re-identify typists by keystroke timing (hold times, digraph latencies; scaled Manhattan distance) in DATA:"
              + " a directory of recorder sessions (folders with events.jsonl) or a Veil output directory. Prints"
              + " top-1 accuracy, chance (1/people) and the equal error rate per timing option.")
  public static final class Typing implements Callable<Integer> {
    @Parameters(paramLabel = "DATA", description = "Recorder sessions, or a Veil output directory.")
    Path data;

    @Option(
        names = "--option",
        defaultValue = "raw",
        paramLabel = "OPTION",
        description = "How timings are released before the attack: raw, drop, bucket:MS or resample."
            + " Default: ${DEFAULT-VALUE}.")
    String option;

    @Option(names = "--all", description = "Run raw, drop, bucket:10/50/100/250 and resample in one table.")
    boolean all;

    @Option(names = "--json", description = "Print the report as one JSON object instead of Markdown.")
    boolean json;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Seeds the key of the bucket offsets and resample draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(data)) {
        err.println("veil: DATA must be a directory of recorder sessions or a Veil output directory");
        return VeilCli.USAGE;
      }
      List<String> options = all ? TypingRisk.allOptions() : List.of(option);
      TypingData.Data read;
      try {
        read = TypingData.read(data);
      } catch (IOException e) {
        err.println("veil: cannot read DATA (" + e.getClass().getSimpleName() + ")");
        return VeilCli.JOB_FAILED;
      }
      TypingRisk.Report report;
      try {
        report = TypingRisk.run(read, options, seed);
      } catch (IllegalArgumentException e) {
        err.println("veil: --option: " + e.getMessage());
        return VeilCli.USAGE;
      }
      try {
        out.print(
            json ? new ObjectMapper().writeValueAsString(report.json(new ObjectMapper())) + "\n" : report.markdown());
      } catch (IOException e) {
        err.println("veil: cannot print the report (" + e.getClass().getSimpleName() + ")");
        return VeilCli.JOB_FAILED;
      }
      out.flush();
      return VeilCli.OK;
    }
  }
}
