package dev.veil.transforms.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SlackChannel;
import dev.veil.schemas.Account;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.util.Optional;

/**
 * Parses the JSON files of a Slack export into typed records. Streams arrays element by element (day files and
 * users.json can be large), accepts both string and integer numeric fields, and reports every element it cannot use
 * with a reason instead of failing the file.
 */
public final class SlackParser {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                  .build())
          // "ts": 1704189720.0003 must keep its digits; a double would not.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Receives what a file yields. */
  public interface Receiver<T> {
    void record(T record);

    void quarantine(SourcePointer pointer, String reason);
  }

  private final String source;

  public SlackParser(String source) {
    this.source = source;
  }

  public void parseUsers(String file, String json, Receiver<Account> out) {
    forEachIdentified(
        file,
        json,
        out,
        (node, pointer) -> {
          String id = text(node, "id");
          JsonNode profile = node.path("profile");
          out.record(
              Account.newBuilder()
                  .setSource(source)
                  .setKind("slack")
                  .setAccountId(id)
                  .setNamespace(text(node, "team_id"))
                  .setHandle(text(node, "name"))
                  .setRealName(firstNonEmpty(text(node, "real_name"), text(profile, "real_name")))
                  .setDisplayName(text(profile, "display_name"))
                  .setFirstName(text(profile, "first_name"))
                  .setLastName(text(profile, "last_name"))
                  .setEmail(text(profile, "email"))
                  .setPhone(text(profile, "phone"))
                  .setSkype(text(profile, "skype"))
                  .setIsBot(node.path("is_bot").asBoolean(false))
                  .build());
        });
  }

  public void parseChannels(String file, String json, ChannelKind kind, Receiver<SlackChannel> out) {
    forEachIdentified(
        file,
        json,
        out,
        (node, pointer) -> {
          String id = text(node, "id");
          String name = text(node, "name");
          // DMs have no name: their folder is the id. Channels, groups and mpims use their name.
          String folder = kind == ChannelKind.DM || name == null ? id : name;
          out.record(
              SlackChannel.newBuilder()
                  .setSource(source)
                  .setId(id)
                  .setFolder(folder)
                  .setName(name)
                  .setKind(kind)
                  .build());
        });
  }

  public void parseDayFile(String file, String json, Receiver<ChatMessage> out) {
    String folder = SlackFiles.folderOf(file);
    forEachElement(
        file,
        json,
        out,
        (node, pointer) -> {
          String ts = text(node, "ts");
          Optional<Long> micros = ts == null ? Optional.empty() : tsMicros(ts);
          if (micros.isEmpty()) {
            out.quarantine(pointer, Reasons.BAD_TIMESTAMP);
            return;
          }
          String threadTs = text(node, "thread_ts");
          if (threadTs != null && tsMicros(threadTs).isEmpty()) {
            threadTs = null;
          }
          JsonNode textNode = node.get("text");
          out.record(
              ChatMessage.newBuilder()
                  .setPointer(pointer)
                  .setChannelFolder(folder)
                  .setTs(ts)
                  .setTsMicros(micros.get())
                  .setThreadTs(threadTs)
                  .setUserId(text(node, "user"))
                  .setBotId(firstNonEmpty(text(node, "bot_id"), text(node, "username")))
                  .setSubtype(text(node, "subtype"))
                  .setText(textNode != null && textNode.isTextual() ? textNode.asText() : "")
                  .build());
        });
  }

  private interface ElementHandler {
    void handle(JsonNode node, SourcePointer pointer);
  }

  /** Like {@link #forEachElement}, for users and channels: an element without an {@code id} is unusable. */
  private void forEachIdentified(String file, String json, Receiver<?> out, ElementHandler handler) {
    forEachElement(
        file,
        json,
        out,
        (node, pointer) -> {
          if (text(node, "id") == null) {
            out.quarantine(pointer, Reasons.INVALID_RECORD);
          } else {
            handler.handle(node, pointer);
          }
        });
  }

  /**
   * Streams a top-level JSON array. A non-object element is quarantined by index; a syntax error quarantines the rest
   * of the file as one unit, pointed at the element where it happened (what precedes it is kept).
   */
  private void forEachElement(String file, String json, Receiver<?> out, ElementHandler handler) {
    long index = 0;
    try (JsonParser parser = MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        out.quarantine(pointer(file, -1), Reasons.UNEXPECTED_STRUCTURE);
        return;
      }
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          break;
        }
        if (token == null) {
          throw new IOException("unterminated array");
        }
        JsonNode node = MAPPER.readTree(parser);
        if (node == null || !node.isObject()) {
          out.quarantine(pointer(file, index), Reasons.INVALID_RECORD);
        } else {
          handler.handle(node, pointer(file, index));
        }
        index++;
      }
      if (parser.nextToken() != null) {
        throw new IOException("content after the array");
      }
    } catch (IOException e) {
      // Jackson's message quotes input; do not propagate it. The pointer is enough to find the damage.
      out.quarantine(pointer(file, index), Reasons.INVALID_JSON);
    }
  }

  private SourcePointer pointer(String file, long index) {
    return SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index).build();
  }

  /** A string or number field as text; null when absent, null, empty or structured. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
    return s.isEmpty() ? null : s;
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null ? a : b;
  }

  /** Slack's {@code ts} ("1433558207.760577", or a bare number in some exports) as microseconds since the epoch. */
  public static Optional<Long> tsMicros(String ts) {
    int dot = ts.indexOf('.');
    String secs = dot < 0 ? ts : ts.substring(0, dot);
    String frac = dot < 0 ? "" : ts.substring(dot + 1);
    if (secs.isEmpty() || secs.length() > 12 || frac.length() > 6) {
      return Optional.empty();
    }
    for (int i = 0; i < secs.length(); i++) {
      if (!Character.isDigit(secs.charAt(i))) {
        return Optional.empty();
      }
    }
    for (int i = 0; i < frac.length(); i++) {
      if (!Character.isDigit(frac.charAt(i))) {
        return Optional.empty();
      }
    }
    String padded = (frac + "000000").substring(0, 6);
    return Optional.of(Long.parseLong(secs) * 1_000_000L + Long.parseLong(padded));
  }
}
