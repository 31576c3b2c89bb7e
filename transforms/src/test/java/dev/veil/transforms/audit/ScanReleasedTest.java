package dev.veil.transforms.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.schemas.Example;
import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;

class ScanReleasedTest {
  static final IdentityDirectory DIRECTORY =
      IdentityDirectory.newBuilder()
          .setFingerprint("f")
          .setIdentities(
              List.of(
                  Identity.newBuilder()
                      .setPersonId("person_000000000001")
                      .setAccounts(List.of("slack|U1"))
                      .setForms(
                          List.of(
                              IdentityForm.newBuilder().setKind("email").setValue("ana.kowal@example.test").build(),
                              IdentityForm.newBuilder().setKind("handle").setValue("anak").build(),
                              IdentityForm.newBuilder().setKind("name_part").setValue("Kowal").build()))
                      .build()))
          .build();

  static Example example(String id, String text) {
    return Example.newBuilder()
        .setId(id)
        .setSource("slack")
        .setSourceLabel("slack:x")
        .setKind("conversation")
        .setUnit("u-" + id)
        .setText(text)
        .setMeta(new TreeMap<>())
        .setRecords(1)
        .setPointers(List.of())
        .build();
  }

  private static PCollection<String> scan(Pipeline p, List<Example> examples, boolean nameParts) {
    PCollectionView<IdentityDirectory> dir =
        p.apply("Directory", Create.of(DIRECTORY).withCoder(Coders.avro(IdentityDirectory.class)))
            .apply("Directory view", View.asSingleton());
    return p.apply("Examples", Create.of(examples).withCoder(Coders.avro(Example.class)))
        .apply("Scan", ScanReleased.against(dir, nameParts));
  }

  @Test
  void aCleanReleasePasses() {
    Pipeline p = TestPipelines.direct();
    PCollection<String> r =
        scan(p, List.of(example("a", "person_000000000001: hi"), example("b", "Kowalski ships it")), true);
    PAssert.thatSingleton(r).isEqualTo("{\"forms\":3,\"name_parts\":true,\"examples\":2,\"hits\":0}");
    p.run().waitUntilFinish();
  }

  /** A handle that is also a word of the line's structure ("slack", "text") is no hit there; in a value it is. */
  @Test
  void theLinesStructureIsNotScanned() {
    IdentityDirectory dir =
        IdentityDirectory.newBuilder(DIRECTORY)
            .setIdentities(
                List.of(
                    Identity.newBuilder(DIRECTORY.getIdentities().get(0))
                        .setForms(List.of(IdentityForm.newBuilder().setKind("handle").setValue("slack").build()))
                        .build()))
            .build();
    LeakScan scan = LeakScan.ofDirectory(dir, false);
    Example e = example("a", "person_000000000001: hi");
    assertThat(scan.scanText(dev.veil.transforms.write.Release.dataText(e))).isEmpty();
    e.getMeta().put("channel_type", "slack");
    assertThat(scan.scanText(dev.veil.transforms.write.Release.dataText(e))).hasSize(1);
  }

  @Test
  void anEmailOrHandleLeftInTheTextFailsTheJobWithCountsOnly() {
    Pipeline p = TestPipelines.direct();
    scan(p, List.of(example("a", "mail ANA.KOWAL@example.test or ping @anak"), example("b", "fine")), false);
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("leak scan: 2 occurrences of identity-directory forms in the output (by kind: {email=1, handle=1})")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("kowal").doesNotContain("anak");
          }
        });
  }

  /**
   * A form inside a longer word or id (an employee id inside a hex example id) is no hit; standing alone, or between
   * punctuation such as a recorder folder name's underscores, it is.
   */
  @Test
  void onlyWholeWordsCount() {
    LeakScan scan = LeakScan.ofDirectory(DIRECTORY, true);
    assertThat(scan.scanText("{\"id\":\"jira-anak5a63\",\"x\":\"Kowalski xanak anak9\"}")).isEmpty();
    assertThat(scan.scanText("ask anak, or Kowal.")).hasSize(2);
    assertThat(scan.scanText("20250601_ana.kowal@example.test_aa11/events.jsonl")).hasSize(1);
  }

  @Test
  void nameAloneCountsOnlyWhenAskedAndAsWritten() {
    Pipeline quiet = TestPipelines.direct();
    scan(quiet, List.of(example("a", "Kowal said so")), false);
    quiet.run().waitUntilFinish();

    Pipeline strict = TestPipelines.direct();
    scan(strict, List.of(example("a", "Kowal said so; kowal is lower case")), true);
    assertThatThrownBy(() -> strict.run().waitUntilFinish()).hasStackTraceContaining("{name_part=1}");
  }
}
