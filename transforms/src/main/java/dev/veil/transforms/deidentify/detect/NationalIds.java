package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identifiers, each validated by its check digits or strict shape:
 *
 * <ul>
 *   <li>UK National Insurance number: {@code AB 12 34 56 C}; prefix letters and pairs HMRC never issues are refused
 *       (D, F, I, Q, U, V; O second; BG, GB, KN, NK, NT, TN, ZZ), suffix A–D.
 *   <li>Dutch BSN: 9 digits passing the "11-proof"; only next to a context word (BSN, burgerservicenummer, sofinummer).
 *   <li>French NIR (numéro de sécurité sociale): 15 characters, sex / year / month / département (2A and 2B for
 *       Corsica) / commune / order, key = 97 − (number mod 97).
 *   <li>Spanish DNI (8 digits + control letter) and NIE (X, Y or Z + 7 digits + control letter).
 *   <li>Canadian SIN: 9 digits passing Luhn, not starting with 0 or 8; only next to a context word (SIN, social
 *       insurance, NAS).
 *   <li>Indian Aadhaar: 12 digits, the first 2–9, Verhoeff check digit; next to a context word, or grouped 4-4-4.
 *   <li>German Steuer-ID: 11 digits, no leading 0, in the first ten exactly one digit twice or three times (three not
 *       in a row), ISO 7064 MOD 11,10 check digit; next to a context word, or grouped 2-3-3-3.
 * </ul>
 *
 * <p>A candidate with a matching context word in the {@value #WINDOW} characters before it scores 1.0. Without one,
 * the formats with a check digit or a strict shape (NINO, NIR, DNI, NIE) score 0.85, grouped Aadhaar and Steuer-ID
 * 0.8, and bare runs of 9, 11 or 12 digits are no finding: such numbers are everywhere (order numbers, ids, amounts).
 * A candidate is always a whole run of digits (digits joined by single spaces, dots or hyphens), never part of a
 * longer one.
 *
 * <p>Pre-filter: one pass over the text records the lengths of its digit runs; a pattern runs only when a run of its
 * length exists, so text without 6, 7, 8, 9, 11, 12 or 15-digit runs costs one scan.
 */
public final class NationalIds implements Recognizer {
  static final int WINDOW = 40;
  private static final double CONTEXT = 1.0;
  private static final double STRICT = 0.85;
  private static final double GROUPED = 0.8;

  /** Not inside a word and not continuing a run of digits. */
  private static final String START = "(?<![\\w.\\-]|\\d[ .\\-])";
  /** Not followed by a word character or by more of the digit run. */
  private static final String END = "(?!\\w|[ .\\-]\\d)";

  private static final Pattern NINO =
      Pattern.compile(
          "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
  private static final Pattern DNI = Pattern.compile(START + "(\\d{8}|\\d{2}\\.\\d{3}\\.\\d{3})[ \\-]?([A-Z])(?!\\w)");
  private static final Pattern NIE = Pattern.compile("(?<![\\w.\\-])([XYZ])[ \\-]?(\\d{7})[ \\-]?([A-Z])(?!\\w)");
  private static final Pattern NINE = Pattern.compile(START + "\\d(?:[ .\\-]?\\d){8}" + END);
  private static final Pattern ELEVEN = Pattern.compile(START + "[1-9](?:[ .\\-]?\\d){10}" + END);
  private static final Pattern TWELVE = Pattern.compile(START + "[2-9](?:[ .\\-]?\\d){11}" + END);
  private static final Pattern NIR = Pattern.compile(START + "[1-478](?:[ .]?(?:\\d|(?<=2)[AB])){14}" + END);
  private static final Pattern STEUER_GROUPED = Pattern.compile("\\d{2}([ .])\\d{3}\\1\\d{3}\\1\\d{3}");
  private static final Pattern AADHAAR_GROUPED = Pattern.compile("\\d{4}([ \\-])\\d{4}\\1\\d{4}");

  private static final ContextWords NINO_WORDS =
      ContextWords.words("national insurance", "nino", "ni number", "ni no", "ni nr", "insurance number").exact("NI");
  private static final ContextWords BSN_WORDS =
      ContextWords.words(
          "bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "sofi nummer", "sofi", "citizen service number");
  private static final ContextWords NIR_WORDS =
      ContextWords.words(
          "nir", "insee", "sécurité sociale", "securite sociale", "sécu", "secu", "carte vitale", "social security",
          "n° ss", "nss");
  private static final ContextWords ES_WORDS =
      ContextWords.words(
          "dni", "nie", "nif", "d.n.i", "n.i.e", "n.i.f", "documento nacional", "documento de identidad", "identidad",
          "extranjero", "tax id");
  private static final ContextWords SIN_WORDS =
      ContextWords.words("social insurance", "assurance sociale", "s.i.n").exact("SIN", "NAS");
  private static final ContextWords AADHAAR_WORDS = ContextWords.words("aadhaar", "aadhar", "adhaar", "uidai", "uid");
  private static final ContextWords STEUER_WORDS =
      ContextWords.words(
          "steuer-id", "steuerid", "steuer id", "steuer-idnr", "steueridentifikationsnummer", "identifikationsnummer",
          "idnr", "id-nr", "tin", "tax id", "steuernummer");

  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
  /** Lengths of digit runs some identifier has. */
  private static final long WANTED = bits(6, 7, 8, 9, 11, 12, 15);

  @Override
  public String name() {
    return "national_id";
  }

  /** Every id here has at least six digits: a text with fewer is not searched. */
  @Override
  public void find(TextFacts facts, List<Finding> out) {
    if (facts.digits() >= 6) {
      find(facts.text(), out);
    }
  }

  @Override
  public void find(String text, List<Finding> out) {
    int[] spans = runSpans(text);
    long runs = lengths(spans);
    if ((runs & WANTED) == 0) {
      return;
    }
    if (has(runs, 6) || has(runs, 7)) {
      findNino(text, spans, out);
    }
    if (has(runs, 7) || has(runs, 8)) {
      findNie(text, spans, out);
    }
    if (has(runs, 8) || has(runs, 9)) {
      findDni(text, spans, out);
    }
    if (has(runs, 9)) {
      findNine(text, spans, out);
    }
    if (has(runs, 11)) {
      findSteuerId(text, spans, out);
    }
    if (has(runs, 12)) {
      findAadhaar(text, spans, out);
    }
    if (has(runs, 15)) {
      findNir(text, spans, out);
    }
  }

  private void findNino(String text, int[] runs, List<Finding> out) {
    Matcher m = NINO.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 6, 7, 4, 3)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      if (ninoPrefix(m.group(1))) {
        add(out, m, context(text, m.start(), NINO_WORDS) ? CONTEXT : STRICT);
      }
    }
  }

  private void findNie(String text, int[] runs, List<Finding> out) {
    if (!letterBeforeDigit(text, "XYZ")) {
      return;
    }
    Matcher m = NIE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 7, 8, 3, 3)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      String number = "XYZ".indexOf(m.group(1).charAt(0)) + m.group(2);
      if (controlLetter(number) == m.group(3).charAt(0)) {
        add(out, m, context(text, m.start(), ES_WORDS) ? CONTEXT : STRICT);
      }
    }
  }

  private void findDni(String text, int[] runs, List<Finding> out) {
    Matcher m = DNI.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 8, 9, 1, 3)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      if (controlLetter(Prefilter.digitsOf(m.group(1))) == m.group(2).charAt(0)) {
        add(out, m, context(text, m.start(), ES_WORDS) ? CONTEXT : STRICT);
      }
    }
  }

  /** BSN and SIN: nine digits, each only next to its context words. */
  private void findNine(String text, int[] runs, List<Finding> out) {
    Matcher m = NINE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 9, 1, 1)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      String d = Prefilter.digitsOf(m.group());
      if (bsn(d) && context(text, m.start(), BSN_WORDS)) {
        add(out, m, CONTEXT);
      } else if (sin(d) && context(text, m.start(), SIN_WORDS)) {
        add(out, m, CONTEXT);
      }
    }
  }

  private void findSteuerId(String text, int[] runs, List<Finding> out) {
    Matcher m = ELEVEN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 11, 1, 1)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      if (!steuerId(Prefilter.digitsOf(m.group()))) {
        continue;
      }
      if (context(text, m.start(), STEUER_WORDS)) {
        add(out, m, CONTEXT);
      } else if (STEUER_GROUPED.matcher(m.group()).matches()) {
        add(out, m, GROUPED);
      }
    }
  }

  private void findAadhaar(String text, int[] runs, List<Finding> out) {
    Matcher m = TWELVE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 12, 1, 1)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      if (!verhoeff(Prefilter.digitsOf(m.group()))) {
        continue;
      }
      if (context(text, m.start(), AADHAAR_WORDS)) {
        add(out, m, CONTEXT);
      } else if (AADHAAR_GROUPED.matcher(m.group()).matches()) {
        add(out, m, GROUPED);
      }
    }
  }

  private void findNir(String text, int[] runs, List<Finding> out) {
    Matcher m = NIR.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    for (int[] region : regions(text, runs, 15, 1, 1)) {
      m.region(region[0], region[1]);
      if (!m.find()) {
        continue;
      }
      if (nir(m.group().replace(" ", "").replace(".", ""))) {
        add(out, m, context(text, m.start(), NIR_WORDS) ? CONTEXT : STRICT);
      }
    }
  }

  private void add(List<Finding> out, Matcher m, double score) {
    out.add(new Finding(EntityType.NATIONAL_ID, m.start(), m.end(), score, name()));
  }

  private static boolean context(String text, int start, ContextWords words) {
    return words.in(text, start - WINDOW, start);
  }

  /** HMRC's rules for the two prefix letters (the character classes of {@link #NINO} already refuse single letters). */
  static boolean ninoPrefix(String prefix) {
    return switch (prefix) {
      case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" -> false;
      default -> true;
    };
  }

  /** The Spanish control letter of a DNI number (an NIE's X/Y/Z already replaced by 0/1/2). */
  static char controlLetter(String digits) {
    return DNI_LETTERS.charAt((int) (Long.parseLong(digits) % 23));
  }

  /** The Dutch "11-proof": 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11), and not all zeros. */
  static boolean bsn(String d) {
    if (d.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (d.charAt(i) - '0');
    }
    sum -= d.charAt(8) - '0';
    return sum % 11 == 0 && !d.equals("000000000");
  }

  /** A Canadian SIN: Luhn, first digit not 0 (unassigned) or 8 (business numbers). */
  static boolean sin(String d) {
    return d.length() == 9 && d.charAt(0) != '0' && d.charAt(0) != '8' && PatternRecognizers.Card.luhn(d);
  }

  /** A French NIR of 15 characters without separators: shape, then key = 97 − (number mod 97). */
  static boolean nir(String s) {
    if (s.length() != 15) {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      char c = s.charAt(i);
      boolean corsica = i == 6 && s.charAt(5) == '2' && (c == 'A' || c == 'B');
      if (!(c >= '0' && c <= '9') && !corsica) {
        return false;
      }
    }
    int month = Integer.parseInt(s.substring(3, 5));
    boolean monthOk = (month >= 1 && month <= 12) || month == 20 || (month >= 30 && month <= 42) || month >= 50;
    String dept = s.substring(5, 7);
    if ("123478".indexOf(s.charAt(0)) < 0
        || !monthOk
        || dept.equals("00")
        || s.startsWith("000", 7)
        || s.startsWith("000", 10)) {
      return false;
    }
    String number = s.substring(0, 13);
    long n;
    if (dept.equals("2A")) {
      n = Long.parseLong(number.replace("2A", "19"));
    } else if (dept.equals("2B")) {
      n = Long.parseLong(number.replace("2B", "18"));
    } else {
      n = Long.parseLong(number);
    }
    return Integer.parseInt(s.substring(13)) == 97 - n % 97;
  }

  /** The Verhoeff check (Aadhaar's last digit), over the whole number including its check digit. */
  static boolean verhoeff(String d) {
    int c = 0;
    for (int i = 0; i < d.length(); i++) {
      int digit = d.charAt(d.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digit]];
    }
    return c == 0;
  }

  /**
   * A German Steuer-ID: no leading 0; in the first ten digits exactly one digit occurs twice or three times (three
   * not in a row) and every other at most once; the eleventh is the ISO 7064 MOD 11,10 check digit of the first ten.
   */
  static boolean steuerId(String d) {
    if (d.length() != 11 || d.charAt(0) == '0') {
      return false;
    }
    int[] counts = new int[10];
    for (int i = 0; i < 10; i++) {
      counts[d.charAt(i) - '0']++;
    }
    int repeated = 0;
    for (int count : counts) {
      if (count > 3) {
        return false;
      }
      if (count > 1) {
        repeated++;
      }
    }
    if (repeated != 1) {
      return false;
    }
    for (int i = 0; i + 2 < 10; i++) {
      if (d.charAt(i) == d.charAt(i + 1) && d.charAt(i) == d.charAt(i + 2)) {
        return false;
      }
    }
    int product = 10;
    for (int i = 0; i < 10; i++) {
      int sum = (d.charAt(i) - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = (sum * 2) % 11;
    }
    int check = 11 - product;
    if (check == 10) {
      check = 0;
    }
    return check == d.charAt(10) - '0';
  }

  /**
   * Bit n (n capped at 63) set when the text holds a maximal run of n digits joined by single spaces, dots or hyphens;
   * an A or B right after a 2 counts as a digit (Corsican départements in a NIR).
   */
  /** Whether one of {@code letters} stands right before a digit (or before a space or dash and a digit). */
  static boolean letterBeforeDigit(String text, String letters) {
    for (int i = 0; i + 1 < text.length(); i++) {
      if (letters.indexOf(text.charAt(i)) >= 0) {
        char next = text.charAt(i + 1);
        if ((next >= '0' && next <= '9')
            || ((next == ' ' || next == '-') && i + 2 < text.length() && Character.isDigit(text.charAt(i + 2)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * [from, to) regions around the runs of exactly {@code length} digits, widened by {@code before} and
   * {@code after} characters (letters of a NINO prefix, a control letter): each pattern searches only these.
   */
  private static List<int[]> regions(String text, int[] runs, int length, int before, int after) {
    return regions(text, runs, length, length, before, after);
  }

  /**
   * Runs of {@code min} to {@code max} digits: a trailing A or B after a 2 counts as a digit (Corsica's 2A/2B in a
   * NIR), so a NIE or NINO ending in "2A" reads one longer.
   */
  private static List<int[]> regions(String text, int[] runs, int min, int max, int before, int after) {
    List<int[]> out = new java.util.ArrayList<>(2);
    for (int r = 0; r < runs.length; r += 3) {
      if (runs[r + 2] >= min && runs[r + 2] <= max) {
        out.add(new int[] {Math.max(0, runs[r] - before), Math.min(text.length(), runs[r + 1] + after)});
      }
    }
    return out;
  }

  /**
   * The digit runs of {@code text}, as start, end, length triples: digits joined by single separators (space, dot,
   * dash), an A or B after a 2 counting as a digit (Corsica's 2A/2B).
   */
  static int[] runSpans(String text) {
    int[] out = new int[12];
    int k = 0;
    int n = 0;
    int start = -1;
    int len = text.length();
    for (int i = 0; i <= len; i++) {
      char c = i < len ? text.charAt(i) : ' ';
      boolean more = i < len;
      if (more && ((c >= '0' && c <= '9') || (n > 0 && (c == 'A' || c == 'B') && text.charAt(i - 1) == '2'))) {
        if (n == 0) {
          start = i;
        }
        n++;
      } else if (more && n > 0 && (c == ' ' || c == '.' || c == '-') && i + 1 < len && isDigit(text.charAt(i + 1))) {
        // the run goes on after one separator
      } else if (n > 0) {
        if (k + 3 > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[k++] = start;
        out[k++] = i;
        out[k++] = n;
        n = 0;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** The set of run lengths in {@code text}, as a bit mask (bit n: a run of n digits; 63 and longer share bit 63). */
  static long runLengths(String text) {
    return lengths(runSpans(text));
  }

  private static long lengths(int[] spans) {
    long mask = 0;
    for (int r = 0; r < spans.length; r += 3) {
      mask |= 1L << Math.min(spans[r + 2], 63);
    }
    return mask;
  }


  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean has(long mask, int n) {
    return (mask & (1L << n)) != 0;
  }

  private static long bits(int... ns) {
    long m = 0;
    for (int n : ns) {
      m |= 1L << n;
    }
    return m;
  }

  private static final int[][] VERHOEFF_D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };
  private static final int[][] VERHOEFF_P = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
  };
}
