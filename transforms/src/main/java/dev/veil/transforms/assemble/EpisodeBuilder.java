package dev.veil.transforms.assemble;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.KeyTime;
import dev.veil.transforms.common.Pseudonyms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a de-identified episode as one {@code episode} example: the task, the environment (OS, screen, month), then
 * one action per line in a pyautogui-like call syntax with normalized coordinates, e.g.
 * {@code click(x=0.9722, y=0.9701, target="button: Night light", path=[0.7031, 0.7891, 0.9722, 0.9701])},
 * {@code type(text="hello")}, {@code hotkey(keys="ctrl+t")}, {@code scroll(x=0.4, y=0.78, dx=0, dy=-3)},
 * {@code focus(app="explorer")}. Times only when the policy releases coarse timing ({@code t=12.3}, seconds since the
 * session's start). Per-key times only when the policy releases them ({@code capture.key_timing}): a {@code type}
 * action then ends its arguments with {@code keys_ms=[H/L, ...]}, one entry per character of the text, H the key's
 * hold time and L the down-down latency from the previous character of the same action, in ms, {@code -} where not
 * known (always for the first character's L), e.g. {@code type(text="Hi", keys_ms=[104/-, 96/187])}.
 */
public final class EpisodeBuilder {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

  private final Pseudonyms pseudonyms;

  public EpisodeBuilder(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  public dev.veil.schemas.Example build(String sourceKind, Episode e) {
    String period =
        e.getStartMicros() < 0
            ? "unknown"
            : Instant.ofEpochMilli(e.getStartMicros() / 1000L).atZone(ZoneOffset.UTC).format(MONTH);
    String screen = e.getScreenWidth() + "x" + e.getScreenHeight();
    StringBuilder text = new StringBuilder();
    if (!e.getTask().isBlank()) {
      text.append("Task: ").append(e.getTask()).append('\n');
    }
    Map<String, Object> meta = new TreeMap<>();
    meta.put("os", e.getOs() == null ? "" : e.getOs());
    meta.put("screen", screen);
    meta.put("period", period);
    text.append(ExampleHeaders.episode(meta)).append('\n');
    for (EpisodeAction a : e.getActions()) {
      text.append(render(a)).append('\n');
    }
    String source = e.getPointer().getSource();
    String digest = pseudonyms.digest("example", sourceKind + "|" + source + "|" + e.getPointer().getFile());
    meta.put("actions", (long) e.getActions().size());
    meta.put("operator", e.getOwner() == null ? "" : e.getOwner());
    return dev.veil.schemas.Example.newBuilder()
        .setId(sourceKind + "-" + digest.substring(0, 24))
        .setSource(sourceKind)
        .setSourceLabel(source)
        .setKind("episode")
        .setUnit(digest.substring(0, 24))
        .setLicense(null)
        .setText(text.toString())
        .setMeta(meta)
        .setRecords(e.getRecords())
        .setPointers(List.of(e.getPointer()))
        .setEntities(new TreeMap<>(e.getEntities()))
        .build();
  }

  static String render(EpisodeAction a) {
    List<String> args = new ArrayList<>();
    switch (a.getOp()) {
      case "type" -> {
        args.add("text=" + quote(a.getText()));
        if (!a.getKeys().isEmpty()) {
          args.add("keys_ms=[" + String.join(", ", keyTimes(a.getKeys())) + "]");
        }
      }
      case "press" -> args.add("key=" + quote(a.getText()));
      case "hotkey" -> args.add("keys=" + quote(a.getText()));
      case "focus" -> args.add("app=" + quote(a.getText()));
      case "scroll" -> {
        args.add("x=" + num(a.getX()));
        args.add("y=" + num(a.getY()));
        args.add("dx=" + a.getDx());
        args.add("dy=" + a.getDy());
      }
      default -> {
        args.add("x=" + num(a.getX()));
        args.add("y=" + num(a.getY()));
        if (a.getOp().equals("drag")) {
          args.add("x2=" + num(a.getX2()));
          args.add("y2=" + num(a.getY2()));
        }
        if (a.getRole() != null || a.getName() != null) {
          String target = (a.getRole() == null ? "" : a.getRole()) + (a.getName() == null ? "" : ": " + a.getName());
          args.add("target=" + quote(target.startsWith(": ") ? target.substring(2) : target));
        }
        if (!a.getPath().isEmpty()) {
          List<String> pts = new ArrayList<>();
          a.getPath().forEach(v -> pts.add(num(v)));
          args.add("path=[" + String.join(", ", pts) + "]");
        }
      }
    }
    if (a.getElapsedMs() >= 0) {
      args.add(String.format(Locale.ROOT, "t=%.1f", a.getElapsedMs() / 1000.0));
    }
    return a.getOp() + "(" + String.join(", ", args) + ")";
  }

  /** {@code H/L} per key: hold and latency from the previous key, {@code -} where not known. */
  static List<String> keyTimes(List<KeyTime> keys) {
    List<String> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      KeyTime k = keys.get(i);
      boolean timed = k.getDownMs() >= 0;
      long hold = timed && k.getUpMs() >= k.getDownMs() ? k.getUpMs() - k.getDownMs() : -1;
      long latency = timed && i > 0 && keys.get(i - 1).getDownMs() >= 0 ? k.getDownMs() - keys.get(i - 1).getDownMs() : -1;
      out.add((hold < 0 ? "-" : Long.toString(hold)) + "/" + (latency < 0 ? "-" : Long.toString(latency)));
    }
    return out;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s)) + "\"";
  }
}
