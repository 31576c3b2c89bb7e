package dev.veil.pipelines.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.read.CaptureSession;
import dev.veil.transforms.read.Keystroke;
import dev.veil.transforms.read.Keystrokes;
import dev.veil.transforms.write.ShardFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The keystrokes of a data set, by person, for {@link TypingRisk}: either raw recorder sessions (folders holding
 * {@code events.jsonl}; the person is the owner e-mail of the folder name {@code <yyyyMMddHHmmss>_<email>_<id>}, else
 * {@code metadata.json}'s {@code user_email}) or a Veil output directory (its shards' {@code episode} examples; the
 * person is {@code meta.operator}, the keystrokes are the characters of the {@code type} actions, named by
 * {@link Keystrokes#keyOf}, with the per-key times the example carries: none under the default
 * {@code capture.key_timing: none}, else each action's {@code keys_ms=[H/L, ...]}, rebuilt into down and up times;
 * the actions of an episode are joined with a {@link Keystroke#gap()}, so no latency spans two actions).
 *
 * <p>People are numbered 0, 1, … in the order of a SHA-256 of their identifier, so neither e-mails nor pseudonyms
 * appear in a report, and the numbering says nothing about the names.
 */
public final class TypingData {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TYPE_ACTION =
      Pattern.compile("^type\\(text=(\"(?:[^\"\\\\]|\\\\.)*\")(?:, keys_ms=\\[([-0-9/, ]*)\\])?");
  private static final Pattern ACTION_TIME = Pattern.compile(", t=\\d+(\\.\\d+)?\\)$");

  /** One session's keystrokes; {@code person} is the pseudonymous index. */
  public record Session(int person, String name, List<Keystroke> keys) {}

  /** What was read: the sessions and how the data looked. */
  public record Data(
      String kind, List<Session> sessions, int people, long unowned, long actionTimes) {
    /** Keystrokes read (gaps between actions not counted). */
    public long keystrokes() {
      return sessions.stream().flatMap(s -> s.keys().stream()).filter(k -> !k.isGap()).count();
    }

    public long timedKeystrokes() {
      return sessions.stream().flatMap(s -> s.keys().stream()).filter(Keystroke::timed).count();
    }

    /** Every known hold time, sorted (ms). */
    public long[] holds() {
      return sessions.stream().flatMap(s -> s.keys().stream()).mapToLong(Keystroke::holdMs).filter(h -> h >= 0)
          .sorted().toArray();
    }

    /** Every down-down latency between consecutive timed keystrokes of a session, sorted (ms). */
    public long[] latencies() {
      List<Long> out = new ArrayList<>();
      for (Session s : sessions) {
        for (int i = 1; i < s.keys().size(); i++) {
          if (s.keys().get(i).timed() && s.keys().get(i - 1).timed()) {
            out.add(s.keys().get(i).downMs() - s.keys().get(i - 1).downMs());
          }
        }
      }
      return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }

  private record Named(String name, List<Keystroke> keys) {}

  private TypingData() {}

  /** Whether {@code dir} is a Veil output directory (a manifest, or shards under {@code data/}). */
  public static boolean isOutput(Path dir) {
    return Files.isRegularFile(dir.resolve("manifest.json")) || Files.isDirectory(dir.resolve("data"));
  }

  /** Reads {@code dir} as a Veil output directory if it is one, else as a directory of recorder sessions. */
  public static Data read(Path dir) throws IOException {
    return isOutput(dir) ? output(dir) : sessions(dir);
  }

  /** Recorder sessions: every folder under {@code dir} (itself included) that holds an {@code events.jsonl}. */
  public static Data sessions(Path dir) throws IOException {
    List<Path> folders;
    try (Stream<Path> walk = Files.walk(dir)) {
      folders =
          walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("events.jsonl"))
              .filter(Files::isRegularFile)
              .map(Path::getParent)
              .sorted()
              .toList();
    }
    Map<String, List<Named>> byOwner = new TreeMap<>();
    long unowned = 0;
    for (Path folder : folders) {
      String owner = CaptureSession.ownerInFolder(folder.getFileName().toString());
      if (owner == null && Files.isRegularFile(folder.resolve("metadata.json"))) {
        JsonNode meta = MAPPER.readTree(folder.resolve("metadata.json").toFile());
        owner = meta == null ? null : meta.path("user_email").asText(null);
      }
      if (owner == null || owner.isBlank()) {
        unowned++;
        continue;
      }
      String name = dir.relativize(folder).toString();
      List<Keystroke> keys = Keystrokes.parse(Files.readAllBytes(folder.resolve("events.jsonl")));
      byOwner
          .computeIfAbsent(owner.strip().toLowerCase(Locale.ROOT), o -> new ArrayList<>())
          .add(new Named(name.isEmpty() ? "." : name, keys));
    }
    return new Data("recorder sessions", number(byOwner), byOwner.size(), unowned, 0);
  }

  /** A Veil output directory: the {@code episode} examples of its shards, in any shard format. */
  public static Data output(Path dir) throws IOException {
    Path data = dir.resolve("data");
    List<Path> shards = new ArrayList<>();
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.list(data)) {
        shards = files.filter(TypingData::isShard).sorted().toList();
      }
    }
    Map<String, List<Named>> byOperator = new TreeMap<>();
    long unowned = 0;
    long actionTimes = 0;
    for (Path shard : shards) {
      for (ReleasedExample e :
          ShardFormat.ofFile(shard.getFileName().toString()).decode(Files.readAllBytes(shard))) {
        if (!e.getKind().equals("episode")) {
          continue;
        }
        Object operator = e.getMeta().get("operator");
        String person = operator == null ? "" : operator.toString();
        List<Keystroke> keys = new ArrayList<>();
        for (String line : e.getText().split("\n")) {
          if (ACTION_TIME.matcher(line).find()) {
            actionTimes++;
          }
          Matcher m = TYPE_ACTION.matcher(line);
          if (m.find()) {
            String text = MAPPER.readValue(m.group(1), String.class);
            if (m.group(2) == null) {
              // No per-key times released: the characters only.
              for (char c : text.toCharArray()) {
                keys.add(Keystroke.untimed(Keystrokes.keyOf(c)));
              }
            } else {
              if (!keys.isEmpty()) {
                keys.add(Keystroke.gap());
              }
              keys.addAll(timedKeys(text, m.group(2)));
            }
          }
        }
        if (person.isEmpty()) {
          unowned++;
          continue;
        }
        byOperator.computeIfAbsent(person, p -> new ArrayList<>()).add(new Named(e.getId(), keys));
      }
    }
    return new Data("Veil output", number(byOperator), byOperator.size(), unowned, actionTimes);
  }

  /**
   * The keystrokes of a {@code type} action with {@code keys_ms=[H/L, ...]}: down times rebuilt from the latencies
   * (the first key at 0; a key without a latency starts a new chain, as an untimed one), up = down + hold. Entries
   * that do not line up with the text's characters leave the action's keys untimed.
   */
  static List<Keystroke> timedKeys(String text, String keysMs) {
    String[] entries = keysMs.isBlank() ? new String[0] : keysMs.split(",\\s*");
    List<Keystroke> out = new ArrayList<>(text.length());
    if (entries.length != text.length()) {
      for (char c : text.toCharArray()) {
        out.add(Keystroke.untimed(Keystrokes.keyOf(c)));
      }
      return out;
    }
    long down = 0;
    for (int i = 0; i < entries.length; i++) {
      String[] hl = entries[i].strip().split("/", -1);
      long hold = hl.length == 2 ? number(hl[0]) : -1;
      long latency = hl.length == 2 ? number(hl[1]) : -1;
      if (i > 0 && latency >= 0) {
        down += latency;
      } else if (i > 0) {
        // No latency to the previous key: a gap keeps the chain from spanning it.
        out.add(Keystroke.gap());
      }
      out.add(new Keystroke(Keystrokes.keyOf(text.charAt(i)), down, hold >= 0 ? down + hold : -1));
    }
    return out;
  }

  private static long number(String s) {
    try {
      return s.equals("-") ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isShard(Path p) {
    String n = p.getFileName().toString();
    for (ShardFormat f : ShardFormat.values()) {
      if (n.endsWith("." + f.extension())) {
        return true;
      }
    }
    return false;
  }

  /** Numbers people by the SHA-256 of their identifier; sessions sorted by name within a person. */
  private static List<Session> number(Map<String, List<Named>> byPerson) {
    Map<String, String> byHash = new TreeMap<>();
    byPerson.keySet().forEach(p -> byHash.put(Hashes.sha256Hex(p), p));
    List<Session> out = new ArrayList<>();
    int index = 0;
    for (String person : byHash.values()) {
      List<Named> sessions = new ArrayList<>(byPerson.get(person));
      sessions.sort(java.util.Comparator.comparing(Named::name));
      for (Named s : sessions) {
        out.add(new Session(index, s.name(), List.copyOf(s.keys())));
      }
      index++;
    }
    return out;
  }
}
