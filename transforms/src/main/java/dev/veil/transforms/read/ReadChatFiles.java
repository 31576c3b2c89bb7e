package dev.veil.transforms.read;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Account;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.RawFile;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads message archives that are files of messages, into the same outputs as {@link ReadSlackExport}:
 * {@code MESSAGES}, {@code USERS} (accounts), {@code CHANNELS}, {@code QUARANTINE}.
 *
 * <ul>
 *   <li>{@link #mattermost}: a Mattermost bulk export's {@code .jsonl} files (attachments under {@code data/} are not
 *       read); see {@link MattermostParser}.
 *   <li>{@link #mbox}: mbox files (any file that starts with a {@code From } line; others are
 *       {@code unsupported_format}); see {@link MboxParser}.
 * </ul>
 *
 * <p>Both are read as streams, one line or message at a time: a file of any size is read with flat memory.
 */
@AutoValue
public abstract class ReadChatFiles extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** The archive format. */
  public enum Format {
    MATTERMOST,
    MBOX
  }

  abstract String source();

  abstract String path();

  abstract Format format();

  public static ReadChatFiles mattermost(String source, String path) {
    return create(source, path, Format.MATTERMOST);
  }

  public static ReadChatFiles mbox(String source, String path) {
    return create(source, path, Format.MBOX);
  }

  private static ReadChatFiles create(String source, String path, Format format) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadChatFiles(source, path, format);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed = begin.apply("List export", ListExportFiles.from(source(), path()));
    PCollectionTuple parsed =
        listed
            .get(ReadSlackExport.FILES)
            .apply(
                "Parse files",
                ParDo.of(new ParseFn(source(), format()))
                    .withOutputTags(
                        ReadSlackExport.MESSAGES,
                        TupleTagList.of(ReadSlackExport.USERS)
                            .and(ReadSlackExport.CHANNELS)
                            .and(ReadSlackExport.QUARANTINE)));
    parsed.get(ReadSlackExport.MESSAGES).setCoder(Coders.avro(ChatMessage.class));
    parsed.get(ReadSlackExport.USERS).setCoder(Coders.avro(Account.class));
    parsed.get(ReadSlackExport.CHANNELS).setCoder(Coders.avro(SlackChannel.class));
    parsed.get(ReadSlackExport.QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));
    PCollection<QuarantineEntry> quarantine =
        PCollectionList.of(listed.get(ReadSlackExport.QUARANTINE))
            .and(parsed.get(ReadSlackExport.QUARANTINE))
            .apply("Collect quarantine", Flatten.pCollections());
    return PCollectionTuple.of(ReadSlackExport.MESSAGES, parsed.get(ReadSlackExport.MESSAGES))
        .and(ReadSlackExport.USERS, parsed.get(ReadSlackExport.USERS))
        .and(ReadSlackExport.CHANNELS, parsed.get(ReadSlackExport.CHANNELS))
        .and(ReadSlackExport.QUARANTINE, quarantine);
  }

  static final class ParseFn extends FileReadingFn<RawFile, ChatMessage> {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final Format format;

    ParseFn(String source, Format format) {
      this.source = source;
      this.format = format;
    }

    @ProcessElement
    public void process(@Element RawFile file, MultiOutputReceiver out) {
      SourcePointer whole = SourcePointer.newBuilder().setSource(source).setFile(file.getFile()).setIndex(-1).build();
      if (format == Format.MATTERMOST && !file.getFile().endsWith(".jsonl")) {
        return; // attachments under data/
      }
      try (java.io.InputStream in = contents.open(file)) {
        if (format == Format.MBOX) {
          in.mark(8);
          boolean mbox = new String(in.readNBytes(5), java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
          in.reset();
          if (mbox) {
            new MboxParser(source, sink(out)).parse(file.getFile(), in);
          } else {
            out.get(ReadSlackExport.QUARANTINE).output(ReadSlackExport.quarantine(whole, Reasons.UNSUPPORTED_FORMAT));
          }
        } else {
          new MattermostParser(source, sink(out)).parse(file.getFile(), in);
        }
      } catch (java.io.IOException e) {
        out.get(ReadSlackExport.QUARANTINE).output(ReadSlackExport.quarantine(whole, Reasons.UNREADABLE_INPUT));
      }
    }

    /** Both parsers' records go to the same outputs. */
    private static ChatSink sink(MultiOutputReceiver out) {
      return new ChatSink(out);
    }
  }

  /** Receives what a message parser yields. */
  static final class ChatSink implements MattermostParser.Out, MboxParser.Out {
    private final DoFn.MultiOutputReceiver out;

    ChatSink(DoFn.MultiOutputReceiver out) {
      this.out = out;
    }

    @Override
    public void message(ChatMessage m) {
      out.get(ReadSlackExport.MESSAGES).output(m);
    }

    @Override
    public void account(Account a) {
      out.get(ReadSlackExport.USERS).output(a);
    }

    @Override
    public void channel(SlackChannel c) {
      out.get(ReadSlackExport.CHANNELS).output(c);
    }

    @Override
    public void quarantine(SourcePointer pointer, String reason) {
      out.get(ReadSlackExport.QUARANTINE).output(ReadSlackExport.quarantine(pointer, reason));
    }
  }
}
