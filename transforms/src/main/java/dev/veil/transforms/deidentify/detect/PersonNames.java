package dev.veil.transforms.deidentify.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * Names of people the identity directory does not know (customers, outsiders, people mentioned in tickets and mail),
 * found in English workplace text by context and capitalization, with word lists shipped in the jar.
 *
 * <p>One pass splits the text into whitespace-separated chunks and keeps, for each, where its word is and what
 * surrounds it; only capitalized words are then looked up, in one table that folds case and diacritics without
 * allocating. Signals and scores:
 *
 * <ul>
 *   <li>an honorific (Mr, Ms, Dr, Prof…) before a capitalized word: 0.95, listed name or not;
 *   <li>a listed given name followed by capitalized surname-shaped words (O'Neil, McDonald, Nguyen-Tran, van der
 *       Berg, a middle initial): 0.9, 0.95 with a context below (0.85 when the given name is also an ordinary word:
 *       Will Ashcombe);
 *   <li>a strong context before a name: a greeting (Hi, Dear, thanks), a verb or role aimed at a person (cc, ask,
 *       ping, my manager, spoke with, talked to, loop in), a mail header (From:, To:) or a label (Assignee:), a
 *       signature (a dash or a sign-off line before a name that ends its line), or an earlier name of the same list
 *       (cc Maria, Kevin and Xiomara): 0.9 for listed names, 0.85 for others; roles and verbs that also take companies
 *       (customer, client, per, called, emailed, by, assigned to) count for listed names, or for an unlisted name
 *       with a surname (0.85);
 *   <li>a lone listed given name inside a sentence: 0.7 (0.75 as a possessive); at the start of a sentence only when
 *       a comma, a possessive or a verb (said, will, is, and…) shows it is one; an unlisted name before a verb only
 *       people do (mentioned, thinks, told) or "and I": 0.7–0.75.
 * </ul>
 *
 * <p>Not names: words in {@code not-names.txt} (weekdays, months, products, tools, companies, sentence starters);
 * names that are ordinary words ({@code ambiguous-names.txt}: Will, May, Mark…) without a surname or a strong context,
 * and ordinary words ({@code common-words.txt}) as their surname or as an unlisted name after a greeting (Grace Period,
 * Hello World); a name before a number (May 5, Gemma 2) or a thing (Charlotte office, Hugo build), after a place word
 * (San Jose, Monte Carlo, Apache James) or an article; ALL-CAPS and CamelCase words, words with digits, and anything
 * in a chunk that holds code, a path, a URL, an e-mail address or a pseudonym token ({@code person_…}), or inside
 * backticks. Stateless and thread-safe.
 */
public final class PersonNames implements Recognizer {
  // Classes of words in the lookup table (bit flags; a word can have several).
  static final int GIVEN = 1;
  static final int AMBIGUOUS = 1 << 1;
  static final int STOP = 1 << 2;
  static final int HONORIFIC = 1 << 3;
  static final int GREETING = 1 << 4;
  /** A verb or role aimed at a person: any capitalized word after it is a name. */
  static final int ASK = 1 << 5;
  /** A role or verb that also takes companies: listed names after it, or unlisted ones with a surname. */
  static final int ROLE = 1 << 6;
  /** Takes a preposition before the name: spoke with, talked to, thank you. */
  static final int PAIR_STRONG = 1 << 7;
  static final int PAIR_ROLE = 1 << 8;
  static final int PREP = 1 << 9;
  /** A verb that shows a sentence-initial name is one: Maria said, Maria will. */
  static final int FOLLOW = 1 << 10;
  /** A word after which the capitalized word before is a place, team or thing: Charlotte office, Hugo build. */
  static final int THING = 1 << 11;
  static final int PARTICLE = 1 << 12;
  static final int ARTICLE = 1 << 13;
  static final int SIGN_OFF = 1 << 14;
  static final int MAIL_HEADER = 1 << 15;
  static final int LABEL = 1 << 16;
  static final int PLACE = 1 << 17;
  /** An abbreviation whose dot does not end the sentence. */
  static final int ABBREVIATION = 1 << 18;
  /** A Japanese or Korean honorific suffix: Tanaka-san. */
  static final int SUFFIX = 1 << 19;
  /** with, to, you: the prepositions of spoke with, talked to, thank you. */
  static final int PREP_WITH = 1 << 20;
  /** An ordinary word: no surname after an ambiguous name (Grace Period), no name alone after a greeting (Hello World). */
  static final int COMMON = 1 << 21;
  /** A verb only people do, after a name: thinks, mentioned, asked, told. */
  static final int PERSON_VERB = 1 << 22;
  /** in: a person after it only in loop in, bring in, pull in. */
  static final int PREP_IN = 1 << 23;
  static final int LOOP = 1 << 24;
  /** at, near, around…: a lone name after it is more often a place (meeting in Sofia) unless possessive. */
  static final int AT = 1 << 25;

  @Override
  public String name() {
    return "names";
  }

  @Override
  public void find(String text, List<Finding> out) {
    if (mayHoldName(text)) {
      findAll(text, out);
    }
  }

  /** {@link #find} without the {@link #mayHoldName} pre-check (which must never change the answer). */
  void findAll(String text, List<Finding> out) {
    Tokens t = Tokens.of(text);
    if (t == null) {
      return;
    }
    Last last = new Last();
    for (int i = 0; i < t.n; i++) {
      if ((t.flags[i] & Tokens.CAP) != 0) {
        i = candidate(text, t, i, last, out);
      }
    }
  }

