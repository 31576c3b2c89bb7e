package dev.veil.transforms.tag;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Tags every example with the license of the input it came from (an SPDX expression or a {@code LicenseRef-…}), as the
 * policy maps inputs to licenses. An example from an input the table does not cover fails the job: the policy is
 * checked before the job starts, so this is a programming error, not bad data.
 */
@AutoValue
public abstract class TagLicenses extends PTransform<PCollection<Example>, PCollection<Example>> {
  private static final long serialVersionUID = 1L;

  abstract TreeMap<String, String> licenseBySource();

  public static TagLicenses using(Map<String, String> licenseBySource) {
    checkArgument(licenseBySource != null && !licenseBySource.isEmpty(), "license table must be non-empty");
    return new AutoValue_TagLicenses(new TreeMap<>(licenseBySource));
  }

  @Override
  public PCollection<Example> expand(PCollection<Example> examples) {
    return examples
        .apply("Tag license", ParDo.of(new TagFn(licenseBySource())))
        .setCoder(Coders.avro(Example.class));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("licenses", licenseBySource().toString()));
  }

  static final class TagFn extends DoFn<Example, Example> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, String> licenses;

    TagFn(TreeMap<String, String> licenses) {
      this.licenses = licenses;
    }

    @ProcessElement
    public void process(@Element Example e, OutputReceiver<Example> out) {
      String license = licenses.get(e.getSourceLabel());
      if (license == null) {
        throw new IllegalStateException("no license for input " + e.getSourceLabel());
      }
      out.output(Example.newBuilder(e).setLicense(license).build());
    }
  }
}
