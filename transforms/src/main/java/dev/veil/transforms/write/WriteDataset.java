package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.ReleasedExample;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes examples as deterministic shards under {@code root/data/} (see {@link ShardLayout}): each example goes to
 * the bucket of its split (by unit) and id; one worker per bucket sorts it by id, cuts it at the token budget and
 * byte cap, and encodes each shard in the policy's format ({@link BucketWriter}). The worker spills the bucket to
 * its local disk and holds only the examples' ids and sizes plus one shard, so its memory does not grow with the
 * bucket. Examples must carry their token count ({@link CountTokens}).
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
    KvCoder<String, ReleasedExample> coder = KvCoder.of(StringUtf8Coder.of(), Coders.avro(ReleasedExample.class));
    PCollection<KV<String, ReleasedExample>> placed =
        examples.apply("Place in buckets", ParDo.of(new PlaceFn(layout()))).setCoder(coder);
    PCollectionView<Map<String, Long>> perSplit =
        placed
            .apply("Keys", Keys.create())
            .apply("Split of bucket", MapElements.into(TypeDescriptors.strings()).via(ShardLayout::splitOfName))
            .apply("Examples per split", Count.perElement())
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("Split sizes", View.asMap());
    // The bucket groups go straight into the step that writes them: a step with a side input is not fused with the
    // grouping before it on Flink, which would then ship each bucket to it as one record, held whole in memory. The
    // one shard of an empty split is written beside them, from the split counts.
    PCollection<FileBlob> shards =
        placed
            .apply("Group by bucket", GroupByKey.create())
            .apply("Cut and encode shards", ParDo.of(new PackFn(layout())))
            .setCoder(Coders.avro(FileBlob.class));
    PCollection<FileBlob> empty =
        examples
            .getPipeline()
            .apply("Every split", Create.of(layout().splits()).withCoder(StringUtf8Coder.of()))
            .apply("Empty splits", ParDo.of(new EmptySplitFn(layout(), perSplit)).withSideInputs(perSplit))
            .setCoder(Coders.avro(FileBlob.class));
    return PCollectionList.of(shards)
        .and(empty)
        .apply("All shards", Flatten.pCollections())
        .apply("Write shards", WriteBlobs.to(root(), DATA_DIR));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("buckets", layout().buckets()));
    builder.add(DisplayData.item("validationFraction", layout().validationFraction()));
    builder.add(DisplayData.item("shardTokens", layout().shardTokens()));
    builder.add(DisplayData.item("shardBytes", layout().shardBytes()));
    builder.add(DisplayData.item("format", layout().format().policyName()));
    builder.add(DisplayData.item("tokenizer", layout().tokenizer()));
  }

  static final class PlaceFn extends DoFn<Example, KV<String, ReleasedExample>> {
    private static final long serialVersionUID = 1L;
    private final ShardLayout layout;

    PlaceFn(ShardLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<KV<String, ReleasedExample>> out) {
      if (e.getTokens() < 0) {
        throw new IllegalStateException("an example reached WriteDataset without a token count: apply CountTokens");
      }
      out.output(KV.of(layout.bucketKeyFor(e.getId(), e.getUnit()), Release.of(e)));
    }
  }

  /** Writes one bucket's shards ({@link BucketWriter}), reading the group once, as it comes. */
  static final class PackFn extends DoFn<KV<String, Iterable<ReleasedExample>>, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final ShardLayout layout;

    PackFn(ShardLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<ReleasedExample>> bucket, OutputReceiver<FileBlob> out) {
      BucketWriter.write(layout, bucket.getKey(), bucket.getValue(), s -> out.output(blob(s)));
    }
  }

  /** The one empty shard, part 0 of bucket 0, of a split that has no examples at all. */
  static final class EmptySplitFn extends DoFn<String, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final ShardLayout layout;
    private final PCollectionView<Map<String, Long>> perSplit;

    EmptySplitFn(ShardLayout layout, PCollectionView<Map<String, Long>> perSplit) {
      this.layout = layout;
      this.perSplit = perSplit;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String split = c.element();
      if (c.sideInput(perSplit).getOrDefault(split, 0L) == 0) {
        c.output(blob(BucketWriter.empty(layout, layout.bucketKey(split, 0))));
      }
    }
  }

  static FileBlob blob(BucketWriter.Shard s) {
    return FileBlob.newBuilder()
        .setName(s.name())
        .setBytes(ByteBuffer.wrap(s.bytes()))
        .setRecords(s.records())
        .setTokens(s.tokens())
        .build();
  }
}
