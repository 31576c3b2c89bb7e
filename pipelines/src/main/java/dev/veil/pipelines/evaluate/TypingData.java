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
 * person is {@code meta.operator}, the keystrokes are the characters of the {@code type} actions with whatever
 * per-key times the example carries, which under every policy Veil offers is none).
 *
 * <p>People are numbered 0, 1, … in the order of a SHA-256 of their identifier, so neither e-mails nor pseudonyms
 * appear in a report, and the numbering says nothing about the names.
 */
public final class TypingData {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TYPE_ACTION = Pattern.compile("^type\\(text=(\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern ACTION_TIME = Pattern.compile(", t=\\d+(\\.\\d+)?\\)$");

  /** One session's keystrokes; {@code person} is the pseudonymous index. */
  public record Session(int person, String name, List<Keystroke> keys) {}

  /** What was read: the sessions and how the data looked. */
  public record Data(
      String kind, List<Session> sessions, int people, long unowned, long actionTimes) {
    public long keystrokes() {
      return sessions.stream().mapToLong(s -> s.keys().size()).sum();
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
            // A released type action is one string with at most one time: its keys carry no per-key timing.
            for (char c : MAPPER.readValue(m.group(1), String.class).toCharArray()) {
              keys.add(Keystroke.untimed(c == ' ' ? "space" : String.valueOf(c).toLowerCase(Locale.ROOT)));
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
