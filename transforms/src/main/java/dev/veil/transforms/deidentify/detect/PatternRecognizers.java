package dev.veil.transforms.deidentify.detect;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizers built on a pattern plus a validator: e-mail, payment card (Luhn and issuer prefix), IBAN (country length
 * and mod-97), IPv4 / IPv6, US SSN (with the never-issued ranges). A candidate that fails its validator is no finding:
 * order numbers that fail Luhn, version strings, ISO dates.
 */
public final class PatternRecognizers {
  private PatternRecognizers() {}

  /**
   * Runs {@code m} only around the text's digit runs holding at least {@code minDigits} digits ({@code before} and
   * {@code after} characters of context, lookarounds seeing past the region), calling {@code found} once per match.
   */
  static void aroundRuns(TextFacts facts, Matcher m, int minDigits, int before, int after, java.util.function.Consumer<Matcher> found) {
    int[] runs = facts.digitRuns();
    int len = facts.text().length();
    int done = 0;
    m.useTransparentBounds(true).useAnchoringBounds(false);
    for (int r = 0; r < runs.length; r += 3) {
      if (runs[r + 2] < minDigits || runs[r + 1] <= done) {
        continue;
      }
      m.region(Math.max(done, runs[r] - before), Math.min(len, runs[r + 1] + after));
      while (m.find()) {
        found.accept(m);
        done = Math.max(done, m.end());
      }
      done = Math.max(done, Math.min(len, runs[r + 1] + after));
    }
  }

  /** Every recognizer of this class. */
  public static List<Recognizer> all() {
    return List.of(new Email(), new Card(), new Iban(), new Ip(), new UsSsn());
  }

