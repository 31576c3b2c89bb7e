package dev.veil.pipelines.cli;

import dev.veil.pipelines.JobSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code veil demo}: the main job on the bundled synthetic export. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the job on test-data/demo/ with test-data/demo/policy.yaml into ./veil-demo-out, and print a summary.")
public final class DemoCommand implements Callable<Integer> {
  static final String DEMO_DIR = "test-data/demo";
  static final String OUTPUT = "veil-demo-out";

  @Mixin JobOptions job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    VeilCli.quietLogging(job.verbose);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The launcher sets VEIL_HOME to the checkout; otherwise run from the checkout's root.
    String home = System.getenv().getOrDefault("VEIL_HOME", ".");
    Path demo = Path.of(home, DEMO_DIR);
    if (!Files.isDirectory(demo)) {
      err.println("veil: demo data not found at " + demo + " (run from the repository root or via ./veil)");
      return VeilCli.USAGE;
    }
    Path output = Path.of(OUTPUT);
    JobSpec jobSpec;
    try {
      jobSpec =
          JobLauncher.prepare(
              demo.resolve("policy.yaml"), List.of("slack=" + demo.resolve("acme-export")), output, true);
    } catch (JobLauncher.UsageError e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    }
    return JobLauncher.run(jobSpec, job, out, err);
  }
}
