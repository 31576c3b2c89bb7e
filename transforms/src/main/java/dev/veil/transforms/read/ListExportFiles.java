package dev.veil.transforms.read;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.RawFile;
import dev.veil.transforms.common.Coders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import dev.veil.transforms.common.Spread;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The first step of every reader: lists an input (a directory, a zip, or one file) into {@link RawFile}s with
 * {@link ExportFiles}, spread over workers, and a quarantine entry for what cannot be listed (unsafe zip entries, a
 * truncated archive, an unreadable input). Outputs {@link ReadSlackExport#FILES} and {@link ReadSlackExport#QUARANTINE}.
 */
@AutoValue
public abstract class ListExportFiles extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  abstract String source();

  abstract String path();

  public static ListExportFiles from(String source, String path) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ListExportFiles(source, path);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed =
        begin
            .apply("Locate input", Create.of(path()).withCoder(StringUtf8Coder.of()))
            .apply(
                "List files",
                ParDo.of(new ReadSlackExport.ListFilesFn(source()))
                    .withOutputTags(ReadSlackExport.FILES, TupleTagList.of(ReadSlackExport.QUARANTINE)));
    listed.get(ReadSlackExport.QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));
    return PCollectionTuple.of(
            ReadSlackExport.FILES,
            listed
                .get(ReadSlackExport.FILES)
                .setCoder(Coders.avro(RawFile.class))
                .apply("Spread files", Spread.evenly()))
        .and(ReadSlackExport.QUARANTINE, listed.get(ReadSlackExport.QUARANTINE));
  }
}
