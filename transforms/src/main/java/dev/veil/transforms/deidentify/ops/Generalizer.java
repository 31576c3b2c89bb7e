package dev.veil.transforms.deidentify.ops;

import dev.veil.transforms.deidentify.detect.EntityType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coarsens values: a date of birth to {@code 1987-03} (month) or {@code 1987} (year), an age to its range
 * ({@code 30-39}), an IP address to its network ({@code 10.1.2.0/24}, {@code 2001:db8:1::/48}), an e-mail address to
 * its domain ({@code [EMAIL]@example.com}). A value it cannot read is redacted instead, never passed through.
 */
final class Generalizer {
  private static final Pattern ISO = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
  private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{2,4})");
  private static final Pattern NAMED =
      Pattern.compile("(?i)(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+([a-z]{3,9})\\.?,?\\s+(\\d{4})|([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))");
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(1[89]\\d\\d|20\\d\\d)(?!\\d)");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
  private static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    for (Month m : Month.values()) {
      MONTHS.put(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), m.getValue());
      MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), m.getValue());
    }
    MONTHS.put("sept", 9);
  }

  private Generalizer() {}

  static String checkVariant(EntityType type, String variant) {
    switch (type) {
      case DATE_OF_BIRTH:
        return variant.isEmpty() || variant.equals("month") || variant.equals("year")
            ? null
            : "dates generalize to month or year, not " + variant;
      case AGE:
        if (variant.isEmpty()) {
          return null;
        }
        try {
          int width = Integer.parseInt(variant);
          return width >= 2 && width <= 50 ? null : "age range width must be 2..50";
        } catch (NumberFormatException e) {
          return "age range width must be a number, not " + variant;
        }
      default:
        return variant.isEmpty() ? null : type + " takes no generalization variant";
    }
  }

  /** The generalized value, or null if the value cannot be read (the caller redacts). */
  static String apply(EntityType type, String variant, String value) {
    return switch (type) {
      case DATE_OF_BIRTH -> date(value, variant.equals("year"));
      case AGE -> age(value, variant.isEmpty() ? 10 : Integer.parseInt(variant));
      case IP_ADDRESS -> network(value);
      case EMAIL -> {
        int at = value.lastIndexOf('@');
        yield at < 0 ? null : "[EMAIL]" + value.substring(at).toLowerCase(Locale.ROOT);
      }
      default -> null;
    };
  }

  static String date(String value, boolean yearOnly) {
    LocalDate d = parseDate(value);
    if (d != null) {
      return yearOnly ? String.valueOf(d.getYear()) : String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
    }
    Matcher y = YEAR.matcher(value);
    return y.find() ? y.group(1) : null;
  }

  /** Reads ISO, day-first numeric (European, the more common outside the US; ambiguous ones read day first), named-month dates. */
  static LocalDate parseDate(String value) {
    try {
      Matcher m = ISO.matcher(value);
      if (m.find()) {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      }
      m = NAMED.matcher(value);
      if (m.find()) {
        String month = m.group(2) != null ? m.group(2) : m.group(4);
        Integer mm = MONTHS.get(month.toLowerCase(Locale.ROOT));
        if (mm != null) {
          int day = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(5));
          int year = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(6));
          return LocalDate.of(year, mm, day);
        }
      }
      m = NUMERIC.matcher(value);
      if (m.find()) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        if (year < 100) {
          year += year > 30 ? 1900 : 2000;
        }
        // Month-first when the first part cannot be a month's day order otherwise (05/23/1987).
        return b > 12 ? LocalDate.of(year, a, b) : LocalDate.of(year, b, a);
      }
    } catch (java.time.DateTimeException e) {
      return null;
    }
    return null;
  }

  static String age(String value, int width) {
    Matcher m = NUMBER.matcher(value);
    if (!m.find()) {
      return null;
    }
    int age = Integer.parseInt(m.group());
    int low = age / width * width;
    return value.substring(0, m.start()) + low + "-" + (low + width - 1) + value.substring(m.end());
  }

  static String network(String value) {
    String v = value.strip();
    if (v.indexOf(':') < 0) {
      String[] parts = v.split("\\.");
      return parts.length == 4 ? parts[0] + "." + parts[1] + "." + parts[2] + ".0/24" : null;
    }
    try {
      byte[] a = InetAddress.getByName(v).getAddress();
      if (a.length != 16) {
        return null;
      }
      return String.format(Locale.ROOT, "%x:%x:%x::/48", ((a[0] & 0xff) << 8) | (a[1] & 0xff), ((a[2] & 0xff) << 8) | (a[3] & 0xff), ((a[4] & 0xff) << 8) | (a[5] & 0xff));
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
