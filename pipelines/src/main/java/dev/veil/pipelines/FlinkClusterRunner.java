package dev.veil.pipelines;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.time.Time;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.configuration.Configuration;

/**
 * Beam's Flink runner, submitting to a Flink cluster's REST API with the job's own restart strategy.
 *
 * <p>Beam 2.62 translates a batch pipeline to a Flink DataSet program and applies its retry options
 * ({@code numberOfExecutionRetries}) only to streaming programs; Flink 1.19 builds a DataSet job without a job
 * configuration, so the one place a DataSet job carries its restart strategy is its {@code ExecutionConfig}. This
 * runner therefore does what Flink's own client ({@code flink run}) does: it provides the execution environment, a
 * remote environment for the cluster with the fat jar to stage and a fixed-delay restart strategy set, and runs
 * Beam's Flink runner against it ({@code flinkMaster = [auto]}).
 */
public final class FlinkClusterRunner extends PipelineRunner<PipelineResult> {
  private final Options options;

  /** What this runner adds to Beam's Flink options. */
  public interface Options extends FlinkPipelineOptions {
    @Description("HOST:PORT of the Flink cluster's REST API.")
    String getClusterAddress();

    void setClusterAddress(String address);

    @Description("How often the job is restarted after a failure before it fails; 0: never.")
    @Default.Integer(0)
    int getRestartAttempts();

    void setRestartAttempts(int attempts);

    @Description("Milliseconds between a failure and the restart.")
    @Default.Long(10_000L)
    long getRestartDelayMillis();

    void setRestartDelayMillis(long millis);
  }

  private FlinkClusterRunner(Options options) {
    this.options = options;
  }

  /** Called by Beam ({@code PipelineOptions.setRunner}). */
  public static FlinkClusterRunner fromOptions(PipelineOptions options) {
    return new FlinkClusterRunner(options.as(Options.class));
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    String address = options.getClusterAddress().replaceFirst("^https?://", "");
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    String jar = jobJar().toString();
    RestartStrategies.RestartStrategyConfiguration restarts =
        options.getRestartAttempts() == 0
            ? RestartStrategies.noRestart()
            : RestartStrategies.fixedDelayRestart(
                options.getRestartAttempts(), Time.of(options.getRestartDelayMillis(), TimeUnit.MILLISECONDS));
    // Made before the hook is installed: Flink refuses to make a remote environment inside a client's context.
    ExecutionEnvironment env = ExecutionEnvironment.createRemoteEnvironment(host, port, new Configuration(), jar);
    env.getConfig().setRestartStrategy(restarts);
    options.setFlinkMaster(Runners.FLINK_AUTO);
    ClientEnvironment.install(() -> env);
    try {
      return FlinkRunner.fromOptions(options).run(pipeline);
    } finally {
      ClientEnvironment.reset();
    }
  }

  /**
   * The fat jar this class was loaded from: what a cluster loads the job's classes from, and what {@code veil bench}
   * runs. Run from classes (a test, an IDE) there is none: an IllegalStateException says so.
   */
  public static Path jobJar() {
    Path location;
    try {
      location = Path.of(FlinkClusterRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the job jar to stage to the Flink cluster", e);
    }
    if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "this needs the job jar (a Flink cluster loads the job's classes from it; veil bench runs it): run through"
              + " ./veil (pipelines/target/veil.jar), not from "
              + location);
    }
    return location;
  }

  /** Flink's hook for a client to provide the execution environment a program's {@code getExecutionEnvironment} returns. */
  private abstract static class ClientEnvironment extends ExecutionEnvironment {
    static void install(org.apache.flink.api.java.ExecutionEnvironmentFactory factory) {
      initializeContextEnvironment(factory);
    }

    static void reset() {
      resetContextEnvironment();
    }
  }
}
