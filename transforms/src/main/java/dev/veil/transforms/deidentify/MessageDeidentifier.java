package dev.veil.transforms.deidentify;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SlackChannel;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.common.Reasons;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The first de-identification pass for chat: authors and mentions become keyed pseudonyms, every directory form in the
 * text is replaced, links lose their query strings (Slack file links carry access tokens), e-mail addresses outside
 * the directory and Slack tokens are redacted. Plain Java: {@link DeidentifyMessages} is its Beam wiring.
 * Not thread-safe (one per DoFn instance).
 */
public final class MessageDeidentifier {
  /** Slack's own system user: posts tombstones and reminders; not a person. */
  static final String SLACKBOT = "USLACKBOT";

  /** Result: the message, or the reason it could not be de-identified. */
  public static final class Result {
    public final AnonMessage message;
    public final String reason;

    private Result(AnonMessage message, String reason) {
      this.message = message;
      this.reason = reason;
    }
  }

  private final Pseudonyms pseudonyms;
  private final TextScrubber scrubber;
  private final ChannelDirectory channels;
  private final OptOuts optOuts;
  private final java.util.Map<String, String> labels = new java.util.HashMap<>();

  public MessageDeidentifier(TextScrubber scrubber, ChannelDirectory channels) {
    this(scrubber, channels, OptOuts.none());
  }

  /** With the policy's opt-outs: a reference to an opted-out channel renders as the generic {@code #channel}. */
  public MessageDeidentifier(TextScrubber scrubber, ChannelDirectory channels, OptOuts optOuts) {
    this.pseudonyms = scrubber.pseudonyms();
    this.scrubber = scrubber;
    this.channels = channels;
    this.optOuts = optOuts;
  }

  /** The label a reference to an opted-out channel gets (its name is never rendered). */
  static final String GENERIC_CHANNEL = "#channel";

  /**
   * The scope the license table matches channel patterns against: the channel's name (the last segment of its
   * folder: a Slack channel's name, a Mattermost channel's name, an mbox file's name); null for direct and group
   * messages, which no channel pattern names.
   */
  static String scopeOf(ChannelKind kind, String folder) {
    if (kind == ChannelKind.DM || kind == ChannelKind.GROUP_DM) {
      return null;
    }
    return folder.substring(folder.lastIndexOf('/') + 1);
  }

  public Result deidentify(ChatMessage m) {
    String source = m.getPointer().getSource();
    String speaker = speaker(source, m);
    if (speaker == null) {
      return new Result(null, Reasons.UNKNOWN_AUTHOR);
    }

    SlackChannel channel = channels.byFolder(source, m.getChannelFolder());
    ChannelKind kind = channel != null ? channel.getKind() : ChannelDirectory.guessKind(m.getChannelFolder());
    String channelKey = channel != null ? channel.getId() : "folder:" + m.getChannelFolder();
    String label =
        channelLabel(kind, channel != null && channel.getName() != null ? channel.getName() : m.getChannelFolder());
    // Counted from here: what is replaced in this message's own text (channel labels are the channel's, not its).
    scrubber.startRecord();

    String text =
        scrubber.scrubPlain(
            "slack".equals(m.getFormat()) ? SlackMarkup.render(m.getText(), new Links(source)) : m.getText());
    if ("mail".equals(m.getFormat())) {
      label = "Subject: " + scrubber.scrubPlain(MailSubjects.normalize(m.getSubject()));
    }

    String unit =
        m.getThreadTs() != null
            ? "thread:" + m.getThreadTs()
            : "day:" + Instant.ofEpochSecond(m.getTsMicros() / 1_000_000L).atZone(ZoneOffset.UTC).toLocalDate();
    return new Result(
        AnonMessage.newBuilder()
            .setPointer(m.getPointer())
            .setConversationKey(source + "|" + channelKey + "|" + unit)
            .setChannelLabel(label)
            .setChannelKind(kind)
            .setTsMicros(m.getTsMicros())
            .setTs(m.getTs())
            .setSpeaker(speaker)
            .setSubtype(m.getSubtype())
            .setText(text)
            .setFormat(m.getFormat())
            .setScope(scopeOf(kind, m.getChannelFolder()))
            .setEntities(scrubber.counts())
            .build(),
        null);
  }

  /** The author's pseudonym, a bot label, {@code system}, or null for a user the directory does not know. */
  private String speaker(String source, ChatMessage m) {
    String person = scrubber.person(source, m.getUserId());
    if (person != null) {
      return person;
    }
    if (m.getBotId() != null && (m.getUserId() == null || "bot_message".equals(m.getSubtype()))) {
      return pseudonyms.token("bot", "bot", source + "|" + m.getBotId());
    }
    if (m.getUserId() == null || SLACKBOT.equals(m.getUserId())) {
      return "system";
    }
    return null;
  }

  /** A channel's rendered label, scrubbed once per channel rather than once per message. */
  private String channelLabel(ChannelKind kind, String name) {
    switch (kind) {
      case DM:
        return "direct message";
      case GROUP_DM:
        return "group message";
      default:
        return labels.computeIfAbsent(name, n -> "#" + scrubber.scrubPlain(n));
    }
  }

  /** Resolves mentions and links found in one message. */
  private final class Links implements SlackMarkup.Resolver {
    private final String source;

    Links(String source) {
      this.source = source;
    }

    @Override
    public String user(String userId) {
      return scrubber.mention(source, userId);
    }

    @Override
    public String channel(String channelId, String name) {
      SlackChannel c = channels.byId(source, channelId);
      if (optOuts.channelListed(channelId, name)
          || (c != null && optOuts.channelListed(c.getName(), c.getFolder()))) {
        return GENERIC_CHANNEL;
      }
      if (c != null) {
        return channelLabel(c.getKind(), c.getName() != null ? c.getName() : c.getFolder());
      }
      return name != null ? "#" + scrubber.scrubPlain(name) : "#channel";
    }

    @Override
    public String link(String url, String label) {
      String lower = url.toLowerCase(Locale.ROOT);
      if (lower.startsWith("mailto:")) {
        return url.substring("mailto:".length());
      }
      if (lower.startsWith("tel:")) {
        return label != null ? label : url.substring("tel:".length());
      }
      String bare = TextScrubber.withoutQuery(url);
      return label == null || label.equals(url) ? bare : label + " (" + bare + ")";
    }
  }
}
