package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.identity.IdentityResolver;
import dev.veil.transforms.write.ExampleJson;
import dev.veil.transforms.write.ShardFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Searches text and every file under a directory for known identifier forms, as whole words: most forms
 * case-insensitively, name parts (a given or family name on its own) as written, the way de-identification replaces
 * them. Shards are decoded first ({@code .jsonl.zst}, {@code .avro}, {@code .parquet}: each example as its JSON line),
 * other {@code .zst} files decompressed, the rest read as UTF-8. A hit names the file and the form's index in the list,
 * never the form itself, so a report is safe to print.
 */
public final class LeakScan {
  /** One occurrence: which form (by index in the scanned list), in which file, at which character offset. */
  public record Hit(int formIndex, Path file, long offset) {}

  private final List<String> forms;
  /** Per form, its kind (email, handle, ..., or "listed" for a given list), for counts that name no value. */
  private final List<String> kinds;
  private final int caseInsensitive;
  private final Trie ci;
  private final Trie cs;
  private final Map<String, Integer> ciIndex = new HashMap<>();
  private final Map<String, Integer> csIndex = new HashMap<>();

  /** Every form case-insensitive. */
  public LeakScan(List<String> forms) {
    this(forms, List.of(), null);
  }

  private LeakScan(List<String> caseInsensitive, List<String> caseSensitive, List<String> kinds) {
    List<String> all = new ArrayList<>(caseInsensitive);
    all.addAll(caseSensitive);
    this.forms = List.copyOf(all);
    this.kinds = kinds == null ? java.util.Collections.nCopies(all.size(), "listed") : List.copyOf(kinds);
    this.caseInsensitive = caseInsensitive.size();
    Trie.TrieBuilder b = Trie.builder().ignoreCase();
    for (int i = 0; i < caseInsensitive.size(); i++) {
      String k = caseInsensitive.get(i).toLowerCase(Locale.ROOT);
      b.addKeyword(k);
      ciIndex.putIfAbsent(k, i);
    }
    this.ci = b.build();
    Trie.TrieBuilder s = Trie.builder();
    for (int i = 0; i < caseSensitive.size(); i++) {
      s.addKeyword(caseSensitive.get(i));
      csIndex.putIfAbsent(caseSensitive.get(i), caseInsensitive.size() + i);
    }
    this.cs = s.build();
  }

  /**
   * Every form of every person in an identity directory: ids, handles, names, e-mails, phones case-insensitively, and
   * with {@code nameParts} also given and family names on their own, as written.
   */
  public static LeakScan ofDirectory(IdentityDirectory directory, boolean nameParts) {
    Map<String, String> ci = new java.util.TreeMap<>();
    Map<String, String> cs = new java.util.TreeMap<>();
    for (Identity identity : directory.getIdentities()) {
      for (IdentityForm f : identity.getForms()) {
        String v = f.getValue().strip();
        if (v.length() < 2) {
          continue;
        }
        if (f.getKind().equals(IdentityResolver.NAME_PART)) {
          if (nameParts) {
            cs.putIfAbsent(v, f.getKind());
          }
        } else {
          ci.putIfAbsent(v.toLowerCase(Locale.ROOT), f.getKind());
        }
      }
    }
    List<String> kinds = new ArrayList<>(ci.values());
    kinds.addAll(cs.values());
    return new LeakScan(new ArrayList<>(ci.keySet()), new ArrayList<>(cs.keySet()), kinds);
  }

  public int size() {
    return forms.size();
  }

  /** The kind of form {@code i} ({@code email}, {@code handle}, ..., {@code listed}). */
  public String kind(int i) {
    return kinds.get(i);
  }

  /** The indexes of the forms found in {@code text}, one per occurrence. */
  public List<Integer> scanText(String text) {
    return matches(text).stream().map(m -> m[0]).toList();
  }

