package dev.veil.transforms.exclude;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Example;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SourcePointer;
import java.util.ArrayList;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.OptOuts;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Makes quarantine pointers safe to write when the policy opts people, channels or sessions out: a pointer whose file
 * path names one of them (a recorder folder with an opted-out e-mail, a group-message folder with an opted-out
 * handle, an opted-out channel's folder) gets the file {@value Exclusions#WITHHELD} (see {@link Exclusions#withhold}).
 * The entry stays, with its input label, index, stage and reason, so the accounting does not change.
 */
@AutoValue
public abstract class WithholdPointers extends PTransform<PCollection<QuarantineEntry>, PCollection<QuarantineEntry>> {
  private static final long serialVersionUID = 1L;

  abstract OptOuts optOuts();

  abstract PCollectionView<IdentityDirectory> directory();

  public static WithholdPointers of(OptOuts optOuts, PCollectionView<IdentityDirectory> directory) {
    checkArgument(optOuts != null, "opt-outs must be set (OptOuts.none() for none)");
    checkArgument(directory != null, "directory must be set");
    return new AutoValue_WithholdPointers(optOuts, directory);
  }

  /**
   * The same for the source pointers of examples (what the restricted lineage index lists): a pointer naming an
   * opted-out person, channel or session is withheld.
   */
  public static PTransform<PCollection<Example>, PCollection<Example>> inExamples(
      OptOuts optOuts, PCollectionView<IdentityDirectory> directory) {
    checkArgument(optOuts != null, "opt-outs must be set (OptOuts.none() for none)");
    checkArgument(directory != null, "directory must be set");
    return new PTransform<PCollection<Example>, PCollection<Example>>() {
      @Override
      public PCollection<Example> expand(PCollection<Example> examples) {
        return examples
            .apply(
                "Withhold opted-out pointers",
                ParDo.of(
                        new DoFn<Example, Example>() {
                          private final Withholder withholder = new Withholder(optOuts);

                          @ProcessElement
                          public void process(ProcessContext c) {
                            Example e = c.element();
                            if (optOuts.isEmpty()) {
                              c.output(e);
                              return;
                            }
                            Exclusions x = withholder.exclusions(c.sideInput(directory));
                            List<SourcePointer> pointers = new ArrayList<>(e.getPointers().size());
                            boolean changed = false;
                            for (SourcePointer p : e.getPointers()) {
                              SourcePointer w = x.withhold(p);
                              changed |= w != p;
                              pointers.add(w);
                            }
                            c.output(changed ? Example.newBuilder(e).setPointers(pointers).build() : e);
                          }
                        })
                    .withSideInputs(directory))
            .setCoder(Coders.avro(Example.class));
      }
    };
  }

  /** Exclusions built once per worker and directory. */
  static final class Withholder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final OptOuts optOuts;
    private transient Exclusions exclusions;
    private transient String builtFrom;

    Withholder(OptOuts optOuts) {
      this.optOuts = optOuts;
    }

    Exclusions exclusions(IdentityDirectory dir) {
      if (exclusions == null || !dir.getFingerprint().equals(builtFrom)) {
        exclusions = new Exclusions(optOuts, Retention.none(), dir, List.of());
        builtFrom = dir.getFingerprint();
      }
      return exclusions;
    }
  }

  @Override
  public PCollection<QuarantineEntry> expand(PCollection<QuarantineEntry> entries) {
    return entries
        .apply("Withhold opted-out pointers", ParDo.of(new WithholdFn(optOuts(), directory())).withSideInputs(directory()))
        .setCoder(Coders.avro(QuarantineEntry.class));
  }

  static final class WithholdFn extends DoFn<QuarantineEntry, QuarantineEntry> {
    private static final long serialVersionUID = 1L;
    private final Counter withheld = Metrics.counter(WithholdPointers.class, "pointers_withheld");
    private final OptOuts optOuts;
    private final PCollectionView<IdentityDirectory> directory;
    private final Withholder withholder;

    WithholdFn(OptOuts optOuts, PCollectionView<IdentityDirectory> directory) {
      this.optOuts = optOuts;
      this.directory = directory;
      this.withholder = new Withholder(optOuts);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      QuarantineEntry q = c.element();
      if (optOuts.isEmpty()) {
        c.output(q);
        return;
      }
      var pointer = withholder.exclusions(c.sideInput(directory)).withhold(q.getPointer());
      if (pointer == q.getPointer()) {
        c.output(q);
      } else {
        withheld.inc();
        c.output(QuarantineEntry.newBuilder(q).setPointer(pointer).build());
      }
    }
  }
}
