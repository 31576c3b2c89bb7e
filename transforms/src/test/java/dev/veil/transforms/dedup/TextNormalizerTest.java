package dev.veil.transforms.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Disk usage 91% on web-03!|disk usage 00 on web 00",
        "  Héllo,   WORLD…  |hello world",
        "thanks @person_7f3a9c|thanks person_0f0a0c",
        "Café — crème brûlée|cafe creme brulee",
        "line one\\nline two|line one line two",
        "!!!|''"
      })
  void normalizes(String text, String expected) {
    assertThat(TextNormalizer.normalize(text.replace("\\n", "\n"))).isEqualTo(expected.equals("''") ? "" : expected);
  }
}
