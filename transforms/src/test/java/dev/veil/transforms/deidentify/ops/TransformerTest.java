package dev.veil.transforms.deidentify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerTest {
  static Transformer with(EntityType type, OperatorSpec spec, int key) {
    Operators ops = Operators.defaults().with(type, spec);
    return new Transformer(ops, new Pseudonyms(TokenizerTest.key(key)), new Tokenizer(TokenizerTest.key(key)));
  }

  static String apply(Transformer t, EntityType type, String value) {
    return t.apply(new Finding(type, 0, value.length(), 1.0, "test"), value);
  }

  @Test
  void defaultsRedactEverythingButPeople() {
    Transformer t = new Transformer(Operators.defaults(), new Pseudonyms(TokenizerTest.key(1)), null);
    assertThat(apply(t, EntityType.EMAIL, "ana@acme.test")).isEqualTo("[EMAIL]");
    assertThat(apply(t, EntityType.URL_QUERY, "?token=abc")).isEmpty();
    assertThat(apply(t, EntityType.PERSON, "Ana Quell")).matches("person_[0-9a-f]{12}");
    assertThat(t.apply(new Finding(EntityType.PERSON, 0, 3, 1.0, "directory", "person_0123456789ab"), "Ana"))
        .isEqualTo("person_0123456789ab");
  }

  @Test
  void pseudonymTokensAreKeyedOnTheNormalizedValue() {
    OperatorSpec token = OperatorSpec.of(Operator.PSEUDONYMIZE, "token");
    Transformer a = with(EntityType.PHONE, token, 1);
    String p = apply(a, EntityType.PHONE, "+1 (415) 555-0142");
    assertThat(p).matches("phone_[0-9a-f]{12}");
    assertThat(apply(a, EntityType.PHONE, "1.415.555.0142")).isEqualTo(p);
    assertThat(apply(with(EntityType.PHONE, token, 1), EntityType.PHONE, "+1 415 555 0142")).isEqualTo(p);
    assertThat(apply(with(EntityType.PHONE, token, 2), EntityType.PHONE, "+1 415 555 0142")).isNotEqualTo(p);
    Transformer e = with(EntityType.EMAIL, token, 1);
    assertThat(apply(e, EntityType.EMAIL, "Ana@Acme.test")).isEqualTo(apply(e, EntityType.EMAIL, "ana@acme.test"));
  }

  @Test
  void surrogatesAreRealisticConsistentAndFromReservedRanges() {
    OperatorSpec surrogate = OperatorSpec.of(Operator.PSEUDONYMIZE, "surrogate");
    String mail = apply(with(EntityType.EMAIL, surrogate, 1), EntityType.EMAIL, "ana@acme.test");
    assertThat(mail).matches("[a-z]+\\.[a-z]+@example\\.(com|org|net)");
    assertThat(apply(with(EntityType.EMAIL, surrogate, 1), EntityType.EMAIL, "ANA@acme.test")).isEqualTo(mail);
    assertThat(apply(with(EntityType.EMAIL, surrogate, 2), EntityType.EMAIL, "ana@acme.test")).isNotEqualTo(mail);

    String card = apply(with(EntityType.CARD, surrogate, 1), EntityType.CARD, "4111 1111 1111 1111");
    assertThat(card).matches("4\\d{3} \\d{4} \\d{4} \\d{4}").isNotEqualTo("4111 1111 1111 1111");
    assertThat(luhn(card.replace(" ", ""))).isTrue();

    String iban = apply(with(EntityType.IBAN, surrogate, 1), EntityType.IBAN, "DE89 3704 0044 0532 0130 00");
    assertThat(iban).startsWith("DE").hasSize("DE89 3704 0044 0532 0130 00".length());
    String compact = iban.replace(" ", "");
    String moved = compact.substring(4) + compact.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    moved.chars().forEach(c -> digits.append(Character.isDigit(c) ? String.valueOf((char) c) : String.valueOf(c - 'A' + 10)));
    assertThat(new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue()).isEqualTo(1);

    assertThat(apply(with(EntityType.US_SSN, surrogate, 1), EntityType.US_SSN, "123-45-6789")).matches("9\\d\\d-\\d\\d-\\d{4}");
    assertThat(apply(with(EntityType.IP_ADDRESS, surrogate, 1), EntityType.IP_ADDRESS, "10.1.2.3")).startsWith("198.1");
    assertThat(apply(with(EntityType.IP_ADDRESS, surrogate, 1), EntityType.IP_ADDRESS, "fe80::1:2")).startsWith("2001:db8:");
    assertThat(apply(with(EntityType.PERSON, surrogate, 1), EntityType.PERSON, "Ana Quell")).matches("[A-Z][a-z]+ [A-Z][a-z]+");
    assertThat(apply(with(EntityType.SECRET, surrogate, 1), EntityType.SECRET, "AKIA1234567890ABCDEF"))
        .matches("[A-Z0-9]{20}").isNotEqualTo("AKIA1234567890ABCDEF");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CARD|4|4111 1111 1111 1111|**** **** **** 1111",
        "PHONE|0|+1 415 555 0142|+* *** *** ****",
        "EMAIL|0|ana@acme.test|***@****.****"
      })
  void maskKeepsPunctuationAndTheLastCharacters(EntityType type, int keep, String value, String expected) {
    assertThat(apply(with(type, OperatorSpec.mask(keep, '*'), 1), type, value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DATE_OF_BIRTH||1987-03-05|1987-03",
        "DATE_OF_BIRTH|year|1987-03-05|1987",
        "DATE_OF_BIRTH||3 March 1987|1987-03",
        "DATE_OF_BIRTH||March 3rd, 1987|1987-03",
        "DATE_OF_BIRTH||05/23/1987|1987-05",
        "DATE_OF_BIRTH||23.05.1987|1987-05",
        "AGE||34|30-39",
        "AGE|5|34 years|30-34 years",
        "IP_ADDRESS||10.1.2.3|10.1.2.0/24",
        "IP_ADDRESS||2001:db8:1:2::7|2001:db8:1::/48",
        "EMAIL||Ana@Acme.test|[EMAIL]@acme.test"
      })
  void generalizeCoarsens(EntityType type, String variant, String value, String expected) {
    OperatorSpec spec = OperatorSpec.of(Operator.GENERALIZE, variant == null ? "" : variant);
    assertThat(apply(with(type, spec, 1), type, value)).isEqualTo(expected);
  }

  @Test
  void generalizeRedactsWhatItCannotRead() {
    assertThat(apply(with(EntityType.DATE_OF_BIRTH, OperatorSpec.of(Operator.GENERALIZE, ""), 1), EntityType.DATE_OF_BIRTH, "the 3rd"))
        .isEqualTo("[DOB]");
  }

  @Test
  void tokenizeFf1BelowTheMinimumDomainRedacts() {
    Transformer t = with(EntityType.PHONE, OperatorSpec.of(Operator.TOKENIZE, "ff1"), 1);
    assertThat(apply(t, EntityType.PHONE, "555-01")).isEqualTo("[PHONE]");
    assertThat(apply(t, EntityType.PHONE, "555-0142")).matches("\\d{3}-\\d{4}").isNotEqualTo("555-0142");
  }

  @Test
  void unsupportedChoicesAreRefused() {
    Operators d = Operators.defaults();
    assertThatThrownBy(() -> d.with(EntityType.EMAIL, OperatorSpec.of(Operator.TOKENIZE, "ff1")))
        .hasMessageContaining("EMAIL").hasMessageContaining("ff1");
    assertThatThrownBy(() -> d.with(EntityType.CARD, OperatorSpec.of(Operator.GENERALIZE, "")))
        .hasMessageContaining("generalize applies only to");
    assertThatThrownBy(() -> d.with(EntityType.URL_QUERY, OperatorSpec.of(Operator.PSEUDONYMIZE, "token")))
        .hasMessageContaining("URL queries");
    assertThatThrownBy(() -> d.with(EntityType.AGE, OperatorSpec.of(Operator.GENERALIZE, "1")))
        .hasMessageContaining("2..50");
    assertThatThrownBy(() -> new Transformer(d.with(EntityType.CARD, OperatorSpec.of(Operator.TOKENIZE, "siv")), new Pseudonyms(TokenizerTest.key(1)), null))
        .hasMessageContaining("tokenization key");
  }

  @Test
  void dropReasonNamesTheFirstDroppedTypePresent() {
    Operators ops =
        Operators.defaults().with(EntityType.US_SSN, OperatorSpec.of(Operator.DROP)).with(EntityType.CARD, OperatorSpec.of(Operator.DROP));
    assertThat(ops.dropReason(Map.of("EMAIL", 2L))).isNull();
    assertThat(ops.dropReason(Map.of("EMAIL", 2L, "US_SSN", 1L, "CARD", 1L))).isEqualTo("contains_card");
    assertThat(ops.drops(EntityType.US_SSN)).isTrue();
    assertThat(ops.describe()).containsEntry("US_SSN", "drop").containsEntry("PERSON", "pseudonymize/token");
  }

  static boolean luhn(String d) {
    int sum = 0;
    boolean twice = false;
    for (int i = d.length() - 1; i >= 0; i--) {
      int n = d.charAt(i) - '0';
      if (twice) {
        n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      }
      sum += n;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