  static final class Email extends FactsRecognizer {
    private static final Pattern P =
        Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9])");

    @Override
    public String name() {
      return "email";
    }

    /** The domain part, matched at the {@code @}: what {@link #domainEnd} computes without a regex. */
    static final Pattern DOMAIN =
        Pattern.compile("@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9])");

    /**
     * Looks only at each {@code @}: the local part is the run of allowed characters right before it (1 to 64 of
     * them), the domain is read from the {@code @} on ({@link #domainEnd}). Same matches as {@link #P}, without trying
     * every position.
     */
    @Override
    public void find(TextFacts facts, List<Finding> out) {
      String text = facts.text();
      int at = text.indexOf('@');
      if (at < 0) {
        return;
      }
      int done = 0;
      while (at >= 0) {
        int start = at;
        while (start > done && start > at - 65 && local(text.charAt(start - 1))) {
          start--;
        }
        boolean bounded = start == 0 || !local(text.charAt(start - 1));
        if (start < at && at - start <= 64 && bounded) {
          int end = domainEnd(text, at);
          // In postgres://app:s3cret@db.example.com "s3cret@db.example.com" is a password and a host, no address.
          if (end > 0 && !UrlCredentials.insideUserinfo(text, at)) {
            out.add(new Finding(EntityType.EMAIL, start, end, 1.0, name()));
            done = end;
          }
        }
        at = text.indexOf('@', Math.max(at + 1, done));
      }
    }

    /**
     * Where {@link #DOMAIN} matched at {@code at} ends, or -1: the labels after the {@code @} (runs of letters, digits
     * and hyphens joined by single dots), ending at the last label after the first whose leading letters (2 to 24 of
     * them) are followed by neither a letter nor a digit, the regex's greedy, backtracking answer. {@code EmailTest}
     * checks both agree on random text.
     */
    static int domainEnd(String text, int at) {
      int len = text.length();
      int[] starts = null;
      int[] ends = null;
      int k = 0;
      int i = at + 1;
      while (true) {
        int s = i;
        while (i < len && label(text.charAt(i))) {
          i++;
        }
        if (i == s) {
          break;
        }
        if (starts == null) {
          starts = new int[4];
          ends = new int[4];
        } else if (k == starts.length) {
          starts = java.util.Arrays.copyOf(starts, k * 2);
          ends = java.util.Arrays.copyOf(ends, k * 2);
        }
        starts[k] = s;
        ends[k++] = i;
        if (i + 1 < len && text.charAt(i) == '.' && label(text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      for (int j = k - 1; j >= 1; j--) {
        int e = starts[j];
        while (e < ends[j] && e - starts[j] < 25 && letter(text.charAt(e))) {
          e++;
        }
        int letters = e - starts[j];
        if (letters >= 2 && letters <= 24 && (e >= len || !(letter(text.charAt(e)) || digit(text.charAt(e))))) {
          return e;
        }
      }
      return -1;
    }

    private static boolean label(char c) {
      return letter(c) || digit(c) || c == '-';
    }

    private static boolean letter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean local(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
  }

  static final class Card extends FactsRecognizer {
    /** Not glued to letters, a plus, or other digits: not inside an IBAN, a UUID, a +CC phone number. */
    private static final Pattern P =
        Pattern.compile("(?<![\\d.\\-+A-Za-z])(?:\\d[ \\-]?){12,18}\\d(?![\\d.\\-]\\d|[A-Za-z])");

    @Override
    public String name() {
      return "card";
    }

    @Override
    public void find(TextFacts facts, List<Finding> out) {
      if (facts.digits() < 13) {
        return;
      }
      aroundRuns(facts, P.matcher(facts.text()), 13, 1, 1, m -> {
        String digits = m.group().replaceAll("[ \\-]", "");
        if (digits.length() >= 13 && digits.length() <= 19 && issuer(digits) && issuerLength(digits) && luhn(digits)) {
          out.add(new Finding(EntityType.CARD, m.start(), m.end(), 1.0, name()));
        }
      });
    }

    /** Visa, Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro prefixes. */
    static boolean issuer(String d) {
      int two = Integer.parseInt(d.substring(0, 2));
      int four = Integer.parseInt(d.substring(0, 4));
      return d.charAt(0) == '4'
          || (two >= 51 && two <= 55)
          || (four >= 2221 && four <= 2720)
          || two == 34
          || two == 37
          || two == 36
          || two == 38
          || two == 30
          || d.startsWith("6011")
          || d.startsWith("65")
          || d.startsWith("62")
          || (four >= 3528 && four <= 3589)
          || two == 50
          || (two >= 56 && two <= 69);
    }

    /** The lengths each issuer uses: Amex 15, Mastercard 16, Visa 13/16/19, Diners 14–19, the others 16–19. */
    static boolean issuerLength(String d) {
      int n = d.length();
      int two = Integer.parseInt(d.substring(0, 2));
      int four = Integer.parseInt(d.substring(0, 4));
      if (two == 34 || two == 37) {
        return n == 15;
      }
      if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
        return n == 16;
      }
      if (d.charAt(0) == '4') {
        return n == 13 || n == 16 || n == 19;
      }
      if (two == 36 || two == 38 || two == 30) {
        return n >= 14;
      }
      if (two == 50 || (two >= 56 && two <= 69 && !d.startsWith("62") && !d.startsWith("65") && !d.startsWith("6011"))) {
        return n >= 12; // Maestro
      }
      return n >= 16;
    }

    static boolean luhn(String d) {
      int sum = 0;
      boolean twice = false;
      for (int i = d.length() - 1; i >= 0; i--) {
        int n = d.charAt(i) - '0';
        if (twice) {
          n *= 2;
          if (n > 9) {
            n -= 9;
          }
        }
        sum += n;
        twice = !twice;
      }
      return sum % 10 == 0;
    }
  }

  static final class Iban extends FactsRecognizer {
    private static final Pattern P = Pattern.compile("\\b([A-Z]{2})(\\d{2})((?: ?[A-Z0-9]){11,30})\\b");
    /** IBAN length per country (ISO 13616 registry, the common ones). */
    private static final Map<String, Integer> LENGTH =
        Map.ofEntries(
            Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24),
            Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GR", 27), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21),
            Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MT", 31), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("TR", 26), Map.entry("AE", 23), Map.entry("SA", 24),
            Map.entry("IL", 23), Map.entry("BR", 29), Map.entry("UA", 29), Map.entry("RS", 22), Map.entry("BA", 20));
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    @Override
    public String name() {
      return "iban";
    }

    @Override
    public void find(TextFacts facts, List<Finding> out) {
      if (facts.digits() < 12 || !countryAndCheck(facts.text())) {
        return;
      }
      Matcher m = P.matcher(facts.text());
      while (m.find()) {
        String iban = m.group().replace(" ", "");
        Integer len = LENGTH.get(m.group(1));
        if (len != null && iban.length() == len && mod97(iban)) {
          out.add(new Finding(EntityType.IBAN, m.start(), m.end(), 1.0, name()));
        }
      }
    }

    /** Whether two capital letters followed by two digits stand somewhere (GB82, DE89): where an IBAN starts. */
    static boolean countryAndCheck(String text) {
      for (int i = 0; i + 3 < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          char d = text.charAt(i + 1);
          if (d >= 'A' && d <= 'Z' && Character.isDigit(text.charAt(i + 2)) && Character.isDigit(text.charAt(i + 3))) {
            return true;
          }
        }
      }
      return false;
    }

    static boolean mod97(String iban) {
      String rearranged = iban.substring(4) + iban.substring(0, 4);
      StringBuilder digits = new StringBuilder();
      for (char c : rearranged.toCharArray()) {
        digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
      }
      return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
  }

  static final class Ip extends FactsRecognizer {
    private static final Pattern V4 =
        Pattern.compile("(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})(?![\\w.]\\w|\\.\\d)");
    /** Hex groups and colons, at least two colons: validated as a literal afterwards ({@code fe80::1}, full form). */
    private static final Pattern V6 = Pattern.compile("(?<![\\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w:])");
    private static final Pattern VERSION_BEFORE =
        Pattern.compile("(?i)(?:\\bv|version|ver\\.?|release|build|upgrade|bump|[a-z][a-z0-9]*-[a-z0-9\\-]+)\\s*:?\\s*$");
    /** Words that make a dotted quad of small numbers a version, anywhere shortly before it. */
    private static final Pattern VERSION_TALK =
        Pattern.compile("(?i)\\b(?:version|release|upgrad\\w*|downgrad\\w*|bump\\w*|ship|rollback|rolled back)\\b");
    /** Words after which a dotted quad of small numbers is an address rather than a version. */
    private static final Pattern ADDRESS_BEFORE =
        Pattern.compile(
            "(?i)(?:from|to|ip|ips|addr|address|host|server|client|connect(?:ed|ion)?|block(?:ed)?|whitelist|allowlist"
                + "|listen(?:ing)?(?: on)?|ping|ssh|gateway|dns|route|subnet|src|dst|remote|peer|at|[=@])\\s*[:=]?\\s*$");

    @Override
    public String name() {
      return "ip";
    }

    @Override
    public void find(TextFacts facts, List<Finding> out) {
      String text = facts.text();
      if (facts.digits() < 2) {
        return;
      }
      if (facts.digits() >= 4 && text.indexOf('.') >= 0 && dottedRun(facts)) {
        aroundRuns(facts, V4.matcher(text), 4, 0, 0, m -> {
          String ip = m.group(1);
          if (identifiesNobody(ip)) {
            return;
          }
          String before = text.substring(Math.max(0, m.start() - 24), m.start());
          if (VERSION_BEFORE.matcher(before).find()) {
            return;
          }
          // 8.9.3.1 after a library name or in prose is a version; after "from", "ip=", "blocked" an address.
          if (smallParts(ip)
              && (!ADDRESS_BEFORE.matcher(before).find()
                  || VERSION_TALK.matcher(text.substring(Math.max(0, m.start() - 48), m.start())).find())) {
            return;
          }
          out.add(new Finding(EntityType.IP_ADDRESS, m.start(), m.end(), 0.95, name()));
        });
      }
      if (text.indexOf(':') >= 0 && mayHoldIpv6(text)) {
        Matcher m = V6.matcher(text);
        while (m.find()) {
          String candidate = m.group(1);
          if (candidate.contains("::") || candidate.chars().filter(c -> c == ':').count() == 7) {
            if (isIpv6(candidate)) {
              out.add(new Finding(EntityType.IP_ADDRESS, m.start(), m.end(), 0.95, name()));
            }
          }
        }
      }
    }

    /** Whether some digit run of four or more digits has a dot inside: where a dotted quad can be. */
    static boolean dottedRun(TextFacts facts) {
      int[] runs = facts.digitRuns();
      String text = facts.text();
      for (int r = 0; r < runs.length; r += 3) {
        if (runs[r + 2] >= 4 && text.indexOf('.', runs[r]) >= 0 && text.indexOf('.', runs[r]) < runs[r + 1]) {
          return true;
        }
      }
      return false;
    }

    /** Unspecified, loopback, broadcast and netmask addresses: the same on every machine. */
    static boolean identifiesNobody(String ip) {
      return ip.equals("0.0.0.0") || ip.startsWith("127.") || ip.startsWith("255.");
    }

    /** Every part below 32: how version numbers look (1.8.4.5), and few addresses in use. */
    static boolean smallParts(String ip) {
      for (String part : ip.split("\\.")) {
        if (Integer.parseInt(part) >= 32) {
          return false;
        }
      }
      return true;
    }

    /** Cheap check: two colons with at most four hex digits between them (as in {@code fe80::1}, {@code db8:1:}). */
    static boolean mayHoldIpv6(String text) {
      int prev = -10;
      for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
        if (i - prev <= 5) {
          boolean hex = true;
          for (int k = prev + 1; k < i; k++) {
            char c = text.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
              hex = false;
              break;
            }
          }
          if (hex) {
            return true;
          }
        }
        prev = i;
      }
      return false;
    }

    /** A literal IPv6 address (no DNS: a string with ':' is parsed as a literal). */
    static boolean isIpv6(String s) {
      if (s.chars().filter(c -> c == ':').count() < 2 || s.split("::", -1).length > 2) {
        return false;
      }
      long hexGroups = java.util.Arrays.stream(s.split(":")).filter(g -> !g.isEmpty()).count();
      if (hexGroups < 2 && !s.equals("::1")) {
        return false;
      }
      try {
        return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
      } catch (java.net.UnknownHostException | SecurityException e) {
        return false;
      }
    }
  }

  static final class UsSsn extends FactsRecognizer {
    private static final Pattern P = Pattern.compile("(?<![\\d-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d-])");

    @Override
    public String name() {
      return "us_ssn";
    }

    @Override
    public void find(TextFacts facts, List<Finding> out) {
      String text = facts.text();
      if (facts.digits() < 9) {
        return;
      }
      aroundRuns(facts, P.matcher(text), 9, 0, 0, m -> {
        int area = Integer.parseInt(m.group(1));
        if (area == 0 || area == 666 || area >= 900 || m.group(3).equals("00") || m.group(4).equals("0000")) {
          return;
        }
        String before = text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase(Locale.ROOT);
        boolean context = before.contains("ssn") || before.contains("social security");
        double score = context ? 1.0 : m.group(2).equals(" ") ? 0.75 : 0.85;
        out.add(new Finding(EntityType.US_SSN, m.start(), m.end(), score, name()));
      });
    }
  }
}
