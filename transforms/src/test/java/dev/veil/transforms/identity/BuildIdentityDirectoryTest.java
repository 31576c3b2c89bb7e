package dev.veil.transforms.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildIdentityDirectoryTest {
  @TempDir Path tmp;

  static final class ReadViewFn extends DoFn<Integer, IdentityDirectory> {
    private final PCollectionView<IdentityDirectory> view;

    ReadViewFn(PCollectionView<IdentityDirectory> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.sideInput(view));
    }
  }

  static Account mailAccount(String email, String name) {
    return Account.newBuilder().setSource("mbox:m").setKind("mbox").setAccountId(email).setEmail(email).setRealName(name).build();
  }

  /** Every mail names its sender: the same accounts many times over make the same directory as one copy each. */
  @Test
  void repeatedAccountsMakeTheDirectoryOfTheirDistinctCopies() throws Exception {
    byte[] key = new byte[32];
    key[0] = 7;
    Path keyFile = Files.writeString(tmp.resolve("key"), HexFormat.of().formatHex(key));
    List<Account> distinct =
        List.of(
            mailAccount("dana@acme.test", "Dana Whitfield"),
            mailAccount("dana@acme.test", "Dana W."),
            mailAccount("ravi@acme.test", "Ravi Shah"));
    List<Account> repeated = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      repeated.add(distinct.get(i % distinct.size()));
    }
    IdentityDirectory expected = new IdentityResolver(new Pseudonyms(key)).resolve(distinct, OptOuts.none());
    assertThat(expected.getIdentities()).hasSize(2);

    Pipeline p = TestPipelines.direct();
    PCollectionView<IdentityDirectory> view =
        p.apply("Accounts", Create.of(repeated).withCoder(Coders.avro(Account.class)))
            .apply("BuildIdentityDirectory", BuildIdentityDirectory.keyedBy(KeyReference.ofFile(keyFile.toString())));
    PAssert.that(
            p.apply("Once", Create.of(0))
                .apply(
                    "Read the view",
                    ParDo.of(new ReadViewFn(view)).withSideInputs(view))
                .setCoder(Coders.avro(IdentityDirectory.class)))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
