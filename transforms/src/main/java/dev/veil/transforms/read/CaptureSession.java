package dev.veil.transforms.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Account;
import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.KeyTime;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one recorder session (OpenCUA / AgentNet or DuckTrack: a folder with {@code events.jsonl} and, where present,
 * {@code metadata.json}, {@code task_name.json}, {@code top_window.jsonl}, {@code element.jsonl}) into an
 * {@link Episode} of actions: clicks with their target element, drags, typed text rebuilt from key presses, hotkeys,
 * scrolls, focus changes, and the pointer path between actions. Plain Java; see {@link ReadCaptures}.
 *
 * <p>Keys typed while a secret field has focus (UI Automation {@code IsPassword}, AX secure text fields, AT-SPI
 * password text, or a field named like password / PIN / passcode / secret / token) become one {@code <SECRET>}; their
 * characters are never stored, nor their timing. Each action keeps its time since the session's first event for
 * de-identification to drop or coarsen; a {@code type} action also keeps, per character, when its key went down and
 * came up ({@code keys}), for de-identification to drop (the default) or release as {@code capture.key_timing} says.
 * A character deleted with backspace takes its times with it; a press repeated while the key is held (auto-repeat) has
 * no times of its own. The recorder's own stop hotkey at the end of the stream is trimmed (counted as dropped).
 */
public final class CaptureSession {
  public static final String SECRET = "<SECRET>";
  /** The files of a session folder that are read; others (the screen video, full a11y trees) are not. */
  public static final Set<String> FILES =
      Set.of("events.jsonl", "metadata.json", "task_name.json", "top_window.jsonl", "element.jsonl");

