package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Terms the policy always redacts: whole words, case-insensitive, one Aho-Corasick pass. */
public final class DenyList extends FactsRecognizer {
  private final Keywords<String> terms;

  public DenyList(List<String> terms) {
    TreeMap<String, String> m = new TreeMap<>();
    for (String t : terms) {
      if (!t.isBlank()) {
        m.put(t.strip().toLowerCase(Locale.ROOT), "");
      }
    }
    this.terms = new Keywords<>(m, true);
  }

  @Override
  public String name() {
    return "deny_list";
  }

  @Override
  public void find(TextFacts facts, List<Finding> out) {
    if (terms.isEmpty()) {
      return;
    }
    terms.find(facts, true, (start, end, v) -> out.add(new Finding(EntityType.DENIED, start, end, 1.0, name())));
  }
}