  /**
   * Whether a name can be found at all: every finding starts at a capitalized word that is an honorific, or neither a
   * word on the stop list nor an ordinary word or place that is no given name ({@link #candidate} skips those). So a
   * text whose capitalized words are all such words (most one-sentence chat messages: "The build failed", "Question
   * for the thread", "I'm on call today, back on Friday") holds none, and is not tokenized. Capitals the word lists
   * cannot judge alone (inside a word, before a hyphen or apostrophe, after punctuation) let the tokenizer decide.
   */
  static boolean mayHoldName(String text) {
    int len = text.length();
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 128 && Character.isUpperCase(c)))) {
        continue;
      }
      if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        return true; // an inner capital (McDonald, CamelCase)
      }
      int end = i + 1;
      while (end < len && Tokens.isLetter(text.charAt(end))) {
        end++;
      }
      char after = end < len ? text.charAt(end) : ' ';
      if (after == '-' || after == '\'' || after == '\u2019') {
        if (end == i + 1 && c == 'I' && after != '-') {
          continue; // I'm, I'll, I've, I'd: never a name (nor is the tokenizer's word "I'm" name-shaped)
        }
        return true; // hyphenated or possessive
      }
      if (after >= '0' && after <= '9') {
        i = end;
        continue; // Winter2024: letters then digits are no word to the tokenizer
      }
      if (end - i < 2 || !Tokens.nameShaped(text, i, end)) {
        i = end - 1;
        continue; // I, J., ETL, NASA: no name-shaped word, so never where a name starts
      }
      if (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
        return true; // after punctuation ("(Dana", "@Dana", "—Dana"): context the tokenizer reads
      }
      int w = WORDS.get(text, i, end);
      if ((w & HONORIFIC) != 0 || !((w & STOP) != 0 || ((w & GIVEN) == 0 && (w & (COMMON | PLACE)) != 0))) {
        return true;
      }
      i = end - 1;
    }
    return false;
  }

  /** Where the last name found ended (a token index) and the context that found it, for lists: cc Maria and Kevin. */
  private static final class Last {
    int end = -2;
    int ctx;
  }

  // Contexts before a capitalized word.
  private static final int NONE = 0;
  private static final int STRONG = 1;
  private static final int GREET = 2;
  private static final int KNOWN = 3;
  private static final int HEADER = 4;
  private static final int LABELED = 5;
  private static final int SIGNATURE = 6;
  private static final int SIGNOFF = 7;
  private static final int NOT_A_PERSON = 8;
  private static final int PLACED = 9;
  private static final int LOCATED = 10;

  /** Decides on the capitalized word {@code i}; returns the last token it consumed. */
  private static int candidate(String s, Tokens t, int i, Last last, List<Finding> out) {
    int f = t.flags[i];
    int w = lookup(s, t, i);
    if ((w & HONORIFIC) != 0) {
      return honorific(s, t, i, out);
    }
    if ((w & STOP) != 0) {
      return i;
    }
    if ((f & Tokens.SUFFIXED) != 0) {
      out.add(new Finding(EntityType.PERSON, t.start[i], t.end[i], 0.9, "names"));
      return i;
    }
    boolean given = (w & GIVEN) != 0;
    boolean ambiguous = (w & AMBIGUOUS) != 0;
    if (!given && (w & (COMMON | PLACE)) != 0) {
      return i; // Hello World, Thanks Team, San Jose
    }
    int end = extend(s, t, i, !given || ambiguous);
    boolean surname = end > i;
    int ctx = context(s, t, i);
    if (ctx == PLACED) {
      return end; // San Jose, St. Louis, Monte Carlo
    }
    if (ctx == NONE && last.ctx != NONE && inList(s, t, last.end, i)) {
      ctx = last.ctx; // cc Maria, Kevin and Xiomara
    }
    int next = end + 1 < t.n && (t.flags[end + 1] & Tokens.LINE) == 0 ? end + 1 : -1;
    boolean endOfLine = end + 1 >= t.n || (t.flags[end + 1] & Tokens.LINE) != 0;
    char trail = t.trail[end];
    boolean tightNext = next >= 0 && trail == 0 && (t.flags[next] & Tokens.LEAD) == 0;
    if (tightNext && (t.flags[next] & Tokens.WORD) != 0 && (lookup(s, t, next) & THING) != 0) {
      return end; // Charlotte office, Hugo build, Acme Labs
    }
    if (!surname && tightNext && (t.flags[next] & Tokens.DIGIT) != 0) {
      return end; // May 5, Jan 2024, Gemma 2
    }
    if (ctx == SIGNATURE || ctx == SIGNOFF) {
      if (!endOfLine) {
        ctx = NONE;
      }
    }
    boolean signal = ctx != NONE && ctx != NOT_A_PERSON && ctx != LOCATED; // a context that points at a person
    double score = 0;
    if (given && !ambiguous) {
      if (surname) {
        score = signal ? 0.95 : 0.9;
      } else if (ctx == KNOWN) {
        score = 0.85;
      } else if (signal) {
        score = 0.9;
      } else if (ctx == NONE) {
        score = lone(s, t, i, next, tightNext);
      } else if (ctx == LOCATED && (f & Tokens.POSSESSIVE) != 0) {
        score = 0.75; // at Maria's desk
      }
    } else if (given) {
      if ((surname && (signal || !titleCase(t, i, end))) || (signal && ctx != KNOWN)) {
        score = 0.85; // Will Ashcombe; ask Will; not Checkout Page Freezes On Submit
      }
    } else if (surname && signal) {
      score = 0.85;
    } else if (ctx == NONE) {
      score = actsLikePerson(s, t, end, next, tightNext);
    } else if (ctx == STRONG || ctx == LABELED || ctx == SIGNATURE || ctx == SIGNOFF) {
      score = 0.85;
    } else if (ctx == GREET) {
      boolean closes = endOfLine || (trail != 0 && ",!.:;?".indexOf(trail) >= 0)
          || (tightNext && (isWord(s, t, next, "and") || isWord(s, t, next, "for")));
      score = closes ? 0.85 : 0;
    }
    if (score == 0 && (surname || given) && ctx != NOT_A_PERSON && (mailboxFollows(s, t.end[end]) || bornFollows(s, t.end[end]))) {
      score = 0.9; // "Cosmo Wikström <cosmo@…>" (a mail display name), "Wiremu Asante was born …"
    }
    if (score == 0) {
      return i;
    }
    int start = i;
    if (ctx == NONE && given && !surname) {
      start = before(s, t, i);
    }
    out.add(new Finding(EntityType.PERSON, t.start[start], t.end[end], score, "names"));
    last.end = end;
    last.ctx = signal ? ctx : NONE;
    return end;
  }

  /** Whether an address in angle brackets follows: the display name of a mailbox. */
  static boolean mailboxFollows(String s, int end) {
    int k = end;
    while (k < s.length() && s.charAt(k) == ' ') {
      k++;
    }
    if (k >= s.length() || s.charAt(k) != '<') {
      return false;
    }
    int close = s.indexOf('>', k);
    int at = s.indexOf('@', k);
    return close > 0 && at > k && at < close && close - k < 256;
  }

  /** Whether "was born" / "is born" follows: only people are. */
  static boolean bornFollows(String s, int end) {
    return s.startsWith(" was born", end) || s.startsWith(" is born", end) || s.startsWith(" were born", end);
  }

  /** Whether token {@code i} follows the name ending at {@code prev} in a list: "Maria, Kevin", "Maria and Kevin". */
  private static boolean inList(String s, Tokens t, int prev, int i) {
    if (prev < 0 || (t.flags[i] & (Tokens.LINE | Tokens.LEAD)) != 0) {
      return false;
    }
    if (prev == i - 1) {
      return t.trail[prev] == ',' && t.trailLen[prev] == 1;
    }
    int p = i - 1;
    return prev == i - 2 && (t.trail[prev] == 0 || t.trail[prev] == ',') && t.trail[p] == 0
        && (t.flags[p] & Tokens.LINE) == 0 && (isWord(s, t, p, "and") || isWord(s, t, p, "or") || isWord(s, t, p, "&"));
  }

  /** Whether the words from {@code i} to {@code end} stand among other capitalized words: a Title Case heading. */
  private static boolean titleCase(Tokens t, int i, int end) {
    boolean before = i > 0 && (t.flags[i] & (Tokens.LINE | Tokens.LEAD)) == 0 && t.trail[i - 1] == 0
        && (t.flags[i - 1] & Tokens.CAP) != 0;
    boolean after = end + 1 < t.n && (t.flags[end + 1] & (Tokens.LINE | Tokens.LEAD)) == 0 && t.trail[end] == 0
        && (t.flags[end + 1] & Tokens.CAP) != 0;
    return before || after;
  }

  /** A listed given name with no context and no surname: medium inside a sentence, at its start only with a sign. */
  private static double lone(String s, Tokens t, int i, int next, boolean tightNext) {
    int f = t.flags[i];
    if ((f & Tokens.POSSESSIVE) != 0) {
      return 0.75;
    }
    if ((f & Tokens.SENTENCE) == 0) {
      return 0.7;
    }
    char trail = t.trail[i];
    if (trail == ',' || trail == '?' || trail == '!' || trail == ':') {
      return 0.75; // Maria, can you…   Maria: done
    }
    if (tightNext && (t.flags[next] & Tokens.LOWER) != 0
        && ((lookup(s, t, next) & FOLLOW) != 0 || verbLike(s, t.start[next], t.end[next]))) {
      return 0.7; // Maria said…, Maria restarted…
    }
    return 0;
  }

  /** A lower-case word in the past tense after a name (restarted, deployed); not a plural, which may be a noun. */
  private static boolean verbLike(String s, int start, int end) {
    return end - start >= 4 && s.charAt(end - 1) == 'd' && s.charAt(end - 2) == 'e';
  }

  /** After an unlisted name: a verb only people do (Benedikte mentioned…), or "and I" / "and me". */
  private static double actsLikePerson(String s, Tokens t, int i, int next, boolean tightNext) {
    if (!tightNext || (t.flags[next] & Tokens.LOWER) == 0 || endsWith(s, t.end[i], "ly")) {
      return 0; // Frequently asked
    }
    if ((lookup(s, t, next) & PERSON_VERB) != 0) {
      return 0.7;
    }
    int k = next + 1;
    if (t.trail[next] == 0 && k < t.n && isWord(s, t, next, "and") && (t.flags[k] & (Tokens.LINE | Tokens.LEAD)) == 0
        && (isWord(s, t, k, "I") || isWord(s, t, k, "me"))) {
      return 0.75;
    }
    return 0;
  }

  /** A capitalized unlisted word just before a lone given name inside a sentence is its other half: Nakamura Yuki. */
  private static int before(String s, Tokens t, int i) {
    int p = i - 1;
    if (p < 0 || (t.flags[i] & (Tokens.LEAD | Tokens.LINE)) != 0) {
      return i;
    }
    int fp = t.flags[p];
    if ((fp & Tokens.CAP) == 0 || (fp & (Tokens.POSSESSIVE | Tokens.SUFFIXED)) != 0 || t.trail[p] != 0) {
      return i;
    }
    if ((fp & Tokens.SENTENCE) != 0 && (endsWith(s, t.end[p], "ing") || endsWith(s, t.end[p], "ed"))) {
      return i; // Forwarding Maria's note, Congratulated Maria
    }
    return lookup(s, t, p) == 0 ? p : i; // an unlisted word, in no class at all
  }

  private static int honorific(String s, Tokens t, int i, List<Finding> out) {
    char trail = t.trail[i];
    int j = i + 1;
    if ((trail != 0 && trail != '.') || (t.flags[i] & Tokens.POSSESSIVE) != 0 || j >= t.n) {
      return i;
    }
    int fj = t.flags[j];
    // Ms. van der Merwe, Dr. de la Cruz: particles before the capitalized family name.
    int first = j;
    while (j + 1 < t.n && (fj & Tokens.CAP) == 0 && (lookup(s, t, j) & PARTICLE) != 0
        && (t.flags[j + 1] & (Tokens.LEAD | Tokens.LINE)) == 0) {
      j++;
      fj = t.flags[j];
    }
    if ((fj & (Tokens.LEAD | Tokens.LINE)) != 0 || (fj & Tokens.CAP) == 0 || (lookup(s, t, j) & STOP) != 0) {
      return i;
    }
    int end = (fj & Tokens.SUFFIXED) != 0 ? j : extend(s, t, j, false);
    out.add(new Finding(EntityType.PERSON, t.start[first], t.end[end], 0.95, "names"));
    return end;
  }

  /**
   * The last token of the name that starts at {@code i}: surname-shaped words, particles before one, initials. When
   * {@code strict} (the first word is an ordinary word too, or unlisted), an ordinary word ends the name.
   */
  private static int extend(String s, Tokens t, int i, boolean strict) {
    int last = i;
    int j = i;
    int words = 1;
    int particles = 0;
    while (words < 6 && joins(t, j)) {
      int k = j + 1;
      if (k >= t.n || (t.flags[k] & (Tokens.LEAD | Tokens.LINE)) != 0) {
        break;
      }
      int fk = t.flags[k];
      if ((fk & Tokens.CAP) != 0) {
        if ((lookup(s, t, k) & (strict ? STOP | HONORIFIC | COMMON : STOP | HONORIFIC)) != 0) {
          break;
        }
        last = j = k;
        words++;
        particles = 0;
      } else if ((fk & Tokens.PREFIXED) != 0) {
        last = j = k; // al-Hassan
        words++;
        particles = 0;
      } else if ((fk & Tokens.INITIAL) != 0 && particles == 0) {
        j = k;
      } else if ((fk & Tokens.LOWER) != 0 && particles < 2 && (lookup(s, t, k) & PARTICLE) != 0) {
        j = k; // van der Berg: counts only if a capitalized word follows
        particles++;
      } else {
        break;
      }
    }
    return last;
  }

  /** Whether a name may go on after token {@code j}: nothing between, or the dot of an initial. */
  private static boolean joins(Tokens t, int j) {
    int f = t.flags[j];
    if ((f & (Tokens.POSSESSIVE | Tokens.SUFFIXED)) != 0) {
      return false;
    }
    return t.trail[j] == 0 || ((f & Tokens.INITIAL) != 0 && t.trail[j] == '.' && t.trailLen[j] == 1);
  }

  /** What stands before the capitalized word {@code i}. */
  private static int context(String s, Tokens t, int i) {
    int f = t.flags[i];
    if ((f & Tokens.HEADER) != 0) {
      return HEADER;
    }
    if ((f & Tokens.LABEL) != 0) {
      return LABELED;
    }
    if ((f & Tokens.DASH) != 0) {
      return signs(s, t, i) ? SIGNATURE : NONE; // —Maria
    }
    int p = i - 1;
    if (p < 0) {
      return NONE;
    }
    int fp = t.flags[p];
    if ((fp & Tokens.DASH) != 0 && (fp & Tokens.WORD) == 0) {
      return signs(s, t, p) ? SIGNATURE : NONE; // — Maria, or "-- " on the line before
    }
    if ((f & Tokens.LEAD) != 0 || (fp & Tokens.WORD) == 0) {
      return NONE;
    }
    char tr = t.trail[p];
    int wp = lookup(s, t, p);
    if ((f & Tokens.LINE) != 0) {
      return (wp & SIGN_OFF) != 0 && tr == ',' && t.trailLen[p] == 1 ? SIGNOFF : NONE;
    }
    boolean bare = tr == 0 && (fp & Tokens.POSSESSIVE) == 0;
    boolean colon = tr == ':' && t.trailLen[p] == 1;
    if ((wp & GREETING) != 0 && (bare || (tr == ',' && t.trailLen[p] == 1))) {
      return GREET;
    }
    if ((wp & MAIL_HEADER) != 0 && colon) {
      return HEADER;
    }
    if ((wp & LABEL) != 0 && colon) {
      return LABELED;
    }
    if ((wp & ASK) != 0 && (bare || colon)) {
      return STRONG;
    }
    if ((wp & ROLE) != 0 && (bare || colon)) {
      return KNOWN;
    }
    if ((wp & (PREP | PREP_WITH | PREP_IN)) != 0 && bare && p > 0) {
      int q = p - 1;
      if ((t.flags[q] & Tokens.WORD) != 0 && t.trail[q] == 0 && (t.flags[p] & (Tokens.LEAD | Tokens.LINE)) == 0) {
        int wq = lookup(s, t, q);
        if ((wp & PREP_IN) != 0) {
          if ((wq & LOOP) != 0) {
            return STRONG; // loop in Maria; not meeting in Sofia
          }
        } else if ((wq & PAIR_STRONG) != 0 && (wp & PREP_WITH) != 0) {
          return STRONG;
        } else if ((wq & PAIR_ROLE) != 0) {
          return KNOWN;
        }
      }
    }
    if ((wp & PLACE) != 0 && (bare || tr == '.')) {
      return PLACED;
    }
    if ((wp & ARTICLE) != 0 && bare) {
      return NOT_A_PERSON;
    }
    if ((wp & AT) != 0 && bare) {
      return LOCATED;
    }
    return NONE;
  }

  /** Whether the dash at token {@code d} opens a signature: at a line's start, or after a sentence or a sign-off. */
  private static boolean signs(String s, Tokens t, int d) {
    if ((t.flags[d] & Tokens.LINE) != 0 || d == 0) {
      return true;
    }
    int q = d - 1;
    if ((t.flags[q] & Tokens.WORD) == 0) {
      return Tokens.endsSentence(s, t.start[q], t.end[q]);
    }
    char tr = t.trail[q];
    return tr == '.' || tr == '!' || tr == ',' || (lookup(s, t, q) & SIGN_OFF) != 0;
  }

  private static boolean endsWith(String s, int end, String suffix) {
    return end >= suffix.length() && s.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
  }

  private static boolean isWord(String s, Tokens t, int k, String word) {
    return t.end[k] - t.start[k] == word.length() && s.regionMatches(true, t.start[k], word, 0, word.length());
  }

  /** The table's classes for token {@code k}. */
  private static int lookup(String s, Tokens t, int k) {
    return (t.flags[k] & Tokens.HYPHEN) == 0 ? WORDS.get(s, t.start[k], t.end[k]) : hyphenated(s, t.start[k], t.end[k]);
  }

  /**
   * A hyphenated word's classes: its own, or a given name's when all its parts are given names (Jean-Luc), or when
   * the first is and the others are short lower-case syllables (Eun-ji, Hye-jin).
   */
  static int hyphenated(String s, int start, int end) {
    int w = WORDS.get(s, start, end);
    if (w != 0) {
      return w;
    }
    int from = start;
    boolean anyAmbiguous = false;
    for (int x = from; x <= end; x++) {
      if (x == end || s.charAt(x) == '-') {
        int part = WORDS.get(s, from, x);
        boolean syllable = from > start && x - from >= 2 && x - from <= 4 && Character.isLowerCase(s.charAt(from));
        if ((part & GIVEN) == 0 && !syllable) {
          return 0;
        }
        anyAmbiguous |= (part & AMBIGUOUS) != 0;
        from = x + 1;
      }
    }
    return anyAmbiguous ? GIVEN | AMBIGUOUS : GIVEN;
  }

  /**
   * The chunks of a text (runs of non-space characters), each reduced to the word it holds, if it holds exactly one:
   * letters with inner apostrophes and hyphens, between leading and trailing punctuation. Chunks with anything else
   * (digits, @, /, _, dots inside, brackets inside) are code, paths, addresses or tokens, never names.
   */
  static final class Tokens {
    static final int WORD = 1;
    /** Name-shaped: an upper-case letter, then lower case (inner capitals only as in McDonald, O'Neil, Nguyen-Tran). */
    static final int CAP = 1 << 1;
    static final int LOWER = 1 << 2;
    static final int SENTENCE = 1 << 3;
    static final int LINE = 1 << 4;
    static final int LEAD = 1 << 5;
    static final int POSSESSIVE = 1 << 6;
    static final int INITIAL = 1 << 7;
    static final int DASH = 1 << 8;
    static final int HEADER = 1 << 9;
    static final int LABEL = 1 << 10;
    static final int DIGIT = 1 << 11;
    static final int HYPHEN = 1 << 12;
    /** A lower-case particle joined to a surname: al-Hassan, el-Amin. */
    static final int PREFIXED = 1 << 13;
    /** A name with a Japanese or Korean honorific suffix, which the word excludes: Tanaka-san. */
    static final int SUFFIXED = 1 << 14;

    int n;
    int[] start;
    int[] end;
    int[] flags;
    char[] trail;
    byte[] trailLen;

    private Tokens(int capacity) {
      start = new int[capacity];
      end = new int[capacity];
      flags = new int[capacity];
      trail = new char[capacity];
      trailLen = new byte[capacity];
    }

    private void add(int s, int e, int f, char tr, int trLen) {
      if (n == start.length) {
        int c = n * 2;
        start = java.util.Arrays.copyOf(start, c);
        end = java.util.Arrays.copyOf(end, c);
        flags = java.util.Arrays.copyOf(flags, c);
        trail = java.util.Arrays.copyOf(trail, c);
        trailLen = java.util.Arrays.copyOf(trailLen, c);
      }
      start[n] = s;
      end[n] = e;
      flags[n] = f;
      trail[n] = tr;
      trailLen[n] = (byte) Math.min(trLen, 100);
      n++;
    }

    /** The text's tokens, or null when it has no capitalized word at all. */
    static Tokens of(String s) {
      int len = s.length();
      Tokens t = new Tokens(Math.max(8, Math.min(len / 5 + 2, 4096)));
      boolean sentence = true;
      boolean line = true;
      boolean fence = false;
      boolean inline = false;
      int lineMode = 0;
      boolean anyCap = false;
      int i = 0;
      while (i < len) {
        char c = s.charAt(i);
        if (isSpace(c)) {
          if (c == '\n' || c == '\r' || c == '\u2028') {
            line = true;
            sentence = true;
            inline = false;
            lineMode = 0;
          }
          i++;
          continue;
        }
        int cs = i;
        boolean tick = false;
        while (i < len && !isSpace(s.charAt(i))) {
          tick |= s.charAt(i) == '`';
          i++;
        }
        int ce = i;
        int f = (line ? LINE : 0) | lineMode;
        line = false;
        if (tick || fence || inline) {
          if (tick) {
            int ticks = 0;
            boolean triple = false;
            for (int k = cs; k < ce; k++) {
              if (s.charAt(k) == '`') {
                ticks++;
                triple |= k + 2 < ce && s.charAt(k + 1) == '`' && s.charAt(k + 2) == '`';
              }
            }
            if (triple) {
              fence = !fence;
            } else if (ticks % 2 == 1) {
              inline = !inline;
            }
          }
          t.add(cs, ce, f, (char) 0, 0);
          sentence = false;
          continue;
        }
        int p = cs;
        boolean dashLead = false;
        while (p < ce && isLead(s.charAt(p))) {
          char d = s.charAt(p);
          dashLead |= d == '\u2014' || d == '\u2013' || (d == '-' && p + 1 < ce && s.charAt(p + 1) == '-');
          p++;
        }
        int q = p;
        boolean hyphen = false;
        while (q < ce) {
          char d = s.charAt(q);
          if (isLetter(d)) {
            q++;
          } else if ((d == '\'' || d == '\u2019' || d == '-') && q > p && q + 1 < ce && isLetter(s.charAt(q + 1))) {
            hyphen |= d == '-';
            q++;
          } else {
            break;
          }
        }
        int r = q;
        while (r < ce && isTrail(s.charAt(r))) {
          r++;
        }
        if (q == p || r != ce) {
          // No word, or more than one: punctuation, numbers, code, a URL, an e-mail address, a token.
          boolean onlyDashes = q == p && r == ce && ce - cs > 0;
          for (int k = cs; k < ce && onlyDashes; k++) {
            char d = s.charAt(k);
            onlyDashes = d == '\u2014' || d == '\u2013' || d == '-';
          }
          onlyDashes &= ce - cs >= 2 || s.charAt(cs) != '-';
          if (onlyDashes) {
            f |= DASH;
          }
          char first = s.charAt(p < ce ? p : cs);
          if (first >= '0' && first <= '9') {
            f |= DIGIT;
          }
          t.add(cs, ce, f, (char) 0, 0);
          if (q != p || !onlyPunctuation(s, cs, ce)) {
            sentence = endsSentence(s, cs, ce);
          } else if (endsSentence(s, cs, ce)) {
            sentence = true;
          }
          continue;
        }
        int ws = p;
        int we = q;
        f |= WORD;
        if (p > cs) {
          f |= dashLead ? DASH : LEAD;
        }
        if (hyphen) {
          f |= HYPHEN;
        }
        if (we - ws > 2 && (s.charAt(we - 1) == 's' || s.charAt(we - 1) == 'S')
            && (s.charAt(we - 2) == '\'' || s.charAt(we - 2) == '\u2019')) {
          we -= 2;
          f |= POSSESSIVE;
        }
        char tr = r > q ? s.charAt(q) : 0;
        char first = s.charAt(ws);
        if (Character.isUpperCase(first)) {
          if (we - ws == 1) {
            if (tr == '.') {
              f |= INITIAL;
            }
          } else if (nameShaped(s, ws, we)) {
            f |= CAP;
            anyCap = true;
          } else if (hyphen) {
            int h = s.lastIndexOf('-', we - 1);
            if (h > ws + 1 && (WORDS.get(s, h + 1, we) & SUFFIX) != 0 && nameShaped(s, ws, h)) {
              f |= CAP | SUFFIXED;
              we = h;
              anyCap = true;
            } else if (lowerParts(s, ws, we) && (hyphenated(s, ws, we) & GIVEN) != 0) {
              f |= CAP; // Hye-jin, Mary-kate
              anyCap = true;
            }
          }
        } else if (Character.isLowerCase(first)) {
          f |= LOWER;
          if (hyphen) {
            int h = s.indexOf('-', ws);
            if (h > ws && h < we - 2 && Character.isUpperCase(s.charAt(h + 1)) && nameShaped(s, h + 1, we)
                && (WORDS.get(s, ws, h) & PARTICLE) != 0) {
              f |= PREFIXED;
            }
          }
        }
        if ((f & LINE) != 0 && tr == ':' && r - q == 1) {
          int w = WORDS.get(s, ws, we);
          if ((w & MAIL_HEADER) != 0) {
            lineMode = HEADER;
          } else if ((w & LABEL) != 0) {
            lineMode = LABEL;
          }
        }
        if (sentence) {
          f |= SENTENCE;
        }
        t.add(ws, we, f, tr, r - q);
        if (r > q && endsSentence(s, q, r)) {
          sentence = (f & INITIAL) == 0 && !(tr == '.' && (WORDS.get(s, ws, we) & ABBREVIATION) != 0);
        } else {
          sentence = false;
        }
      }
      return anyCap ? t : null;
    }

    private static boolean onlyPunctuation(String s, int from, int to) {
      for (int k = from; k < to; k++) {
        char c = s.charAt(k);
        if (isLetter(c) || (c >= '0' && c <= '9')) {
          return false;
        }
      }
      return true;
    }

    /** Whether the chunk's last characters, closing quotes and brackets aside, end a sentence. */
    private static boolean endsSentence(String s, int from, int to) {
      for (int k = to - 1; k >= from; k--) {
        char c = s.charAt(k);
        if (c == '.' || c == '!' || c == '?' || c == '\u2026') {
          return true;
        }
        if (c != ')' && c != '"' && c != '\'' && c != '\u201d' && c != '\u2019' && c != ']' && c != '*' && c != '_') {
          return false;
        }
      }
      return false;
    }

    /** An upper-case letter, then only lower-case letters and hyphens: Hye-jin. */
    private static boolean lowerParts(String s, int from, int to) {
      for (int k = from + 1; k < to; k++) {
        char c = s.charAt(k);
        if (c != '-' && !Character.isLowerCase(c)) {
          return false;
        }
      }
      return true;
    }

    /** Title case: inner capitals only after an apostrophe or hyphen, or after Mc, Mac, De, Di, La, Le, Van… */
    static boolean nameShaped(String s, int from, int to) {
      if (to - from < 2) {
        return false;
      }
      boolean inner = false;
      for (int k = from + 1; k < to; k++) {
        char c = s.charAt(k);
        if (c == '\'' || c == '\u2019' || c == '-') {
          if (k + 1 >= to || !Character.isUpperCase(s.charAt(k + 1)) || k + 2 >= to) {
            return false; // Don't, Follow-up, O'
          }
          k++;
          continue;
        }
        if (Character.isUpperCase(c)) {
          if (inner || !innerCapital(s, from, k)) {
            return false; // ALL-CAPS, CamelCase
          }
          inner = true;
        } else if (!Character.isLowerCase(c)) {
          return false;
        }
      }
      return true;
    }

    private static boolean innerCapital(String s, int from, int k) {
      int n = k - from;
      if (n == 2) {
        return s.startsWith("Mc", from) || s.startsWith("De", from) || s.startsWith("Di", from)
            || s.startsWith("Da", from) || s.startsWith("La", from) || s.startsWith("Le", from)
            || s.startsWith("Du", from);
      }
      if (n == 3) {
        return s.startsWith("Mac", from) || s.startsWith("Van", from) || s.startsWith("Von", from);
      }
      return n == 4 && s.startsWith("Fitz", from);
    }

    private static boolean isSpace(char c) {
      return c <= ' ' || (c >= '\u0080' && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
    }

    static boolean isLetter(char c) {
      if (c < '\u0080') {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      }
      return Character.isLetter(c);
    }

    private static boolean isLead(char c) {
      switch (c) {
        case '(': case '[': case '{': case '"': case '\'': case '*': case '_': case '~': case '<': case '>':
        case '-': case '\u2014': case '\u2013': case '\u201c': case '\u2018': case '\u00bf': case '\u00a1':
          return true;
        default:
          return false;
      }
    }

    private static boolean isTrail(char c) {
      switch (c) {
        case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '}': case '"': case '\'':
        case '*': case '_': case '~': case '>': case '\u201d': case '\u2019': case '\u2026':
          return true;
        default:
          return false;
      }
    }
  }

  /**
   * Words and their classes, looked up straight from a region of the text: open addressing, keys folded to lower
   * case without diacritics (José, JOSÉ and jose are one key), no allocation per lookup.
   */
  static final class Words {
    private static final char[] FOLD = foldTable();
    private final String[] keys;
    private final int[] classes;
    private final int mask;

    Words(String[] words, int[] wordClasses) {
      int cap = Integer.highestOneBit(Math.max(16, words.length * 3)) << 1;
      keys = new String[cap];
      classes = new int[cap];
      mask = cap - 1;
      for (int k = 0; k < words.length; k++) {
        String key = fold(words[k]);
        int slot = hash(key, 0, key.length()) & mask;
        while (keys[slot] != null && !keys[slot].equals(key)) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        classes[slot] |= wordClasses[k];
      }
    }

    int get(String s, int from, int to) {
      int slot = hash(s, from, to) & mask;
      for (String key = keys[slot]; key != null; key = keys[slot = (slot + 1) & mask]) {
        if (key.length() == to - from && same(key, s, from)) {
          return classes[slot];
        }
      }
      return 0;
    }

    private static boolean same(String key, String s, int from) {
      for (int k = 0; k < key.length(); k++) {
        if (key.charAt(k) != fold(s.charAt(from + k))) {
          return false;
        }
      }
      return true;
    }

    private static int hash(String s, int from, int to) {
      int h = 0;
      for (int k = from; k < to; k++) {
        h = 31 * h + fold(s.charAt(k));
      }
      return h ^ (h >>> 16);
    }

    static String fold(String word) {
      StringBuilder b = new StringBuilder(word.length());
      for (int k = 0; k < word.length(); k++) {
        b.append(fold(word.charAt(k)));
      }
      return b.toString();
    }

    static char fold(char c) {
      if (c < '\u0080') {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      }
      if (c < FOLD.length) {
        return FOLD[c];
      }
      return c == '\u2019' ? '\'' : Character.toLowerCase(c);
    }

    private static char[] foldTable() {
      char[] table = new char[0x250];
      for (char c = 0; c < table.length; c++) {
        char lower = Character.toLowerCase(c);
        char base = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD).charAt(0);
        table[c] = base < '\u0080' ? base : lower;
      }
      table['\u00f8'] = 'o'; // ø
      table['\u00d8'] = 'o';
      table['\u0142'] = 'l'; // ł
      table['\u0141'] = 'l';
      table['\u0111'] = 'd'; // đ
      table['\u0110'] = 'd';
      table['\u0131'] = 'i'; // dotless ı
      return table;
    }
  }

  // Grammar words: the contexts, in code because they are part of the heuristics, not of the name data.
  private static final String[] HONORIFICS = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "miss", "sir", "dame", "madam", "mme", "mlle", "herr", "frau", "sra", "srta",
    "dra", "doctor", "professor"
  };
  private static final String[] ABBREVIATIONS = {
    "st", "jr", "sr", "vs", "etc", "approx", "incl", "dept", "fig", "cf", "ft", "mt", "ave", "al", "no", "ca", "esp"
  };
  private static final String[] GREETINGS = {
    "hi", "hello", "hey", "heya", "hiya", "howdy", "dear", "morning", "evening", "afternoon", "greetings", "welcome",
    "congrats", "congratulations", "kudos", "thanks", "thx", "ty", "cheers", "bye", "goodbye", "yo", "hallo", "hola",
    "ciao", "salut", "bonjour", "namaste", "aloha", "night"
  };
  private static final String[] SIGN_OFFS = {
    "thanks", "thank", "you", "cheers", "regards", "best", "sincerely", "cordially", "respectfully", "yours", "br",
    "rgds", "ta", "love", "warmly", "wishes", "soon", "care", "later", "thx"
  };
  private static final String[] ASKS = {
    "cc", "bcc", "ask", "asked", "asking", "asks", "ping", "pinged", "pinging", "pings", "tell", "told", "telling",
    "tells", "remind", "reminded", "reminding", "dm", "dmed", "dm'd", "dming", "paging", "caller", "invited", "invite",
    "cc'd", "cced", "cc'ing", "thanked", "attn"
  };
  private static final String[] ROLES = {
    "customer", "client", "contact", "candidate", "applicant", "patient", "colleague", "coworker", "co-worker",
    "manager", "boss", "requester", "requestor", "reporter", "assignee", "owner", "by", "per", "called", "named",
    "emailed", "messaged", "mailed", "phoned", "texted", "visited", "user", "tenant", "guest", "driver", "buyer",
    "seller", "subscriber", "member", "employee", "contractor", "consultant", "intern", "agent", "rep",
    "representative", "friend", "wife", "husband", "daughter", "son", "mother", "father", "brother", "sister", "mom",
    "dad", "cousin", "uncle", "aunt", "nephew", "niece", "neighbor", "neighbour", "landlord", "nurse", "lawyer",
    "attorney", "approver", "reviewer", "recruiter", "interviewer", "mentor", "mentee", "teammate", "cofounder",
    "co-founder", "founder", "sponsor", "met", "hired", "interviewed", "introduced", "invited", "welcomed", "stakeholder", "director", "lead", "engineer",
    "developer", "designer", "analyst", "admin", "ceo", "cto", "cfo", "vp", "commander", "dri", "poc", "scribe",
    "responder", "oncall", "on-call", "pm", "em", "tpm", "sme", "champion", "liaison", "coordinator", "facilitator",
    "host", "organizer", "organiser", "presenter", "speaker", "author", "editor", "sponsor", "escalation"
  };
  private static final String[] PAIR_STRONGS = {
    "spoke", "speak", "speaking", "speaks", "talked", "talk", "talking", "talks", "met", "meet", "chatted", "thank",
    "thanks", "shoutout"
  };
  private static final String[] PAIR_ROLES = {
    "according", "assigned", "assign", "reassigned", "reach", "reached", "reaching", "forwarded",
    "forward", "escalated", "escalate", "handed", "hand", "sync", "synced", "syncing", "check", "checked", "checking",
    "work", "working", "worked", "meeting", "meetings", "call", "calls", "chat", "email", "mail", "sent", "send",
    "sending", "replied", "reply", "responded", "respond", "wrote", "write", "writing", "collaborate",
    "collaborating", "paired", "pairing", "lunch", "coffee", "introduce", "belongs", "message", "messages", "note",
    "interview", "onboarding", "handover", "sat", "went", "spoken", "talking", "emails", "messages", "feedback",
    "question", "questions", "request"
  };
  private static final String[] PREPS = {"from", "for"};
  private static final String[] ATS = {"in", "at", "near", "around", "outside", "inside", "across", "throughout", "via"};
  private static final String[] LOOPS = {"loop", "looped", "looping", "bring", "brought", "bringing", "pull", "pulled"};
  private static final String[] PREPS_WITH = {"with", "to", "you"};
  private static final String[] FOLLOWS = {
    "said", "says", "asked", "asks", "wrote", "writes", "mentioned", "mentions", "thinks", "thought", "agreed",
    "agrees", "confirmed", "confirms", "replied", "replies", "reported", "noted", "suggested", "suggests", "wants",
    "wanted", "needs", "needed", "will", "would", "can", "could", "should", "might", "must", "is", "was", "has", "had",
    "and", "from", "to", "just", "also", "already", "still", "here", "left", "joined", "approved", "reviewed", "owns",
    "called", "emailed", "sent", "shared", "posted", "pinged", "told", "responded", "requested", "opened", "filed",
    "created", "updated", "fixed", "merged", "commented", "did", "does", "doesn't", "didn't", "isn't", "wasn't",
    "won't", "can't", "hasn't", "hadn't", "knows", "knew", "explained", "added", "answered", "went", "came", "got",
    "gets", "took", "takes", "found", "saw", "sees", "seems", "looks", "feels", "felt", "likes", "liked", "prefers",
    "works", "worked", "leads", "led", "manages", "managed", "handles", "handled", "drafted", "shipped", "presented",
    "organized", "scheduled", "cancelled", "canceled", "booked", "accepted", "declined", "resigned", "started",
    "finished", "returned", "flagged", "raised", "escalated", "promised", "expects", "expected", "recommended",
    "insisted", "claims", "claimed", "complained", "tried", "tries", "hasn’t", "doesn’t", "didn’t", "isn’t", "wasn’t",
    "won’t", "can’t", "or", "mentioned", "and", "thinks", "believes", "believed", "apologized", "approved"
  };
  private static final String[] PERSON_VERBS = {
    "thinks", "mentioned", "asked", "told", "tells", "replied", "suggested", "feels", "wondered", "wonders", "wrote",
    "agreed", "agrees", "believes",
    "apologized", "apologised", "promised", "complained", "insisted", "explained", "recommended"
  };
  private static final String[] PERSON_ROLES = {
    "manager", "colleague", "coworker", "co-worker", "boss", "friend", "wife", "husband", "daughter", "son", "mother",
    "father", "brother", "sister", "mom", "mum", "dad", "cousin", "uncle", "aunt", "nephew", "niece", "neighbor",
    "neighbour", "landlord", "landlady", "nurse", "lawyer", "attorney", "mentor", "mentee", "teammate", "recruiter",
    "interviewer", "intern", "employee", "candidate", "applicant", "patient", "cofounder", "co-founder", "grandma",
    "grandpa", "girlfriend", "boyfriend", "partner's", "roommate", "flatmate", "classmate", "hire"
  };
  private static final String[] THINGS = {
    "office", "offices", "branch", "campus", "site", "region", "cluster", "server", "model", "models", "library",
    "framework", "plugin", "package", "app", "api", "sdk", "release", "build", "builds", "version", "pipeline",
    "bucket", "instance", "database", "db", "repo", "inc", "corp", "ltd", "llc", "gmbh", "co", "group", "labs", "lab",
    "bank", "university", "airport", "street", "road", "avenue", "hotel", "hospital", "school", "college",
    "foundation", "institute", "corporation", "company", "store", "mall", "lake", "river", "county", "city", "square",
    "station", "plc", "ag", "sa", "systems", "technologies", "solutions", "partners", "capital", "ventures", "holdings",
    "industries", "international", "consulting", "services", "software", "networks", "media", "studios", "games",
    "motors", "airlines", "insurance", "associates", "agency", "cloud", "platform", "engine", "client", "server",
    "script", "scripts", "notebook", "job", "jobs", "cli", "tool", "tools", "theme", "template", "dashboard",
    "dataset", "file", "files", "module", "modules", "service", "pipeline", "project", "initiative",
    "program", "programme", "award", "prize", "scale", "falls", "springs", "beach", "bay", "valley", "park", "county",
    "district", "drive", "lane", "boulevard", "circle", "court", "grey", "gray", "method", "algorithm",
    "filter", "transform", "distribution", "equation", "theorem", "law", "effect", "curve"
  };
  private static final String[] PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "dela", "di", "da", "dos", "das", "do", "du", "le", "la", "ter",
    "ten", "bin", "binti", "ibn", "al", "el", "y", "zu", "af", "av", "abu", "bint", "ben", "ul", "ud", "st"
  };
  private static final String[] ARTICLES = {"the", "a", "an", "these", "those", "its"};
  private static final String[] MAIL_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender", "organizer", "organiser"};
  private static final String[] LABELS = {
    "assignee", "reporter", "requester", "requestor", "author", "caller", "attendee", "attendees", "participant",
    "participants", "interviewer", "candidate", "approver", "reviewer", "reviewers", "patient", "employee", "signed",
    "submitter", "invitees", "speaker", "speakers", "presenter", "moderator", "cardholder"
  };
  private static final String[] PLACES = {
    "st", "saint", "san", "santa", "santo", "sao", "fort", "ft", "port", "lake", "mount", "mt", "cape", "monte",
    "los", "las", "el", "new", "upper", "lower", "north", "south", "east", "west", "ave", "rue", "hurricane",
    "storm", "typhoon", "cyclone", "uss", "hms", "camp", "club", "casa", "villa", "hotel", "team", "project",
    "operation", "codename", "apache", "google", "microsoft", "amazon", "aws", "azure", "apple", "meta", "ibm",
    "oracle", "adobe", "atlassian", "salesforce", "github", "gitlab", "mozilla", "eclipse", "jetbrains", "nvidia"
  };
  private static final String[] SUFFIXES = {"san", "sama", "kun", "chan", "sensei", "senpai", "ssi", "nim"};

  /** Loaded once, after the grammar words above (static initializers run in textual order). */
  private static final Words WORDS = load();

  private static Words load() {
    java.util.ArrayList<String> words = new java.util.ArrayList<>(8192);
    java.util.ArrayList<Integer> classes = new java.util.ArrayList<>(8192);
    for (String w : readList("given-names.txt")) {
      words.add(w);
      classes.add(GIVEN);
    }
    for (String w : readList("ambiguous-names.txt")) {
      words.add(w);
      classes.add(GIVEN | AMBIGUOUS);
    }
    for (String w : readList("common-words.txt")) {
      words.add(w);
      classes.add(COMMON);
    }
    for (String w : readList("not-names.txt")) {
      words.add(w);
      classes.add(STOP);
    }
    Object[][] grammar = {
      {HONORIFICS, HONORIFIC | ABBREVIATION}, {ABBREVIATIONS, ABBREVIATION}, {GREETINGS, GREETING | STOP},
      {SIGN_OFFS, SIGN_OFF}, {ASKS, ASK | STOP}, {ROLES, ROLE}, {PAIR_STRONGS, PAIR_STRONG | STOP},
      {PAIR_ROLES, PAIR_ROLE}, {PREPS, PREP}, {PREPS_WITH, PREP_WITH}, {new String[] {"in"}, PREP_IN}, {LOOPS, LOOP}, {ATS, AT}, {FOLLOWS, FOLLOW}, {PERSON_VERBS, PERSON_VERB}, {PERSON_ROLES, ASK}, {THINGS, THING}, {PARTICLES, PARTICLE},
      {ARTICLES, ARTICLE}, {MAIL_HEADERS, MAIL_HEADER}, {LABELS, LABEL}, {PLACES, PLACE}, {SUFFIXES, SUFFIX}
    };
    for (Object[] g : grammar) {
      for (String w : (String[]) g[0]) {
        words.add(w);
        classes.add((Integer) g[1]);
      }
    }
    int[] c = new int[classes.size()];
    for (int k = 0; k < c.length; k++) {
      c[k] = classes.get(k);
    }
    return new Words(words.toArray(new String[0]), c);
  }

  /** A bundled word list: one lower-case entry per line; blank lines and lines starting with # are skipped. */
  static List<String> readList(String resource) {
    InputStream in = PersonNames.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    List<String> out = new java.util.ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String w = line.strip();
        if (!w.isEmpty() && w.charAt(0) != '#') {
          out.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
