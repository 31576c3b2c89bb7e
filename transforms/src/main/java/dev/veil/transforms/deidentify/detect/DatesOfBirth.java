package dev.veil.transforms.deidentify.detect;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date of birth: a full date next to a context word. The words are born, DOB, D.O.B., date of birth, birth date,
 * birthdate, birthday, geboren, geb., Geburtsdatum, Geburtstag, né le, née le, né(e) le, date de naissance, fecha de
 * nacimiento, nacido el, nacida el. The date may follow the word within {@value #AFTER} characters on the same line
 * ("born on 3 March 1987", "DOB: 1987-03-05") or come right before it ("1987-03-05 (DOB)"). The finding is the date.
 *
 * <p>Dates: {@code 1987-03-05} (also with / or .), {@code 05/03/1987}, {@code 03.05.1987}, {@code 5-3-1987} (day and
 * month either way round; one reading must be a real date), {@code 3 March 1987}, {@code 3rd of March 1987}, {@code
 * 5. März 1987}, {@code 5 mars 1987}, {@code 5 de marzo de 1987}, {@code March 3, 1987}, {@code Mar 3rd 1987}. Years
 * 1900–2099 with four digits; the day must exist in its month (no 31 April, 29 February only in leap years).
 * Timestamps ({@code 1987-03-05T10:00}, {@code 1987-03-05 10:00}) are no dates of birth, and a date without a
 * context word (a meeting, a release, a log line) is no finding at all.
 *
 * <p>Pre-filter: at least four digits, then the context words, searched without lower-casing the text; the date
 * pattern runs only in the short windows around them.
 */
public final class DatesOfBirth implements Recognizer {
  /** Most characters between the end of a context word and the date after it. */
  static final int AFTER = 30;
  /** Longest date the pattern can match ("30 de septiembre de 1987", with room). */
  private static final int LONGEST_DATE = 32;

  private static final ContextWords CONTEXT =
      ContextWords.words(
          "born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "geboren", "geb.",
          "geburtsdatum", "geburtstag", "né le", "née le", "né(e) le", "date de naissance", "fecha de nacimiento",
          "nacido el", "nacida el");

  private static final Map<String, Integer> MONTHS = months();
  private static final String MONTH_NAMES = monthAlternation();
  private static final Pattern DATE =
      Pattern.compile(
          "(?<![\\w.\\-/])(?:"
              + "(?<iy>\\d{4})(?<is>[-/.])(?<im>\\d{1,2})\\k<is>(?<id>\\d{1,2})"
              + "|(?<na>\\d{1,2})(?<ns>[-/.])(?<nb>\\d{1,2})\\k<ns>(?<ny>\\d{4})"
              + "|(?<td>\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s*(?:of\\s+|de\\s+)?(?<tm>" + MONTH_NAMES + ")\\.?,?\\s+"
              + "(?:de\\s+)?(?<ty>\\d{4})"
              + "|(?<mm>" + MONTH_NAMES + ")\\.?\\s+(?<md>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<my>\\d{4})"
              + ")(?![\\w]|[-/.]\\d|T\\d|\\s\\d{1,2}:\\d{2})",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** What may stand between a date and the context word after it: "1987-03-05 (DOB)", "05/03/1987 - born". */
  private static final Pattern GAP_BEFORE_WORD = Pattern.compile("[\\s(\\[,;:\\-–]{0,4}");

  /** The context words, as triggers: a text holding none of them is not searched. */
  private static final List<Trigger> TRIGGERS =
      java.util.stream.Stream.of(
              "born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "geboren", "geb.",
              "geburtsdatum", "geburtstag", "né le", "née le", "né(e) le", "date de naissance", "fecha de nacimiento",
              "nacido el", "nacida el")
          .map(Trigger::part)
          .toList();

  @Override
  public String name() {
    return "date_of_birth";
  }

  @Override
  public List<Trigger> triggers() {
    return TRIGGERS;
  }

  @Override
  public void find(String text, List<Finding> out) {
    if (Prefilter.digits(text, 4) < 4) {
      return;
    }
    int len = text.length();
    List<int[]> found = null;
    Matcher m = null;
    for (ContextWords.Hit hit = CONTEXT.find(text, 0, len); hit != null; hit = CONTEXT.find(text, hit.end(), len)) {
      if (m == null) {
        m = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        found = new ArrayList<>();
      }
      // after the word, on the same line
      m.region(hit.end(), Math.min(len, hit.end() + AFTER + LONGEST_DATE));
      if (m.find() && m.start() - hit.end() <= AFTER && noNewline(text, hit.end(), m.start()) && valid(m)) {
        add(out, found, m.start(), m.end());
      }
      // right before the word
      m.region(Math.max(0, hit.start() - 4 - LONGEST_DATE), hit.start());
      int start = -1;
      int end = -1;
      while (m.find()) {
        if (GAP_BEFORE_WORD.matcher(text.substring(m.end(), hit.start())).matches() && valid(m)) {
          start = m.start();
          end = m.end();
        }
      }
      if (start >= 0) {
        add(out, found, start, end);
      }
    }
  }

  private void add(List<Finding> out, List<int[]> found, int start, int end) {
    for (int[] f : found) {
      if (f[0] == start) {
        return;
      }
    }
    found.add(new int[] {start, end});
    out.add(new Finding(EntityType.DATE_OF_BIRTH, start, end, 1.0, name()));
  }

  private static boolean noNewline(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        return false;
      }
    }
    return true;
  }

  /** Whether the matched date exists and its year is plausible for a birth. */
  static boolean valid(Matcher m) {
    if (m.group("iy") != null) {
      return real(num(m, "iy"), num(m, "im"), num(m, "id"));
    }
    if (m.group("ny") != null) {
      int a = num(m, "na");
      int b = num(m, "nb");
      int y = num(m, "ny");
      return real(y, b, a) || real(y, a, b);
    }
    if (m.group("ty") != null) {
      return real(num(m, "ty"), month(m.group("tm")), num(m, "td"));
    }
    return real(num(m, "my"), month(m.group("mm")), num(m, "md"));
  }

  private static boolean real(int year, int month, int day) {
    return year >= 1900
        && year <= 2099
        && month >= 1
        && month <= 12
        && day >= 1
        && YearMonth.of(year, month).isValidDay(day);
  }

  private static int num(Matcher m, String group) {
    return Integer.parseInt(m.group(group));
  }

  private static int month(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return MONTHS.getOrDefault(key, 0);
  }

  /** Month names and abbreviations in English, German, French and Spanish (lower case) and their numbers. */
  private static Map<String, Integer> months() {
    String[][] names = {
      {"january", "jan", "januar", "jänner", "janvier", "enero", "ene"},
      {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero"},
      {"march", "mar", "märz", "maerz", "mars", "marzo"},
      {"april", "apr", "avril", "abril", "abr"},
      {"may", "mai", "mayo"},
      {"june", "jun", "juni", "juin", "junio"},
      {"july", "jul", "juli", "juillet", "juil", "julio"},
      {"august", "aug", "août", "aout", "agosto", "ago"},
      {"september", "sep", "sept", "septembre", "septiembre", "setiembre"},
      {"october", "oct", "oktober", "okt", "octobre", "octubre"},
      {"november", "nov", "novembre", "noviembre"},
      {"december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dic"}
    };
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String n : names[i]) {
        m.put(n, i + 1);
      }
    }
    return Map.copyOf(m);
  }

  /** The month names as a regex alternation, longest first so that "march" is tried before "mar". */
  private static String monthAlternation() {
    return MONTHS.keySet().stream()
        .sorted(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(s -> s))
        .map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b)
        .orElseThrow();
  }
}
