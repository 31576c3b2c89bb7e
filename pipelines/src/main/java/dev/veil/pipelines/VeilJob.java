package dev.veil.pipelines;

import dev.veil.schemas.Account;
import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Drop;
import dev.veil.schemas.Episode;
import dev.veil.schemas.Example;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.Ticket;
import dev.veil.schemas.Account;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.assemble.AssembleConversations;
import dev.veil.transforms.assemble.AssembleEach;
import dev.veil.transforms.audit.Accounting;
import dev.veil.transforms.audit.BuildManifest;
import dev.veil.transforms.audit.ScanReleased;
import dev.veil.transforms.audit.Tally;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.dedup.DedupExamples;
import dev.veil.transforms.dedup.DedupMessages;
import dev.veil.transforms.deidentify.DeidentifyMessages;
import dev.veil.transforms.deidentify.DeidentifyRecords;
import dev.veil.transforms.deidentify.KeyTiming;
import dev.veil.transforms.deidentify.PoolKeyTiming;
import dev.veil.transforms.exclude.ExcludeRecords;
import dev.veil.transforms.exclude.WithholdPointers;
import dev.veil.transforms.filter.ChatRules;
import dev.veil.transforms.filter.FilterExamples;
import dev.veil.transforms.identity.BuildIdentityDirectory;
import dev.veil.transforms.identity.ReadPeopleList;
import dev.veil.transforms.kanon.KAnonymize;
import dev.veil.transforms.kanon.VerifyKAnonymity;
import dev.veil.transforms.read.ReadCaptures;
import dev.veil.transforms.read.ReadJiraExport;
import dev.veil.transforms.read.ReadChatFiles;
import dev.veil.transforms.read.ReadSlackExport;
import dev.veil.transforms.tag.TagLicenses;
import dev.veil.transforms.write.CountTokens;
import dev.veil.transforms.write.WriteBlobs;
import dev.veil.transforms.write.WriteDataset;
import dev.veil.transforms.write.WriteLineage;
import dev.veil.transforms.write.WriteQuarantine;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import dev.veil.transforms.common.Spread;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The Veil job. Steps, named as in the graph:
 *
 * <ol>
 *   <li>{@code Read <label>}: each input into records (messages, tickets), accounts, channels; unreadable units to
 *       quarantine.
 *   <li>{@code BuildIdentityDirectory}: one person, one keyed pseudonym, across all inputs; opted-out people marked.
 *   <li>{@code ExcludeTickets}, {@code ExcludeEpisodes}: the policy's opt-outs (people, channels, projects, sessions)
 *       and retention window, each removal counted by reason.
 *   <li>{@code Deidentify}: chat messages excluded as above, then authors, mentions and every directory form in the
 *       text become pseudonyms, then the message rules; one step, each drop counted with its own stage and reason.
 *   <li>{@code DedupMessages}: repeated bot and long messages collapse to the earliest.
 *   <li>{@code Assemble}: threads and channel-days become conversation examples.
 *   <li>{@code DeidentifyTickets}, {@code AssembleTickets}, {@code DeidentifyEpisodes}, {@code AssembleEpisodes}: each
 *       ticket and each recorded session becomes one de-identified example. With {@code capture.key_timing:
 *       resample}, {@code PoolKeyTiming} first pools the typing of every kept session into the run's population (a
 *       side input of {@code DeidentifyEpisodes}).
 *   <li>{@code FilterExamples}: example rules (bot-only conversations, too little text), each drop counted.
 *   <li>{@code DedupExamples}: exact, then near duplicate examples (MinHash LSH) removed, one kept per cluster.
 *   <li>{@code TagLicenses}: the policy's license for each example (input, channel or project); licenses the output
 *       does not accept are counted and left out.
 *   <li>{@code KAnonymize} (when the policy sets {@code k_anonymity}): released attributes generalized to the optimal
 *       levels that meet k within the suppression limit; the rest suppressed ({@code *}).
 *   <li>{@code CountTokens}: each example's tokens in the policy's encoding.
 *   <li>{@code WithholdPointers}: quarantine pointers that would name an opted-out person, channel or session are
 *       withheld.
 *   <li>{@code WriteDataset}, {@code WriteQuarantine}, {@code WriteLineage}: deterministic shards within the token
 *       budget and byte cap; pointers of what was set aside; the source pointers of every example written.
 *   <li>{@code VerifyKAnonymity}: the written examples' classes recounted; one below k fails the job.
 *   <li>{@code ScanOutput} (unless the policy turns {@code audit.leak_scan} off): every example written searched for
 *       every identity-directory form; a hit fails the job.
 *   <li>{@code Audit}: tallies and shard digests into {@code manifest.json}; {@code croissant.json} and the dataset
 *       card {@code README.md} beside it, the de-identification report in {@code report/}.
 * </ol>
 */
