package dev.veil.transforms.deidentify;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.veil.transforms.identity.IdentityResolver;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Replaces every form of every person in the directory (ids, handles, names, e-mails, phones) with that person's
 * pseudonym, wherever it stands in free text: whole words, case-insensitive, longest match first (one Aho-Corasick
 * pass). Phone numbers are compared on their digits, whatever their punctuation. Spans that already are pseudonyms are
 * left alone.
 */
public final class DirectoryScrubber {
  /** A pseudonym token this job writes; never re-scrubbed. */
  static final Pattern TOKEN = Pattern.compile("(?:person|bot|user|channel)_[0-9a-f]{12}");

  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\(?\\d[\\d ().\\-]{5,}\\d");
  private static final int MIN_PHONE_DIGITS = 7;

  /** Replacements made so far (persons by any form, including phones): read by {@link TextScrubber} for counts. */
  private long replaced;

  private final Trie trie;
  private final Trie namePartTrie;
  private final Map<String, String> personByForm;
  private final Map<String, String> personByNamePart;
  private final Map<String, String> personByPhoneDigits;

  public DirectoryScrubber(IdentityDirectory directory) {
    // TreeMap: when two people share a form, the smaller person id wins, the same way on every worker.
    Map<String, String> byForm = new TreeMap<>();
    Map<String, String> byNamePart = new TreeMap<>();
    Map<String, String> byPhone = new TreeMap<>();
    for (Identity identity : directory.getIdentities()) {
      for (IdentityForm form : identity.getForms()) {
        if (form.getKind().equals(IdentityResolver.NAME_PART)) {
          byNamePart.merge(form.getValue(), identity.getPersonId(), DirectoryScrubber::min);
          continue;
        }
        String key = form.getValue().toLowerCase(Locale.ROOT);
        byForm.merge(key, identity.getPersonId(), DirectoryScrubber::min);
        if (form.getKind().equals("phone")) {
          String digits = digits(form.getValue());
          if (digits.length() >= MIN_PHONE_DIGITS) {
            byPhone.merge(digits, identity.getPersonId(), DirectoryScrubber::min);
          }
        }
      }
    }
    this.personByForm = new HashMap<>(byForm);
    this.personByPhoneDigits = new HashMap<>(byPhone);
    this.personByNamePart = new HashMap<>(byNamePart);
    this.trie =
        Trie.builder().ignoreCase().onlyWholeWords().ignoreOverlaps().addKeywords(byForm.keySet()).build();
    this.namePartTrie =
        Trie.builder().onlyWholeWords().ignoreOverlaps().addKeywords(byNamePart.keySet()).build();
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  long replaced() {
    return replaced;
  }

  /** The pseudonym a form stands for, if any (exact, case-insensitive). */
  public String personFor(String form) {
    return personByForm.get(form.strip().toLowerCase(Locale.ROOT));
  }

  public String scrub(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return replacePhones(replaceForms(text));
  }

  /** A found form: [start, end) of the text, and whose it is. */
  private record Hit(int start, int end, String person) {}

  /**
   * One pass of both tries; overlapping hits resolve longest first, then leftmost, so "Mei-Ling Ostrova" is one
   * person even though "Mei" is also a handle. Hits inside an existing pseudonym are ignored.
   */
  private String replaceForms(String text) {
    List<Hit> hits = new ArrayList<>();
    for (Emit e : trie.parseText(text)) {
      hits.add(new Hit(e.getStart(), e.getEnd() + 1, personByForm.get(e.getKeyword())));
    }
    for (Emit e : namePartTrie.parseText(text)) {
      hits.add(new Hit(e.getStart(), e.getEnd() + 1, personByNamePart.get(e.getKeyword())));
    }
    if (hits.isEmpty()) {
      return text;
    }
    hits.sort(
        Comparator.comparingInt((Hit h) -> h.start() - h.end()).thenComparingInt(Hit::start));
    boolean[] taken = tokenMask(text);
    List<Hit> accepted = new ArrayList<>();
    for (Hit h : hits) {
      if (!overlaps(taken, h.start(), h.end())) {
        for (int i = h.start(); i < h.end(); i++) {
          taken[i] = true;
        }
        accepted.add(h);
      }
    }
    accepted.sort(Comparator.comparingInt(Hit::start));
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Hit h : accepted) {
      out.append(text, last, h.start()).append(h.person());
      last = h.end();
      replaced++;
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  private String replacePhones(String text) {
    if (personByPhoneDigits.isEmpty()) {
      return text;
    }
    Matcher m = PHONE_LIKE.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String person = phoneOwner(digits(m.group()));
      if (person == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start()).append(person);
      last = m.end();
      replaced++;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  private String phoneOwner(String digits) {
    if (digits.length() < MIN_PHONE_DIGITS) {
      return null;
    }
    String exact = personByPhoneDigits.get(digits);
    if (exact != null) {
      return exact;
    }
    // A number written with or without its country code: compare the national significant part.
    for (Map.Entry<String, String> e : personByPhoneDigits.entrySet()) {
      String known = e.getKey();
      String shorter = known.length() < digits.length() ? known : digits;
      String longer = shorter == known ? digits : known;
      if (shorter.length() >= 10 && longer.endsWith(shorter)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Marks the characters of pseudonym tokens already in {@code text}: later passes leave them alone. */
  static boolean[] tokenMask(String text) {
    boolean[] mask = new boolean[text.length()];
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        mask[i] = true;
      }
    }
    return mask;
  }

  private static boolean overlaps(boolean[] mask, int start, int end) {
    for (int i = start; i < end; i++) {
      if (mask[i]) {
        return true;
      }
    }
    return false;
  }

  static String digits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
