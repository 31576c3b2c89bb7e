package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Searches every file under a directory (zstd shards decompressed) for known identifier forms: whole words,
 * case-insensitive. A hit names the file and the form's index in the list, never the form itself, so the report is
 * safe to print.
 */
public final class LeakScan {
  /** One occurrence: which form (by index in the scanned list), in which file, at which character offset. */
  public record Hit(int formIndex, Path file, long offset) {}

  private final List<String> forms;
  private final Trie trie;

  public LeakScan(List<String> forms) {
    this.forms = List.copyOf(forms);
    Trie.TrieBuilder b = Trie.builder().ignoreCase().onlyWholeWords();
    for (String f : this.forms) {
      b.addKeyword(f.toLowerCase(Locale.ROOT));
    }
    this.trie = b.build();
  }

  public List<Hit> scan(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Hit> hits = new ArrayList<>();
    for (Path f : files) {
      String text;
      try (InputStream raw = Files.newInputStream(f);
          InputStream in = f.toString().endsWith(".zst") ? new ZstdInputStream(raw) : raw) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (Emit e : trie.parseText(text)) {
        for (int i = 0; i < forms.size(); i++) {
          if (forms.get(i).toLowerCase(Locale.ROOT).equals(e.getKeyword())) {
            hits.add(new Hit(i, f, e.getStart()));
          }
        }
      }
    }
    return hits;
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
