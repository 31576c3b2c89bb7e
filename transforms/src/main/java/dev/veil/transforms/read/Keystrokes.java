package dev.veil.transforms.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key presses of a recorder session's {@code events.jsonl} (OpenCUA / AgentNet, DuckTrack: {@code press} and
 * {@code release} events with a {@code name} and a {@code time_stamp} in seconds) as {@link Keystroke}s with their
 * down and up times, in the order they went down. A press is paired with the next release of the same key; presses
 * repeated while a key is held (auto-repeat) are not new keystrokes; a key never released keeps an unknown up time.
 * Lines that are not press or release events, or that do not parse, are skipped: this is read for measuring typing
 * rhythm ({@code veil risk typing}), not by the job, which reads sessions with {@link CaptureSession}.
 */
public final class Keystrokes {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Keystrokes() {}

  /** The keystrokes of one {@code events.jsonl}. */
  public static List<Keystroke> parse(byte[] eventsJsonl) {
    List<long[]> down = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, Integer> held = new HashMap<>();
    for (String line : new String(eventsJsonl, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = MAPPER.readTree(line);
      } catch (IOException e) {
        continue;
      }
      String action = n.path("action").asText("");
      if (!(action.equals("press") || action.equals("release"))
          || !n.path("time_stamp").isNumber()
          || !n.hasNonNull("name")) {
        continue;
      }
      String key = key(n.path("name").asText());
      if (key.isEmpty()) {
        continue;
      }
      long ms = Math.round(n.path("time_stamp").asDouble() * 1000);
      Integer open = held.get(key);
      if (action.equals("press")) {
        if (open == null) {
          held.put(key, down.size());
          down.add(new long[] {ms, -1});
          keys.add(key);
        }
      } else if (open != null) {
        down.get(open)[1] = ms;
        held.remove(key);
      }
    }
    List<Keystroke> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      out.add(new Keystroke(keys.get(i), down.get(i)[0], down.get(i)[1]));
    }
    out.sort(Comparator.comparingLong(Keystroke::downMs));
    return out;
  }

  /**
   * The key a typed character is timed under in an episode's {@code type} action: {@code space} for a space, else the
   * character, letters lower-cased ({@code A} and {@code a} are one key; a shifted symbol such as {@code !} is its own,
   * since the text no longer says which physical key made it). The job's key timing and {@code veil risk typing} on a
   * Veil output both name keys this way.
   */
  public static String keyOf(char c) {
    return c == ' ' ? "space" : String.valueOf(c).toLowerCase(Locale.ROOT);
  }

  /** The physical key: {@link KeyText#normalize}, letters lower-cased (shift changes the character, not the key). */
  static String key(String name) {
    String k = KeyText.normalize(name);
    return k.length() == 1 ? k.toLowerCase(Locale.ROOT) : k;
  }
}
