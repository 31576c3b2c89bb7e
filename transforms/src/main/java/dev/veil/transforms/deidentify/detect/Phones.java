package dev.veil.transforms.deidentify.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers by libphonenumber's metadata: numbers valid for one of the configured default regions, or in international
 * form (+CC …) for any region. Only texts with at least seven digits are searched (a cheap pre-filter).
 */
public final class Phones extends FactsRecognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final java.util.regex.Pattern PHONE_WORD =
      java.util.regex.Pattern.compile(
          "(?i)\\b(?:tel|telephone|phone|ph|call|called|calling|mobile|mob|cell|cellphone|fax|ring|whatsapp|sms|text|dial"
              + "|reach|reached|landline|hotline|office|direct|contact|number)\\b");
  private final List<String> regions;
  /** The same regions with their country codes and trunk prefixes, looked up once. */
  private final List<Region> regionInfo;

  /** A region's country calling code and national (trunk) prefix, digits only ("" when it has none). */
  private record Region(String code, int cc, String ccText, String ndd) {
    private static final java.util.concurrent.ConcurrentHashMap<String, Region> ALL =
        new java.util.concurrent.ConcurrentHashMap<>();

    static Region of(String code) {
      return ALL.computeIfAbsent(
          code,
          c -> {
            int cc = UTIL.getCountryCodeForRegion(c);
            String ndd = UTIL.getNddPrefixForRegion(c, true);
            return new Region(c, cc, Integer.toString(cc), ndd == null ? "" : ndd);
          });
    }

    /**
     * The main region of a country calling code: code "ZZ" for none, "001" for a non-geographical entity (+800, …),
     * neither with a trunk prefix (libphonenumber logs a warning when asked about those).
     */
    static Region ofCountryCode(int cc) {
      String code = UTIL.getRegionCodeForCountryCode(cc);
      return "ZZ".equals(code) || "001".equals(code) ? new Region(code, cc, Integer.toString(cc), "") : of(code);
    }
  }

  public Phones(List<String> regions) {
    this.regions = List.copyOf(regions);
    Set<String> supported = UTIL.getSupportedRegions();
    for (String r : this.regions) {
      if (!supported.contains(r)) {
        throw new IllegalArgumentException("unknown phone region " + r);
      }
    }
    this.regionInfo = this.regions.stream().map(Region::of).toList();
  }

  @Override
  public String name() {
    return "phone";
  }

  /**
   * Each digit run of 7 to 11 digits (with a {@code +} or {@code (} right before it) is parsed and validated directly
   * for each region; longer runs are cut into stretches ({@link #findInLongRun}). Date-shaped runs (2024-03-05,
   * 05/03/2024) are skipped. libphonenumber's own matcher is not used: it costs 30 to 300 µs per window on digit-heavy
   * text (file names with timestamps, coordinates, status ids), where the fast check costs well under 1 µs.
   */
  @Override
  public void find(TextFacts facts, List<Finding> out) {
    if (facts.digits() < 7) {
      return;
    }
    String text = facts.text();
    int[] runs = facts.digitRuns();
    int searchedTo = 0;
    for (int r = 0; r < runs.length; r += 3) {
      int digits = runs[r + 2];
      if (digits < 7 || runs[r] < searchedTo) {
        continue;
      }
      int start = runs[r];
      int end = runs[r + 1];
      while (start > 0 && (text.charAt(start - 1) == '+' || text.charAt(start - 1) == '(') && runs[r] - start < 2) {
        start--;
      }
      if ((start > 0 && Character.isLetterOrDigit(text.charAt(start - 1)))
          || (end < text.length() && Character.isLetter(text.charAt(end)))) {
        continue; // inside a hash, a UUID, an identifier
      }
      String candidate = text.substring(start, end);
      if (dottedGroups(candidate) >= 4) {
        continue; // 1.3.6.1.4.1.3163.1, 124.0.6803.163: object ids and versions
      }
      if (digits <= 11) {
        if (!startsWithDate(candidate)
            && !ssnShaped(candidate)
            && !timeFollows(text, end)
            && (!unformatted(candidate) || phoneWordBefore(text, start))
            && written(candidate)) {
          out.add(new Finding(EntityType.PHONE, start, end, 0.9, name()));
          searchedTo = end;
        }
        continue;
      }
      searchedTo = Math.max(searchedTo, findInLongRun(text, start, end, out));
    }
  }

  /**
   * A run of more than 11 digits: two numbers written together (415-555-2671 / 415-555-2672), a number and more
   * digits, an international number in groups. As libphonenumber's matcher reads such a run: it is cut at spaced
   * slashes into segments, and at spaces into pieces; in each segment, stretches of whole pieces from its start (or from right after
   * the last number found) holding 7 to 15 digits are tried longest first, and failing that each piece on its own.
   * Never a stretch starting inside a group of pieces (the last groups of a card or IBAN are no number). Each
   * candidate gets the checks of a short run. Returns where the last number found ends (or 0).
   */
  private int findInLongRun(String text, int start, int end, List<Finding> out) {
    int found = 0;
    int segment = start;
    while (segment < end) {
      int segmentEnd = spacedSlash(text, segment, end);
      int[] pieces = pieces(text, segment, segmentEnd);
      int n = pieces.length;
      int first = 0;
      while (first < n) {
        int last = longestNumber(text, pieces, first);
        if (last >= 0) {
          out.add(new Finding(EntityType.PHONE, pieces[first], pieces[last + 1], 0.9, name()));
          found = pieces[last + 1];
          first = last + 2;
          continue;
        }
        // No number from here: each remaining piece alone (a number glued to a date or a count by a space).
        for (int k = first; k < n; k += 2) {
          if (Prefilter.digits(text, pieces[k], pieces[k + 1]) >= 7 && number(text, pieces[k], pieces[k + 1])) {
            out.add(new Finding(EntityType.PHONE, pieces[k], pieces[k + 1], 0.9, name()));
            found = pieces[k + 1];
          }
        }
        break;
      }
      segment = segmentEnd + 1;
    }
    return found;
  }

  /**
   * The first slash in [from, to) with a space before or after it (415-555-2671 / 415-555-2672), or {@code to}. A
   * slash between digits is part of a number (German 030/901820, 0176/73176549).
   */
  private static int spacedSlash(String text, int from, int to) {
    for (int i = text.indexOf('/', from); i >= 0 && i < to; i = text.indexOf('/', i + 1)) {
      if ((i > 0 && text.charAt(i - 1) == ' ') || (i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return to;
  }

  /** Start and end of each space-separated piece of [from, to), as pairs. */
  private static int[] pieces(String text, int from, int to) {
    int[] pieces = new int[16];
    int n = 0;
    int i = from;
    while (i < to) {
      while (i < to && text.charAt(i) == ' ') {
        i++;
      }
      int s = i;
      while (i < to && text.charAt(i) != ' ') {
        i++;
      }
      if (i > s) {
        if (n + 2 > pieces.length) {
          pieces = java.util.Arrays.copyOf(pieces, n * 2);
        }
        pieces[n++] = s;
        pieces[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(pieces, n);
  }

  /** The last piece of the longest stretch from piece {@code first} that is a number, or -1. */
  private int longestNumber(String text, int[] pieces, int first) {
    for (int last = pieces.length - 2; last >= first; last -= 2) {
      int digits = Prefilter.digits(text, pieces[first], pieces[last + 1]);
      if (digits > 15) {
        continue;
      }
      if (digits < 7) {
        return -1;
      }
      if (number(text, pieces[first], pieces[last + 1])) {
        return last;
      }
    }
    return -1;
  }

  /** The checks of a short run, on [cs, ce): shaped like a number, not a date, SSN, time or bare reference. */
  private boolean number(String text, int cs, int ce) {
    char c0 = text.charAt(cs);
    char cl = text.charAt(ce - 1);
    if (!(c0 == '+' || c0 == '(' || (c0 >= '0' && c0 <= '9')) || cl < '0' || cl > '9') {
      return false;
    }
    String candidate = text.substring(cs, ce);
    return dottedGroups(candidate) < 4
        && !startsWithDate(candidate)
        && !ssnShaped(candidate)
        && !timeFollows(text, ce)
        && (!unformatted(candidate) || phoneWordBefore(text, cs))
        && written(candidate);
  }

  /**
   * Whether a run of digits (with separators, maybe a leading {@code +}) is a valid number: international when it
   * starts with {@code +}, else national for one of the regions (with or without the region's trunk prefix). Builds the
   * number from its digits and validates it against libphonenumber's metadata, skipping {@code parse}, whose
   * normalization costs several times the validation; {@code PhonesTest} checks both agree.
   */
  boolean valid(String candidate) {
    return valid(candidate, Prefilter.digitsOf(candidate), regionInfo);
  }

  private static boolean valid(String candidate, String digits, List<Region> regions) {
    if (candidate.startsWith("+") || candidate.startsWith("(+")) {
      return !digits.startsWith("0") && validInternational(digits);
    }
    for (Region region : regions) {
      String ndd = region.ndd();
      if (!ndd.isEmpty() && digits.startsWith(ndd) && validIn(region, digits.substring(ndd.length()))) {
        return true;
      }
      if (validIn(region, digits)) {
        return true;
      }
      // Written with the country code but without the plus (as parse accepts): 49 30 901820.
      if (digits.startsWith(region.ccText()) && validIn(region, digits.substring(region.ccText().length()))) {
        return true;
      }
    }
    // Dialled from abroad: 00 (most of the world) or 011 (North America) before the country code.
    for (String idd : new String[] {"00", "011"}) {
      if (digits.startsWith(idd) && digits.length() > idd.length() && digits.charAt(idd.length()) != '0'
          && validInternational(digits.substring(idd.length()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Valid in {@code region} (one check of the number's types), else in any region sharing its country code (a
   * Canadian number where the policy names US): the same answer as {@code isValidNumber}, which runs the type checks
   * twice when it has to find the region first.
   */
  private static boolean validIn(Region region, String national) {
    String nsn = nsn(national);
    return PhoneValidity.validForRegion(region.cc(), nsn, region.code()) || PhoneValidity.valid(region.cc(), nsn);
  }

  /** Country code, then the national number (with or without the home region's trunk prefix). */
  private static boolean validInternational(String digits) {
    for (int ccLength = 1; ccLength <= 3 && ccLength < digits.length(); ccLength++) {
      int cc = Integer.parseInt(digits.substring(0, ccLength));
      Region home = Region.ofCountryCode(cc);
      if (!"ZZ".equals(home.code())) {
        String national = digits.substring(ccLength);
        String ndd = home.ndd();
        return PhoneValidity.valid(cc, nsn(national))
            || (!ndd.isEmpty() && national.startsWith(ndd)
                && PhoneValidity.valid(cc, nsn(national.substring(ndd.length()))));
      }
    }
    return false;
  }

  /**
   * {@link #valid}, as people write numbers: a national number in a region with a trunk prefix other than North
   * America's must carry it (030 901820, not 30 901820), as libphonenumber's matcher requires.
   */
  boolean written(String candidate) {
    String digits = Prefilter.digitsOf(candidate);
    if (candidate.startsWith("+") || candidate.startsWith("(+") || digits.startsWith("00") || digits.startsWith("011")) {
      return valid(candidate, digits, regionInfo);
    }
    for (Region region : regionInfo) {
      String ndd = region.ndd();
      if (ndd.isEmpty() || ndd.equals("1")) {
        if (valid(candidate, digits, List.of(region))) {
          return true;
        }
      } else if (digits.startsWith(ndd) && validIn(region, digits.substring(ndd.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the candidate starts like a date: 2024-03-05, 2024/3/5, 05.03.2024, 5/3/24 (never phone numbers). */
  static boolean startsWithDate(String c) {
    int a = digitsAt(c, 0);
    if (a == 0 || a > 4 || a == 3 || a >= c.length() || !dateSep(c.charAt(a))) {
      return false;
    }
    char sep = c.charAt(a);
    int b = digitsAt(c, a + 1);
    if (b < 1 || b > 2 || a + 1 + b >= c.length() || c.charAt(a + 1 + b) != sep && !dateSep(c.charAt(a + 1 + b))) {
      return false;
    }
    int d = digitsAt(c, a + 2 + b);
    return a == 4 ? d >= 1 : d >= 2;
  }

  private static boolean dateSep(char c) {
    return c == '-' || c == '/' || c == '.';
  }

  private static int digitsAt(String s, int from) {
    int n = 0;
    while (from + n < s.length() && Character.isDigit(s.charAt(from + n))) {
      n++;
    }
    return n;
  }

  /** 123-45-6789 or 123 45 6789, nothing else: the shape of a US SSN. */
  static boolean ssnShaped(String c) {
    if (c.length() != 11) {
      return false;
    }
    char sep = c.charAt(3);
    if ((sep != '-' && sep != ' ') || c.charAt(6) != sep) {
      return false;
    }
    for (int i = 0; i < 11; i++) {
      if (i != 3 && i != 6 && !Character.isDigit(c.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Number of groups of digits joined by single dots. */
  private static int dottedGroups(String candidate) {
    int dots = 0;
    for (int i = 0; i < candidate.length(); i++) {
      if (candidate.charAt(i) == '.') {
        dots++;
      }
    }
    return dots + 1;
  }

  /** Digits only, no plus, no separators: an order or tracking number as often as a phone number. */
  private static boolean unformatted(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether a word that announces a phone number stands in the 32 characters before {@code start}. */
  private static boolean phoneWordBefore(String text, int start) {
    return PHONE_WORD.matcher(text.substring(Math.max(0, start - 32), start)).find();
  }

  /** A run followed by {@code :dd} ends in a time of day (2024-03-05 10:30): a timestamp, not a number. */
  private static boolean timeFollows(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ':' && Character.isDigit(text.charAt(end + 1));
  }

  /** The reference check: libphonenumber's own parse and validation (what {@link #valid} must agree with). */
  boolean validByParse(String candidate) {
    for (String region : regions) {
      try {
        if (UTIL.isValidNumber(UTIL.parse(candidate, region))) {
          return true;
        }
      } catch (NumberParseException e) {
        // Not a number for this region: try the next.
      }
    }
    return false;
  }

  /**
   * The national significant number libphonenumber would validate for these national digits: the digits themselves
   * (leading zeros kept, as its Italian-leading-zero fields do), or "0" when there are none or more than 17.
   */
  private static String nsn(String national) {
    return national.isEmpty() || national.length() > 17 ? "0" : national;
  }
}
