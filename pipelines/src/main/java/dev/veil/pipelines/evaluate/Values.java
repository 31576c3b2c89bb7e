package dev.veil.pipelines.evaluate;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random structured values for the evaluation set, each valid by its own rules: cards pass Luhn and carry a real issuer
 * prefix, IBANs pass mod 97 with their country's length, phone numbers are valid for libphonenumber, SSNs avoid the
 * never-issued ranges, national ids carry their check digits. Also their near misses (the traps): the same shapes with a
 * wrong check digit or an invalid range. Every method is a pure function of the random source.
 */
final class Values {
  private Values() {}

  /** A planted value and the kind of value it is (the gold span's {@code kind}). */
  record Planted(String value, String kind) {}

  static final String DIGITS = "0123456789";
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz" + DIGITS;
  static final String HEX = "0123456789abcdef";

  static String chars(SplittableRandom rnd, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String digits(SplittableRandom rnd, int n) {
    return chars(rnd, DIGITS, n);
  }

  static <T> T pick(SplittableRandom rnd, List<T> items) {
    return items.get(rnd.nextInt(items.size()));
  }

  @SafeVarargs
  static <T> T pick(SplittableRandom rnd, T... items) {
    return items[rnd.nextInt(items.length)];
  }

  /** Groups digits with a separator: {@code group("4111111111111111", " ", 4, 4, 4, 4)}. */
  static String group(String digits, String sep, int... sizes) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (at >= digits.length()) {
        break;
      }
      if (at > 0) {
        sb.append(sep);
      }
      sb.append(digits, at, Math.min(digits.length(), at + size));
      at += size;
    }
    if (at < digits.length()) {
      sb.append(sep).append(digits.substring(at));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------------------------------------ payment cards

  private record Issuer(String kind, String[] prefixes, int length, int[] grouping) {}

  private static final List<Issuer> ISSUERS =
      List.of(
          new Issuer("visa", new String[] {"4"}, 16, new int[] {4, 4, 4, 4}),
          new Issuer("mastercard", new String[] {"51", "52", "53", "54", "55", "2221", "2720", "23", "26"}, 16,
              new int[] {4, 4, 4, 4}),
          new Issuer("amex", new String[] {"34", "37"}, 15, new int[] {4, 6, 5}),
          new Issuer("discover", new String[] {"6011", "65", "644"}, 16, new int[] {4, 4, 4, 4}),
          new Issuer("jcb", new String[] {"3528", "3530", "3566", "3589"}, 16, new int[] {4, 4, 4, 4}),
          new Issuer("diners", new String[] {"36", "3095", "38"}, 14, new int[] {4, 6, 4}),
          new Issuer("unionpay", new String[] {"62"}, 19, new int[] {4, 4, 4, 4, 3}),
          new Issuer("maestro", new String[] {"6759", "5018", "6761"}, 16, new int[] {4, 4, 4, 4}));

  private static String cardDigits(SplittableRandom rnd, Issuer issuer) {
    String prefix = pick(rnd, issuer.prefixes());
    String body = prefix + digits(rnd, issuer.length() - prefix.length() - 1);
    return body + Checksums.luhnDigit(body);
  }

  private static String cardFormat(SplittableRandom rnd, String digits, int[] grouping) {
    return switch (rnd.nextInt(5)) {
      case 0, 1 -> group(digits, " ", grouping);
      case 2 -> group(digits, "-", grouping);
      default -> digits;
    };
  }

  static Planted card(SplittableRandom rnd) {
    Issuer issuer = pick(rnd, ISSUERS);
    return new Planted(cardFormat(rnd, cardDigits(rnd, issuer), issuer.grouping()), issuer.kind());
  }

  /** A card-shaped 16-digit number (a real issuer prefix) that fails Luhn. */
  static String badCard(SplittableRandom rnd) {
    String good = cardDigits(rnd, ISSUERS.get(rnd.nextInt(2)));
    int last = good.charAt(15) - '0';
    String bad = good.substring(0, 15) + ((last + 1 + rnd.nextInt(9)) % 10);
    return cardFormat(rnd, bad, new int[] {4, 4, 4, 4});
  }

  // ------------------------------------------------------------------------------------------------ IBAN

  /** BBAN shapes: 'n' a digit, 'a' an upper-case letter, 'c' either. */
  private record IbanCountry(String code, String shape) {}

  private static final List<IbanCountry> IBAN_COUNTRIES =
      List.of(
          new IbanCountry("DE", "nnnnnnnnnnnnnnnnnn"),
          new IbanCountry("GB", "aaaannnnnnnnnnnnnn"),
          new IbanCountry("FR", "nnnnnnnnnnccccccccccnnn"),
          new IbanCountry("NL", "aaaannnnnnnnnn"),
          new IbanCountry("ES", "nnnnnnnnnnnnnnnnnnnn"),
          new IbanCountry("IT", "annnnnnnnnnnnnnnnnnnnnn"),
          new IbanCountry("BE", "nnnnnnnnnnnn"),
          new IbanCountry("CH", "nnnnncccccccccccc"),
          new IbanCountry("AT", "nnnnnnnnnnnnnnnn"),
          new IbanCountry("PL", "nnnnnnnnnnnnnnnnnnnnnnnn"),
          new IbanCountry("IE", "aaaannnnnnnnnnnnnn"),
          new IbanCountry("SE", "nnnnnnnnnnnnnnnnnnnn"),
          new IbanCountry("NO", "nnnnnnnnnnn"),
          new IbanCountry("PT", "nnnnnnnnnnnnnnnnnnnnn"));

  private static String bban(SplittableRandom rnd, String shape) {
    StringBuilder sb = new StringBuilder(shape.length());
    for (char c : shape.toCharArray()) {
      sb.append(
          switch (c) {
            case 'n' -> DIGITS.charAt(rnd.nextInt(10));
            case 'a' -> UPPER.charAt(rnd.nextInt(26));
            default -> rnd.nextInt(4) == 0 ? UPPER.charAt(rnd.nextInt(26)) : DIGITS.charAt(rnd.nextInt(10));
          });
    }
    return sb.toString();
  }

  private static String ibanFormat(SplittableRandom rnd, String compact) {
    return rnd.nextInt(3) == 0 ? compact : group(compact, " ", 4, 4, 4, 4, 4, 4, 4, 4);
  }

  static Planted iban(SplittableRandom rnd) {
    IbanCountry c = pick(rnd, IBAN_COUNTRIES);
    String bban = bban(rnd, c.shape());
    String compact = c.code() + Checksums.ibanCheck(c.code(), bban) + bban;
    return new Planted(ibanFormat(rnd, compact), "iban_" + c.code().toLowerCase(Locale.ROOT));
  }

  /** IBAN-shaped (country, length and layout right) with wrong check digits. */
  static String badIban(SplittableRandom rnd) {
    IbanCountry c = pick(rnd, IBAN_COUNTRIES);
    String bban = bban(rnd, c.shape());
    String compact;
    do {
      compact = c.code() + String.format(Locale.ROOT, "%02d", 2 + rnd.nextInt(97)) + bban;
    } while (Checksums.ibanValid(compact));
    return ibanFormat(rnd, compact);
  }

  // ------------------------------------------------------------------------------------------------ phone numbers

  static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** Regions whose national formats the set writes; the settings search these (CA shares +1 with US). */
  static final List<String> NATIONAL_REGIONS = List.of("US", "GB", "DE", "CA");

  /** Regions whose numbers the set writes only in international form. */
  static final List<String> INTERNATIONAL_REGIONS =
      List.of("FR", "NL", "ES", "IT", "IN", "AU", "JP", "BR", "ZA", "SG", "CH", "IE", "SE", "PL", "MX");

  /** A valid mobile or fixed-line number of a region, its digits drawn at random around the region's example. */
  static PhoneNumber validNumber(SplittableRandom rnd, String region) {
    PhoneNumberType type = rnd.nextBoolean() ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE;
    PhoneNumber example = PHONES.getExampleNumberForType(region, type);
    String nsn = PHONES.getNationalSignificantNumber(example);
    for (int attempt = 0; attempt < 1000; attempt++) {
      // Keep the example's first digit (it often decides the number's type), later its first three.
      int keep = attempt < 500 ? 1 : Math.max(1, Math.min(3, nsn.length() - 5));
      String candidate = "+" + example.getCountryCode() + nsn.substring(0, keep) + digits(rnd, nsn.length() - keep);
      try {
        PhoneNumber p = PHONES.parse(candidate, "ZZ");
        PhoneNumberType actual = PHONES.getNumberType(p);
        if (PHONES.isValidNumberForRegion(p, region)
            && (actual == type || actual == PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
          return p;
        }
      } catch (NumberParseException e) {
        // not a number: try again
      }
    }
    throw new IllegalStateException("no valid number found for " + region);
  }

  static Planted phone(SplittableRandom rnd) {
    boolean national = rnd.nextInt(2) == 0;
    String region = national ? pick(rnd, NATIONAL_REGIONS) : pick(rnd, INTERNATIONAL_REGIONS);
    PhoneNumber p = validNumber(rnd, region);
    String kind = "phone_" + region.toLowerCase(Locale.ROOT);
    String intl = PHONES.format(p, PhoneNumberFormat.INTERNATIONAL);
    String nat = PHONES.format(p, PhoneNumberFormat.NATIONAL);
    String nsn = PHONES.getNationalSignificantNumber(p);
    if (!national) {
      return new Planted(
          switch (rnd.nextInt(4)) {
            case 0 -> PHONES.format(p, PhoneNumberFormat.E164);
            case 1 -> "00" + intl.substring(1);
            default -> intl;
          },
          kind);
    }
    String value =
        switch (region) {
          case "US", "CA" -> switch (rnd.nextInt(6)) {
            case 0 -> nsn.substring(0, 3) + "-" + nsn.substring(3, 6) + "-" + nsn.substring(6);
            case 1 -> nsn.substring(0, 3) + "." + nsn.substring(3, 6) + "." + nsn.substring(6);
            case 2 -> "+1-" + nsn.substring(0, 3) + "-" + nsn.substring(3, 6) + "-" + nsn.substring(6);
            case 3 -> intl;
            default -> nat;
          };
          case "GB" -> switch (rnd.nextInt(4)) {
            case 0 -> "+44 (0)" + intl.substring(4);
            case 1 -> intl;
            default -> nat;
          };
          default -> switch (rnd.nextInt(4)) {
            case 0 -> nat.replaceFirst(" ", "/");
            case 1 -> intl;
            default -> nat;
          };
        };
    return new Planted(value, kind);
  }

  /** Whether a libphonenumber search in any of the regions finds a valid number in the text. */
  static boolean holdsValidPhone(String text, List<String> regions) {
    for (String region : regions) {
      if (PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE).iterator().hasNext()) {
        return true;
      }
    }
    return false;
  }

  /** Phone-shaped, but not a valid number anywhere the settings look: bad area codes, too short, reserved blocks. */
  static String badPhone(SplittableRandom rnd, List<String> regions) {
    for (int attempt = 0; attempt < 500; attempt++) {
      String s =
          switch (rnd.nextInt(6)) {
            case 0 -> "+1 (" + pick(rnd, "0", "1") + digits(rnd, 2) + ") " + digits(rnd, 3) + "-" + digits(rnd, 4);
            case 1 -> "(" + pick(rnd, "0", "1") + digits(rnd, 2) + ") 555-" + digits(rnd, 4);
            case 2 -> "555-01" + digits(rnd, 2);
            case 3 -> "+44 " + pick(rnd, "0", "4", "6") + digits(rnd, 3) + " " + digits(rnd, 3);
            case 4 -> "+49 0" + digits(rnd, 2) + " " + digits(rnd, 3);
            default -> "+" + pick(rnd, "999", "888", "000") + " " + digits(rnd, 3) + " " + digits(rnd, 4);
          };
      if (!holdsValidPhone("tel " + s + " .", regions)) {
        return s;
      }
    }
    throw new IllegalStateException("no invalid phone shape found");
  }

  // ------------------------------------------------------------------------------------------------ US SSN

  static Planted ssn(SplittableRandom rnd) {
    int area;
    do {
      area = 1 + rnd.nextInt(899);
    } while (area == 666);
    String d =
        String.format(Locale.ROOT, "%03d%02d%04d", area, 1 + rnd.nextInt(99), 1 + rnd.nextInt(9999));
    String sep = rnd.nextInt(8) == 0 ? " " : "-";
    return new Planted(group(d, sep, 3, 2, 4), "ssn");
  }

  /** SSN-shaped in a range never issued: area 000, 666 or 900–999, group 00 or serial 0000. */
  static String badSsn(SplittableRandom rnd) {
    String area = switch (rnd.nextInt(3)) {
      case 0 -> "000";
      case 1 -> "666";
      default -> "9" + digits(rnd, 2);
    };
    int which = rnd.nextInt(4);
    String group = which == 0 ? "00" : String.format(Locale.ROOT, "%02d", 1 + rnd.nextInt(99));
    String serial = which == 1 ? "0000" : String.format(Locale.ROOT, "%04d", 1 + rnd.nextInt(9999));
    return area + "-" + group + "-" + serial;
  }

  // ------------------------------------------------------------------------------------------------ national ids

  static Planted nino(SplittableRandom rnd) {
    String first = "ABCEGHJKLMNOPRSTWXYZ";
    String second = "ABCEGHJKLMNPRSTWXYZ";
    String prefix;
    do {
      prefix = "" + first.charAt(rnd.nextInt(first.length())) + second.charAt(rnd.nextInt(second.length()));
    } while (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix));
    String d = digits(rnd, 6);
    char suffix = "ABCD".charAt(rnd.nextInt(4));
    String value = rnd.nextBoolean() ? prefix + d + suffix : prefix + " " + group(d, " ", 2, 2, 2) + " " + suffix;
    return new Planted(value, "uk_nino");
  }

