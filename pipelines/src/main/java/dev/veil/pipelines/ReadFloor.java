package dev.veil.pipelines;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The job's read stage alone ({@link VeilJob#read}), each record counted and discarded: what any job over these
 * inputs costs on this runner before it does anything with them. {@code veil bench --floor} runs it beside the whole
 * job, in its own JVM, so the per-core throughput of the whole job can be read against this floor.
 *
 * <p>{@code java -cp veil.jar dev.veil.pipelines.ReadFloor flink|direct PARALLELISM kind=path...}; prints {@code
 * elements N}, the number of messages, tickets and episodes read.
 */
public final class ReadFloor {
  static final String ELEMENTS = "floor_elements";

  private ReadFloor() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: ReadFloor flink|direct PARALLELISM kind=path...");
      System.exit(2);
    }
    int parallelism = Integer.parseInt(args[1]);
    PipelineOptions options =
        Runners.DIRECT.equals(args[0])
            ? Runners.direct(parallelism, false)
            : Runners.flink(Runners.FLINK_LOCAL, parallelism);
    List<String> specs = new ArrayList<>(List.of(args).subList(2, args.length));
    System.out.println("elements " + run(options, InputSpec.parseAll(specs)));
  }

  /** Reads the inputs and returns how many messages, tickets and episodes the read stage produced. */
  static long run(PipelineOptions options, List<InputSpec> inputs) {
    Pipeline p = Pipeline.create(options);
    VeilJob.Inputs read = VeilJob.read(p, inputs, null);
    count(read.messages(), "Count messages");
    count(read.tickets(), "Count tickets");
    count(read.episodes(), "Count episodes");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(ReadFloor.class, ELEMENTS)).build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  private static <T> void count(PCollection<T> records, String step) {
    records.apply(
        step,
        ParDo.of(
            new DoFn<T, Void>() {
              private final Counter elements = Metrics.counter(ReadFloor.class, ELEMENTS);

              @ProcessElement
              public void process() {
                elements.inc();
              }
            }));
  }
}