public final class VeilJob {
  private VeilJob() {}

  /** What the read stage gives the rest of the job: every input's records, accounts, channels and quarantine. */
  public record Inputs(
      PCollection<ChatMessage> messages,
      PCollection<Ticket> tickets,
      PCollection<Episode> episodes,
      PCollection<Drop> readDrops,
      PCollectionList<Account> accounts,
      PCollectionList<SlackChannel> channels,
      PCollectionList<QuarantineEntry> quarantine) {}

  /**
   * The read stage: each input into typed records ({@code Read <label>}), the people list's accounts when there is
   * one. The job's first step, and all that {@code veil bench --floor} runs.
   */
  public static Inputs read(Pipeline p, List<InputSpec> inputs, String peopleCsv) {
    PCollectionList<ChatMessage> messages = PCollectionList.empty(p);
    PCollectionList<Ticket> tickets = PCollectionList.empty(p);
    PCollectionList<Episode> episodes = PCollectionList.empty(p);
    PCollectionList<Drop> readDrops = PCollectionList.empty(p);
    PCollectionList<Account> accounts = PCollectionList.empty(p);
    PCollectionList<SlackChannel> channels = PCollectionList.empty(p);
    PCollectionList<QuarantineEntry> quarantine = PCollectionList.empty(p);
    for (InputSpec input : inputs) {
      String step = "Read " + input.label();
      String path = input.path().toString();
      switch (input.kind()) {
        case InputSpec.SLACK, InputSpec.MATTERMOST, InputSpec.MBOX -> {
          PCollectionTuple read =
              p.apply(
                  step,
                  switch (input.kind()) {
                    case InputSpec.SLACK -> ReadSlackExport.from(input.label(), path);
                    case InputSpec.MATTERMOST -> ReadChatFiles.mattermost(input.label(), path);
                    default -> ReadChatFiles.mbox(input.label(), path);
                  });
          // A Slack export is many small files, spread as files; the other archives are a few large files, one
          // worker parses each, and their records are spread before de-identification.
          messages =
              messages.and(
                  input.kind().equals(InputSpec.SLACK)
                      ? read.get(ReadSlackExport.MESSAGES)
                      : read.get(ReadSlackExport.MESSAGES).apply(step + " spread", Spread.evenly()));
          accounts = accounts.and(read.get(ReadSlackExport.USERS));
          channels = channels.and(read.get(ReadSlackExport.CHANNELS));
          quarantine = quarantine.and(read.get(ReadSlackExport.QUARANTINE));
        }
        case InputSpec.JIRA -> {
          PCollectionTuple read = p.apply(step, ReadJiraExport.from(input.label(), path));
          tickets = tickets.and(read.get(ReadJiraExport.TICKETS).apply(step + " spread", Spread.evenly()));
          accounts = accounts.and(read.get(ReadJiraExport.ACCOUNTS));
          quarantine = quarantine.and(read.get(ReadJiraExport.QUARANTINE));
        }
        case InputSpec.CAPTURE -> {
          PCollectionTuple read = p.apply(step, ReadCaptures.from(input.label(), path));
          episodes = episodes.and(read.get(ReadCaptures.EPISODES));
          accounts = accounts.and(read.get(ReadCaptures.ACCOUNTS));
          readDrops = readDrops.and(read.get(ReadCaptures.DROPPED));
          quarantine = quarantine.and(read.get(ReadCaptures.QUARANTINE));
        }
        default -> throw new IllegalArgumentException("no reader for input kind " + input.kind());
      }
    }
    if (peopleCsv != null) {
      accounts = accounts.and(p.apply("Read people list", ReadPeopleList.from(peopleCsv)));
    }
    PCollection<ChatMessage> allMessages =
        messages.apply("All messages", Flatten.pCollections()).setCoder(Coders.avro(ChatMessage.class));
    PCollection<Ticket> allTickets =
        tickets.apply("All tickets", Flatten.pCollections()).setCoder(Coders.avro(Ticket.class));
    PCollection<Episode> allEpisodes =
        episodes.apply("All episodes", Flatten.pCollections()).setCoder(Coders.avro(Episode.class));
    PCollection<Drop> allReadDrops =
        readDrops.apply("All read drops", Flatten.pCollections()).setCoder(Coders.avro(Drop.class));
    return new Inputs(allMessages, allTickets, allEpisodes, allReadDrops, accounts, channels, quarantine);
  }

