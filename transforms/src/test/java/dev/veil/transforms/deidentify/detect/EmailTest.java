package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The e-mail recognizer's hand-written domain reader gives the domain pattern's answers. */
class EmailTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a@corp.example please|14",
        "a@mail.corp.example.|19",
        "a@corp.example-x|14",
        "a@corp.example1|-1",
        "a@corp.c|-1",
        "a@corp.com.x|10",
        "a@corp|-1",
        "a@.com|-1",
        "a@corp..com|-1",
        "a@x.abcdefghijklmnopqrstuvwxyz|-1",
        "a@x.abcdefghijklmnopqrstuvwx|28"
      })
  void readsDomains(String text, int end) {
    int at = text.indexOf('@');
    assertThat(PatternRecognizers.Email.domainEnd(text, at)).isEqualTo(end);
    assertThat(PatternRecognizers.Email.domainEnd(text, at)).isEqualTo(regexEnd(text, at));
  }

  /** Random strings over the characters that matter (labels, dots, hyphens, digits, long letter runs). */
  @Test
  void agreesWithThePatternOnRandomText() {
    SplittableRandom rnd = new SplittableRandom(5);
    String[] pieces = {"a", "bc", "xyz", "Q", "7", "-", ".", ".", "..", " ", "_", "com", "abcdefghijklmnopqrstuvwxy", "@"};
    int matched = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder("@");
      int n = 1 + rnd.nextInt(9);
      for (int k = 0; k < n; k++) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      int expected = regexEnd(text, 0);
      assertThat(PatternRecognizers.Email.domainEnd(text, 0)).as(text).isEqualTo(expected);
      matched += expected > 0 ? 1 : 0;
    }
    assertThat(matched).isGreaterThan(1_000);
  }

  private static int regexEnd(String text, int at) {
    Matcher m = PatternRecognizers.Email.DOMAIN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    m.region(at, text.length());
    return m.lookingAt() ? m.end() : -1;
  }
}
