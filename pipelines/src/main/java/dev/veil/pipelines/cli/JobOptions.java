package dev.veil.pipelines.cli;

import dev.veil.pipelines.Runners;
import java.time.Duration;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Option;

/** Runner options shared by {@code run}, {@code demo} and {@code evaluate-dedup}. */
public final class JobOptions {
  @Option(
      names = "--runner",
      defaultValue = "flink",
      description =
          "flink (default; with --flink-master [local] an embedded Flink mini-cluster) or direct (Beam's"
              + " in-process runner: starts faster, slower past a few hundred conversations).")
  String runner;

  @Option(
      names = "--flink-master",
      defaultValue = "[local]",
      description =
          "With --runner flink: [local] for an embedded mini-cluster (default), HOST:PORT of a Flink 1.19 cluster's"
              + " REST API (the jar is staged to it; docs/running-on-flink.md), or [auto] under `flink run`.")
  String flinkMaster;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Worker threads (direct) or task slots used (flink). Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--restart-attempts",
      defaultValue = "10",
      description =
          "On a Flink cluster: how many failed tasks are restarted before the job fails (Flink counts each failed"
              + " task: a lost TaskManager fails every task it ran). 0: no restarts. Default: ${DEFAULT-VALUE}.")
  int restartAttempts;

  @Option(
      names = "--restart-delay",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "On a Flink cluster: seconds between a failure and the restart. Default: ${DEFAULT-VALUE}.")
  int restartDelaySeconds;

  @Option(
      names = "--lineage-url",
      paramLabel = "URL",
      description =
          "Post the run's OpenLineage events to this server (Marquez: http://HOST:5000; a path names the endpoint,"
              + " default /api/v1/lineage) instead of where the policy's lineage mapping sends them. See docs/lineage.md.")
  java.net.URI lineageUrl;

  @Option(names = "--verbose", description = "Log runner progress and print stack traces on failure.")
  boolean verbose;

  /** The pipeline options these flags name; a flag out of range is an IllegalArgumentException naming it. */
  PipelineOptions pipelineOptions() {
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
    }
    if (Runners.DIRECT.equals(runner)) {
      return Runners.direct(parallelism, false);
    }
    if (Runners.FLINK.equals(runner)) {
      return Runners.flink(
          flinkMaster, parallelism, new Runners.Restarts(restartAttempts, Duration.ofSeconds(restartDelaySeconds)));
    }
    throw new IllegalArgumentException("--runner must be direct or flink, got '" + runner + "'");
  }

  /** How the summary and the manifest's run record name the runner. */
  String runnerName() {
    return Runners.FLINK.equals(runner) ? "flink " + flinkMaster : runner;
  }
}
