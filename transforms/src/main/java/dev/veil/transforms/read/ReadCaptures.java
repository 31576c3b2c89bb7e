package dev.veil.transforms.read;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.google.auto.value.AutoValue;
import dev.veil.schemas.Account;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Episode;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.RawFile;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Coders;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Reads computer-use recordings: a session folder, a folder of session folders, or a zip of them. A recorder session
 * is a folder holding {@code events.jsonl}; its files are gathered and turned into one {@link Episode} by
 * {@link CaptureSession}. Outside such folders, each {@code .json} file of rrweb events is a web session
 * ({@link RrwebSession}). Other files are ignored.
 */
@AutoValue
public abstract class ReadCaptures extends PTransform<PBegin, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<Episode> EPISODES = new TupleTag<Episode>() {};
  public static final TupleTag<Account> ACCOUNTS = new TupleTag<Account>() {};
  public static final TupleTag<Drop> DROPPED = new TupleTag<Drop>() {};
  public static final TupleTag<QuarantineEntry> QUARANTINE = ReadSlackExport.QUARANTINE;

  abstract String source();

  abstract String path();

  public static ReadCaptures from(String source, String path) {
    checkArgument(source != null && !source.isEmpty(), "source label must be non-empty");
    checkArgument(path != null && !path.isEmpty(), "path must be non-empty");
    return new AutoValue_ReadCaptures(source, path);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple listed = begin.apply("List recordings", ListExportFiles.from(source(), path()));
    Path input = Path.of(path());
    String inputName = input.getFileName() == null ? "" : input.getFileName().toString();
    PCollectionTuple parsed =
        listed
            .get(ReadSlackExport.FILES)
            .apply(
                "Key by session",
                WithKeys.of((RawFile f) -> folderOf(f.getFile())).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.avro(RawFile.class)))
            .apply("Gather sessions", GroupByKey.create())
            .apply(
                "Rebuild episodes",
                ParDo.of(new SessionFn(source(), inputName))
                    .withOutputTags(EPISODES, TupleTagList.of(ACCOUNTS).and(DROPPED).and(QUARANTINE)));
    parsed.get(EPISODES).setCoder(Coders.avro(Episode.class));
    parsed.get(ACCOUNTS).setCoder(Coders.avro(Account.class));
    parsed.get(DROPPED).setCoder(Coders.avro(Drop.class));
    parsed.get(QUARANTINE).setCoder(Coders.avro(QuarantineEntry.class));
    PCollection<QuarantineEntry> quarantine =
        PCollectionList.of(listed.get(QUARANTINE))
            .and(parsed.get(QUARANTINE))
            .apply("Collect quarantine", Flatten.pCollections());
    return PCollectionTuple.of(EPISODES, parsed.get(EPISODES))
        .and(ACCOUNTS, parsed.get(ACCOUNTS))
        .and(DROPPED, parsed.get(DROPPED))
        .and(QUARANTINE, quarantine);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("source", source()));
  }

  static String folderOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }

  static final class SessionFn extends FileReadingFn<KV<String, Iterable<RawFile>>, Episode> {
    private static final long serialVersionUID = 1L;
    private final Counter sessions = Metrics.counter(ReadCaptures.class, "sessions_read");
    private final String source;
    private final String inputName;

    SessionFn(String source, String inputName) {
      this.source = source;
      this.inputName = inputName;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<RawFile>> session, MultiOutputReceiver out) {
      Map<String, byte[]> files = new HashMap<>();
      String folder = session.getKey();
      for (RawFile f : session.getValue()) {
        String base = f.getFile().substring(f.getFile().lastIndexOf('/') + 1);
        if (!CaptureSession.FILES.contains(base) && !base.endsWith(".json")) {
          continue; // screen video, raw a11y trees, the recorder's own reductions: not read
        }
        try {
          files.put(f.getFile().substring(folder.isEmpty() ? 0 : folder.length() + 1), contents.read(f));
        } catch (java.io.IOException e) {
          out.get(QUARANTINE)
              .output(
                  ReadSlackExport.quarantine(
                      SourcePointer.newBuilder().setSource(source).setFile(f.getFile()).setIndex(-1).build(),
                      e instanceof FileContents.TooLarge
                          ? dev.veil.transforms.common.Reasons.ENTRY_TOO_LARGE
                          : dev.veil.transforms.common.Reasons.UNREADABLE_INPUT));
        }
      }
      CaptureSession.Out sink = sink(out);
      if (files.containsKey("events.jsonl")) {
        sessions.inc();
        // A session given directly as the input: its folder name is the input's own name.
        new CaptureSession(source, sink).parse(folder.isEmpty() ? inputName : folder, files);
        return;
      }
      // Outside recorder sessions, every .json file that holds rrweb events is a web session of its own.
      for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
        String path = folder.isEmpty() ? f.getKey() : folder + "/" + f.getKey();
        if (!f.getKey().endsWith(".json")) {
          continue;
        }
        java.util.Optional<String> json = dev.veil.transforms.common.Utf8.decodeStrict(f.getValue());
        if (json.isEmpty()) {
          out.get(QUARANTINE)
              .output(
                  ReadSlackExport.quarantine(
                      SourcePointer.newBuilder().setSource(source).setFile(path).setIndex(-1).build(),
                      dev.veil.transforms.common.Reasons.NOT_UTF8));
        } else if (RrwebSession.looksLikeRrweb(json.get())) {
          sessions.inc();
          new RrwebSession(source, sink).parse(path, json.get());
        }
      }
    }

    private CaptureSession.Out sink(MultiOutputReceiver out) {
      return new CaptureSession.Out() {
        @Override
        public void episode(Episode e) {
          out.get(EPISODES).output(e);
        }

        @Override
        public void account(Account a) {
          out.get(ACCOUNTS).output(a);
        }

        @Override
        public void dropped(String reason, long events) {
          out.get(DROPPED)
              .output(Drop.newBuilder().setStage(ReadSlackExport.STAGE).setReason(reason).setRecords(events).build());
        }

        @Override
        public void quarantine(SourcePointer pointer, String reason) {
          out.get(QUARANTINE).output(ReadSlackExport.quarantine(pointer, reason));
        }
      };
    }
  }
}
