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
import dev.veil.transforms.common.Utf8;
import java.nio.ByteBuffer;
import java.util.Optional;
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
 * Reads a Mattermost bulk export (its {@code .jsonl} files; attachments under {@code data/} are not read) into the same
 * outputs as {@link ReadSlackExport}: {@code MESSAGES}, {@code USERS} (accounts), {@code CHANNELS},
 * {@code QUARANTINE}. See {@link MattermostParser}.
 */
@AutoValue
public abstract class ReadMattermostExport extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  abstract String source();

  abstract String path();

  public static ReadMattermostExport from(String source, String path) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadMattermostExport(source, path);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed = begin.apply("List export", ListExportFiles.from(source(), path()));
    PCollectionTuple parsed =
        listed
            .get(ReadSlackExport.FILES)
            .apply(
                "Parse files",
                ParDo.of(new ParseFn(source()))
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

  static final class ParseFn extends DoFn<RawFile, ChatMessage> {
    private static final long serialVersionUID = 1L;
    private final String source;

    ParseFn(String source) {
      this.source = source;
    }

    @ProcessElement
    public void process(@Element RawFile file, MultiOutputReceiver out) {
      if (!file.getFile().endsWith(".jsonl")) {
        return;
      }
      ByteBuffer buf = file.getContent();
      byte[] bytes = new byte[buf.remaining()];
      buf.duplicate().get(bytes);
      Optional<String> text = Utf8.decodeStrict(bytes);
      if (text.isEmpty()) {
        out.get(ReadSlackExport.QUARANTINE)
            .output(
                ReadSlackExport.quarantine(
                    SourcePointer.newBuilder().setSource(source).setFile(file.getFile()).setIndex(-1).build(),
                    Reasons.NOT_UTF8));
        return;
      }
      new MattermostParser(
              source,
              new MattermostParser.Out() {
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
              })
          .parse(file.getFile(), text.get());
    }
  }
}
