package dev.veil.pipelines.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil run}: the main job. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the job: read inputs, de-identify, assemble, filter, write shards and a manifest.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--policy", required = true, description = "Policy file (YAML); see docs/policy.md.")
  Path policy;

  @Option(
      names = "--input",
      required = true,
      description = "KIND=PATH, repeatable. Kinds: slack (export .zip or unpacked directory).")
  List<String> inputs;

  @Option(names = "--output", required = true, description = "Output directory (created if missing).")
  Path output;

  @Option(names = "--overwrite", description = "Replace the output of a previous run in --output.")
  boolean overwrite;

  @Mixin JobOptions job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return JobLauncher.launch(spec, job, () -> JobLauncher.prepare(policy, inputs, output, overwrite));
  }
}