  /** The AgentNet recorder's stop hotkey. */
  public static final Set<String> STOP_HOTKEYS = Set.of("alt+ctrl+t");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern OWNER_IN_FOLDER = Pattern.compile("^\\d{8,14}_([^_/]+@[^_/]+)_");
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)pass(word|wd|code|phrase)?\\b|\\bpin\\b|secret|token|passwort|contrase|mot de passe|api[ _-]?key|cvv|cvc");
  private static final Set<String> SECRET_ROLES =
      Set.of("axsecuretextfield", "password text", "passwordcontrol", "password");
  private static final double DOUBLE_CLICK_SECONDS = 0.5;
  private static final double SAME_SPOT_PIXELS = 5;
  private static final double ELEMENT_WINDOW_SECONDS = 1.0;
  private static final int MAX_PATH_POINTS = 8;

  /** Where records go. */
  public interface Out {
    void episode(Episode episode);

    void account(Account account);

    /** Events removed on purpose (the stop hotkey): counted drops. */
    void dropped(String reason, long events);

    void quarantine(SourcePointer pointer, String reason);
  }

  record Event(long line, double t, String action, double x, double y, String button, boolean pressed, int dx,
      int dy, String key) {}

  record Element(double t, String role, String name, boolean secret) {}

  record Window(double t, String name) {}

  private final String source;
  private final Out out;

  public CaptureSession(String source, Out out) {
    this.source = source;
    this.out = out;
  }

  /** {@code files}: the session's files by name relative to the session folder. */
  public void parse(String folder, Map<String, byte[]> files) {
    byte[] eventsFile = files.get("events.jsonl");
    String eventsPath = folder.isEmpty() ? "events.jsonl" : folder + "/events.jsonl";
    List<Event> events = events(eventsPath, eventsFile);
    List<Element> elements = elements(files.get("element.jsonl"));
    List<Window> windows = windows(files.get("top_window.jsonl"));
    JsonNode meta = json(files.get("metadata.json"));
    JsonNode task = json(files.get("task_name.json"));

    int trimmed = trimStopHotkey(events);
    if (trimmed > 0) {
      out.dropped(Reasons.RECORDER_HOTKEY, trimmed);
    }
    int width = meta.path("screen_width").asInt(0);
    int height = meta.path("screen_height").asInt(0);
    if (width <= 0 || height <= 0) {
      for (Event e : events) {
        width = Math.max(width, (int) Math.ceil(e.x()) + 1);
        height = Math.max(height, (int) Math.ceil(e.y()) + 1);
      }
    }
    Builder b = new Builder(Math.max(width, 1), Math.max(height, 1), elements, windows);
    for (Event e : events) {
      b.accept(e);
    }
    b.finish();

    String owner = owner(folder, meta);
    String system = meta.path("system").asText("");
    String release = meta.path("release").asText("");
    out.episode(
        Episode.newBuilder()
            .setPointer(SourcePointer.newBuilder().setSource(source).setFile(folder).setIndex(-1).build())
            .setOwner(owner)
            .setTask(task.path("task_name").asText(""))
            .setOs(system.isEmpty() ? null : (system + " " + release).strip())
            .setScreenWidth(width)
            .setScreenHeight(height)
            .setStartMicros(startMicros(meta.path("start_time").asText("")))
            .setRecords(events.size())
            .setActions(b.actions)
            .build());
  }

  /**
   * The owner's e-mail from a session folder named {@code <yyyyMMddHHmmss>_<email>_<id>} (a path's last segment is
   * used), or null when the name does not hold one.
   */
  public static String ownerInFolder(String folder) {
    String last = folder.substring(folder.lastIndexOf('/') + 1);
    Matcher m = OWNER_IN_FOLDER.matcher(last);
    return m.find() ? m.group(1) : null;
  }

  private String owner(String folder, JsonNode meta) {
    String inFolder = ownerInFolder(folder);
    String email = inFolder != null ? inFolder : meta.path("user_email").asText(null);
    if (email == null || email.isBlank()) {
      return null;
    }
    out.account(
        Account.newBuilder()
            .setSource(source)
            .setKind("capture")
            .setAccountId(email)
            .setEmail(email)
            .build());
    return email;
  }

  private static long startMicros(String s) {
    try {
      return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT))
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli()
          * 1000L;
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  private static JsonNode json(byte[] bytes) {
    if (bytes == null) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(bytes);
      return n == null ? MAPPER.createObjectNode() : n;
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }

  /** Parses events.jsonl line by line; bad lines, unknown actions and events out of order are quarantined. */
  private List<Event> events(String path, byte[] bytes) {
    List<Event> events = new ArrayList<>();
    if (bytes == null) {
      return events;
    }
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    double lastT = Double.NEGATIVE_INFINITY;
    long lastIdx = Long.MIN_VALUE;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      SourcePointer pointer = SourcePointer.newBuilder().setSource(source).setFile(path).setIndex(i).build();
      JsonNode n;
      try {
        n = MAPPER.readTree(line);
      } catch (IOException e) {
        out.quarantine(pointer, Reasons.INVALID_JSON);
        continue;
      }
      if (n == null || !n.isObject() || !n.path("time_stamp").isNumber()) {
        out.quarantine(pointer, Reasons.INVALID_RECORD);
        continue;
      }
      String action = n.path("action").asText("");
      if (!Set.of("move", "click", "scroll", "press", "release").contains(action)) {
        out.quarantine(pointer, Reasons.UNKNOWN_EVENT);
        continue;
      }
      double t = n.path("time_stamp").asDouble();
      long idx = n.path("event_idx").asLong(Long.MIN_VALUE);
      if (t < lastT || (idx != Long.MIN_VALUE && lastIdx != Long.MIN_VALUE && idx <= lastIdx)) {
        out.quarantine(pointer, Reasons.OUT_OF_ORDER);
        continue;
      }
      lastT = t;
      if (idx != Long.MIN_VALUE) {
        lastIdx = idx;
      }
      String key = n.hasNonNull("name") ? KeyText.normalize(n.path("name").asText()) : null;
      if ((action.equals("press") || action.equals("release")) && (key == null || key.isEmpty())) {
        out.quarantine(pointer, Reasons.INVALID_RECORD);
        continue;
      }
      events.add(
          new Event(
              i,
              t,
              action,
              n.path("x").asDouble(0),
              n.path("y").asDouble(0),
              n.path("button").asText("left"),
              n.path("pressed").asBoolean(false),
              n.path("dx").asInt(0),
              n.path("dy").asInt(0),
              key));
    }
    return events;
  }

  private static List<Element> elements(byte[] bytes) {
    List<Element> out = new ArrayList<>();
    for (JsonNode n : lines(bytes)) {
      JsonNode tree = n.has("a11y_tree") ? n.path("a11y_tree") : n.path("axtree");
      if (!n.path("time_stamp").isNumber() || !tree.isObject()) {
        continue;
      }
      out.add(
          new Element(
              n.path("time_stamp").asDouble(),
              role(tree),
              tree.path("Name").asText(tree.path("name").asText("")),
              isSecret(tree)));
    }
    out.sort(Comparator.comparingDouble(Element::t));
    return out;
  }

  private static List<Window> windows(byte[] bytes) {
    List<Window> out = new ArrayList<>();
    for (JsonNode n : lines(bytes)) {
      String name = n.path("top_window_name").asText(n.path("title").asText(""));
      if (n.path("time_stamp").isNumber() && !name.isEmpty()) {
        out.add(new Window(n.path("time_stamp").asDouble(), name));
      }
    }
    out.sort(Comparator.comparingDouble(Window::t));
    return out;
  }

  private static List<JsonNode> lines(byte[] bytes) {
    List<JsonNode> nodes = new ArrayList<>();
    if (bytes == null) {
      return nodes;
    }
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      try {
        if (!line.isBlank()) {
          nodes.add(MAPPER.readTree(line));
        }
      } catch (IOException e) {
        // context files (element, window) only enrich actions; a damaged line is skipped
      }
    }
    return nodes;
  }

  /** "ButtonControl" → "button"; AX and AT-SPI roles lower-cased. */
  static String role(JsonNode tree) {
    String r = tree.path("ControlType").asText(tree.path("role").asText(tree.path("Role").asText("")));
    if (r.endsWith("Control")) {
      r = r.substring(0, r.length() - "Control".length());
    }
    if (r.startsWith("AX")) {
      r = r.substring(2);
    }
    return r.toLowerCase(Locale.ROOT);
  }

  static boolean isSecret(JsonNode tree) {
    if (tree.path("IsPassword").asBoolean(false) || tree.path("is_password").asBoolean(false)) {
      return true;
    }
    for (String field : new String[] {"ControlType", "role", "Role", "subrole", "Subrole", "type"}) {
      if (SECRET_ROLES.contains(tree.path(field).asText("").toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    String name = tree.path("Name").asText(tree.path("name").asText(""));
    String id = tree.path("AutomationId").asText("");
    return SECRET_NAME.matcher(name).find() || SECRET_NAME.matcher(id).find();
  }

  /**
   * Removes the trailing key events that make up a stop hotkey (pointer moves after it included); returns how many
   * events it removed. Keys typed before the hotkey stay.
   */
  static int trimStopHotkey(List<Event> events) {
    int end = events.size();
    int start = end;
    TreeSet<String> keys = new TreeSet<>();
    while (start > 0) {
      Event e = events.get(start - 1);
      if (e.action().equals("move") && keys.isEmpty()) {
        start--;
        continue;
      }
      if (!e.action().equals("press") && !e.action().equals("release")) {
        break;
      }
      TreeSet<String> with = new TreeSet<>(keys);
      with.add(stopKeyName(e.key()));
      if (STOP_HOTKEYS.stream().noneMatch(h -> Set.of(h.split("\\+")).containsAll(with))) {
        break;
      }
      keys = with;
      start--;
    }
    if (!STOP_HOTKEYS.contains(String.join("+", keys))) {
      return 0;
    }
    events.subList(start, end).clear();
    return end - start;
  }

  private static String stopKeyName(String key) {
    String mod = KeyText.modifier(key);
    return mod != null ? mod : key.toLowerCase(Locale.ROOT);
  }

  /** The state machine that turns events into actions. */
  private static final class Builder {
    final List<EpisodeAction> actions = new ArrayList<>();
    private final double width;
    private final double height;
    private final List<Element> elements;
    private final List<Window> windows;
    private int nextWindow = 0;
    private final List<double[]> path = new ArrayList<>();
    private final StringBuilder typed = new StringBuilder();
    private boolean typedSecret = false;
    /** The times of each character in {@code typed}; empty entries for secret input. */
    private final List<KeyTime> typedKeys = new ArrayList<>();
    /**
     * Typed keys down and not yet released, by key: a release sets the up time of its entry, also after the
     * {@code type} action was built (keys overlap the next action), so entries are shared with the built action.
     * Only looked up, never iterated.
     */
    private final Map<String, KeyTime> held = new HashMap<>();
    private final TreeSet<String> modifiers = new TreeSet<>();
    private boolean shift = false;
    private boolean caps = false;
    private Event press;
    private Event lastClick;
    private EpisodeAction.Builder scroll;
    private Event scrollAt;
    private double firstT = Double.NaN;
    private double typingStart;
    private double scrollStart;

    Builder(double width, double height, List<Element> elements, List<Window> windows) {
      this.width = width;
      this.height = height;
      this.elements = elements;
      this.windows = windows;
    }

    void accept(Event e) {
      if (Double.isNaN(firstT)) {
        firstT = e.t();
      }
      while (nextWindow < windows.size() && windows.get(nextWindow).t() <= e.t()) {
        flushTyping();
        flushScroll();
        add(EpisodeAction.newBuilder().setOp("focus").setText(windows.get(nextWindow).name()), windows.get(nextWindow).t());
        nextWindow++;
      }
      switch (e.action()) {
        case "move" -> path.add(new double[] {nx(e.x()), ny(e.y())});
        case "click" -> click(e);
        case "scroll" -> scroll(e);
        case "press" -> press(e);
        default -> release(e);
      }
    }

    void finish() {
      flushTyping();
      flushScroll();
      while (nextWindow < windows.size()) {
        Window w = windows.get(nextWindow++);
        add(EpisodeAction.newBuilder().setOp("focus").setText(w.name()), w.t());
      }
    }

    private void click(Event e) {
      flushTyping();
      flushScroll();
      if (e.pressed()) {
        press = e;
        return;
      }
      Event down = press != null && press.button().equals(e.button()) ? press : e;
      press = null;
      Element target = elementAt(down.t());
      EpisodeAction.Builder a = EpisodeAction.newBuilder().setX(nx(down.x())).setY(ny(down.y())).setPath(takePath());
      if (target != null) {
        a.setRole(target.role().isEmpty() ? null : target.role()).setName(target.name().isEmpty() ? null : target.name());
      }
      if (Math.hypot(e.x() - down.x(), e.y() - down.y()) > SAME_SPOT_PIXELS) {
        add(a.setOp("drag").setX2(nx(e.x())).setY2(ny(e.y())), down.t());
        lastClick = null;
        return;
      }
      String op =
          switch (e.button()) {
            case "right" -> "rightClick";
            case "middle" -> "middleClick";
            default -> "click";
          };
      boolean isDouble =
          op.equals("click")
              && lastClick != null
              && !actions.isEmpty()
              && actions.get(actions.size() - 1).getOp().equals("click")
              && down.t() - lastClick.t() <= DOUBLE_CLICK_SECONDS
              && Math.hypot(down.x() - lastClick.x(), down.y() - lastClick.y()) <= SAME_SPOT_PIXELS;
      if (isDouble) {
        EpisodeAction previous = actions.remove(actions.size() - 1);
        actions.add(EpisodeAction.newBuilder(previous).setOp("doubleClick").build());
        lastClick = null;
      } else {
        add(a.setOp(op), down.t());
        lastClick = down;
      }
    }

    private void scroll(Event e) {
      flushTyping();
      if (scroll != null && Math.hypot(e.x() - scrollAt.x(), e.y() - scrollAt.y()) <= 50) {
        scroll.setDx(scroll.getDx() + e.dx()).setDy(scroll.getDy() + e.dy());
        return;
      }
      flushScroll();
      scroll =
          EpisodeAction.newBuilder().setOp("scroll").setX(nx(e.x())).setY(ny(e.y())).setDx(e.dx()).setDy(e.dy());
      scrollAt = e;
      scrollStart = e.t();
    }

    private void press(Event e) {
      String key = e.key();
      flushScroll();
      if (KeyText.isShift(key)) {
        shift = true;
        return;
      }
      String mod = KeyText.modifier(key);
      if (mod != null) {
        modifiers.add(mod);
        return;
      }
      if (KeyText.isCapsLock(key)) {
        caps = !caps;
        return;
      }
      boolean secret = focusedIsSecret(e.t());
      if (!modifiers.isEmpty() && !modifiers.equals(java.util.Set.of("altgr"))) {
        flushTyping();
        TreeSet<String> combo = new TreeSet<>(modifiers);
        if (shift) {
          combo.add("shift");
        }
        String k = key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key;
        add(EpisodeAction.newBuilder().setOp("hotkey").setText(String.join("+", combo) + "+" + k), e.t());
        return;
      }
      char c = KeyText.character(key, shift, caps);
      if (c != 0) {
        if (typed.length() > 0 && typedSecret != secret) {
          flushTyping();
        }
        if (typed.length() == 0) {
          typingStart = e.t();
        }
        typedSecret = secret;
        typed.append(c);
        typedKeys.add(keyTime(key, e.t(), secret));
        return;
      }
      if (key.equals("backspace") && typed.length() > 0) {
        typed.deleteCharAt(typed.length() - 1);
        typedKeys.remove(typedKeys.size() - 1);
        return;
      }
      flushTyping();
      add(EpisodeAction.newBuilder().setOp("press").setText(key), e.t());
    }

    /** A typed character's times: untimed for secret input and for auto-repeat (its key is already down). */
    private KeyTime keyTime(String key, double t, boolean secret) {
      String physical = physical(key);
      if (secret || held.containsKey(physical)) {
        return KeyTime.newBuilder().build();
      }
      KeyTime k = KeyTime.newBuilder().setDownMs(sinceStart(t)).build();
      held.put(physical, k);
      return k;
    }

    private void release(Event e) {
      String key = e.key();
      KeyTime down = held.remove(physical(key));
      if (down != null) {
        down.setUpMs(sinceStart(e.t()));
      }
      if (KeyText.isShift(key)) {
        shift = false;
      } else if (KeyText.modifier(key) != null) {
        modifiers.remove(KeyText.modifier(key));
      }
    }

    private void flushTyping() {
      if (typed.length() == 0) {
        return;
      }
      add(
          EpisodeAction.newBuilder()
              .setOp("type")
              .setText(typedSecret ? SECRET : typed.toString())
              .setKeys(typedSecret ? new ArrayList<>() : new ArrayList<>(typedKeys)),
          typingStart);
      typed.setLength(0);
      typedKeys.clear();
      typedSecret = false;
    }

    private void flushScroll() {
      if (scroll != null) {
        add(scroll, scrollStart);
        scroll = null;
      }
    }

    /** Adds an action stamped with its time since the session's first event (released only as policy allows). */
    private void add(EpisodeAction.Builder a, double t) {
      actions.add(a.setElapsedMs(sinceStart(t)).build());
    }

    private long sinceStart(double t) {
      double start = Double.isNaN(firstT) ? t : firstT;
      return Math.max(0, Math.round((t - start) * 1000));
    }

    /** The physical key of a normalized key name: letters lower-cased (shift changes the character, not the key). */
    private static String physical(String key) {
      return key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key;
    }

    /** The element under the pointer closest in time to {@code t}, within a second. */
    private Element elementAt(double t) {
      Element best = null;
      for (Element el : elements) {
        double d = Math.abs(el.t() - t);
        if (d <= ELEMENT_WINDOW_SECONDS && (best == null || d < Math.abs(best.t() - t))) {
          best = el;
        }
      }
      return best;
    }

    /** Whether the field receiving keys at {@code t} is secret: the last element clicked before it. */
    private boolean focusedIsSecret(double t) {
      Element last = null;
      for (Element el : elements) {
        if (el.t() <= t + 0.05) {
          last = el;
        }
      }
      return last != null && last.secret();
    }

    private List<Double> takePath() {
      List<double[]> simplified = simplify(path);
      List<Double> flat = new ArrayList<>(simplified.size() * 2);
      for (double[] p : simplified) {
        flat.add(p[0]);
        flat.add(p[1]);
      }
      path.clear();
      return flat;
    }

    private double nx(double x) {
      return round(x / width);
    }

    private double ny(double y) {
      return round(y / height);
    }
  }

  static double round(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 10000d) / 10000d;
  }

  /** Keeps the path's first and last points and evenly spaced points between them, at most {@code MAX_PATH_POINTS}. */
  static List<double[]> simplify(List<double[]> path) {
    if (path.size() <= MAX_PATH_POINTS) {
      return new ArrayList<>(path);
    }
    List<double[]> out = new ArrayList<>(MAX_PATH_POINTS);
    for (int i = 0; i < MAX_PATH_POINTS; i++) {
      out.add(path.get((int) Math.round(i * (path.size() - 1) / (double) (MAX_PATH_POINTS - 1))));
    }
    return out;
  }
}
