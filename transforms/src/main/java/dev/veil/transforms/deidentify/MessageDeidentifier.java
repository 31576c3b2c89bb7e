package dev.veil.transforms.deidentify;

import dev.veil.schemas.AnonMessage;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SlackChannel;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The first de-identification pass for chat: authors and mentions become keyed pseudonyms, every directory form in the
 * text is replaced, links lose their query strings (Slack file links carry access tokens), e-mail addresses outside
 * the directory and Slack tokens are redacted. Plain Java: {@link DeidentifyMessages} is its Beam wiring.
 * Not thread-safe (one per DoFn instance).
 */
public final class MessageDeidentifier {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern SLACK_TOKEN = Pattern.compile("xox[abposre]-[A-Za-z0-9\\-]{8,}");
  /** Slack's own system user: posts tombstones and reminders; not a person. */
  static final String SLACKBOT = "USLACKBOT";
  public static final String EMAIL_PLACEHOLDER = "[EMAIL]";
  public static final String SECRET_PLACEHOLDER = "[SECRET]";

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
  private final DirectoryScrubber scrubber;
  private final ChannelDirectory channels;
  private final Map<String, String> personByAccount = new HashMap<>();

  public MessageDeidentifier(Pseudonyms pseudonyms, IdentityDirectory directory, ChannelDirectory channels) {
    this.pseudonyms = pseudonyms;
    this.scrubber = new DirectoryScrubber(directory);
    this.channels = channels;
    for (Identity identity : directory.getIdentities()) {
      for (String account : identity.getAccounts()) {
        personByAccount.put(account, identity.getPersonId());
      }
    }
  }

  public Result deidentify(ChatMessage m) {
    String source = m.getPointer().getSource();
    String speaker;
    if (m.getUserId() != null && personByAccount.containsKey(IdentityResolver.accountKey(source, m.getUserId()))) {
      speaker = personByAccount.get(IdentityResolver.accountKey(source, m.getUserId()));
    } else if (m.getBotId() != null && (m.getUserId() == null || "bot_message".equals(m.getSubtype()))) {
      speaker = pseudonyms.token("bot", "bot", source + "|" + m.getBotId());
    } else if (m.getUserId() == null || SLACKBOT.equals(m.getUserId())) {
      speaker = "system";
    } else {
      return new Result(null, dev.veil.transforms.common.Reasons.UNKNOWN_AUTHOR);
    }

    SlackChannel channel = channels.byFolder(source, m.getChannelFolder());
    ChannelKind kind = channel != null ? channel.getKind() : ChannelDirectory.guessKind(m.getChannelFolder());
    String channelKey = channel != null ? channel.getId() : "folder:" + m.getChannelFolder();
    String label = channelLabel(kind, channel != null && channel.getName() != null ? channel.getName() : m.getChannelFolder());

    String text = SlackMarkup.render(m.getText(), new Links(source));
    text = scrubber.scrub(text);
    text = EMAIL.matcher(text).replaceAll(EMAIL_PLACEHOLDER);
    text = SLACK_TOKEN.matcher(text).replaceAll(SECRET_PLACEHOLDER);

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
            .build(),
        null);
  }

  private String channelLabel(ChannelKind kind, String name) {
    switch (kind) {
      case DM:
        return "direct message";
      case GROUP_DM:
        return "group message";
      default:
        return "#" + scrubber.scrub(name);
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
      String person = personByAccount.get(IdentityResolver.accountKey(source, userId));
      return "@" + (person != null ? person : pseudonyms.token("user", "unknown-user", source + "|" + userId));
    }

    @Override
    public String channel(String channelId, String name) {
      SlackChannel c = channels.byId(source, channelId);
      if (c != null) {
        return channelLabel(c.getKind(), c.getName() != null ? c.getName() : c.getFolder());
      }
      return name != null ? "#" + scrubber.scrub(name) : "#channel";
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
      String bare = withoutQuery(url);
      return label == null || label.equals(url) ? bare : label + " (" + bare + ")";
    }
  }

  /** Keeps scheme, host and path; drops user info, query and fragment (tokens and e-mails hide there). */
  static String withoutQuery(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return stripAfterQuery(url);
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + path;
    } catch (URISyntaxException e) {
      return stripAfterQuery(url);
    }
  }

  private static String stripAfterQuery(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return url.substring(0, cut);
  }
}
