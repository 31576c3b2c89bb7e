package dev.veil.transforms.assemble;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.Example;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Pseudonyms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the messages of one conversation unit (a thread, or a channel-day of unthreaded chatter; a mail thread) into one
 * {@code conversation} (mail: {@code thread}) example: turns in time order, each {@code speaker: text}, under a header with the channel label
 * and the month. Released attributes are generalized: month, not day; counts, not names.
 */
public final class ConversationBuilder {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);
  /** Total, deterministic order of turns: time, then Slack's ts string, then where the message was read. */
  static final Comparator<AnonMessage> TURN_ORDER =
      Comparator.comparingLong(AnonMessage::getTsMicros)
          .thenComparing(AnonMessage::getTs)
          .thenComparing(m -> m.getPointer().getFile())
          .thenComparingLong(m -> m.getPointer().getIndex());

  private final Pseudonyms pseudonyms;

  public ConversationBuilder(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** The source kind of an input label ({@code kind:name}). */
  static String kindOf(String label) {
    int colon = label.indexOf(':');
    return colon > 0 ? label.substring(0, colon) : label;
  }

  public Example build(String conversationKey, Iterable<AnonMessage> messages) {
    List<AnonMessage> turns = new ArrayList<>();
    messages.forEach(turns::add);
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("a conversation needs at least one message");
    }
    turns.sort(TURN_ORDER);
    AnonMessage first = turns.get(0);
    String period =
        Instant.ofEpochSecond(first.getTsMicros() / 1_000_000L).atZone(ZoneOffset.UTC).format(MONTH);

    StringBuilder text = new StringBuilder();
    text.append(ExampleHeaders.conversation(first.getChannelLabel(), Map.of("period", period))).append('\n');
    TreeSet<String> speakers = new TreeSet<>();
    long botTurns = 0;
    long textChars = 0;
    Map<String, Long> entities = new TreeMap<>();
    List<SourcePointer> pointers = new ArrayList<>(turns.size());
    for (AnonMessage m : turns) {
      text.append(m.getSpeaker()).append(": ").append(m.getText()).append('\n');
      speakers.add(m.getSpeaker());
      botTurns += m.getSpeaker().startsWith("bot_") || m.getSpeaker().equals("system") ? 1 : 0;
      textChars += m.getText().strip().length();
      m.getEntities().forEach((type, n) -> entities.merge(type, n, Long::sum));
      pointers.add(m.getPointer());
    }
    String source = first.getPointer().getSource();
    String sourceKind = kindOf(source);
    String digest = pseudonyms.digest("example", sourceKind + "|" + conversationKey);
    Map<String, Object> meta = new TreeMap<>();
    meta.put("channel_type", channelType(first.getChannelKind()));
    meta.put("period", period);
    meta.put("unit", conversationKey.contains("|thread:") ? "thread" : "channel_day");
    meta.put("turns", (long) turns.size());
    meta.put("speakers", (long) speakers.size());
    meta.put("bot_turns", botTurns);
    meta.put("text_chars", textChars);
    return Example.newBuilder()
        .setId(sourceKind + "-" + digest.substring(0, 24))
        .setSource(sourceKind)
        .setSourceLabel(source)
        .setKind("mail".equals(first.getFormat()) ? "thread" : "conversation")
        .setUnit(digest.substring(0, 24))
        .setScope(first.getScope())
        .setLicense(null)
        .setText(text.toString())
        .setMeta(meta)
        .setRecords(turns.size())
        .setPointers(pointers)
        .setEntities(entities)
        .build();
  }

  static String channelType(ChannelKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
