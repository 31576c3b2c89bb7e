package dev.veil.transforms.audit;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Sums the run's tallies and, once every shard is committed, builds {@code manifest.json} from the files as found on
 * disk (see {@link ManifestJson}). Input: a tuple of {@link #TALLIES}, {@link #DATA_FILES} and
 * {@link #RESTRICTED_FILES}.
 */
@AutoValue
public abstract class BuildManifest extends PTransform<PCollectionTuple, PCollection<FileBlob>> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<KV<String, Long>>() {};
  public static final TupleTag<WrittenFile> DATA_FILES = new TupleTag<WrittenFile>() {};
  public static final TupleTag<WrittenFile> RESTRICTED_FILES = new TupleTag<WrittenFile>() {};
  public static final String FILE_NAME = "manifest.json";

  abstract String headerJson();

  public static BuildManifest withHeader(String headerJson) {
    checkArgument(headerJson != null && headerJson.startsWith("{"), "header must be a JSON object");
    return new AutoValue_BuildManifest(headerJson);
  }

  @Override
  public PCollection<FileBlob> expand(PCollectionTuple in) {
    PCollectionView<Map<String, Long>> tallies =
        in.get(TALLIES).apply("Sum tallies", Sum.longsPerKey()).apply("Tallies view", View.asMap());
    PCollectionView<List<WrittenFile>> data = in.get(DATA_FILES).apply("Shards view", View.asList());
    PCollectionView<List<WrittenFile>> restricted =
        in.get(RESTRICTED_FILES).apply("Restricted view", View.asList());
    return in.getPipeline()
        .apply("Once", Create.of(0))
        .apply(
            "Assemble manifest",
            ParDo.of(new ManifestFn(headerJson(), tallies, data, restricted))
                .withSideInputs(tallies, data, restricted))
        .setCoder(Coders.avro(FileBlob.class));
  }

  static final class ManifestFn extends DoFn<Integer, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final String header;
    private final PCollectionView<Map<String, Long>> tallies;
    private final PCollectionView<List<WrittenFile>> data;
    private final PCollectionView<List<WrittenFile>> restricted;

    ManifestFn(
        String header,
        PCollectionView<Map<String, Long>> tallies,
        PCollectionView<List<WrittenFile>> data,
        PCollectionView<List<WrittenFile>> restricted) {
      this.header = header;
      this.tallies = tallies;
      this.data = data;
      this.restricted = restricted;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      byte[] json =
          ManifestJson.build(
              header,
              c.sideInput(tallies),
              new ArrayList<>(c.sideInput(data)),
              new ArrayList<>(c.sideInput(restricted)));
      c.output(
          FileBlob.newBuilder().setName(FILE_NAME).setBytes(ByteBuffer.wrap(json)).setRecords(1).build());
    }
  }
}
