package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context-word search: case, word boundaries, exact-case acronyms, prefixes, ranges. */
class ContextWordsTest {
  private static final ContextWords WORDS = ContextWords.words("born", "date of birth", "d.o.b").exact("SIN");
  private static final ContextWords PREFIXES = ContextWords.prefixes("user", "login");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "she was born here|8|12",
        "BORN: 1987|0|4",
        "Date Of Birth: x|0|13",
        "D.O.B.: x|0|5",
        "my SIN is|3|6",
        "stubborn|-1|-1",
        "borne by|-1|-1",
        "newborn|-1|-1",
        "the sin of it|-1|-1",
        "using SINGLE|-1|-1"
      })
  void findsWholeWords(String text, int start, int end) {
    ContextWords.Hit hit = WORDS.find(text, 0, text.length());
    if (start < 0) {
      assertThat(hit).isNull();
    } else {
      assertThat(hit).isEqualTo(new ContextWords.Hit(start, end));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"Username: x|true", "--user=x|true", "LOGIN as|true", "superuser|false", "no context|false"})
  void findsPrefixes(String text, boolean found) {
    assertThat(PREFIXES.in(text, 0, text.length())).isEqualTo(found);
  }

  @ParameterizedTest(name = "[{1},{2}) of {0}")
  @CsvSource(delimiter = '|', value = {"born 1987|0|4|true", "born 1987|0|3|false", "born 1987|1|9|false"})
  void searchesOnlyInsideTheRange(String text, int from, int to, boolean found) {
    assertThat(WORDS.in(text, from, to)).isEqualTo(found);
  }
}
