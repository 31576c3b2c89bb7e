package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** National identifiers: synthetic numbers with check digits computed for these tests. */
class NationalIdsTest {
  private static final NationalIds IDS = new NationalIds();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // UK National Insurance number
        "NI number: «JK 48 21 93 C» thanks|1.0",
        "national insurance «JK482193C» on file|1.0",
        "my NINO is «JK 48 21 93 A».|1.0",
        "ref «JK 48 21 93 C» attached|0.85",
        // Dutch BSN: only with context
        "BSN «314159265»|1.0",
        "BSN-nummer: «314159265»|1.0",
        "burgerservicenummer: «2718.28.183»|1.0",
        "mijn sofinummer is «161803398», klopt dat?|1.0",
        // French NIR, Corsica included
        "numéro de sécurité sociale «2 91 07 75 123 456 52»|1.0",
        "NIR «1 85 03 2A 004 017 33»|1.0",
        "carte vitale: «2 85 12 2B 117 034 45»|1.0",
        "ref «291077512345652» end|0.85",
        "born abroad: «188069912304593»|0.85",
        // Spanish DNI and NIE
        "DNI «48213675V»|1.0",
        "D.N.I.: «48.213.675-V»|1.0",
        "ticket «48213675V» closed|0.85",
        "NIE «X5291834V»|1.0",
        "nie: «Y-3817260-X»|1.0",
        "holder «Z2650147T»|0.85",
        // Canadian SIN: only with context
        "SIN «527 384 614»|1.0",
        "social insurance number «716-493-028»|1.0",
        "NAS : «305182743»|1.0",
        // Indian Aadhaar: context, or grouped 4-4-4
        "Aadhaar «2346 7891 2455»|1.0",
        "aadhaar no. «739258164020»|1.0",
        "id «5820 3716 4952» verified|0.8",
        // German Steuer-ID: context, or grouped 2-3-3-3
        "Steuer-ID «28651943068»|1.0",
        "steuerliche Identifikationsnummer: «55 271 839 468»|1.0",
        "IdNr «51525389464» (one digit three times, not in a row)|1.0",
        "Nummer «38 071 526 434» bitte prüfen|0.8"
      })
  void findsValidIdentifiers(String marked, double score) {
    List<Finding> found = Marked.assertFinds(IDS, marked, EntityType.NATIONAL_ID);
    assertThat(found).extracting(Finding::score).containsExactly(score);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // near misses: prefix rules, check digits, ranges
        "NI number: QQ 12 34 56 C",
        "NI number: TN 48 21 93 C",
        "NI number: JO 48 21 93 C",
        "NI number: DK 48 21 93 C",
        "NI number: JK 48 21 93 E",
        "BSN 314159266",
        "NIR 2 91 07 75 123 456 53",
        "NIR 2 91 13 75 123 456 51",
        "NIR 5 91 07 75 123 456 52",
        "NIR 1 85 03 2A 004 017 32",
        "DNI 48213675W",
        "NIE X5291834A",
        "SIN 527 384 615",
        "SIN 052 738 465",
        "Aadhaar 2346 7891 2456",
        "Aadhaar 1346 7891 2453",
        "Steuer-ID 28651943069",
        "Steuer-ID 47159263808",
        "Steuer-ID 55518394627",
        // valid check digits but bare: too common without a context word
        "order 314159265 shipped",
        "invoice 527384614 paid",
        "sin(x) = 527384614",
        "shipment 234678912455 left",
        "tracking 28651943068",
        // part of a longer run of digits
        "SIN 527 384 614 12",
        "BSN 3141592651",
        "DNI 148213675V",
        // false-positive traps
        "version 10.2.3.4-build and 1.12.0",
        "released 2024-03-05 10:00:00 UTC",
        "order #48213675 shipped",
        "call +44 20 7946 0958 or (415) 555-2671",
        "ts=1700000000123 build 4521",
        "commit 3f2a9c1 on 2024-03-05T10:00:00Z"
      })
  void leavesNearMissesAndLookAlikes(String text) {
    Marked.assertFinds(IDS, text, EntityType.NATIONAL_ID);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2363,true", "2364,false", "234678912455,true", "234678912456,false"})
  void verhoeff(String digits, boolean valid) {
    assertThat(NationalIds.verhoeff(digits)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "28651943068,true",
    "28651943069,false",
    "47159263808,false",
    "51525389464,true",
    "55518394627,false",
    "51551839465,false",
    "08651943068,false"
  })
  void steuerId(String digits, boolean valid) {
    assertThat(NationalIds.steuerId(digits)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"291077512345652,true", "185032A00401733,true", "285122B11703445,true", "291077512345653,false"})
  void nirKey(String nir, boolean valid) {
    assertThat(NationalIds.nir(nir)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"48213675,V", "05291834,V", "13817260,X", "22650147,T"})
  void spanishControlLetter(String digits, char letter) {
    assertThat(NationalIds.controlLetter(digits)).isEqualTo(letter);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {"no digits here|0", "a 123456 b|64", "2024-03-05|256", "1 84 12 2A 451 089 46|32768", "1.2.3|8"})
  void runLengths(String text, long mask) {
    assertThat(NationalIds.runLengths(text)).isEqualTo(mask);
  }
}
