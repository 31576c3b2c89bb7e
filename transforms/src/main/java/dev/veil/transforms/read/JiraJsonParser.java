package dev.veil.transforms.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Jira REST API JSON: a saved {@code search} response ({@code {"issues": [...]}}, streamed issue by issue), one
 * issue ({@code {"key", "fields"}}), or an array of issues. Bodies are wiki markup (v2) or Atlassian Document Format
 * (v3); users are Server ({@code name}) or Cloud ({@code accountId}) objects.
 */
final class JiraJsonParser extends JiraParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  JiraJsonParser(String source, Out out) {
    super(source, out);
  }

  void parse(String file, String json) {
    parse(file, new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Streams a search response issue by issue: memory holds one issue, whatever the file's size. */
  void parse(String file, java.io.InputStream json) {
    long index = 0;
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY) {
        index = issues(file, p, 0);
      } else if (first == JsonToken.START_OBJECT) {
        ObjectNode top = MAPPER.createObjectNode();
        boolean sawIssues = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("issues") && value == JsonToken.START_ARRAY) {
            index = issues(file, p, index);
            sawIssues = true;
          } else {
            top.set(field, MAPPER.readTree(p));
          }
        }
        if (!sawIssues) {
          if (top.has("fields") && top.has("key")) {
            issue(file, 0, top);
          } else {
            out.quarantine(pointer(file, -1), Reasons.UNEXPECTED_STRUCTURE);
          }
        }
      } else {
        out.quarantine(pointer(file, -1), Reasons.UNEXPECTED_STRUCTURE);
      }
    } catch (IOException e) {
      out.quarantine(pointer(file, index), Reasons.INVALID_JSON);
    }
  }

  /** Streams an array of issues; returns how many elements were consumed. */
  private long issues(String file, JsonParser p, long index) throws IOException {
    long i = index;
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY) {
        return i;
      }
      if (t == null) {
        throw new IOException("unterminated array");
      }
      JsonNode node = MAPPER.readTree(p);
      if (node.isObject() && node.has("key") && node.path("fields").isObject()) {
        issue(file, i, node);
      } else if (isUser(node)) {
        // A saved user list (/rest/api/*/user/search): accounts for the directory, not records.
        user(node, host(node.path("self").asText(null)));
      } else {
        out.quarantine(pointer(file, i), Reasons.INVALID_RECORD);
      }
      i++;
    }
  }

  private void issue(String file, long index, JsonNode issue) {
    JsonNode f = issue.path("fields");
    String host = host(issue.path("self").asText(null));
    Consumer<String> mentioned = id -> account(id, null, null, host);
    List<TicketComment> comments = new ArrayList<>();
    for (JsonNode c : f.path("comment").path("comments")) {
      comments.add(
          TicketComment.newBuilder()
              .setAuthor(user(c.path("author"), host))
              .setCreatedMicros(isoMicros(c.path("created").asText(null)))
              .setBody(body(c.get("body"), mentioned))
              .build());
    }
    List<String> labels = new ArrayList<>();
    f.path("labels").forEach(l -> labels.add(l.asText()));
    out.ticket(
        Ticket.newBuilder()
            .setPointer(pointer(file, index))
            .setKey(issue.path("key").asText())
            .setProject(text(f.path("project").path("key")))
            .setIssueType(text(f.path("issuetype").path("name")))
            .setStatus(text(f.path("status").path("name")))
            .setPriority(text(f.path("priority").path("name")))
            .setCreatedMicros(isoMicros(f.path("created").asText(null)))
            .setSummary(f.path("summary").asText(""))
            .setDescription(body(f.get("description"), mentioned))
            .setReporter(user(f.path("reporter"), host))
            .setAssignee(user(f.path("assignee"), host))
            .setLabels(labels)
            .setComments(comments)
            .build());
    // The creator and people in the changelog join the directory: the changelog is not released, but their names
    // must be scrubbed wherever else they appear.
    user(f.path("creator"), host);
    for (JsonNode h : issue.path("changelog").path("histories")) {
      user(h.path("author"), host);
    }
  }

  private static boolean isUser(JsonNode n) {
    return n.isObject() && !n.has("fields") && n.has("displayName") && (n.has("accountId") || n.has("name"));
  }

  private static String body(JsonNode body, Consumer<String> mentioned) {
    if (body == null || body.isNull()) {
      return "";
    }
    return body.isTextual() ? JiraBodies.fromWiki(body.asText(), mentioned) : JiraBodies.fromAdf(body, mentioned);
  }

  /** A REST user object (Cloud: accountId; Server: name or key) as an account; returns its id. */
  private String user(JsonNode u, String host) {
    if (u == null || !u.isObject()) {
      return null;
    }
    String id = text(u.path("accountId"));
    if (id == null) {
      id = text(u.path("name"));
    }
    if (id == null) {
      id = text(u.path("key"));
    }
    return account(id, text(u.path("displayName")), text(u.path("emailAddress")), host);
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }
}
