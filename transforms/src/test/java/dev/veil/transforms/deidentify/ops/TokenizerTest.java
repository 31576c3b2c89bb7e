package dev.veil.transforms.deidentify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.transforms.deidentify.detect.EntityType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizerTest {
  static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  final Tokenizer tokenizer = new Tokenizer(key(1));

  @Test
  void sivTokensAreDeterministicTypedAndRoundTrip() {
    String token = tokenizer.siv(EntityType.EMAIL, "ana@acme.test");
    assertThat(token).matches("\\[EMAIL:[A-Za-z0-9_-]{22,}\\]").doesNotContain("ana");
    assertThat(tokenizer.siv(EntityType.EMAIL, "ana@acme.test")).isEqualTo(token);
    assertThat(tokenizer.siv(EntityType.EMAIL, "bo@acme.test")).isNotEqualTo(token);

    int[] restored = {0};
    assertThat(tokenizer.detokenizeText("write to " + token + " today", restored)).isEqualTo("write to ana@acme.test today");
    assertThat(restored[0]).isEqualTo(1);
  }

  @Test
  void sivTokensDoNotOpenWithAnotherKeyOrAsAnotherType() {
    String token = tokenizer.siv(EntityType.EMAIL, "ana@acme.test");
    String body = token.substring("[EMAIL:".length(), token.length() - 1);
    assertThat(new Tokenizer(key(2)).unsiv(EntityType.EMAIL, body)).isNull();
    assertThat(tokenizer.unsiv(EntityType.PHONE, body)).isNull();
    int[] restored = {0};
    String forged = "[PHONE:" + body + "]";
    assertThat(tokenizer.detokenizeText(forged, restored)).isEqualTo(forged);
    assertThat(restored[0]).isZero();
    assertThat(new Tokenizer(key(2)).siv(EntityType.EMAIL, "ana@acme.test")).isNotEqualTo(token);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"PHONE|+1 (415) 555-0142", "CARD|4111 1111 1111 1111", "US_SSN|123-45-6789", "NATIONAL_ID|AB123456C"})
  void ff1KeepsTheFormatAndReverses(EntityType type, String value) {
    String token = tokenizer.ff1(type, value);
    assertThat(token).isNotEqualTo(value).hasSameSizeAs(value);
    assertThat(token.replaceAll("\\d", "0")).isEqualTo(value.replaceAll("\\d", "0"));
    assertThat(tokenizer.ff1(type, value)).isEqualTo(token);
    assertThat(tokenizer.unff1(type, token)).isEqualTo(value);
    assertThat(new Tokenizer(key(2)).ff1(type, value)).isNotEqualTo(token);
  }

  @Test
  void ff1RefusesValuesBelowTheNistMinimumDomain() {
    assertThat(tokenizer.ff1(EntityType.PHONE, "123-456")).isNotNull();
    assertThat(tokenizer.ff1(EntityType.PHONE, "12-345")).isNull();
    assertThat(Tokenizer.FF1_MIN_DIGITS).isEqualTo(6);
  }
}
