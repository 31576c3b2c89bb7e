package dev.veil.transforms;

import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Pipelines for transform tests. Beam 2.62's TestPipeline is a JUnit 4 rule; Veil's tests are JUnit 5, so they build a
 * plain DirectRunner pipeline with the same strictness (stable unique names, immutability and encodability checks)
 * and always run it, which executes every PAssert (a failed assertion fails {@code run()}).
 */
public final class TestPipelines {
  private TestPipelines() {}

  public static Pipeline direct() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    o.setEnforceImmutability(true);
    o.setEnforceEncodability(true);
    o.setTargetParallelism(2);
    o.setStableUniqueNames(PipelineOptions.CheckEnabled.ERROR);
    return Pipeline.create(o);
  }

  /** A folder of {@code test-data/}, the repository's synthetic fixtures. */
  public static Path testData(String relative) {
    String root = System.getProperty("veil.testData", "../test-data");
    return Path.of(root).resolve(relative).toAbsolutePath().normalize();
  }
}
