package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.ReleasedExample;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
  /** Stands for "this split exists" in bucket 0 of every split; never written. Real ids are never empty. */
  private static final String MARKER_ID = "";

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
    List<KV<String, ReleasedExample>> markers = new ArrayList<>();
    for (String split : layout().splits()) {
      markers.add(KV.of(layout().bucketKey(split, 0), marker()));
    }
    PCollection<KV<String, ReleasedExample>> seeds =
        examples.getPipeline().apply("Every split", Create.of(markers).withCoder(coder));
    return PCollectionList.of(placed)
        .and(seeds)
        .apply("With every split", Flatten.pCollections())
        .apply("Group by bucket", GroupByKey.create())
        .apply("Cut and encode shards", ParDo.of(new PackFn(layout(), perSplit)).withSideInputs(perSplit))
        .setCoder(Coders.avro(FileBlob.class))
        .apply("Write shards", WriteBlobs.to(root(), DATA_DIR));
  }

  private static ReleasedExample marker() {
    return ReleasedExample.newBuilder()
        .setId(MARKER_ID)
        .setSource("")
        .setKind("")
        .setLicense("")
        .setText("")
        .setTokens(0)
        .setMeta(Map.of())
        .setEntities(Map.of())
        .build();
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

  static final class PackFn extends DoFn<KV<String, Iterable<ReleasedExample>>, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final ShardLayout layout;
    private final PCollectionView<Map<String, Long>> perSplit;

    PackFn(ShardLayout layout, PCollectionView<Map<String, Long>> perSplit) {
      this.layout = layout;
      this.perSplit = perSplit;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String bucketKey = c.element().getKey();
      Iterable<ReleasedExample> examples = Groups.filtered(c.element().getValue(), e -> !e.getId().isEmpty(), e -> e);
      int shards = BucketWriter.write(layout, bucketKey, examples, s -> c.output(blob(s)));
      if (shards == 0 && c.sideInput(perSplit).getOrDefault(ShardLayout.splitOfName(bucketKey), 0L) == 0) {
        c.output(blob(BucketWriter.empty(layout, bucketKey)));
      }
    }

    private static FileBlob blob(BucketWriter.Shard s) {
      return FileBlob.newBuilder()
          .setName(s.name())
          .setBytes(ByteBuffer.wrap(s.bytes()))
          .setRecords(s.records())
          .setTokens(s.tokens())
          .build();
    }
  }
}
