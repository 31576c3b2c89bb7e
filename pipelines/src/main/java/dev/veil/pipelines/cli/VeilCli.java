package dev.veil.pipelines.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code veil}: the command line. Exit status 0 success, 2 usage or policy error, 1 job failure. */
@Command(
    name = "veil",
    mixinStandardHelpOptions = true,
    version = "veil " + VeilCli.VERSION,
    description = "De-identify workplace data into deterministic training sets.",
    subcommands = {
      RunCommand.class,
      VerifyCommand.class,
      TraceCommand.class,
      ScanCommand.class,
      EraseCommand.class,
      DemoCommand.class,
      GenerateCommand.class,
      DetokenizeCommand.class,
      DetectCommand.class,
      EvaluateCommand.class,
      EvaluateDedupCommand.class,
      KanonCommand.class,
      KeysCommand.class,
      RiskCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VeilCli implements Runnable {
  public static final String VERSION = "0.1.0";
  /** Names this build as the producer of its OpenLineage events. */
  public static final java.net.URI PRODUCER = java.net.URI.create("https://veil.dev/veil/" + VERSION);
  public static final int OK = 0;
  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: run, demo, generate, detect, detokenize, evaluate, kanon, keys or risk");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return execute(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given streams; returns the exit status. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    quietLogging(false);
    return new CommandLine(new VeilCli())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("veil: job failed: " + ex.getClass().getSimpleName());
              return JOB_FAILED;
            })
        .execute(args);
  }

  /** Runner libraries log at INFO per task; keep the terminal for the summary unless --verbose. */
  static void quietLogging(boolean verbose) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
    Level level = verbose ? Level.INFO : Level.WARNING;
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(level);
    // Flink's mini-cluster warns about its own defaults on every start; they are not the user's concern.
    Level runnerLevel = verbose ? Level.INFO : Level.SEVERE;
    for (Logger l : RUNNER_LOGGERS) {
      l.setLevel(runnerLevel);
    }
    // Beam's Flink runner logs a failed job's whole stack trace; the launcher prints one line for it instead.
    BEAM_FLINK_RUNNER.setLevel(verbose ? Level.INFO : Level.OFF);
  }

  private static final Logger BEAM_FLINK_RUNNER = Logger.getLogger("org.apache.beam.runners.flink.FlinkRunner");

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger[] RUNNER_LOGGERS = {
    Logger.getLogger("org.apache.flink"),
    Logger.getLogger("org.apache.beam.runners.flink"),
    // Parquet output loads Hadoop's codec classes, which warn once that Hadoop's native library is absent.
    Logger.getLogger("org.apache.hadoop")
  };
}
