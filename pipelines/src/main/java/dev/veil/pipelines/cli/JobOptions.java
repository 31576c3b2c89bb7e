package dev.veil.pipelines.cli;

import picocli.CommandLine.Option;

/** Runner options shared by {@code run} and {@code demo}. */
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
      description = "With --runner flink: [local] for an embedded mini-cluster (default), or HOST:PORT of a cluster.")
  String flinkMaster;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Worker threads (direct) or task slots used (flink). Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--lineage-url",
      paramLabel = "URL",
      description =
          "Post the run's OpenLineage events to this server (Marquez: http://HOST:5000; a path names the endpoint,"
              + " default /api/v1/lineage) instead of where the policy's lineage mapping sends them. See docs/lineage.md.")
  java.net.URI lineageUrl;

  @Option(names = "--verbose", description = "Log runner progress and print stack traces on failure.")
  boolean verbose;
}
