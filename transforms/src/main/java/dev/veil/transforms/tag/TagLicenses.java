package dev.veil.transforms.tag;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Tags every example with its license and keeps only what the output accepts. The license is the policy's license of
 * the example's {@link LicenseSource} (input label, and channel or project), combined "most restrictive wins"
 * ({@link Licenses#mostRestrictive}) with the licenses of any extra sources the example carries: a hook for merged
 * examples (a dedup survivor carries its cluster's sources), given with {@link #withExtraSources}. An example whose
 * license the output does not accept goes to {@link #DROPPED} ({@code license_not_accepted}, counting its records).
 *
 * <p>A source the table does not cover fails the job: the policy is checked before the job starts (every input has a
 * rule without channel or project), so this is a programming error, not bad data.
 *
 * <pre>{@code
 * PCollectionTuple t = examples.apply("TagLicenses", TagLicenses.using(licenses));
 * t.get(TagLicenses.TAGGED); t.get(TagLicenses.DROPPED);
 * }</pre>
 */
@AutoValue
public abstract class TagLicenses extends PTransform<PCollection<Example>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Example> TAGGED = new TupleTag<Example>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final String STAGE = "tag";

  abstract Licenses licenses();

  abstract @Nullable SerializableFunction<Example, List<LicenseSource>> extraSources();

  public static TagLicenses using(Licenses licenses) {
    checkArgument(licenses != null, "licenses must be set");
    return new AutoValue_TagLicenses(licenses, null);
  }

  /**
   * The sources an example carries besides its own ({@code sourceLabel}, {@code scope}), e.g. the members of the
   * duplicate cluster it survives: its license is the most restrictive of all of them. An empty list changes nothing.
   */
  public TagLicenses withExtraSources(SerializableFunction<Example, List<LicenseSource>> extraSources) {
    checkArgument(extraSources != null, "extra sources function must be set");
    return new AutoValue_TagLicenses(licenses(), extraSources);
  }

  /**
   * The extra sources of a deduplicated example: the input labels in its {@code mergedSources} (see
   * {@code dedup/DedupExamples}). They carry no channel or project, so each counts with its input's license (the rule
   * without channel or project).
   */
  public static SerializableFunction<Example, List<LicenseSource>> mergedSources() {
    return e -> e.getMergedSources().stream().map(TagLicenses::parseSource).toList();
  }

  @Override
  public PCollectionTuple expand(PCollection<Example> examples) {
    PCollectionTuple out =
        examples.apply(
            "Tag license",
            ParDo.of(new TagFn(licenses(), extraSources())).withOutputTags(TAGGED, TupleTagList.of(DROPPED)));
    out.get(TAGGED).setCoder(Coders.avro(Example.class));
    out.get(DROPPED).setCoder(Coders.avro(Drop.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("licenses", licenses().toString()));
  }

  /** How dedup writes a source into {@code mergedSources}: the input label, then a tab and the scope if it has one. */
  public static String sourceKey(String label, String scope) {
    return scope == null ? label : label + "\t" + scope;
  }

  static LicenseSource parseSource(String key) {
    int tab = key.indexOf('\t');
    return tab < 0 ? LicenseSource.of(key) : new LicenseSource(key.substring(0, tab), key.substring(tab + 1));
  }

  static final class TagFn extends DoFn<Example, Example> {
    private static final long serialVersionUID = 1L;
    private final Counter notAccepted = Metrics.counter(TagLicenses.class, "dropped_" + Reasons.LICENSE_NOT_ACCEPTED);
    private final Licenses licenses;
    private final @Nullable SerializableFunction<Example, List<LicenseSource>> extraSources;
    private transient Map<LicenseSource, String> cache;

    TagFn(Licenses licenses, @Nullable SerializableFunction<Example, List<LicenseSource>> extraSources) {
      this.licenses = licenses;
      this.extraSources = extraSources;
    }

    @Setup
    public void setup() {
      cache = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element Example e, MultiOutputReceiver out) {
      String license = licenseOf(LicenseSource.of(e));
      List<LicenseSource> extra = extraSources == null ? List.of() : extraSources.apply(e);
      if (extra != null && !extra.isEmpty()) {
        List<String> all = new ArrayList<>(extra.size() + 1);
        all.add(license);
        extra.forEach(s -> all.add(licenseOf(s)));
        license = licenses.mostRestrictive(all);
      }
      if (licenses.accepts(license)) {
        out.get(TAGGED).output(Example.newBuilder(e).setLicense(license).build());
      } else {
        notAccepted.inc();
        out.get(DROPPED)
            .output(
                Drop.newBuilder()
                    .setStage(STAGE)
                    .setReason(Reasons.LICENSE_NOT_ACCEPTED)
                    .setRecords(e.getRecords())
                    .build());
      }
    }

    private String licenseOf(LicenseSource source) {
      String license = cache.computeIfAbsent(source, licenses::licenseOf);
      if (license == null) {
        throw new IllegalStateException("no license for input " + source.label());
      }
      return license;
    }
  }
}
