package dev.veil.transforms.deidentify;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.deidentify.detect.Keywords;
import dev.veil.transforms.deidentify.detect.Prefilter;
import dev.veil.transforms.deidentify.detect.TextFacts;
import dev.veil.transforms.identity.IdentityResolver;

/**
 * Replaces every form of every person in the directory (ids, handles, names, e-mails, phones) with that person's
 * pseudonym, wherever it stands in free text: whole words, case-insensitive, longest match first (one Aho-Corasick
 * pass). Phone numbers are compared on their digits, whatever their punctuation. Used by {@link TextScrubber} as the
 * first source of findings.
 */
public final class DirectoryScrubber {
  static final String RECOGNIZER = "directory";

  /** A pseudonym token this job writes; never re-scrubbed. */
  static final Pattern TOKEN = Pattern.compile("(?:person|bot|user|channel)_[0-9a-f]{12}");

  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\(?\\d[\\d ().\\-]{5,}\\d");
  private static final int MIN_PHONE_DIGITS = 7;

  /** Every form and name part, lower-cased: one Aho-Corasick pass finds both. */
  /** A national part (no trunk 0) this long or longer is matched against the end of a known number. */
  private static final int NATIONAL_MIN_DIGITS = 8;
  /** A written and a known number match when the shorter, this long or longer, ends the longer. */
  private static final int SUFFIX_MIN_DIGITS = 10;

  private final Keywords<Entry> keywords;
  private final java.util.SortedMap<String, Entry> keywordEntries;
  private final Map<String, String> personByForm;
  /**
   * The directory's phone numbers (digits only) ranked in the iteration order of a HashMap of them (the order the
   * suffix rules below have always been tried in), the person of each rank, and every proper suffix of 8 or more digits of each, with the first number that ends so:
   * a written number is matched by a few lookups instead of a pass over every known number.
   */
  private final String[] phonePeople;
  private final Map<String, Integer> phoneRank;
  private final Map<String, Integer> phoneSuffixRank;

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
          String digits = Prefilter.digitsOf(form.getValue());
          if (digits.length() >= MIN_PHONE_DIGITS) {
            byPhone.merge(digits, identity.getPersonId(), DirectoryScrubber::min);
          }
        }
      }
    }
    this.personByForm = new HashMap<>(byForm);
    Map<String, String> personByPhoneDigits = new HashMap<>(byPhone);
    this.phonePeople = new String[personByPhoneDigits.size()];
    this.phoneRank = new HashMap<>();
    this.phoneSuffixRank = new HashMap<>();
    int rank = 0;
    for (Map.Entry<String, String> e : personByPhoneDigits.entrySet()) {
      String known = e.getKey();
      phonePeople[rank] = e.getValue();
      phoneRank.put(known, rank);
      for (int len = NATIONAL_MIN_DIGITS; len < known.length(); len++) {
        phoneSuffixRank.merge(known.substring(known.length() - len), rank, Math::min);
      }
      rank++;
    }
    TreeMap<String, Entry> entries = new TreeMap<>();
    byForm.forEach((k, person) -> entries.put(TextFacts.lowerCase(k), new Entry(person, null, null)));
    byNamePart.forEach(
        (part, person) ->
            entries.merge(
                TextFacts.lowerCase(part),
                new Entry(null, person, part),
                (a, b) -> new Entry(a.formPerson(), a.partPerson() != null ? a.partPerson() : person, a.partPerson() != null ? a.part() : part)));
    this.keywords = new Keywords<>(entries, true);
    this.keywordEntries = java.util.Collections.unmodifiableSortedMap(entries);
  }

  /** Every form and name part, lower-cased, for a caller that runs one keyword pass for several purposes. */
  public java.util.SortedMap<String, Entry> keywordEntries() {
    return keywordEntries;
  }

  /**
   * What a lower-cased keyword stands for: a form (any case) of {@code formPerson}, and/or a name part of
   * {@code partPerson} that counts only written as {@code part} (given and family names are capitalized words; "mark"
   * and "will" are not names).
   */
  public record Entry(String formPerson, String partPerson, String part) implements java.io.Serializable {}

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The pseudonym a form stands for, if any (exact, case-insensitive). */
  public String personFor(String form) {
    return personByForm.get(form.strip().toLowerCase(Locale.ROOT));
  }

  /** Replaces every directory form in {@code text} with its person's pseudonym (see {@link #find}). */
  public String scrub(String text) {
    List<Finding> found = new ArrayList<>();
    find(text, found);
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Finding f : Detector.resolve(found)) {
      out.append(text, last, f.start()).append(f.subject());
      last = f.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /**
   * Adds a {@link EntityType#PERSON} finding (recognizer {@code directory}, subject the person's pseudonym) for every
   * directory form in {@code text}: one pass of each trie (forms case-insensitive, name parts as written) and phone
   * numbers compared on their digits. Overlaps are left for {@link Detector#resolve} (longest first).
   */
  public void find(String text, List<Finding> out) {
    find(new TextFacts(text), out);
  }

  /** {@link #find(String, List)} on a text whose facts are already known. */
  public void find(TextFacts facts, List<Finding> out) {
    String text = facts.text();
    if (text.isEmpty()) {
      return;
    }
    keywords.find(facts, true, (start, end, e) -> onKeyword(facts, start, end, e, out));
    findPhones(facts, out);
  }

  /** One occurrence of a keyword (found by the caller's pass, whole word or not): a finding if it is a person's. */
  public void onKeyword(TextFacts facts, int start, int end, Entry e, List<Finding> out) {
    if (!facts.wholeWord(start, end)) {
      return;
    }
    if (e.formPerson() != null) {
      out.add(new Finding(EntityType.PERSON, start, end, 1.0, RECOGNIZER, e.formPerson()));
    } else if (facts.text().startsWith(e.part(), start)) {
      out.add(new Finding(EntityType.PERSON, start, end, 1.0, RECOGNIZER, e.partPerson()));
    }
  }

  /** Directory people's phone numbers, compared on their digits. */
  public void findPhones(TextFacts facts, List<Finding> out) {
    String text = facts.text();
    if (phonePeople.length == 0 || facts.digits() < MIN_PHONE_DIGITS) {
      return;
    }
    Matcher m = PHONE_LIKE.matcher(text);
    while (m.find()) {
      String person = phoneOwner(Prefilter.digitsOf(m.group()));
      if (person != null) {
        out.add(new Finding(EntityType.PERSON, m.start(), m.end(), 1.0, RECOGNIZER, person));
      }
    }
  }

  String phoneOwner(String digits) {
    if (digits.length() < MIN_PHONE_DIGITS) {
      return null;
    }
    Integer exact = phoneRank.get(digits);
    if (exact != null) {
      return phonePeople[exact];
    }
    // A number written with or without its country code (and, nationally, with a trunk 0: 020 7946 0958 for
    // +44 20 7946 0958): compare the national significant part. Of the known numbers that match, the first in
    // iteration order wins.
    int best = Integer.MAX_VALUE;
    String national = digits.startsWith("0") ? digits.substring(1) : digits;
    if (national.length() >= NATIONAL_MIN_DIGITS) {
      // A known number that ends with the national part and is longer (it carries a country code).
      best = Math.min(best, phoneSuffixRank.getOrDefault(national, Integer.MAX_VALUE));
    }
    if (digits.length() >= SUFFIX_MIN_DIGITS) {
      // A known number that ends with the written one (the writer left the country code out) ...
      best = Math.min(best, phoneSuffixRank.getOrDefault(digits, Integer.MAX_VALUE));
    }
    for (int len = SUFFIX_MIN_DIGITS; len < digits.length(); len++) {
      // ... or one the written number ends with (the writer added a prefix).
      best = Math.min(best, phoneRank.getOrDefault(digits.substring(digits.length() - len), Integer.MAX_VALUE));
    }
    return best == Integer.MAX_VALUE ? null : phonePeople[best];
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
}
