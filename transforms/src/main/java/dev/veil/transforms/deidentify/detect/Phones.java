package dev.veil.transforms.deidentify.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers with libphonenumber: numbers valid for one of the configured default regions, or in international
 * form (+CC …) for any region. Only texts with at least seven digits are searched (a cheap pre-filter).
 */
public final class Phones implements Recognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** Seven or more digits in one run, allowing the separators numbers are written with: the search's pre-filter. */
  private static final java.util.regex.Pattern CANDIDATE =
      java.util.regex.Pattern.compile("\\d(?:[\\s().\\-/]{0,3}\\d){6,}");
  private final List<String> regions;

  public Phones(List<String> regions) {
    this.regions = List.copyOf(regions);
    Set<String> supported = UTIL.getSupportedRegions();
    for (String r : this.regions) {
      if (!supported.contains(r)) {
        throw new IllegalArgumentException("unknown phone region " + r);
      }
    }
  }

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public void find(String text, List<Finding> out) {
    int digits = 0;
    for (int i = 0; i < text.length() && digits < 7; i++) {
      if (Character.isDigit(text.charAt(i))) {
        digits++;
      }
    }
    if (digits < 7 || !CANDIDATE.matcher(text).find()) {
      return;
    }
    for (String region : regions) {
      for (PhoneNumberMatch m : UTIL.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        out.add(new Finding(EntityType.PHONE, m.start(), m.end(), 0.9, name()));
      }
    }
  }
}
