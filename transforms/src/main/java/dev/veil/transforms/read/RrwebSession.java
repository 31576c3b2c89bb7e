package dev.veil.transforms.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an rrweb recording (a JSON array of events, or {@code {"events": [...]}}) into an {@link Episode}: clicks with
 * their target element (role and accessible name from the serialized DOM), typed field values (rrweb records whole
 * values, not keys; consecutive inputs into one field become one {@code type}), scrolls, and the page as the focus.
 * Password, card and one-time-code fields, and fields named like secrets, become {@code <SECRET>} inside the reader.
 * Page text is not released; the page address loses its query string.
 */
public final class RrwebSession {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> SECRET_AUTOCOMPLETE =
      Set.of("current-password", "new-password", "one-time-code", "cc-number", "cc-csc", "cc-exp");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)pass(word|wd|code|phrase)?|\\bpin\\b|secret|token|api[ _-]?key|cvv|cvc|otp");
  private static final int FULL_SNAPSHOT = 2;
  private static final int INCREMENTAL = 3;
  private static final int META = 4;

  /** An element of the serialized DOM, as far as actions need it. */
  record Node(String tag, Map<String, String> attrs, StringBuilder text) {}

  private final String source;
  private final CaptureSession.Out out;

  public RrwebSession(String source, CaptureSession.Out out) {
    this.source = source;
    this.out = out;
  }

  /** Whether a file looks like an rrweb recording (its first event has numeric type and timestamp). */
  public static boolean looksLikeRrweb(String json) {
    String head = json.stripLeading();
    return (head.startsWith("[") || head.startsWith("{"))
        && head.contains("\"timestamp\"")
        && head.contains("\"type\"")
        && !head.contains("\"fields\"");
  }

  public void parse(String file, String json) {
    Map<Integer, Node> nodes = new HashMap<>();
    List<EpisodeAction> actions = new ArrayList<>();
    List<Double> path = new ArrayList<>();
    double[] size = {1, 1};
    long records = 0;
    long index = 0;
    long lastTs = Long.MIN_VALUE;
    Integer typingId = null;
    EpisodeAction.Builder typing = null;
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME && !p.currentName().equals("events")) {
          p.nextToken();
          p.skipChildren();
        }
        t = p.nextToken();
      }
      if (t != JsonToken.START_ARRAY) {
        out.quarantine(pointer(file, -1), Reasons.UNEXPECTED_STRUCTURE);
        return;
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new IOException("unterminated array");
        }
        JsonNode e = MAPPER.readTree(p);
        long i = index++;
        if (!e.path("type").isInt() || !e.path("timestamp").isNumber()) {
          out.quarantine(pointer(file, i), Reasons.INVALID_RECORD);
          continue;
        }
        long ts = e.path("timestamp").asLong();
        if (ts < lastTs) {
          out.quarantine(pointer(file, i), Reasons.OUT_OF_ORDER);
          continue;
        }
        int type = e.path("type").asInt();
        if (type < 0 || type > 7) {
          out.quarantine(pointer(file, i), Reasons.UNKNOWN_EVENT);
          continue;
        }
        lastTs = ts;
        records++;
        JsonNode d = e.path("data");
        if (type == META) {
          size[0] = Math.max(1, d.path("width").asDouble(1));
          size[1] = Math.max(1, d.path("height").asDouble(1));
          actions.add(EpisodeAction.newBuilder().setOp("focus").setText(page(d.path("href").asText(""))).build());
        } else if (type == FULL_SNAPSHOT) {
          nodes.clear();
          collect(d.path("node"), nodes, null);
        } else if (type == INCREMENTAL) {
          int src = d.path("source").asInt(-1);
          if (src == 0) {
            for (JsonNode add : d.path("adds")) {
              collect(add.path("node"), nodes, nodes.get(add.path("parentId").asInt()));
            }
          } else if (src == 1) {
            for (JsonNode pos : d.path("positions")) {
              path.add(CaptureSession.round(pos.path("x").asDouble() / size[0]));
              path.add(CaptureSession.round(pos.path("y").asDouble() / size[1]));
            }
          } else if (src == 5) {
            int id = d.path("id").asInt();
            Node n = nodes.get(id);
            String value = d.has("isChecked") && !d.has("text") ? null : d.path("text").asText("");
            if (value == null) {
              continue;
            }
            if (typing == null || typingId == null || typingId != id) {
              if (typing != null) {
                actions.add(typing.build());
              }
              typing = EpisodeAction.newBuilder().setOp("type").setRole(role(n)).setName(name(n));
              typingId = id;
            }
            typing.setText(isSecret(n) ? CaptureSession.SECRET : value);
          } else if (src == 2 || src == 3) {
            if (typing != null) {
              actions.add(typing.build());
              typing = null;
              typingId = null;
            }
            EpisodeAction a = pointerAction(d, src, nodes.get(d.path("id").asInt()), size, path);
            if (a != null) {
              actions.add(a);
            }
          }
        }
      }
    } catch (IOException e) {
      out.quarantine(pointer(file, index), Reasons.INVALID_JSON);
    }
    if (typing != null) {
      actions.add(typing.build());
    }
    out.episode(
        Episode.newBuilder()
            .setPointer(pointer(file, -1))
            .setOwner(null)
            .setTask("")
            .setOs("web")
            .setScreenWidth((int) size[0])
            .setScreenHeight((int) size[1])
            .setStartMicros(-1)
            .setRecords(records)
            .setActions(actions)
            .build());
  }

  private static EpisodeAction pointerAction(JsonNode d, int src, Node target, double[] size, List<Double> path) {
    String op;
    if (src == 3) {
      op = "scroll";
    } else {
      switch (d.path("type").asInt(-1)) {
        case 2 -> op = "click";
        case 3 -> op = "rightClick";
        case 4 -> op = "doubleClick";
        default -> {
          return null;
        }
      }
    }
    EpisodeAction.Builder a =
        EpisodeAction.newBuilder()
            .setOp(op)
            .setX(CaptureSession.round(d.path("x").asDouble() / size[0]))
            .setY(CaptureSession.round(d.path("y").asDouble() / size[1]));
    if (op.equals("scroll")) {
      return a.setX(-1).setY(-1).setDy((int) Math.round(d.path("y").asDouble() / 100.0)).build();
    }
    a.setRole(role(target)).setName(name(target)).setPath(new ArrayList<>(path));
    path.clear();
    return a.build();
  }

  private static void collect(JsonNode n, Map<Integer, Node> nodes, Node parent) {
    if (!n.isObject()) {
      return;
    }
    int type = n.path("type").asInt(-1);
    if (type == 3 && parent != null) {
      parent.text().append(n.path("textContent").asText(""));
      return;
    }
    Node node = parent;
    if (type == 2) {
      Map<String, String> attrs = new HashMap<>();
      n.path("attributes").fields().forEachRemaining(f -> attrs.put(f.getKey(), f.getValue().asText("")));
      node = new Node(n.path("tagName").asText("").toLowerCase(Locale.ROOT), attrs, new StringBuilder());
      nodes.put(n.path("id").asInt(), node);
    }
    for (JsonNode child : n.path("childNodes")) {
      collect(child, nodes, node);
    }
  }

  static boolean isSecret(Node n) {
    if (n == null) {
      return false;
    }
    Map<String, String> a = n.attrs();
    if ("password".equalsIgnoreCase(a.getOrDefault("type", ""))) {
      return true;
    }
    if (SECRET_AUTOCOMPLETE.contains(a.getOrDefault("autocomplete", "").toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (String k : new String[] {"name", "id", "placeholder", "aria-label"}) {
      if (SECRET_NAME.matcher(a.getOrDefault(k, "")).find()) {
        return true;
      }
    }
    return false;
  }

  private static String role(Node n) {
    if (n == null) {
      return null;
    }
    String role = n.attrs().get("role");
    if (role != null && !role.isEmpty()) {
      return role;
    }
    return switch (n.tag()) {
      case "a" -> "link";
      case "button" -> "button";
      case "select" -> "combobox";
      case "textarea" -> "textbox";
      case "input" -> switch (n.attrs().getOrDefault("type", "text").toLowerCase(Locale.ROOT)) {
        case "checkbox" -> "checkbox";
        case "radio" -> "radio";
        case "submit", "button" -> "button";
        default -> "textbox";
      };
      default -> n.tag();
    };
  }

  private static String name(Node n) {
    if (n == null) {
      return null;
    }
    for (String k : new String[] {"aria-label", "title", "placeholder", "alt", "value"}) {
      String v = n.attrs().get(k);
      if (v != null && !v.isBlank() && !(k.equals("value") && isSecret(n))) {
        return v.strip();
      }
    }
    String text = n.text().toString().strip();
    return text.isEmpty() ? n.attrs().get("name") : text.length() > 80 ? text.substring(0, 80) : text;
  }

  /** The page: scheme, host and path only. */
  private static String page(String href) {
    try {
      URI u = new URI(href);
      if (u.getHost() == null) {
        return "page";
      }
      return u.getScheme() + "://" + u.getHost() + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (Exception e) {
      return "page";
    }
  }

  private SourcePointer pointer(String file, long index) {
    return SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index).build();
  }
}