  public static void buildPipeline(Pipeline p, JobSpec spec) {
    Inputs read = read(p, spec.inputs(), spec.peopleCsv());
    PCollection<ChatMessage> allMessages = read.messages();
    PCollection<Ticket> allTickets = read.tickets();
    PCollection<Episode> allEpisodes = read.episodes();
    PCollection<Drop> allReadDrops = read.readDrops();
    PCollectionList<Account> accounts = read.accounts();
    PCollectionList<SlackChannel> channels = read.channels();
    PCollectionList<QuarantineEntry> quarantine = read.quarantine();


    PCollectionView<IdentityDirectory> directory =
        accounts
            .apply("All accounts", Flatten.pCollections())
            .setCoder(Coders.avro(Account.class))
            .apply("BuildIdentityDirectory", BuildIdentityDirectory.keyedBy(spec.key()).withOptOuts(spec.optOuts()));
    PCollectionView<List<SlackChannel>> channelList =
        channels
            .apply("All channels", Flatten.pCollections())
            .setCoder(Coders.avro(SlackChannel.class))
            .apply("Channels view", View.asList());

    // Opt-outs and retention, on raw records (every account of an opted-out person is known here). Chat messages are
    // judged inside the de-identification step below (fused: see DeidentifyMessages), tickets and recordings here.
    ExcludeRecords<Ticket> excludeTickets = ExcludeRecords.tickets(spec.optOuts(), spec.retention(), directory);
    PCollectionTuple includedTickets = allTickets.apply("ExcludeTickets", excludeTickets);
    ExcludeRecords<Episode> excludeEpisodes = ExcludeRecords.episodes(spec.optOuts(), spec.retention(), directory);
    PCollectionTuple includedEpisodes = allEpisodes.apply("ExcludeEpisodes", excludeEpisodes);
    PCollection<Drop> exclusionDrops =
        PCollectionList.of(includedTickets.get(ExcludeRecords.DROPPED))
            .and(includedEpisodes.get(ExcludeRecords.DROPPED))
            .apply("All exclusions", Flatten.pCollections());

    // Chat: exclude, de-identify and filter messages in one step, then assemble conversations. Its drops (exclusion,
    // policy and filter, each with its own stage and reason) are tallied with the other policy drops.
    PCollectionTuple deidentified =
        allMessages.apply(
            "Deidentify",
            DeidentifyMessages.keyedBy(spec.key())
                .withDirectory(directory)
                .withChannels(channelList)
                .withDetection(spec.detection())
                .withOptOuts(spec.optOuts())
                .excluding(spec.retention())
                .filteredBy(ChatRules.defaults()));
    quarantine = quarantine.and(deidentified.get(DeidentifyMessages.QUARANTINE));
    PCollection<AnonMessage> keptMessages = deidentified.get(DeidentifyMessages.ANONYMIZED);
    // Drops of message dedup, the example filters and example dedup, tallied together.
    PCollectionList<Drop> filterAndDedupDrops = PCollectionList.empty(p);
    if (spec.dedup().messages()) {
      PCollectionTuple unique =
          keptMessages.apply("DedupMessages", DedupMessages.fromLength(spec.dedup().messageMinChars()));
      keptMessages = unique.get(DedupMessages.KEPT);
      filterAndDedupDrops = filterAndDedupDrops.and(unique.get(DedupMessages.DROPPED));
    }
    PCollection<Example> conversations =
        keptMessages.apply("Assemble", AssembleConversations.keyedBy(spec.key()));

    // Tickets and recorded episodes: de-identify, then one example each.
    DeidentifyRecords<Ticket> deidentifyTickets = DeidentifyRecords.tickets(spec.key(), directory, spec.detection());
    PCollectionTuple anonTickets =
        includedTickets.get(excludeTickets.kept()).apply("DeidentifyTickets", deidentifyTickets);
    PCollection<Example> ticketExamples =
        anonTickets
            .get(deidentifyTickets.kept())
            .apply("AssembleTickets", AssembleEach.tickets(InputSpec.JIRA, spec.key()));
    PCollection<Episode> keptEpisodes = includedEpisodes.get(excludeEpisodes.kept());
    PCollectionView<KeyTiming.Population> typingPopulation =
        spec.keyTiming().needsPopulation() ? keptEpisodes.apply("PoolKeyTiming", PoolKeyTiming.create()) : null;
    DeidentifyRecords<Episode> deidentifyEpisodes =
        DeidentifyRecords.episodes(
            spec.key(), directory, spec.detection(), spec.timing(), spec.keyTiming(), typingPopulation);
    PCollectionTuple anonEpisodes = keptEpisodes.apply("DeidentifyEpisodes", deidentifyEpisodes);
    PCollection<Example> episodeExamples =
        anonEpisodes
            .get(deidentifyEpisodes.kept())
            .apply("AssembleEpisodes", AssembleEach.episodes(InputSpec.CAPTURE, spec.key()));
    PCollection<Drop> policyDrops =
        PCollectionList.of(deidentified.get(DeidentifyMessages.DROPPED))
            .and(anonTickets.get(DeidentifyRecords.DROPPED))
            .and(anonEpisodes.get(DeidentifyRecords.DROPPED))
            .apply("All policy drops", Flatten.pCollections());

    PCollection<Example> assembled =
        PCollectionList.of(conversations)
            .and(ticketExamples)
            .and(episodeExamples)
            .apply("All examples", Flatten.pCollections());
    if (!spec.filters().rules().isEmpty()) {
      PCollectionTuple filteredExamples =
          assembled.apply("FilterExamples", FilterExamples.withRules(spec.filters().rules()));
      assembled = filteredExamples.get(FilterExamples.KEPT);
      filterAndDedupDrops = filterAndDedupDrops.and(filteredExamples.get(FilterExamples.DROPPED));
    }
    // Always: even with exact and near dedup off, one unit read twice (an issue in two export files) is kept once.
    PCollectionTuple deduped = assembled.apply("DedupExamples", DedupExamples.with(spec.dedup()));
    assembled = deduped.get(DedupExamples.KEPT);
    filterAndDedupDrops = filterAndDedupDrops.and(deduped.get(DedupExamples.DROPPED));
    // Licenses: each example's (the most restrictive of its own and its merged duplicates'), and only what the output
    // accepts.
    PCollectionTuple tagged =
        assembled.apply(
            "TagLicenses", TagLicenses.using(spec.licenses()).withExtraSources(TagLicenses.mergedSources()));
    PCollection<Example> examples = tagged.get(TagLicenses.TAGGED);
    // k-anonymity after the last stage that removes examples (license drops would shrink classes below k).
    PCollectionTuple kanon = null;
    if (spec.kAnonymity() != null) {
      kanon = examples.apply("KAnonymize", KAnonymize.with(spec.kAnonymity()));
      examples = kanon.get(KAnonymize.RELEASED);
    }

    PCollection<Example> released = examples.apply("CountTokens", CountTokens.with(spec.layout().tokenizer()));
    PCollection<WrittenFile> shards = released.apply("WriteDataset", WriteDataset.to(spec.outputDir(), spec.layout()));
    PCollection<QuarantineEntry> allQuarantine =
        quarantine
            .apply("All quarantine", Flatten.pCollections())
            .apply("WithholdPointers", WithholdPointers.of(spec.optOuts(), directory));
    PCollection<WrittenFile> restricted =
        PCollectionList.of(allQuarantine.apply("WriteQuarantine", WriteQuarantine.to(spec.outputDir())))
            .and(
                released
                    .apply("WithholdLineagePointers", WithholdPointers.inExamples(spec.optOuts(), directory))
                    .apply("WriteLineage", WriteLineage.to(spec.outputDir(), spec.layout())))
            .apply("All restricted files", Flatten.pCollections());

    PCollection<KV<String, Long>> tallies =
        PCollectionList.of(allMessages.apply("Tally read messages", Tally.read()))
            .and(allTickets.apply("Tally read tickets", Tally.read()))
            .and(allEpisodes.apply("Tally read events", Tally.of(e -> KV.of(Accounting.READ, e.getRecords()))))
            .and(allReadDrops.apply("Tally read trimmed", Tally.of(d -> KV.of(Accounting.READ, d.getRecords()))))
            .and(allReadDrops.apply("Tally trimmed", Tally.dropped()))
            .and(allQuarantine.apply("Tally quarantined", Tally.quarantined()))
            .and(policyDrops.apply("Tally policy drops", Tally.dropped()))
            .and(exclusionDrops.apply("Tally exclusions", Tally.dropped()))
            .and(tagged.get(TagLicenses.DROPPED).apply("Tally license drops", Tally.dropped()))
            .and(
                filterAndDedupDrops
                    .apply("All filter and dedup drops", Flatten.pCollections())
                    .setCoder(Coders.avro(Drop.class))
                    .apply("Tally filter and dedup drops", Tally.dropped()))
            .and(examples.apply("Tally output", Tally.output()))
            .and(examples.apply("Tally released", Tally.released()))
            .apply("All tallies", Flatten.pCollections());

    PCollectionTuple audit =
        PCollectionTuple.of(BuildManifest.TALLIES, tallies)
            .and(BuildManifest.DATA_FILES, shards)
            .and(BuildManifest.RESTRICTED_FILES, restricted);
    if (kanon != null) {
      // Recounted on what is written; a class below k fails the job before the manifest exists.
      audit =
          audit
              .and(BuildManifest.KANON_REPORT, kanon.get(KAnonymize.REPORT))
              .and(BuildManifest.KANON_CHECK, released.apply("VerifyKAnonymity", VerifyKAnonymity.with(spec.kAnonymity())));
    }
    if (spec.leakScan()) {
      // Every example written, searched for every form of every person; a hit fails the job before the manifest.
      audit =
          audit.and(
              BuildManifest.LEAK_SCAN,
              released.apply("ScanOutput", ScanReleased.against(directory, spec.leakScanNameParts())));
    }
    PCollectionTuple auditFiles =
        audit.apply("Audit", BuildManifest.withHeader(spec.manifestHeader()).withCard(spec.card()));
    auditFiles.get(BuildManifest.FILES).apply("Write manifest", WriteBlobs.to(spec.outputDir(), ""));
    auditFiles
        .get(BuildManifest.REPORT_FILES)
        .apply("Write report", WriteBlobs.to(spec.outputDir(), BuildManifest.REPORT_DIR));
  }
}
