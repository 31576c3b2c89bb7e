package dev.veil.pipelines;

import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Pipeline options for the runners Veil supports. Direct: Beam's in-process runner, with the immutability and
 * encodability checks off (they roughly double its cost; the tests keep them on). Flink: an embedded mini-cluster
 * ({@code [local]}), a cluster's REST address ({@code host:port}), or the environment {@code flink run} provides
 * ({@code [auto]}).
 *
 * <p>On a cluster a TaskManager can die under a running job; the job then restarts by the fixed-delay strategy
 * {@link FlinkClusterRunner} sets. In the embedded mini-cluster the job shares the client's process, so a restart
 * could only repeat a deterministic failure: none is configured there. Under {@code flink run} ({@code [auto]}) the
 * cluster's own restart strategy applies.
 */
public final class Runners {
  public static final String DIRECT = "direct";
  public static final String FLINK = "flink";
  public static final String FLINK_LOCAL = "[local]";
  public static final String FLINK_AUTO = "[auto]";

  private static final Pattern HOST_PORT = Pattern.compile("(?:https?://)?[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");

  private Runners() {}

  /** How a job on a cluster is restarted after a failure: attempts (0: never) and the delay between them. */
  public record Restarts(int attempts, Duration delay) {
    public static final Restarts NONE = new Restarts(0, Duration.ZERO);

    public Restarts {
      if (attempts < 0) {
        throw new IllegalArgumentException("--restart-attempts must be 0 or more, got " + attempts);
      }
      if (delay.isNegative()) {
        throw new IllegalArgumentException("--restart-delay must be 0 or more seconds, got " + delay.toSeconds());
      }
    }
  }

  public static PipelineOptions direct(int parallelism, boolean strictChecks) {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    o.setTargetParallelism(parallelism);
    o.setEnforceImmutability(strictChecks);
    o.setEnforceEncodability(strictChecks);
    o.setBlockOnRun(true);
    common(o);
    return o;
  }

  /** The embedded mini-cluster or a cluster, without restarts. */
  public static PipelineOptions flink(String master, int parallelism) {
    return flink(master, parallelism, Restarts.NONE);
  }

  /**
   * Flink options. {@code master}: {@code [local]}, {@code [auto]} or {@code host:port} (else an
   * IllegalArgumentException naming the flag). For a cluster ({@code host:port}) the job runs through
   * {@link FlinkClusterRunner}, which stages the fat jar and sets the restart strategy.
   */
  public static PipelineOptions flink(String master, int parallelism, Restarts restarts) {
    boolean local = FLINK_LOCAL.equals(master);
    boolean auto = FLINK_AUTO.equals(master);
    if (!local && !auto && !HOST_PORT.matcher(master).matches()) {
      throw new IllegalArgumentException(
          "--flink-master must be [local], [auto] or HOST:PORT of a Flink cluster's REST API, got '" + master + "'");
    }
    FlinkClusterRunner.Options o = PipelineOptionsFactory.create().as(FlinkClusterRunner.Options.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster(master);
    o.setParallelism(parallelism);
    o.setAttachedMode(true);
    o.as(StreamingOptions.class).setStreaming(false);
    // Without object reuse Flink copies every element between two fused (chained) operators by encoding and decoding
    // it with its coder. Veil's DoFns never mutate what they receive or what they have emitted (Beam's rule, enforced
    // by the Direct runner in the tests), so the copies buy nothing.
    o.setObjectReuse(true);
    if (!local && !auto) {
      o.setRunner(FlinkClusterRunner.class);
      o.setClusterAddress(master);
      o.setRestartAttempts(restarts.attempts());
      o.setRestartDelayMillis(restarts.delay().toMillis());
    }
    common(o);
    return o;
  }

  private static void common(PipelineOptions o) {
    o.setJobName("veil");
    o.setStableUniqueNames(PipelineOptions.CheckEnabled.ERROR);
  }
}
