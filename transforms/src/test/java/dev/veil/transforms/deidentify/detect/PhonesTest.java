package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhonesTest {
  static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** The fast check agrees with libphonenumber's parse + validate on every region's example numbers, both formats. */
  @Test
  void fastValidationAgreesWithParseOnEveryRegionsExamples() {
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
      Phones phones = new Phones(List.of(region));
      for (PhoneNumberUtil.PhoneNumberType type :
          List.of(PhoneNumberUtil.PhoneNumberType.FIXED_LINE, PhoneNumberUtil.PhoneNumberType.MOBILE)) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example == null) {
          continue;
        }
        for (PhoneNumberFormat f : List.of(PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL)) {
          String written = UTIL.format(example, f);
          if (!written.matches("[+\\d\\s().\\-/]+")) {
            continue;
          }
          checked++;
          if (phones.valid(written) != phones.validByParse(written)) {
            disagreements.add(region + " " + written);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(700);
    // A handful of regions write national numbers with carrier codes or transforms parse applies; allow none of the
    // regions a policy commonly names to differ, and at most 2% overall.
    assertThat(disagreements).noneMatch(d -> d.matches("(US|GB|DE|FR|IN|IT|ES|NL|CA|AU|JP|BR|MX|PL|SE|CH) .*"));
    assertThat(disagreements.size()).as(disagreements.toString()).isLessThan(checked / 50);
  }

  /** And on random digit runs, national and international: both checks agree on each. */
  @Test
  void fastValidationAgreesWithParseOnRandomRuns() {
    SplittableRandom rnd = new SplittableRandom(7);
    Phones phones = new Phones(List.of("US", "GB", "DE"));
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      // International runs start with a common country code (a few small regions apply number transforms that only
      // parse knows: the example-number test bounds those).
      String[] codes = {"1", "44", "49", "33", "91", "39", "34", "31", "61", "81"};
      StringBuilder sb = new StringBuilder(rnd.nextInt(4) == 0 ? "+" + codes[rnd.nextInt(codes.length)] : "");
      int n = 7 + rnd.nextInt(6);
      for (int d = 0; d < n; d++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
        if (rnd.nextInt(4) == 0) {
          sb.append(" -.".charAt(rnd.nextInt(3)));
        }
      }
      String s = sb.toString().strip();
      if (s.replaceAll("\\D", "").length() > 11) {
        continue; // longer runs go through libphonenumber's own matcher, not the fast check
      }
      boolean fast = phones.valid(s);
      assertThat(fast).as(s).isEqualTo(phones.validByParse(s));
      valid += fast ? 1 : 0;
    }
    assertThat(valid).isGreaterThan(100);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "US|call (415) 555-2671 now|5|19",
        "US|call +1 415 555 2671 now|5|20",
        "US|call 1-415-555-2671 now|5|19",
        "GB|ring 020 7946 0958 today|5|18",
        "GB|ring +44 20 7946 0958 today|5|21",
        "DE|Tel. 030 901820 bitte|5|15",
        "US|two: 415-555-2671 / 415-555-2672.|5|17"
      })
  void findsNumbers(String region, String text, int start, int end) {
    List<Finding> out = new ArrayList<>();
    new Phones(List.of(region)).find(new TextFacts(text), out);
    assertThat(out).isNotEmpty();
    assertThat(out.get(0).start()).isEqualTo(start);
    assertThat(out.get(0).end()).isEqualTo(end);
  }

  /** Runs of more than 11 digits: each number in them, and nothing in timestamps, coordinates or long ids. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "two: 415-555-2671 / 415-555-2672.|two: [PHONE] / [PHONE].",
        "both 415 555 2671 415 555 2672 today|both [PHONE] [PHONE] today",
        "her mobile is +49 15516 885964|her mobile is [PHONE]",
        "call 415-555-2671 12345 later|call [PHONE] 12345 later",
        "screenshot_2015-06-26-09-30-44.png|screenshot_2015-06-26-09-30-44.png",
        "twitter.com/x/status/741003947939266562|twitter.com/x/status/741003947939266562",
        "index.html#40.674389/-73.954897|index.html#40.674389/-73.954897",
        "at 2024-03-05 10:30 415-555-2671|at 2024-03-05 10:30 [PHONE]"
      })
  void findsNumbersInLongRuns(String text, String redacted) {
    List<Finding> out = new ArrayList<>();
    new Phones(List.of("US")).find(new TextFacts(text), out);
    assertThat(Detector.redact(text, out)).isEqualTo(redacted);
  }

  /** The hand-written shape checks say what the patterns they replace say, on random digit-and-separator strings. */
  @Test
  void shapeChecksAgreeWithTheirPatterns() {
    java.util.regex.Pattern date =
        java.util.regex.Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");
    java.util.regex.Pattern ssn = java.util.regex.Pattern.compile("\\d{3}([- ])\\d{2}\\1\\d{4}");
    SplittableRandom rnd = new SplittableRandom(11);
    int dates = 0;
    int ssns = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 6 + rnd.nextInt(8);
      for (int k = 0; k < n; k++) {
        sb.append(rnd.nextInt(3) == 0 ? "-/. ".charAt(rnd.nextInt(4)) : (char) ('0' + rnd.nextInt(10)));
      }
      String s = sb.toString();
      if (i % 50 == 0) { // SSN-like strings, separators sometimes mismatched
        char a = "- ./".charAt(rnd.nextInt(4));
        char b = rnd.nextInt(3) == 0 ? "- ./".charAt(rnd.nextInt(4)) : a;
        s = (100 + rnd.nextInt(900)) + "" + a + (10 + rnd.nextInt(90)) + b + (1000 + rnd.nextInt(9000));
      }
      boolean d = date.matcher(s).lookingAt();
      boolean q = ssn.matcher(s).matches();
      assertThat(Phones.startsWithDate(s)).as(s).isEqualTo(d);
      assertThat(Phones.ssnShaped(s)).as(s).isEqualTo(q);
      dates += d ? 1 : 0;
      ssns += q ? 1 : 0;
    }
    assertThat(dates).isGreaterThan(1000);
    assertThat(ssns).isGreaterThan(10);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deployed 2024-03-05 10:30",
        "invoice 1234567 paid",
        "build 20240305.1 green",
        "on 05/03/2024 we met",
        "version 10.2.3.4567"
      })
  void ignoresWhatIsNotANumber(String text) {
    List<Finding> out = new ArrayList<>();
    new Phones(List.of("US")).find(new TextFacts(text), out);
    assertThat(out).isEmpty();
  }
}
