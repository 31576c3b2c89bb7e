package dev.veil.transforms.exclude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Example;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.OptOuts;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;

/** The lineage index's pointers are withheld like the quarantine's when they name an opted-out person. */
class WithholdPointersTest {
  static SourcePointer pointer(String file) {
    return SourcePointer.newBuilder().setSource("slack:w").setFile(file).setIndex(3).build();
  }

  @Test
  void anExamplesPointersNamingAnOptedOutPersonAreWithheld() {
    OptOuts optOuts = OptOuts.of(List.of("kim.sato@example.test"), List.of(), List.of(), List.of());
    Example e =
        Example.newBuilder()
            .setId("x")
            .setSource("slack")
            .setSourceLabel("slack:w")
            .setKind("conversation")
            .setUnit("u")
            .setText("t")
            .setMeta(new TreeMap<>())
            .setRecords(2)
            .setPointers(List.of(pointer("mpdm-kim.s--lee-1/2025-06-01.json"), pointer("general/2025-06-01.json")))
            .build();
    Pipeline p = TestPipelines.direct();
    PCollectionView<IdentityDirectory> dir =
        p.apply("Directory", Create.of(ExclusionsTest.directory(optOuts)).withCoder(Coders.avro(IdentityDirectory.class)))
            .apply("View", View.asSingleton());
    PCollection<Example> out =
        p.apply("Examples", Create.of(e).withCoder(Coders.avro(Example.class)))
            .apply("Withhold", WithholdPointers.inExamples(optOuts, dir));
    PAssert.thatSingleton(out)
        .satisfies(
            r -> {
              assertThat(r.getPointers().get(0).getFile()).isEqualTo(Exclusions.WITHHELD);
              assertThat(r.getPointers().get(0).getIndex()).isEqualTo(3);
              assertThat(r.getPointers().get(1).getFile()).isEqualTo("general/2025-06-01.json");
              return null;
            });
    p.run().waitUntilFinish();
  }
}
