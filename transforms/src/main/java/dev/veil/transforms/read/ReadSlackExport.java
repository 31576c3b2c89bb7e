package dev.veil.transforms.read;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.RawFile;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.Account;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import dev.veil.transforms.common.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
 * Reads one Slack workspace export (a {@code .zip} or an unpacked directory) into typed records: messages, users,
 * channels, and a quarantine entry for every unit that cannot be read.
 *
 * <pre>{@code
 * PCollectionTuple slack = p.apply("ReadSlack", ReadSlackExport.from("slack:acme", "/data/acme.zip"));
 * PCollection<ChatMessage> messages = slack.get(ReadSlackExport.MESSAGES);
 * }</pre>
 *
 * <p>The input path must be readable by every worker (a local path for the embedded runners, a shared mount on a
 * cluster).
 */
@AutoValue
public abstract class ReadSlackExport extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<ChatMessage> MESSAGES = new TupleTag<ChatMessage>() {};
  public static final TupleTag<Account> USERS = new TupleTag<Account>() {};
  public static final TupleTag<SlackChannel> CHANNELS = new TupleTag<SlackChannel>() {};
  public static final TupleTag<QuarantineEntry> QUARANTINE = new TupleTag<QuarantineEntry>() {};
  /** Files listed from the export, before parsing (internal to this transform). */
  static final TupleTag<RawFile> FILES = new TupleTag<RawFile>() {};

  public static final String STAGE = "read";

  abstract String source();

  abstract String path();

  public static ReadSlackExport from(String source, String path) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadSlackExport(source, path);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed = begin.apply("List export", ListExportFiles.from(source(), path()));
    PCollectionTuple parsed =
        listed
            .get(FILES)
            .apply(
                "Parse files",
                ParDo.of(new ParseFilesFn(source()))
                    .withOutputTags(MESSAGES, TupleTagList.of(USERS).and(CHANNELS).and(QUARANTINE)));
    parsed.get(MESSAGES).setCoder(Coders.avro(ChatMessage.class));
    parsed.get(USERS).setCoder(Coders.avro(Account.class));
    parsed.get(CHANNELS).setCoder(Coders.avro(SlackChannel.class));
    parsed.get(QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));

    PCollection<QuarantineEntry> quarantine =
        PCollectionList.of(listed.get(QUARANTINE))
            .and(parsed.get(QUARANTINE))
            .apply("Collect quarantine", Flatten.pCollections());
    return PCollectionTuple.of(MESSAGES, parsed.get(MESSAGES))
        .and(USERS, parsed.get(USERS))
        .and(CHANNELS, parsed.get(CHANNELS))
        .and(QUARANTINE, quarantine);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("source", source()));
  }

  static QuarantineEntry quarantine(SourcePointer pointer, String reason) {
    return QuarantineEntry.newBuilder().setPointer(pointer).setStage(STAGE).setReason(reason).build();
  }

  /** Lists an export's files; an input that cannot be opened at all is one quarantined unit. */
  static final class ListFilesFn extends DoFn<String, RawFile> {
    private static final long serialVersionUID = 1L;
    private final Counter files = Metrics.counter(ReadSlackExport.class, "files_listed");
    private final String source;

    ListFilesFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(@Element String path, MultiOutputReceiver out) {
      Path input = Path.of(path);
      if (!Files.isReadable(input)) {
        out.get(QUARANTINE).output(quarantine(pointer("", -1), Reasons.UNREADABLE_INPUT));
        return;
      }
      try {
        ExportFiles.list(
            input,
            new ExportFiles.Visitor() {
              @Override
              public void file(String name, byte[] content) {
                files.inc();
                out.get(FILES)
                    .output(
                        RawFile.newBuilder()
                            .setSource(source)
                            .setFile(name)
                            .setContent(ByteBuffer.wrap(content))
                            .build());
              }

              @Override
              public void located(String name, String location) {
                files.inc();
                out.get(FILES)
                    .output(
                        RawFile.newBuilder()
                            .setSource(source)
                            .setFile(name)
                            .setContent(ByteBuffer.allocate(0))
                            .setLocation(location)
                            .build());
              }

              @Override
              public void quarantine(String name, long index, String reason) {
                out.get(QUARANTINE).output(ReadSlackExport.quarantine(pointer(name, index), reason));
              }
            });
      } catch (IOException e) {
        out.get(QUARANTINE).output(quarantine(pointer("", -1), Reasons.UNREADABLE_INPUT));
      }
    }

    private SourcePointer pointer(String file, long index) {
      return SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index).build();
    }
  }

  /** Parses one file into users, channels or messages, by its place in the export. */
  static final class ParseFilesFn extends FileReadingFn<RawFile, ChatMessage> {
    private static final long serialVersionUID = 1L;
    private final Counter messages = Metrics.counter(ReadSlackExport.class, "messages_read");
    private final Counter skipped = Metrics.counter(ReadSlackExport.class, "metadata_files_skipped");
    private final String source;
    private transient SlackParser parser;

    ParseFilesFn(String source) {
      this.source = source;
    }

    @Override
    public void openContents() {
      super.openContents();
      parser = new SlackParser(source);
    }

    @ProcessElement
    public void process(@Element RawFile file, MultiOutputReceiver out) {
      String name = file.getFile();
      SlackFiles.Role role = SlackFiles.classify(name);
      if (role == SlackFiles.Role.OTHER_METADATA) {
        skipped.inc();
        return;
      }
      SourcePointer whole =
          SourcePointer.newBuilder().setSource(source).setFile(name).setIndex(-1).build();
      if (role == SlackFiles.Role.UNEXPECTED) {
        out.get(QUARANTINE).output(quarantine(whole, Reasons.UNEXPECTED_FILE));
        return;
      }
      byte[] bytes;
      try {
        bytes = contents.read(file);
      } catch (FileContents.TooLarge e) {
        out.get(QUARANTINE).output(quarantine(whole, Reasons.ENTRY_TOO_LARGE));
        return;
      } catch (IOException e) {
        out.get(QUARANTINE).output(quarantine(whole, Reasons.UNREADABLE_INPUT));
        return;
      }
      Optional<String> json = Utf8.decodeStrict(bytes);
      if (json.isEmpty()) {
        out.get(QUARANTINE).output(quarantine(whole, Reasons.NOT_UTF8));
        return;
      }
      switch (role) {
        case USERS:
          parser.parseUsers(name, json.get(), new To<>(out, USERS));
          break;
        case DAY_FILE:
          parser.parseDayFile(name, json.get(), new To<>(out, MESSAGES, messages));
          break;
        default:
          parser.parseChannels(name, json.get(), SlackFiles.kindOf(role), new To<>(out, CHANNELS));
      }
    }
  }

  /** Adapts a parser's receiver to the DoFn's tagged outputs. */
  private static final class To<T> implements SlackParser.Receiver<T> {
    private final DoFn.MultiOutputReceiver out;
    private final TupleTag<T> tag;
    private final Counter counter;

    To(DoFn.MultiOutputReceiver out, TupleTag<T> tag) {
      this(out, tag, null);
    }

    To(DoFn.MultiOutputReceiver out, TupleTag<T> tag, Counter counter) {
      this.out = out;
      this.tag = tag;
      this.counter = counter;
    }

    @Override
    public void record(T record) {
      if (counter != null) {
        counter.inc();
      }
      out.get(tag).output(record);
    }

    @Override
    public void quarantine(SourcePointer pointer, String reason) {
      out.get(QUARANTINE).output(ReadSlackExport.quarantine(pointer, reason));
    }
  }
}
