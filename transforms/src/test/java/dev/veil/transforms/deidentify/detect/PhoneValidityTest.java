package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The compiled validity rules give libphonenumber's own answers, region by region. */
class PhoneValidityTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * Every region's example numbers of every type, and variants of them (last digits changed, a digit added or
   * dropped, so about half are invalid): both checks give the same answer for the region and for any region.
   */
  @Test
  void agreesWithLibphonenumberOnEveryRegion() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    int valid = 0;
    List<PhoneNumber> examples = new ArrayList<>();
    for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        PhoneNumber e = UTIL.getExampleNumberForType(region, type);
        if (e != null) {
          examples.add(e);
        }
      }
    }
    for (int cc : new TreeSet<>(UTIL.getSupportedGlobalNetworkCallingCodes())) {
      PhoneNumber e = UTIL.getExampleNumberForNonGeoEntity(cc);
      if (e != null) {
        examples.add(e);
      }
    }
    for (PhoneNumber example : examples) {
      String base = UTIL.getNationalSignificantNumber(example);
      for (int variant = 0; variant < 12; variant++) {
        String nsn = mutate(base, variant, rnd);
        PhoneNumber n = number(example.getCountryCode(), nsn);
        String nsnAsParsed = UTIL.getNationalSignificantNumber(n);
        boolean expected = UTIL.isValidNumber(n);
        checked++;
        valid += expected ? 1 : 0;
        if (PhoneValidity.valid(example.getCountryCode(), nsnAsParsed) != expected) {
          disagreements.add("+" + example.getCountryCode() + " " + nsnAsParsed + " any region");
        }
        for (String region : UTIL.getRegionCodesForCountryCode(example.getCountryCode())) {
          boolean forRegion = UTIL.isValidNumberForRegion(n, region);
          if (PhoneValidity.validForRegion(example.getCountryCode(), nsnAsParsed, region) != forRegion) {
            disagreements.add("+" + example.getCountryCode() + " " + nsnAsParsed + " " + region);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(15_000);
    assertThat(valid).isBetween(checked / 5, checked * 4 / 5);
    assertThat(disagreements).isEmpty();
  }

  /** A number of another region's country code is never valid for this region. */
  @Test
  void countryCodeMustBeTheRegions() {
    assertThat(PhoneValidity.validForRegion(1, "4155552671", "US")).isTrue();
    assertThat(PhoneValidity.validForRegion(44, "4155552671", "US")).isFalse();
    assertThat(PhoneValidity.validForRegion(1, "4155552671", "XX")).isFalse();
    assertThat(PhoneValidity.valid(999, "4155552671")).isFalse();
  }

  private static String mutate(String base, int variant, SplittableRandom rnd) {
    return switch (variant % 4) {
      case 0 -> variant == 0 ? base : base.substring(0, base.length() - 2) + rnd.nextInt(10) + rnd.nextInt(10);
      case 1 -> base + rnd.nextInt(10);
      case 2 -> base.length() > 2 ? base.substring(0, base.length() - 1) : base;
      default -> {
        char[] c = base.toCharArray();
        c[rnd.nextInt(c.length)] = (char) ('0' + rnd.nextInt(10));
        yield new String(c);
      }
    };
  }

  private static PhoneNumber number(int cc, String nsn) {
    PhoneNumber n = new PhoneNumber().setCountryCode(cc);
    int zeros = 0;
    while (zeros < nsn.length() - 1 && nsn.charAt(zeros) == '0') {
      zeros++;
    }
    if (zeros > 0) {
      n.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
    }
    return n.setNationalNumber(Long.parseLong(nsn));
  }
}
