package dev.veil.transforms.deidentify.ops;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.detect.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Realistic, consistent fake values: each is drawn from a keyed HMAC-SHA-256 of the (normalized) real value, so the
 * same value gets the same surrogate in every source and run with the same key, and nothing without the key links them.
 * Where a reserved range exists the surrogate is taken from it, so it cannot be someone's real value: e-mail domains
 * {@code example.com/.org/.net} (RFC 2606), IPv4 {@code 198.18.0.0/15} (RFC 2544), IPv6 {@code 2001:db8::/32}
 * (RFC 3849), SSN areas 900–999 (never issued). Names come from bundled made-up lists. Not thread-safe.
 */
final class Surrogates {
  private static final List<String> FIRST = load("surrogate_first_names.txt");
  private static final List<String> LAST = load("surrogate_last_names.txt");
  private static final String[] MAIL_DOMAINS = {"example.com", "example.org", "example.net"};

  private final Pseudonyms pseudonyms;

  Surrogates(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** A fake value of {@code type} for the value whose normalized form is {@code key}, shaped like {@code value}. */
  String of(EntityType type, String key, String value) {
    Random r = new Random(pseudonyms.seed("surrogate/" + type.name(), key));
    return switch (type) {
      case PERSON -> name(r);
      case EMAIL -> {
        String first = pick(r, FIRST).toLowerCase(Locale.ROOT);
        String last = pick(r, LAST).toLowerCase(Locale.ROOT);
        yield first + "." + last + "@" + MAIL_DOMAINS[r.below(MAIL_DOMAINS.length)];
      }
      case USERNAME -> pick(r, FIRST).toLowerCase(Locale.ROOT).charAt(0) + pick(r, LAST).toLowerCase(Locale.ROOT);
      case HOSTNAME -> "host-" + Long.toHexString(r.next() & 0xffffffL | 0x1000000L).substring(1) + ".internal";
      case PHONE -> phone(r, value);
      case CARD -> card(r, value);
      case IBAN -> iban(r, value);
      case US_SSN -> ssn(r, value);
      case IP_ADDRESS -> value.indexOf(':') >= 0
          ? String.format(Locale.ROOT, "2001:db8:%x:%x::%x", r.below(65536), r.below(65536), 1 + r.below(65535))
          : "198." + (18 + r.below(2)) + "." + r.below(256) + "." + (1 + r.below(254));
      case DATE_OF_BIRTH -> {
        LocalDate d = Generalizer.parseDate(value);
        yield d == null ? shaped(r, value) : LocalDate.ofYearDay(d.getYear(), 1 + r.below(365)).toString();
      }
      case AGE -> {
        String digits = value.replaceAll("\\D", "");
        if (digits.isEmpty() || digits.length() > 3) {
          yield shaped(r, value);
        }
        int low = Integer.parseInt(digits) / 10 * 10;
        yield value.replaceFirst("\\d+", String.valueOf(low + r.below(10)));
      }
      default -> shaped(r, value);
    };
  }

  /** The fake name of a person pseudonym (a directory person or a name outside it): same token, same name. */
  String name(Random r) {
    return pick(r, FIRST) + " " + pick(r, LAST);
  }

  /** Keeps the leading {@code +} and the digit after it (the country code's start) and every separator. */
  private static String phone(Random r, String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean keepNext = value.startsWith("+");
    for (char c : value.toCharArray()) {
      if (c >= '0' && c <= '9') {
        sb.append(keepNext ? c : (char) ('0' + r.below(10)));
        keepNext = false;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Same issuer digit and grouping, random middle, a valid Luhn check digit. */
  private static String card(Random r, String value) {
    int n = (int) value.chars().filter(Character::isDigit).count();
    int[] d = new int[n];
    int first = value.chars().filter(Character::isDigit).findFirst().orElse('4') - '0';
    d[0] = first;
    for (int i = 1; i < n - 1; i++) {
      d[i] = r.below(10);
    }
    int sum = 0;
    for (int i = n - 2, k = 0; i >= 0; i--, k++) {
      int x = d[i];
      if (k % 2 == 0) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
    }
    d[n - 1] = (10 - sum % 10) % 10;
    return fill(value, d);
  }

  /** Same country and length, random bank part, check digits recomputed (mod 97), the original spacing kept. */
  private static String iban(Random r, String value) {
    String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
    StringBuilder bban = new StringBuilder();
    for (char c : compact.substring(4).toCharArray()) {
      bban.append(Character.isDigit(c) ? (char) ('0' + r.below(10)) : (char) ('A' + r.below(26)));
    }
    String country = compact.substring(0, 2);
    String check = String.format(Locale.ROOT, "%02d", 98 - mod97(bban + country + "00"));
    String fake = country + check + bban;
    StringBuilder out = new StringBuilder(value.length());
    int j = 0;
    for (char c : value.toCharArray()) {
      out.append(c == ' ' ? ' ' : fake.charAt(j++));
    }
    return out.toString();
  }

  private static int mod97(String s) {
    int rem = 0;
    for (char c : s.toCharArray()) {
      int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      rem = (v >= 10 ? rem * 100 + v : rem * 10 + v) % 97;
    }
    return rem;
  }

  /** Area 900–999 (never issued), random group and serial, the original separators kept. */
  private static String ssn(Random r, String value) {
    int[] d = new int[9];
    d[0] = 9;
    for (int i = 1; i < 9; i++) {
      d[i] = r.below(10);
    }
    if (d[3] == 0 && d[4] == 0) {
      d[4] = 1;
    }
    return fill(value, d);
  }

  /** Puts {@code digits} into the digit positions of {@code value}, keeping everything else. */
  private static String fill(String value, int[] digits) {
    StringBuilder sb = new StringBuilder(value.length());
    int j = 0;
    for (char c : value.toCharArray()) {
      sb.append(Character.isDigit(c) && j < digits.length ? (char) ('0' + digits[j++]) : c);
    }
    return sb.toString();
  }

  /** Same shape: each letter a random letter of the same case, each digit a random digit, the rest kept. */
  static String shaped(Random r, String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      if (c >= '0' && c <= '9') {
        sb.append((char) ('0' + r.below(10)));
      } else if (c >= 'a' && c <= 'z') {
        sb.append((char) ('a' + r.below(26)));
      } else if (c >= 'A' && c <= 'Z') {
        sb.append((char) ('A' + r.below(26)));
      } else if (Character.isLetterOrDigit(c)) {
        sb.append('x');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String pick(Random r, List<String> list) {
    return list.get(r.below(list.size()));
  }

  private static List<String> load(String resource) {
    try (InputStream in = Surrogates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      List<String> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SplitMix64: a fixed, specified generator, so surrogates are the same on every JVM. */
  static final class Random {
    private long state;

    Random(long seed) {
      this.state = seed;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    int below(int bound) {
      return (int) Long.remainderUnsigned(next(), bound);
    }
  }
}
