package dev.veil.transforms.assemble;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.schemas.Episode;
import dev.veil.schemas.Example;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import java.io.Serializable;
import java.util.function.BiFunction;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * One example per de-identified record, for sources whose record already is a training unit: a ticket
 * ({@link TicketBuilder}) or a recorded episode ({@link EpisodeBuilder}).
 */
public final class AssembleEach<T> extends PTransform<PCollection<T>, PCollection<Example>> {
  private static final long serialVersionUID = 1L;

  /** Renders one record as an example; built once per worker from the keyed pseudonyms. */
  @FunctionalInterface
  public interface Renderer<T> extends Serializable {
    BiFunction<String, T, Example> create(Pseudonyms pseudonyms);
  }

  private final String sourceKind;
  private final KeyReference key;
  private final Renderer<T> renderer;

  private AssembleEach(String sourceKind, KeyReference key, Renderer<T> renderer) {
    checkArgument(sourceKind != null && !sourceKind.isEmpty(), "source kind must be non-empty");
    checkArgument(key != null, "key reference must be set");
    this.sourceKind = sourceKind;
    this.key = key;
    this.renderer = renderer;
  }

  public static AssembleEach<Ticket> tickets(String sourceKind, KeyReference key) {
    return new AssembleEach<>(sourceKind, key, p -> new TicketBuilder(p)::build);
  }

  public static AssembleEach<Episode> episodes(String sourceKind, KeyReference key) {
    return new AssembleEach<>(sourceKind, key, p -> new EpisodeBuilder(p)::build);
  }

  @Override
  public PCollection<Example> expand(PCollection<T> records) {
    return records
        .apply("Build examples", ParDo.of(new BuildFn<>(sourceKind, key, renderer)))
        .setCoder(Coders.avro(Example.class));
  }

  static final class BuildFn<T> extends DoFn<T, Example> {
    private static final long serialVersionUID = 1L;
    private final String sourceKind;
    private final KeyReference key;
    private final Renderer<T> renderer;
    private transient BiFunction<String, T, Example> build;

    BuildFn(String sourceKind, KeyReference key, Renderer<T> renderer) {
      this.sourceKind = sourceKind;
      this.key = key;
      this.renderer = renderer;
    }

    @Setup
    public void setup() {
      build = renderer.create(new Pseudonyms(key.resolve()));
    }

    @ProcessElement
    public void process(@Element T record, OutputReceiver<Example> out) {
      out.output(build.apply(sourceKind, record));
    }
  }
}
