package dev.veil.pipelines.cli;

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
        "Run the job on the bundled synthetic export (test-data/demo/, its policy.yaml) into veil-demo-out/ and print a"
            + " summary.")
public final class DemoCommand implements Callable<Integer> {
  static final String DEMO_DIR = "test-data/demo";
  static final String OUTPUT = "veil-demo-out";

  @Mixin JobOptions job;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The launcher sets VEIL_HOME to the checkout; otherwise run from the checkout's root.
    Path demo = Path.of(System.getenv().getOrDefault("VEIL_HOME", "."), DEMO_DIR);
    return JobLauncher.launch(
        spec,
        job,
        () -> {
          if (!Files.isDirectory(demo)) {
            throw new JobLauncher.UsageError(
                "demo data not found at " + demo + " (run from the repository root or via ./veil)");
          }
          return JobLauncher.prepare(
              demo.resolve("policy.yaml"), List.of("slack=" + demo.resolve("acme-export")), Path.of(OUTPUT), true);
        });
  }
}
