package dev.veil.pipelines.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.pipelines.InputSpec;
import dev.veil.pipelines.JobSpec;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.filesystem.FilesystemDatasetUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * The job's OpenLineage run events, built with the client's model (docs/lineage.md): START before the pipeline runs,
 * then COMPLETE after the manifest is final, or FAIL. One job ({@code namespace}, name), one run id per run, every
 * input as an input dataset and the shard directory as the output dataset, named by OpenLineage's file-system naming
 * (namespace {@code file}, name the absolute path, as the client's {@link FilesystemDatasetUtils} names a local path).
 *
 * <p>What an event may carry: the operator's own paths (inputs and output directory), counts, risk figures, the
 * policy's version and hash, and a failure's {@code safeDescription}. Never record contents, names, e-mail addresses,
 * opted-out values or quarantine pointers.
 */
public final class LineageEvents {
  /** The example record's fields and their types in every shard format (schemas/.../ReleasedExample.avsc). */
  private static final String[][] EXAMPLE_FIELDS = {
    {"id", "string", "Stable example id: a keyed hash of the input label and the unit."},
    {"source", "string", "Source kind: slack, mattermost, mbox, jira or capture."},
    {"kind", "string", "conversation, thread, ticket or episode."},
    {"license", "string", "SPDX expression or LicenseRef-... from the policy's license table."},
    {"text", "string", "The rendered, de-identified training text."},
    {"tokens", "long", "Tokens of text in the dataset's tokenizer encoding."},
    {"meta", "map<string, string|long>", "Released, generalized attributes."},
    {"entities", "map<string, long>", "Values transformed per entity type (counts only)."},
  };

  private final OpenLineage ol;
  private final URI producer;
  private final String version;
  private final JobSpec spec;
  private final UUID runId;

  /**
   * @param producer the URI naming this build of Veil
   * @param version Veil's version
   * @param runId the manifest's run id ({@code run.id}); the events carry the name-based UUID of it
   */
  public LineageEvents(URI producer, String version, JobSpec spec, String runId) {
    this.ol = new OpenLineage(producer);
    this.producer = producer;
    this.version = version;
    this.spec = spec;
    this.runId = runUuid(runId);
  }

  /** The run id of the events: a UUID (the spec requires one) derived from Veil's run id, so the two match up. */
  public static UUID runUuid(String veilRunId) {
    return UUID.nameUUIDFromBytes(("veil-run:" + veilRunId).getBytes(StandardCharsets.UTF_8));
  }

  public UUID runId() {
    return runId;
  }

  /** Before the pipeline runs: the job, its inputs and the output it will write. */
  public OpenLineage.RunEvent start(Instant at) {
    return event(EventType.START, at, runFacets().build(), List.of(output(null)));
  }

  /** After the manifest is final: the output with its statistics, and the run's accounting. */
  public OpenLineage.RunEvent complete(Instant at, JsonNode manifest) {
    OpenLineage.RunFacets facets =
        runFacets().put(DeidentificationRunFacet.NAME, DeidentificationRunFacet.of(producer, manifest)).build();
    return event(EventType.COMPLETE, at, facets, List.of(output(manifest)));
  }

  /**
   * The job failed. {@code safeDescription} names the failure without quoting data (see JobLauncher); the manifest,
   * when there is one (the accounting did not add up), adds the output and the accounting.
   */
  public OpenLineage.RunEvent fail(Instant at, String safeDescription, JsonNode manifestOrNull) {
    OpenLineage.RunFacetsBuilder facets =
        runFacets().errorMessage(ol.newErrorMessageRunFacet(safeDescription, "JAVA", null));
    if (manifestOrNull != null) {
      facets.put(DeidentificationRunFacet.NAME, DeidentificationRunFacet.of(producer, manifestOrNull));
    }
    return event(EventType.FAIL, at, facets.build(), List.of(output(manifestOrNull)));
  }

  private OpenLineage.RunEvent event(
      EventType type, Instant at, OpenLineage.RunFacets runFacets, List<OpenLineage.OutputDataset> outputs) {
    OpenLineage.JobFacets jobFacets =
        ol.newJobFacetsBuilder().jobType(ol.newJobTypeJobFacet("BATCH", "VEIL", "JOB")).build();
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
        .run(ol.newRun(runId, runFacets))
        .job(ol.newJob(spec.lineage().namespace(), spec.lineage().jobName(spec.card().name()), jobFacets))
        .inputs(inputs())
        .outputs(outputs)
        .build();
  }

  private OpenLineage.RunFacetsBuilder runFacets() {
    return ol.newRunFacetsBuilder()
        .processing_engine(
            ol.newProcessingEngineRunFacet(
                ReleaseInfo.getReleaseInfo().getVersion(), "Apache Beam", "veil " + version));
  }

  /** One input dataset per {@code --input}, in the order given. */
  private List<OpenLineage.InputDataset> inputs() {
    List<OpenLineage.InputDataset> out = new ArrayList<>();
    for (InputSpec in : spec.inputs()) {
      DatasetIdentifier id = datasetOf(in.path());
      out.add(ol.newInputDatasetBuilder().namespace(id.getNamespace()).name(id.getName()).build());
    }
    return out;
  }

  /** The shard directory, {@code OUT/data}; with the manifest, its schema, statistics and quality metrics. */
  private OpenLineage.OutputDataset output(JsonNode manifest) {
    DatasetIdentifier id = datasetOf(Path.of(spec.outputDir(), "data"));
    OpenLineage.OutputDatasetBuilder out = ol.newOutputDatasetBuilder().namespace(id.getNamespace()).name(id.getName());
    OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder().schema(schema());
    if (manifest != null) {
      long examples = manifest.path("examples").path("output").asLong();
      long tokens = manifest.path("examples").path("tokens").asLong();
      long bytes = 0;
      int files = 0;
      for (JsonNode shard : manifest.path("shards")) {
        bytes += shard.path("bytes").asLong();
        files++;
      }
      TreeMap<String, DataQualityMetricsFacet.ColumnMetrics> columns = new TreeMap<>();
      columns.put(
          "tokens", new DataQualityMetricsFacet.ColumnMetrics(0L, null, (double) tokens, (double) examples, null, null));
      facets.put(DataQualityMetricsFacet.NAME, new DataQualityMetricsFacet(producer, examples, bytes, files, columns));
      out.outputFacets(
          ol.newOutputDatasetOutputFacetsBuilder()
              .outputStatistics(ol.newOutputStatisticsOutputDatasetFacet(examples, bytes, (long) files))
              .build());
    }
    return out.facets(facets.build()).build();
  }

  private OpenLineage.SchemaDatasetFacet schema() {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    for (String[] f : EXAMPLE_FIELDS) {
      fields.add(ol.newSchemaDatasetFacetFields(f[0], f[1], f[2], null));
    }
    return ol.newSchemaDatasetFacet(fields);
  }

  /** OpenLineage's name for a local path: namespace {@code file}, name the absolute, normalized path. */
  static DatasetIdentifier datasetOf(Path path) {
    return FilesystemDatasetUtils.fromLocation(path.toAbsolutePath().normalize().toUri());
  }
}
