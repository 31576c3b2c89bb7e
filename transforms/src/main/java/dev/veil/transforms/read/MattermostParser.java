package dev.veil.transforms.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Account;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Mattermost bulk export (JSONL: {@code version}, {@code team}, {@code channel}, {@code user}, {@code post},
 * {@code direct_channel}, {@code direct_post} lines) into the same records as a Slack export: accounts (people are
 * usernames), channels, and messages (a post and each of its replies; replies share the root's thread). Message text is
 * Markdown with plain {@code @username} mentions. Each line is read on its own; a bad line is quarantined.
 */
public final class MattermostParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> METADATA = Set.of("version", "scheme", "emoji", "team", "bot");

  /** Where records go. */
  public interface Out {
    void message(ChatMessage m);

    void account(Account a);

    void channel(SlackChannel c);

    void quarantine(SourcePointer pointer, String reason);
  }

  private final String source;
  private final Out out;

  public MattermostParser(String source, Out out) {
    this.source = source;
    this.out = out;
  }

  public void parse(String file, String jsonl) {
    parse(file, new java.io.ByteArrayInputStream(jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Streams the lines of a JSONL file: memory stays flat whatever its size. Bytes that are not UTF-8 end the read. */
  public void parse(String file, java.io.InputStream in) {
    long i = -1;
    try (java.io.BufferedReader lines = dev.veil.transforms.common.StrictUtf8.reader(in)) {
      String raw;
      while ((raw = lines.readLine()) != null) {
        i++;
        line(file, i, raw.strip());
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      out.quarantine(pointer(file, i + 1), Reasons.NOT_UTF8);
    } catch (IOException e) {
      out.quarantine(pointer(file, i + 1), Reasons.UNREADABLE_INPUT);
    }
  }

  private void line(String file, long i, String line) {
    if (line.isEmpty()) {
      return;
    }
    SourcePointer pointer = pointer(file, i);
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      out.quarantine(pointer, Reasons.INVALID_JSON);
      return;
    }
    String type = n.path("type").asText("");
    switch (type) {
      case "user" -> user(n.path("user"), pointer);
      case "channel" -> channel(n.path("channel"), pointer);
      case "direct_channel" -> directChannel(n.path("direct_channel"));
      case "post" -> post(n.path("post"), folder(n.path("post")), pointer);
      case "direct_post" -> post(n.path("direct_post"), dmFolder(n.path("direct_post").path("channel_members")), pointer);
      default -> {
        if (!METADATA.contains(type)) {
          out.quarantine(pointer, Reasons.UNEXPECTED_STRUCTURE);
        }
      }
    }
  }

  private void user(JsonNode u, SourcePointer pointer) {
    String username = text(u, "username");
    if (username == null) {
      out.quarantine(pointer, Reasons.INVALID_RECORD);
      return;
    }
    String first = text(u, "first_name");
    String last = text(u, "last_name");
    out.account(
        Account.newBuilder()
            .setSource(source)
            .setKind("mattermost")
            .setAccountId(username)
            .setHandle(username)
            .setFirstName(first)
            .setLastName(last)
            .setRealName(first != null && last != null ? first + " " + last : null)
            .setDisplayName(text(u, "nickname"))
            .setEmail(text(u, "email"))
            .build());
  }

  private void channel(JsonNode c, SourcePointer pointer) {
    String team = text(c, "team");
    String name = text(c, "name");
    if (name == null) {
      out.quarantine(pointer, Reasons.INVALID_RECORD);
      return;
    }
    String folder = (team == null ? "" : team) + "/" + name;
    out.channel(
        SlackChannel.newBuilder()
            .setSource(source)
            .setId(folder)
            .setFolder(folder)
            .setName(text(c, "display_name") != null ? text(c, "display_name") : name)
            .setKind("P".equals(text(c, "type")) ? ChannelKind.PRIVATE_CHANNEL : ChannelKind.PUBLIC_CHANNEL)
            .build());
  }

  private void directChannel(JsonNode c) {
    String folder = dmFolder(c.path("members"));
    out.channel(
        SlackChannel.newBuilder()
            .setSource(source)
            .setId(folder)
            .setFolder(folder)
            .setName(null)
            .setKind(c.path("members").size() > 2 ? ChannelKind.GROUP_DM : ChannelKind.DM)
            .build());
  }

  private static String folder(JsonNode post) {
    return post.path("team").asText("") + "/" + post.path("channel").asText("");
  }

  private static String dmFolder(JsonNode members) {
    List<String> names = new ArrayList<>();
    members.forEach(m -> names.add(m.asText()));
    names.sort(null);
    return "dm:" + String.join(",", names);
  }

  private void post(JsonNode p, String folder, SourcePointer pointer) {
    String user = text(p, "user");
    if (user == null || !p.path("create_at").canConvertToLong()) {
      out.quarantine(pointer, Reasons.INVALID_RECORD);
      return;
    }
    long created = p.path("create_at").asLong();
    boolean hasReplies = p.path("replies").size() > 0;
    String root = Long.toString(created);
    out.message(message(pointer, folder, user, created, hasReplies ? root : null, p.path("message").asText("")));
    int r = 0;
    for (JsonNode reply : p.path("replies")) {
      // A reply is found on its post's line.
      SourcePointer rp = pointer;
      String author = text(reply, "user");
      if (author == null || !reply.path("create_at").canConvertToLong()) {
        out.quarantine(rp, Reasons.INVALID_RECORD);
        continue;
      }
      // ts stays unique per channel even when a reply shares its post's millisecond.
      out.message(
          ChatMessage.newBuilder(
                  message(rp, folder, author, reply.path("create_at").asLong(), root, reply.path("message").asText("")))
              .setTs(reply.path("create_at").asLong() + "." + (++r))
              .build());
    }
  }

  private ChatMessage message(SourcePointer pointer, String folder, String user, long millis, String thread, String text) {
    return ChatMessage.newBuilder()
        .setPointer(pointer)
        .setChannelFolder(folder)
        .setTs(Long.toString(millis))
        .setTsMicros(millis * 1000L)
        .setThreadTs(thread)
        .setUserId(user)
        .setText(text)
        .setFormat("markdown")
        .build();
  }

  private SourcePointer pointer(String file, long index) {
    return SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index).build();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
  }
}
