package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;

/**
 * A test text whose expected findings are marked with « and »: {@code "BSN «314159265» on file"}. Parsing drops the
 * marks and keeps the spans they enclosed, so a table row states input and exact expected spans at once.
 */
record Marked(String text, List<int[]> spans) {
  static Marked parse(String marked) {
    StringBuilder text = new StringBuilder();
    List<int[]> spans = new ArrayList<>();
    int open = -1;
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      if (c == '«') {
        open = text.length();
      } else if (c == '»') {
        spans.add(new int[] {open, text.length()});
        open = -1;
      } else {
        text.append(c);
      }
    }
    return new Marked(text.toString(), spans);
  }

  /** Asserts that the recognizer, alone in a detector (overlaps resolved), finds exactly the marked spans as type. */
  static List<Finding> assertFinds(Recognizer recognizer, String marked, EntityType type) {
    Marked m = parse(marked);
    List<Finding> found = new Detector(List.of(recognizer)).detect(m.text());
    List<Tuple> expected = new ArrayList<>();
    for (int[] s : m.spans()) {
      expected.add(tuple(type, s[0], s[1], m.text().substring(s[0], s[1])));
    }
    assertThat(found)
        .as("findings in %s", m.text())
        .extracting(Finding::type, Finding::start, Finding::end, f -> m.text().substring(f.start(), f.end()))
        .containsExactlyElementsOf(expected);
    return found;
  }
}
