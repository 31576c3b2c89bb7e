package dev.veil.pipelines.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.SortedMap;

/**
 * The standard dataset facet {@code dataQualityMetrics} (spec facet DataQualityMetricsDatasetFacet 1-0-1), which the
 * pinned client (1.23) has no class for: it only models the input-dataset variant. Row count, bytes and files of the
 * written shards, and per-column metrics that the manifest already holds (no shard is read again).
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "rowCount", "bytes", "fileCount", "columnMetrics"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DataQualityMetricsFacet extends OpenLineage.DefaultDatasetFacet {
  public static final String NAME = "dataQualityMetrics";

  public static final URI SCHEMA_URL =
      URI.create("https://openlineage.io/spec/facets/1-0-1/DataQualityMetricsDatasetFacet.json"
          + "#/$defs/DataQualityMetricsDatasetFacet");

  /** One column's metrics; absent values are not known cheaply and left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ColumnMetrics(Long nullCount, Long distinctCount, Double sum, Double count, Double min, Double max) {}

  private final long rowCount;
  private final long bytes;
  private final long fileCount;
  private final SortedMap<String, ColumnMetrics> columnMetrics;

  public DataQualityMetricsFacet(
      URI producer, long rowCount, long bytes, long fileCount, SortedMap<String, ColumnMetrics> columnMetrics) {
    super(producer, null);
    this.rowCount = rowCount;
    this.bytes = bytes;
    this.fileCount = fileCount;
    this.columnMetrics = columnMetrics;
  }

  @Override
  public URI get_schemaURL() {
    return SCHEMA_URL;
  }

  public long getRowCount() {
    return rowCount;
  }

  public long getBytes() {
    return bytes;
  }

  public long getFileCount() {
    return fileCount;
  }

  public SortedMap<String, ColumnMetrics> getColumnMetrics() {
    return columnMetrics;
  }
}
