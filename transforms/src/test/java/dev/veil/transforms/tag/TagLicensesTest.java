package dev.veil.transforms.tag;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class TagLicensesTest {
  static final Licenses LICENSES =
      Licenses.of(
              List.of(
                  new Licenses.Rule("slack:*", "oss-*", null, "CC-BY-4.0"),
                  new Licenses.Rule("jira:*", null, "ENG", "LicenseRef-Eng"),
                  Licenses.Rule.of("*", "LicenseRef-Internal")))
          .withOrder(List.of("CC-BY-4.0", "LicenseRef-Eng", "LicenseRef-Internal"));

  static Example example(String id, String label, String scope, long records) {
    return Example.newBuilder()
        .setId(id)
        .setSource(label.substring(0, label.indexOf(':')))
        .setSourceLabel(label)
        .setKind("conversation")
        .setUnit(id)
        .setScope(scope)
        .setText("t")
        .setMeta(Map.of())
        .setRecords(records)
        .setPointers(List.of())
        .build();
  }

  static Example tagged(Example e, String license) {
    return Example.newBuilder(e).setLicense(license).build();
  }

  static Drop notAccepted(long records) {
    return Drop.newBuilder()
        .setStage(TagLicenses.STAGE)
        .setReason(Reasons.LICENSE_NOT_ACCEPTED)
        .setRecords(records)
        .build();
  }

  @Test
  void tagsByInputAndChannelOrProjectAndLeavesOutWhatTheOutputDoesNotAccept() {
    Pipeline p = TestPipelines.direct();
    Example oss = example("a", "slack:w", "oss-tools", 3);
    Example general = example("b", "slack:w", "general", 2);
    Example eng = example("c", "jira:t", "ENG", 1);
    Example hr = example("d", "jira:t", "HR", 1);
    PCollectionTuple out =
        p.apply(Create.of(oss, general, eng, hr).withCoder(Coders.avro(Example.class)))
            .apply(TagLicenses.using(LICENSES.withAccepted(List.of("CC-BY-4.0", "LicenseRef-Eng"))));
    PAssert.that(out.get(TagLicenses.TAGGED))
        .containsInAnyOrder(tagged(oss, "CC-BY-4.0"), tagged(eng, "LicenseRef-Eng"));
    PAssert.that(out.get(TagLicenses.DROPPED)).containsInAnyOrder(notAccepted(2), notAccepted(1));
    p.run().waitUntilFinish();
  }

  /** The hook for merged examples: the survivor carries the most restrictive license of all its sources. */
  @Test
  void extraSourcesCombineMostRestrictiveWins() {
    Pipeline p = TestPipelines.direct();
    Example survivor = example("a", "slack:w", "oss-tools", 1);
    Example alone = example("b", "slack:w", "oss-more", 1);
    PCollectionTuple out =
        p.apply(Create.of(survivor, alone).withCoder(Coders.avro(Example.class)))
            .apply(
                TagLicenses.using(LICENSES)
                    .withExtraSources(
                        e ->
                            e.getId().equals("a")
                                ? List.of(new LicenseSource("jira:t", "ENG"), new LicenseSource("slack:w", "oss-x"))
                                : List.of()));
    PAssert.that(out.get(TagLicenses.TAGGED))
        .containsInAnyOrder(tagged(survivor, "LicenseRef-Eng"), tagged(alone, "CC-BY-4.0"));
    PAssert.that(out.get(TagLicenses.DROPPED)).empty();
    p.run().waitUntilFinish();
  }

  /** Dedup's survivors name the inputs of the duplicates they stand for: each counts with its input's license. */
  @Test
  void mergedSourcesOfADedupSurvivorCombineWithItsOwn() {
    Pipeline p = TestPipelines.direct();
    Example survivor =
        Example.newBuilder(example("a", "slack:w", "oss-tools", 1)).setMergedSources(List.of("jira:t")).build();
    Example alone = example("b", "slack:w", "oss-tools", 1);
    PCollectionTuple out =
        p.apply(Create.of(survivor, alone).withCoder(Coders.avro(Example.class)))
            .apply(TagLicenses.using(LICENSES).withExtraSources(TagLicenses.mergedSources()));
    PAssert.that(out.get(TagLicenses.TAGGED))
        .containsInAnyOrder(tagged(survivor, "LicenseRef-Internal"), tagged(alone, "CC-BY-4.0"));
    p.run().waitUntilFinish();
  }

  /** A merged duplicate keeps its channel or project: an ENG ticket counts as ENG's license, not its input's. */
  @Test
  void mergedSourcesKeepTheirScope() {
    Pipeline p = TestPipelines.direct();
    Example withEng =
        Example.newBuilder(example("a", "slack:w", "oss-tools", 1))
            .setMergedSources(List.of(TagLicenses.sourceKey("jira:t", "ENG")))
            .build();
    Example withOss =
        Example.newBuilder(example("b", "slack:w", "oss-tools", 1))
            .setMergedSources(List.of(TagLicenses.sourceKey("slack:v", "oss-docs")))
            .build();
    PCollectionTuple out =
        p.apply(Create.of(withEng, withOss).withCoder(Coders.avro(Example.class)))
            .apply(TagLicenses.using(LICENSES).withExtraSources(TagLicenses.mergedSources()));
    PAssert.that(out.get(TagLicenses.TAGGED))
        .containsInAnyOrder(tagged(withEng, "LicenseRef-Eng"), tagged(withOss, "CC-BY-4.0"));
    p.run().waitUntilFinish();
  }
}
