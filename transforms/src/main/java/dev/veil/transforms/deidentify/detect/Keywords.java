package dev.veil.transforms.deidentify.detect;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of keywords, each with a value, found in one Aho-Corasick pass (a double-array trie): case-insensitively over
 * {@link TextFacts#lower()}, or as written. Built from a sorted map, so the same keywords give the same trie on every
 * worker. Thread-safe once built.
 */
public final class Keywords<V extends Serializable> {
  /** Receives one occurrence: [start, end) in the text, and the keyword's value. */
  @FunctionalInterface
  public interface Hit<V> {
    void hit(int start, int end, V value);
  }

  private final AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();
  private final boolean ignoreCase;
  private final boolean empty;

  /** {@code keywords} must be lower-case when {@code ignoreCase}; empty keys are ignored. */
  public Keywords(Map<String, V> keywords, boolean ignoreCase) {
    TreeMap<String, V> sorted = new TreeMap<>();
    keywords.forEach((k, v) -> {
      if (!k.isEmpty()) {
        sorted.put(k, v);
      }
    });
    this.empty = sorted.isEmpty();
    this.ignoreCase = ignoreCase;
    if (!empty) {
      trie.build(sorted);
    }
  }

  public boolean isEmpty() {
    return empty;
  }

  /** Every occurrence of a keyword; with {@code wholeWords}, only those with no letter or digit on either side. */
  public void find(TextFacts facts, boolean wholeWords, Hit<V> hit) {
    if (empty || facts.text().isEmpty()) {
      return;
    }
    char[] chars = ignoreCase ? facts.lower() : facts.text().toCharArray();
    trie.parseText(
        chars,
        (AhoCorasickDoubleArrayTrie.IHit<V>)
            (begin, end, value) -> {
              if (!wholeWords || facts.wholeWord(begin, end)) {
                hit.hit(begin, end, value);
              }
            });
  }
}
