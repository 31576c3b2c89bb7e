package dev.veil.transforms.audit;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.value.AutoValue;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.common.Coders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Sums the run's tallies and, once every shard is committed, builds {@code manifest.json} from the files as found on
 * disk (see {@link ManifestJson}), and from it {@code croissant.json} ({@link Croissant}), the dataset card
 * {@code README.md} ({@link DatasetCard}) and the de-identification report ({@link DeidReport}). Input: a tuple of
 * {@link #TALLIES}, {@link #DATA_FILES} and {@link #RESTRICTED_FILES}. Output: {@link #FILES} (the files of the
 * output's root) and {@link #REPORT_FILES} (those of {@link #REPORT_DIR}).
 */
@AutoValue
public abstract class BuildManifest extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<KV<String, Long>>() {};
  public static final TupleTag<WrittenFile> DATA_FILES = new TupleTag<WrittenFile>() {};
  public static final TupleTag<WrittenFile> RESTRICTED_FILES = new TupleTag<WrittenFile>() {};
  /** Optional: the k-anonymity stage's report (one JSON object), the manifest's {@code k_anonymity}. */
  public static final TupleTag<String> KANON_REPORT = new TupleTag<String>() {};
  /** Optional, with the report: the verification's risk after (one JSON object), {@code k_anonymity.after}. */
  public static final TupleTag<String> KANON_CHECK = new TupleTag<String>() {};
  /** Optional: the leak scan's result (one JSON object), the manifest's {@code leak_scan}. */
  public static final TupleTag<String> LEAK_SCAN = new TupleTag<String>() {};
  public static final String FILE_NAME = "manifest.json";
  public static final String CROISSANT_FILE = "croissant.json";
  public static final String CARD_FILE = "README.md";
  /** The report's directory under the output: {@link DeidReport#JSON_FILE} and {@link DeidReport#HTML_FILE}. */
  public static final String REPORT_DIR = "report";
  /** {@code manifest.json}, {@code croissant.json}, {@code README.md}. */
  public static final TupleTag<FileBlob> FILES = new TupleTag<FileBlob>() {};
  /** {@code report.json}, {@code report.html}, for {@link #REPORT_DIR}. */
  public static final TupleTag<FileBlob> REPORT_FILES = new TupleTag<FileBlob>() {};

  abstract String headerJson();

  abstract CardInfo card();

  /** The card settings default to {@link CardInfo#defaults} of the header's policy version. */
  public static BuildManifest withHeader(String headerJson) {
    checkArgument(headerJson != null && headerJson.startsWith("{"), "header must be a JSON object");
    String version;
    try {
      version = new ObjectMapper().readTree(headerJson).path("policy").path("version").asText("unversioned");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("header must be a JSON object", e);
    }
    return new AutoValue_BuildManifest(headerJson, CardInfo.defaults(version.isEmpty() ? "unversioned" : version));
  }

  /** What {@code croissant.json} and the dataset card say about the dataset. */
  public BuildManifest withCard(CardInfo card) {
    checkArgument(card != null, "card must be set");
    return new AutoValue_BuildManifest(headerJson(), card);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    PCollectionView<Map<String, Long>> tallies =
        in.get(TALLIES).apply("Sum tallies", Sum.longsPerKey()).apply("Tallies view", View.asMap());
    PCollectionView<List<WrittenFile>> data = in.get(DATA_FILES).apply("Shards view", View.asList());
    PCollectionView<List<WrittenFile>> restricted =
        in.get(RESTRICTED_FILES).apply("Restricted view", View.asList());
    PCollectionView<List<String>> kanon =
        (in.has(KANON_REPORT)
                ? PCollectionList.of(in.get(KANON_REPORT)).and(in.get(KANON_CHECK))
                : PCollectionList.<String>empty(in.getPipeline()))
            .apply("All k-anonymity reports", Flatten.pCollections())
            .setCoder(StringUtf8Coder.of())
            .apply("K-anonymity view", View.asList());
    PCollectionView<List<String>> leakScan =
        (in.has(LEAK_SCAN) ? PCollectionList.of(in.get(LEAK_SCAN)) : PCollectionList.<String>empty(in.getPipeline()))
            .apply("Leak scan result", Flatten.pCollections())
            .setCoder(StringUtf8Coder.of())
            .apply("Leak scan view", View.asList());
    PCollectionTuple files =
        in.getPipeline()
            .apply("Once", Create.of(0))
            .apply(
                "Assemble manifest",
                ParDo.of(new ManifestFn(headerJson(), card(), tallies, data, restricted, kanon, leakScan))
                    .withSideInputs(tallies, data, restricted, kanon, leakScan)
                    .withOutputTags(FILES, TupleTagList.of(REPORT_FILES)));
    files.get(FILES).setCoder(Coders.avro(FileBlob.class));
    files.get(REPORT_FILES).setCoder(Coders.avro(FileBlob.class));
    return files;
  }

  static final class ManifestFn extends DoFn<Integer, FileBlob> {
    private static final long serialVersionUID = 1L;
    private final String header;
    private final CardInfo card;
    private final PCollectionView<Map<String, Long>> tallies;
    private final PCollectionView<List<WrittenFile>> data;
    private final PCollectionView<List<WrittenFile>> restricted;
    private final PCollectionView<List<String>> kanon;
    private final PCollectionView<List<String>> leakScan;

    ManifestFn(
        String header,
        CardInfo card,
        PCollectionView<Map<String, Long>> tallies,
        PCollectionView<List<WrittenFile>> data,
        PCollectionView<List<WrittenFile>> restricted,
        PCollectionView<List<String>> kanon,
        PCollectionView<List<String>> leakScan) {
      this.header = header;
      this.card = card;
      this.tallies = tallies;
      this.data = data;
      this.restricted = restricted;
      this.kanon = kanon;
      this.leakScan = leakScan;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ObjectNode manifest =
          ManifestJson.buildNode(
              header,
              c.sideInput(tallies),
              new ArrayList<>(c.sideInput(data)),
              new ArrayList<>(c.sideInput(restricted)));
      ManifestJson.addKAnonymity(manifest, c.sideInput(kanon));
      for (String json : c.sideInput(leakScan)) {
        ManifestJson.addObject(manifest, "leak_scan", json);
      }
      c.output(blob(FILE_NAME, ManifestJson.toBytes(manifest)));
      c.output(blob(CROISSANT_FILE, Croissant.build(manifest, card)));
      c.output(blob(CARD_FILE, DatasetCard.build(manifest, card)));
      // From the manifest before the driver adds run and signature: the same run inputs give the same report.
      c.output(REPORT_FILES, blob(DeidReport.JSON_FILE, DeidReport.json(manifest)));
      c.output(REPORT_FILES, blob(DeidReport.HTML_FILE, DeidReport.html(manifest)));
    }

    private static FileBlob blob(String name, byte[] bytes) {
      return FileBlob.newBuilder().setName(name).setBytes(ByteBuffer.wrap(bytes)).setRecords(1).build();
    }
  }
}
