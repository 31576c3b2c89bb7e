package dev.veil.transforms.deidentify.detect;

import java.util.List;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/** Terms the policy always redacts: whole words, case-insensitive, one Aho-Corasick pass. */
public final class DenyList implements Recognizer {
  private final Trie trie;
  private final boolean empty;

  public DenyList(List<String> terms) {
    Trie.TrieBuilder b = Trie.builder().ignoreCase().onlyWholeWords();
    int n = 0;
    for (String t : terms) {
      if (!t.isBlank()) {
        b.addKeyword(t.strip().toLowerCase(java.util.Locale.ROOT));
        n++;
      }
    }
    this.trie = b.build();
    this.empty = n == 0;
  }

  @Override
  public String name() {
    return "deny_list";
  }

  @Override
  public void find(String text, List<Finding> out) {
    if (empty) {
      return;
    }
    for (Emit e : trie.parseText(text)) {
      out.add(new Finding(EntityType.DENIED, e.getStart(), e.getEnd() + 1, 1.0, name()));
    }
  }
}
