package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCounterTest {
  @Test
  void countsWithTheNamedEncodingOffline() {
    TokenCounter cl100k = TokenCounter.forEncoding("cl100k_base");
    // Known cl100k_base counts (as tiktoken gives them).
    assertThat(cl100k.count("hello world")).isEqualTo(2);
    assertThat(cl100k.count("")).isZero();
    assertThat(cl100k.count("person_df1392dfa28d: should we move the nightly job to 02:00?")).isGreaterThan(10);
    TokenCounter r50k = TokenCounter.forEncoding("r50k_base");
    String text = "    indented code with    many spaces";
    assertThat(r50k.count(text)).isNotEqualTo(cl100k.count(text));
  }

  @Test
  void specialTokenTextIsOrdinaryText() {
    TokenCounter c = TokenCounter.forEncoding("cl100k_base");
    assertThat(c.count("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void rejectsAnUnknownEncoding() {
    assertThatThrownBy(() -> TokenCounter.forEncoding("gpt-5")).hasMessageContaining("cl100k_base");
    assertThat(TokenCounter.encodings()).contains("cl100k_base", "o200k_base");
  }
}