  static Planted bsn(SplittableRandom rnd) {
    String d;
    do {
      d = (1 + rnd.nextInt(9)) + digits(rnd, 8);
    } while (!Checksums.bsnValid(d));
    return new Planted(rnd.nextInt(4) == 0 ? group(d, ".", 4, 2, 3) : d, "nl_bsn");
  }

  static Planted nir(SplittableRandom rnd) {
    int dept;
    do {
      dept = 1 + rnd.nextInt(95);
    } while (dept == 20);
    String base =
        String.format(
            Locale.ROOT, "%d%02d%02d%02d%03d%03d",
            1 + rnd.nextInt(2), rnd.nextInt(100), 1 + rnd.nextInt(12), dept, 1 + rnd.nextInt(990), 1 + rnd.nextInt(999));
    String full = base + String.format(Locale.ROOT, "%02d", Checksums.nirKey(base));
    return new Planted(rnd.nextBoolean() ? full : group(full, " ", 1, 2, 2, 2, 3, 3, 2), "fr_nir");
  }

  static Planted dni(SplittableRandom rnd) {
    long n = rnd.nextLong(100_000_000L);
    return new Planted(String.format(Locale.ROOT, "%08d", n) + Checksums.dniLetter(n), "es_dni");
  }

  static Planted nie(SplittableRandom rnd) {
    int lead = rnd.nextInt(3);
    long n = rnd.nextLong(10_000_000L);
    char letter = Checksums.dniLetter(lead * 10_000_000L + n);
    return new Planted("XYZ".charAt(lead) + String.format(Locale.ROOT, "%07d", n) + letter, "es_nie");
  }