  /** Every whole-word occurrence in {@code text}: the form's index and where it starts. */
  private List<int[]> matches(String text) {
    List<int[]> out = new ArrayList<>();
    for (Emit e : ci.parseText(text)) {
      if (wholeWord(text, e)) {
        out.add(new int[] {ciIndex.get(e.getKeyword()), e.getStart()});
      }
    }
    if (forms.size() > caseInsensitive) {
      for (Emit e : cs.parseText(text)) {
        if (wholeWord(text, e)) {
          out.add(new int[] {csIndex.get(e.getKeyword()), e.getStart()});
        }
      }
    }
    return out;
  }

  /**
   * Whether a match stands as a whole word: no letter or digit right before or after it (the trie's own whole-word
   * test lets digits touch a match, so {@code e10067} would be found inside the hex id {@code e100675a…}).
   * Punctuation, underscores included, separates: an address in a recorder folder name
   * {@code <time>_<email>_<id>} is found.
   */
  private static boolean wholeWord(String text, Emit e) {
    int before = e.getStart() - 1;
    int after = e.getEnd() + 1;
    return (before < 0 || !wordChar(text.charAt(before))) && (after >= text.length() || !wordChar(text.charAt(after)));
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  public List<Hit> scan(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Hit> hits = new ArrayList<>();
    for (Path f : files) {
      hits.addAll(scanFile(f));
    }
    return hits;
  }

  /**
   * The hits in an output directory; {@code restricted/} (pointers that may name people, by design) only when asked.
   */
  public List<Hit> scanOutput(Path out, boolean includeRestricted) throws IOException {
    List<Hit> hits = new ArrayList<>();
    try (Stream<Path> top = Files.list(out)) {
      for (Path p : top.sorted().toList()) {
        if (!includeRestricted && p.getFileName().toString().equals("restricted")) {
          continue;
        }
        hits.addAll(Files.isDirectory(p) ? scan(p) : scanFile(p));
      }
    }
    return hits;
  }

  /** The hits in one file (a shard decoded, a .zst file decompressed). */
  public List<Hit> scanFile(Path f) throws IOException {
    return matches(text(f)).stream().map(m -> new Hit(m[0], f, m[1])).toList();
  }

  /**
   * A file's text as scanned: shards decoded to their JSON lines (a file under data/ that does not decode is read as
   * below), .zst decompressed, the rest as UTF-8.
   */
  static String text(Path f) throws IOException {
    String name = f.getFileName().toString();
    byte[] bytes = Files.readAllBytes(f);
    if (f.getParent() != null && f.getParent().getFileName() != null
        && f.getParent().getFileName().toString().equals("data")) {
      ShardFormat format;
      try {
        format = ShardFormat.ofFile(name);
      } catch (IllegalArgumentException e) {
        format = null;
      }
      if (format != null) {
        try {
          StringBuilder sb = new StringBuilder();
          for (ReleasedExample r : format.decode(bytes)) {
            sb.append(ExampleJson.line(r)).append('\n');
          }
          return sb.toString();
        } catch (RuntimeException notAShard) {
          // Not a shard the job wrote: scanned as it is below, so nothing planted under data/ escapes.
        }
      }
    }
    if (name.endsWith(".zst")) {
      try (InputStream in = new ZstdInputStream(new java.io.ByteArrayInputStream(bytes))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Every identifier form a Slack {@code users.json} holds: ids, handles, real and display names, e-mails, phones
   * (forms shorter than two characters are skipped: they cannot be told from punctuation).
   */
  public static List<String> slackUserForms(byte[] usersJson) throws IOException {
    TreeSet<String> forms = new TreeSet<>();
    for (JsonNode u : new ObjectMapper().readTree(usersJson)) {
      JsonNode p = u.path("profile");
      for (JsonNode v :
          new JsonNode[] {
            u.path("id"), u.path("name"), u.path("real_name"), p.path("real_name"), p.path("display_name"),
            p.path("email"), p.path("phone")
          }) {
        String s = v.asText("").strip();
        if (s.length() >= 2) {
          forms.add(s);
        }
      }
    }
    return new ArrayList<>(forms);
  }
}
