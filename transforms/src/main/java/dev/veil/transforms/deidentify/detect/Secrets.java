package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access keys, tokens and passwords pasted into text: AWS access key ids and secret keys near their names, GitHub,
 * Slack, Google and Stripe-style tokens, JWTs, PEM private keys, {@code password=} / {@code pwd:} / {@code token:} style
 * assignments (the value only), and high-entropy strings right after a key word.
 */
public final class Secrets extends FactsRecognizer {
  /** Fixed-shape tokens: each is a secret wherever it stands. */
  private static final Pattern TOKENS =
      Pattern.compile(
          "\\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}"
              + "|gh[pousr]_[A-Za-z0-9]{36,255}"
              + "|github_pat_[A-Za-z0-9_]{22,255}"
              + "|xox[abposre]-[A-Za-z0-9\\-]{8,}"
              + "|AIza[0-9A-Za-z_\\-]{35}"
              + "|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"
              + "|eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,})");
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)");
  /** {@code password=hunter2}, {@code pwd: hunter2}, {@code "api_key": "…"}: the value after the key word. */
  /**
   * The key word may be part of a longer name ({@code AWS_SECRET_ACCESS_KEY}, {@code DB_PASSWORD},
   * {@code mysql.root-password}); the value follows {@code :}, {@code =} or {@code =>}.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)(?:password|passwd|passwort|pwd|pass|passphrase|passcode|secret"
              + "|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|token)"
              + "(?:[_.\\-][A-Za-z0-9]+)*[\"']?\\s*(?:[:=]|=>)\\s*[\"']?([^\\s\"',;]{4,})");
  /** Where an assignment's key word can start (lower case); each is tried only where it occurs. */
  private static final String[] ASSIGNMENT_STARTS = {"pass", "pwd", "secret", "client", "api", "access", "auth", "token"};
  /**
   * "my password is hunter2": only after a password word, and only a value with a digit or a symbol in it ("the
   * password is expired" is no password).
   */
  private static final Pattern PASSWORD_IS =
      Pattern.compile("(?i)\\b(?:password|passwd|pwd|passphrase|passcode)\\s+(?:is|was)\\s+[\"']?([^\\s\"',;]{4,})");
  /** Where {@link #PASSWORD_IS} can start (lower case; "passphrase" and "passcode" start with "pass"). */
  private static final String[] PASSWORD_IS_STARTS = {"pass", "pwd"};
  /** A git commit id: 40 lower-case hex digits. */
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern KEY_WORD =
      Pattern.compile("(?i)\\b(?:key|token|secret|credential|bearer)\\b[^\\n]{0,24}?\\b([A-Za-z0-9+/=_\\-]{20,})\\b");

  @Override
  public String name() {
    return "secrets";
  }

  /** Where a fixed-shape token can begin (lower-case: triggers are found case-insensitively). */
  private static final List<String> TOKEN_STARTS =
      List.of("akia", "asia", "agpa", "aida", "aroa", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "aiza",
          "sk_", "rk_", "eyj");
  /** Words an assignment or a key-word secret follows. */
  private static final List<String> KEY_WORDS =
      List.of("pass", "pwd", "secret", "key", "token", "credential", "bearer");
  private static final String PEM_START = "-----begin";
  /** The words a high-entropy key may follow (each also a trigger). */
  private static final String[] KEY_WORD_STARTS = {"key", "token", "secret", "credential", "bearer"};
  private static final TextFacts.Words TOKEN_WORDS = TextFacts.Words.of(TOKEN_STARTS);
  private static final TextFacts.Words ANY_KEY_WORD = TextFacts.Words.of(KEY_WORDS);
  private static final TextFacts.Words PEM_WORD = TextFacts.Words.of(PEM_START);
  private static final TextFacts.Words PASSWORD_WORDS = TextFacts.Words.of("pass", "pwd");
  private static final TextFacts.Words KEY_WORD_WORDS = TextFacts.Words.of(KEY_WORD_STARTS);
  private static final List<Trigger> TRIGGERS;

  static {
    List<Trigger> t = new java.util.ArrayList<>();
    TOKEN_STARTS.forEach(w -> t.add(Trigger.part(w)));
    KEY_WORDS.forEach(w -> t.add(Trigger.part(w)));
    t.add(Trigger.part(PEM_START));
    TRIGGERS = List.copyOf(t);
  }

  @Override
  public List<Trigger> triggers() {
    return TRIGGERS;
  }

  @Override
  public void find(TextFacts facts, List<Finding> out) {
    String text = facts.text();
    Matcher m;
    if (facts.hasAny(TOKEN_WORDS)) {
      m = TOKENS.matcher(text);
      while (m.find()) {
        out.add(new Finding(EntityType.SECRET, m.start(), m.end(), 1.0, name()));
      }
    }
    if (facts.hasAny(PEM_WORD)) {
      m = PEM.matcher(text);
      while (m.find()) {
        out.add(new Finding(EntityType.SECRET, m.start(), m.end(), 1.0, name()));
      }
    }
    if (!facts.hasAny(ANY_KEY_WORD)) {
      return;
    }
    findAssignments(facts, out);
    if (facts.hasAny(PASSWORD_WORDS)) {
      findPasswordIs(facts, out);
    }
    if (!facts.hasAny(KEY_WORD_WORDS)) {
      return;
    }
    m = KEY_WORD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    String lower = facts.lowerString();
    int done = 0;
    for (int i : occurrences(lower, KEY_WORD_STARTS)) {
      if (i < done) {
        continue;
      }
      m.region(i, text.length());
      if (!m.lookingAt()) {
        continue;
      }
      done = m.end();
      String v = m.group(1);
      if (entropy(v) >= 3.5 && v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter)) {
        // "The key change landed in 6be9e3c…": a commit id a few words after "key" is no key.
        if (COMMIT.matcher(v).matches() && gap(m) > 3) {
          continue;
        }
        out.add(new Finding(EntityType.SECRET, m.start(1), m.end(1), 0.8, name()));
      }
    }
  }

  /**
   * {@code password=…}, {@code DB_PASSWORD: …}, {@code AWS_SECRET_ACCESS_KEY=…}: the key word may end a longer name
   * (it starts the text or follows a non-alphanumeric or an {@code _ . -} separator). The pattern is tried only at
   * the key words' occurrences, not at every position.
   */
  private void findAssignments(TextFacts facts, List<Finding> out) {
    String text = facts.text();
    Matcher m = null;
    int done = 0;
    for (int i : occurrences(facts.lowerString(), ASSIGNMENT_STARTS)) {
      if (i < done) {
        continue;
      }
      char before = i == 0 ? ' ' : text.charAt(i - 1);
      if (Character.isLetterOrDigit(before) && before != '_') {
        continue;
      }
      m = m == null ? ASSIGNMENT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false) : m;
      m.region(i, text.length());
      if (m.lookingAt()) {
        out.add(new Finding(EntityType.SECRET, m.start(1), m.end(1), 0.9, name()));
        done = m.end();
      }
    }
  }

  /** "my password is hunter2": the pattern is tried only where a password word starts a word. */
  private void findPasswordIs(TextFacts facts, List<Finding> out) {
    String text = facts.text();
    String lower = facts.lowerString();
    Matcher m = null;
    int done = 0;
    for (int i : occurrences(lower, PASSWORD_IS_STARTS)) {
      if (i < done || (i > 0 && isWordChar(text.charAt(i - 1)))) {
        continue;
      }
      m = m == null ? PASSWORD_IS.matcher(text).useTransparentBounds(true).useAnchoringBounds(false) : m;
      m.region(i, text.length());
      if (m.lookingAt()) {
        done = m.end();
        String v = m.group(1);
        if (v.chars().anyMatch(c -> !Character.isLetter(c))) {
          out.add(new Finding(EntityType.SECRET, m.start(1), m.end(1), 0.9, name()));
        }
      }
    }
  }

  /** Where any of the words occurs in {@code lower}, ascending and without repeats. */
  private static int[] occurrences(String lower, String[] words) {
    int[] at = new int[4];
    int n = 0;
    for (String word : words) {
      for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
        if (n == at.length) {
          at = java.util.Arrays.copyOf(at, n * 2);
        }
        at[n++] = i;
      }
    }
    at = java.util.Arrays.copyOf(at, n);
    java.util.Arrays.sort(at);
    int k = 0;
    for (int j = 0; j < n; j++) {
      if (k == 0 || at[k - 1] != at[j]) {
        at[k++] = at[j];
      }
    }
    return java.util.Arrays.copyOf(at, k);
  }

  /** A character {@code \b} counts as part of a word. */
  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Characters between the key word and the value. */
  private static int gap(Matcher m) {
    String whole = m.group();
    int wordEnd = 0;
    while (wordEnd < whole.length() && Character.isLetter(whole.charAt(wordEnd))) {
      wordEnd++;
    }
    return (m.start(1) - m.start()) - wordEnd;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (char c : s.toCharArray()) {
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int n : counts) {
      if (n > 0) {
        double p = n / (double) s.length();
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = other / (double) s.length();
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }
}
