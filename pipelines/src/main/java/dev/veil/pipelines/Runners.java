package dev.veil.pipelines;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Pipeline options for the runners Veil supports. Direct: Beam's in-process runner, with the immutability and
 * encodability checks off (they roughly double its cost; the tests keep them on). Flink: an embedded mini-cluster
 * ({@code [local]}) or a cluster's REST address ({@code host:port}).
 */
public final class Runners {
  public static final String DIRECT = "direct";
  public static final String FLINK = "flink";
  public static final String FLINK_LOCAL = "[local]";

  private Runners() {}

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

  public static PipelineOptions flink(String master, int parallelism) {
    FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster(master);
    o.setParallelism(parallelism);
    o.setAttachedMode(true);
    o.as(StreamingOptions.class).setStreaming(false);
    common(o);
    return o;
  }

  private static void common(PipelineOptions o) {
    o.setJobName("veil");
    o.setStableUniqueNames(PipelineOptions.CheckEnabled.ERROR);
  }
}
