package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.WrittenFile;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes examples as deterministic shards under {@code root/data/}: split by unit, shard by id (see
 * {@link ShardLayout}), lines sorted by id, each shard one zstd frame.
 */
@AutoValue
public abstract class WriteDataset extends PTransform<PCollection<Example>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;
  public static final String DATA_DIR = "data";

  abstract String root();

  abstract ShardLayout layout();

  public static WriteDataset to(String root, ShardLayout layout) {
    checkArgument(root != null && !root.isEmpty(), "root must be non-empty");
    checkArgument(layout != null, "layout must be set");
    return new AutoValue_WriteDataset(root, layout);
  }

  @Override
  public PCollection<WrittenFile> expand(PCollection<Example> examples) {
    return examples
        .apply("Serialize and place", ParDo.of(new PlaceFn(layout())))
        .setCoder(BuildFiles.LINES_CODER)
        .apply("Build shards", BuildFiles.named(layout().allFiles(), true))
        .apply("Write shards", WriteBlobs.to(root(), DATA_DIR));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("shards", layout().shards()));
    builder.add(DisplayData.item("validationFraction", layout().validationFraction()));
  }

  static final class PlaceFn extends DoFn<Example, KV<String, KV<String, String>>> {
    private static final long serialVersionUID = 1L;
    private final ShardLayout layout;

    PlaceFn(ShardLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<KV<String, KV<String, String>>> out) {
      out.output(KV.of(layout.fileFor(e.getId(), e.getUnit()), KV.of(e.getId(), ExampleJson.line(e))));
    }
  }
}