  static Planted sin(SplittableRandom rnd) {
    String body = pick(rnd, "1", "2", "3", "4", "5", "6", "7", "9") + digits(rnd, 7);
    String d = body + Checksums.luhnDigit(body);
    return new Planted(group(d, pick(rnd, " ", "-", ""), 3, 3, 3), "ca_sin");
  }

  static Planted aadhaar(SplittableRandom rnd) {
    String body = (2 + rnd.nextInt(8)) + digits(rnd, 10);
    String d = body + Checksums.verhoeffDigit(body);
    return new Planted(rnd.nextInt(3) == 0 ? d : group(d, " ", 4, 4, 4), "in_aadhaar");
  }

  // ------------------------------------------------------------------------------------------------ IP addresses

  static Planted ip(SplittableRandom rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> new Planted("10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), "ipv4_private");
      case 1 -> new Planted("192.168." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), "ipv4_private");
      case 2 -> new Planted("172." + (16 + rnd.nextInt(16)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), "ipv4_private");
      case 3 -> new Planted(
          pick(rnd, "203.0.113.", "198.51.100.", "81.2." + rnd.nextInt(256) + ".", "91.198." + rnd.nextInt(256) + ".")
              + (1 + rnd.nextInt(254)),
          "ipv4_public");
      case 4 -> new Planted(
          "2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::" + Integer.toHexString(1 + rnd.nextInt(0xffff)), "ipv6");
      default -> new Planted(
          "fe80::" + Integer.toHexString(rnd.nextInt(0x10000)) + ":" + Integer.toHexString(rnd.nextInt(0x10000)) + ":"
              + Integer.toHexString(rnd.nextInt(0x10000)) + ":" + Integer.toHexString(1 + rnd.nextInt(0xffff)),
          "ipv6");
    };
  }

  // ------------------------------------------------------------------------------------------------ secrets

  static String base64Url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String jwt(SplittableRandom rnd) {
    String header = base64Url(pick(rnd, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"kid\":\"" + chars(rnd, HEX, 8) + "\"}"));
    String payload =
        base64Url("{\"sub\":\"" + digits(rnd, 8) + "\",\"iat\":" + (1_700_000_000L + rnd.nextInt(50_000_000)) + ",\"scope\":\"read\"}");
    return header + "." + payload + "." + chars(rnd, ALNUM + "-_", 43);
  }

  static String pem(SplittableRandom rnd) {
    String label = pick(rnd, "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
    StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    int lines = 3 + rnd.nextInt(4);
    for (int i = 0; i < lines; i++) {
      sb.append(i == 0 ? "MII" + chars(rnd, ALNUM + "+/", 61) : chars(rnd, ALNUM + "+/", 64)).append('\n');
    }
    sb.append(chars(rnd, ALNUM + "+/", 20 + rnd.nextInt(40))).append("==\n");
    return sb.append("-----END ").append(label).append("-----").toString();
  }

  static String password(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> pick(rnd, "Winter", "Summer2", "Kestrel", "Welcome", "Spring", "Autumn") + (2019 + rnd.nextInt(7))
          + pick(rnd, "!", "#", "$", "?");
      case 1 -> chars(rnd, ALNUM, 6) + pick(rnd, "!", "@", "#", "%", "&", "*") + chars(rnd, ALNUM, 5);
      case 2 -> pick(rnd, "tr0ub4dor", "c0rrect-h0rse", "letmein", "s3cr3t", "p@ssw0rd", "hunter") + digits(rnd, 2 + rnd.nextInt(3));
      default -> chars(rnd, ALNUM + "!#%&*+-", 12 + rnd.nextInt(10));
    };
  }

  /** A high-entropy opaque token: letters and digits, 24–48 characters. */
  static String opaqueToken(SplittableRandom rnd) {
    String t;
    do {
      t = chars(rnd, ALNUM, 24 + rnd.nextInt(25));
    } while (t.chars().noneMatch(Character::isDigit) || t.chars().noneMatch(Character::isLetter));
    return t;
  }

  // ------------------------------------------------------------------------------------------------ names

  /** Accent folding as the identity directory does it: combining marks removed ("Jabłońska" → "Jabłonska"). */
  static String fold(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  /** ASCII letters of a name, lower case, accents folded, spaces and apostrophes dropped: for e-mails and logins. */
  static String ascii(String name) {
    String folded = fold(name).replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ð", "d")
        .replace("ı", "i").replace("ø", "o").replace("Ø", "O");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }
}
