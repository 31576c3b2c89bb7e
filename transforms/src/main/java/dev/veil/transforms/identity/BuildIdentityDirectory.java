package dev.veil.transforms.identity;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Builds the run's identity directory from every account read (all sources) and broadcasts it as a singleton side
 * input. The directory holds raw identifiers: it only ever lives in workers' memory.
 */
@AutoValue
public abstract class BuildIdentityDirectory
    extends PTransform<PCollection<Account>, PCollectionView<IdentityDirectory>> {
  private static final long serialVersionUID = 1L;

  abstract KeyReference key();

  abstract OptOuts optOuts();

  public static BuildIdentityDirectory keyedBy(KeyReference key) {
    checkArgument(key != null, "key reference must be set");
    return new AutoValue_BuildIdentityDirectory(key, OptOuts.none());
  }

  /** Marks the people the policy opts out ({@link IdentityResolver#resolve(List, OptOuts)}). */
  public BuildIdentityDirectory withOptOuts(OptOuts optOuts) {
    checkArgument(optOuts != null, "opt-outs must be set (OptOuts.none() for none)");
    return new AutoValue_BuildIdentityDirectory(key(), optOuts);
  }

  @Override
  public PCollectionView<IdentityDirectory> expand(PCollection<Account> users) {
    // Readers emit an account wherever one appears (each mail's sender, each ticket's reporter), so the same account
    // arrives thousands of times; resolution is a set operation, so one copy each is the same directory. Distinct
    // combines before the shuffle, and the list gathered on one worker grows with the people, not with the input.
    PCollectionView<List<Account>> all =
        users
            .apply("Distinct accounts", Distinct.create())
            .setCoder(Coders.avro(Account.class))
            .apply("Gather accounts", View.asList());
    return users
        .getPipeline()
        .apply("Once", Create.of(0))
        .apply("Resolve identities", ParDo.of(new ResolveFn(key(), optOuts(), all)).withSideInputs(all))
        .setCoder(Coders.avro(IdentityDirectory.class))
        .apply("Broadcast directory", View.asSingleton());
  }

  static final class ResolveFn extends DoFn<Integer, IdentityDirectory> {
    private static final long serialVersionUID = 1L;
    private final KeyReference key;
    private final OptOuts optOuts;
    private final PCollectionView<List<Account>> users;
    private transient IdentityResolver resolver;

    ResolveFn(KeyReference key, OptOuts optOuts, PCollectionView<List<Account>> users) {
      this.key = key;
      this.optOuts = optOuts;
      this.users = users;
    }

    @Setup
    public void setup() {
      resolver = new IdentityResolver(new Pseudonyms(key.resolve()));
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(resolver.resolve(new ArrayList<>(c.sideInput(users)), optOuts));
    }
  }
}
