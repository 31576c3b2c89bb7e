package dev.veil.transforms.read;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Account;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.RawFile;
import dev.veil.schemas.SourcePointer;
import dev.veil.schemas.Ticket;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import java.util.Locale;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads a Jira export: one file, a directory of files, or a zip, each file XML (RSS issue export), REST JSON (search
 * response, issue, or array of issues) or CSV, detected from its name and first byte. Yields tickets, the accounts
 * they name, and a quarantine entry for every unit that cannot be read.
 */
@AutoValue
public abstract class ReadJiraExport extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Ticket> TICKETS = new TupleTag<Ticket>() {};
  public static final TupleTag<Account> ACCOUNTS = new TupleTag<Account>() {};
  public static final TupleTag<QuarantineEntry> QUARANTINE = ReadSlackExport.QUARANTINE;

  abstract String source();

  abstract String path();

  public static ReadJiraExport from(String source, String path) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadJiraExport(source, path);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed = begin.apply("List export", ListExportFiles.from(source(), path()));
    PCollectionTuple parsed =
        listed
            .get(ReadSlackExport.FILES)
            .apply(
                "Parse files",
                ParDo.of(new ParseFn(source())).withOutputTags(TICKETS, TupleTagList.of(ACCOUNTS).and(QUARANTINE)));
    parsed.get(TICKETS).setCoder(Coders.avro(Ticket.class));
    parsed.get(ACCOUNTS).setCoder(Coders.avro(Account.class));
    parsed.get(QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));
    PCollection<QuarantineEntry> quarantine =
        PCollectionList.of(listed.get(QUARANTINE))
            .and(parsed.get(QUARANTINE))
            .apply("Collect quarantine", Flatten.pCollections());
    return PCollectionTuple.of(TICKETS, parsed.get(TICKETS))
        .and(ACCOUNTS, parsed.get(ACCOUNTS))
        .and(QUARANTINE, quarantine);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("source", source()));
  }

  /** The format of a file, by extension, else by its first non-blank character. */
  enum Format {
    XML,
    JSON,
    CSV,
    OTHER;

    static Format of(String name, String text) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".xml")) {
        return XML;
      }
      if (lower.endsWith(".json")) {
        return JSON;
      }
      if (lower.endsWith(".csv")) {
        return CSV;
      }
      String head = text.stripLeading();
      if (head.startsWith("<")) {
        return XML;
      }
      if (head.startsWith("{") || head.startsWith("[")) {
        return JSON;
      }
      return OTHER;
    }
  }

  static final class ParseFn extends FileReadingFn<RawFile, Ticket> {
    private static final long serialVersionUID = 1L;
    private final Counter tickets = Metrics.counter(ReadJiraExport.class, "tickets_read");
    private final String source;

    ParseFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(@Element RawFile file, MultiOutputReceiver out) {
      String name = file.getFile();
      SourcePointer whole = SourcePointer.newBuilder().setSource(source).setFile(name).setIndex(-1).build();
      if (name.startsWith("__MACOSX/") || name.endsWith(".DS_Store")) {
        return;
      }
      try (java.io.InputStream in = contents.open(file)) {
        in.mark(256);
        String head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8);
        in.reset();
        JiraParser.Out sink = sink(out);
        switch (Format.of(name, head)) {
          case XML -> new JiraXmlParser(source, sink).parse(name, in);
          case JSON -> new JiraJsonParser(source, sink).parse(name, in);
          case CSV -> new JiraCsvParser(source, sink).parse(name, dev.veil.transforms.common.StrictUtf8.reader(in));
          default -> out.get(QUARANTINE).output(ReadSlackExport.quarantine(whole, Reasons.UNSUPPORTED_FORMAT));
        }
      } catch (java.io.IOException e) {
        out.get(QUARANTINE).output(ReadSlackExport.quarantine(whole, Reasons.UNREADABLE_INPUT));
      }
    }

    private JiraParser.Out sink(MultiOutputReceiver out) {
      return new JiraParser.Out() {
        @Override
        public void ticket(Ticket t) {
          tickets.inc();
          out.get(TICKETS).output(t);
        }

        @Override
        public void account(Account a) {
          out.get(ACCOUNTS).output(a);
        }

        @Override
        public void quarantine(SourcePointer pointer, String reason) {
          out.get(QUARANTINE).output(ReadSlackExport.quarantine(pointer, reason));
        }
      };
    }
  }
}
