package dev.veil.transforms.identity;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Coders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the people list named in the policy (see {@link PeopleCsv}) into accounts for the identity directory. The
 * list is checked before the job starts, so a failure here (the file changed or vanished mid-run) fails the job.
 */
@AutoValue
public abstract class ReadPeopleList extends PTransform<PBegin, PCollection<Account>> {
  private static final long serialVersionUID = 1L;
  public static final String SOURCE = "people:list";

  abstract String path();

  public static ReadPeopleList from(String path) {
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadPeopleList(path);
  }

  @Override
  public PCollection<Account> expand(PBegin begin) {
    return begin
        .apply("Locate list", Create.of(path()).withCoder(StringUtf8Coder.of()))
        .apply("Read people", ParDo.of(new ReadFn()))
        .setCoder(Coders.avro(Account.class));
  }

  static final class ReadFn extends DoFn<String, Account> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element String path, OutputReceiver<Account> out)
        throws IOException, PeopleCsv.InvalidPeopleCsv {
      for (Account a : PeopleCsv.read(SOURCE, Files.readString(Path.of(path), StandardCharsets.UTF_8))) {
        out.output(a);
      }
    }
  }
}
