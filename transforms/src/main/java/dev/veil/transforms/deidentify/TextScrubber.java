package dev.veil.transforms.deidentify;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Mentions;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.deidentify.detect.Keywords;
import dev.veil.transforms.deidentify.detect.TextFacts;
import dev.veil.transforms.deidentify.ops.Operators;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import dev.veil.transforms.deidentify.ops.Transformer;
import dev.veil.transforms.identity.IdentityResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * What every source's de-identification shares: account → person lookups, mention markers, and the free-text pass.
 * The pass first detects ({@link #analyze}: directory forms, mentions already rendered as pseudonyms, and every
 * recognizer in {@code detect/}, overlaps resolved once), then transforms each finding by the policy's operator for
 * its type ({@link Transformer}), counting what it replaced. Not thread-safe (one per DoFn instance).
 */
public final class TextScrubber {
  /** The recognizer name of a person pseudonym already in the text (a resolved mention). */
  static final String MENTION = "mention";

  /**
   * What every form of a person the policy opts out becomes, whatever the {@code PERSON} operator: neither a name, a
   * surrogate nor a pseudonym, so nothing in the output can be tied to them.
   */
  public static final String OPTED_OUT = "[PERSON]";

  private final Pseudonyms pseudonyms;
  private final DirectoryScrubber scrubber;
  private final Detector detector;
  private final DetectionSettings settings;
  private final Transformer transformer;
  private final Map<String, String> personByAccount = new HashMap<>();
  /** Person ids the policy opts out. */
  private final java.util.Set<String> optedOut = new java.util.HashSet<>();
  /** The directory's forms and the recognizers' trigger words in one trie: one keyword pass per text. */
  private final Keywords<Either> keywords;

  /** A keyword of the combined pass: a directory entry, a trigger, or both. */
  record Either(DirectoryScrubber.Entry entry, Detector.TriggerIds trigger) implements java.io.Serializable {}
  /** Replacements by entity type since {@link #startRecord()}. */
  private final TreeMap<String, Long> counts = new TreeMap<>();

  public TextScrubber(Pseudonyms pseudonyms, IdentityDirectory directory) {
    this(pseudonyms, directory, DetectionSettings.defaults(), null);
  }

  public TextScrubber(Pseudonyms pseudonyms, IdentityDirectory directory, DetectionSettings settings) {
    this(pseudonyms, directory, settings, null);
  }

  /** {@code tokenizer} is required when the settings tokenize a type, and may be null otherwise. */
  public TextScrubber(
      Pseudonyms pseudonyms, IdentityDirectory directory, DetectionSettings settings, Tokenizer tokenizer) {
    this.pseudonyms = pseudonyms;
    this.settings = settings;
    this.detector = Detector.standard(settings.phoneRegions(), settings.deny());
    this.transformer = new Transformer(settings.operators(), pseudonyms, tokenizer);
    this.scrubber = new DirectoryScrubber(directory);
    java.util.TreeMap<String, Either> both = new java.util.TreeMap<>();
    scrubber.keywordEntries().forEach((k, e) -> both.put(k, new Either(e, null)));
    detector.triggerKeywords().forEach((k, t) -> both.merge(k, new Either(null, t), (a, b) -> new Either(a.entry(), t)));
    this.keywords = new Keywords<>(both, true);
    for (Identity identity : directory.getIdentities()) {
      if (identity.getOptedOut()) {
        optedOut.add(identity.getPersonId());
      }
      for (String account : identity.getAccounts()) {
        personByAccount.put(account, identity.getPersonId());
      }
    }
  }

  public Pseudonyms pseudonyms() {
    return pseudonyms;
  }

  public Operators operators() {
    return settings.operators();
  }

  /**
   * The pseudonym of an account of an input; failing that, of the person one of whose forms the id is (an e-mail
   * address, say); null when the directory does not know it.
   */
  public String person(String source, String accountId) {
    if (accountId == null) {
      return null;
    }
    String person = personByAccount.get(IdentityResolver.accountKey(source, accountId));
    return person != null ? person : scrubber.personFor(accountId);
  }

  /** Starts counting the replacements of one record (a message, a ticket, an episode). */
  public void startRecord() {
    counts.clear();
  }

  /** What was replaced since {@link #startRecord()}, by entity type: {@code PERSON}, {@code EMAIL}, {@code PHONE}, … */
  public Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }

  /**
   * What a mention of an account in text becomes before the free-text pass: {@code @person_…}, or {@code @user_…} if
   * the directory does not know it. The pass then treats it as a person (and counts it).
   */
  public String mention(String source, String accountId) {
    return "@" + pseudonymOf(source, accountId);
  }

  /**
   * An author's or owner's pseudonym; a keyed {@code user_…} token when the directory does not know the account;
   * {@value #OPTED_OUT} for a person the policy opts out (their records are excluded before this pass, so this only
   * guards against a record that slipped through).
   */
  public String pseudonymOf(String source, String accountId) {
    String person = person(source, accountId);
    if (person != null && optedOut.contains(person)) {
      return OPTED_OUT;
    }
    return person != null ? person : pseudonyms.token("user", "unknown-user", source + "|" + accountId);
  }

  /** Whether a person id is one the policy opts out. */
  public boolean optedOut(String personId) {
    return personId != null && optedOut.contains(personId);
  }

  /** The free-text pass on text whose mentions are {@link Mentions} markers. */
  public String scrub(String source, String text) {
    String resolved = Mentions.resolve(text, id -> mention(source, id));
    return scrubPlain(resolved);
  }

  /** The free-text pass on rendered text: {@link #analyze}, then each finding transformed by its type's operator. */
  public String scrubPlain(String text) {
    if (text.isEmpty()) {
      return text;
    }
    List<Finding> findings = analyze(text);
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int last = 0;
    for (Finding f : findings) {
      out.append(text, last, f.start())
          .append(
              f.type() == EntityType.PERSON && optedOut.contains(f.subject())
                  ? OPTED_OUT
                  : transformer.apply(f, text.substring(f.start(), f.end())));
      last = f.end();
      counts.merge(f.type().name(), 1L, Long::sum);
    }
    return out.append(text, last, text.length()).toString();
  }

  /**
   * Every finding in {@code text}, in its coordinates, overlaps resolved: person pseudonyms already present (resolved
   * mentions; their recognizer is {@code mention}), directory forms ({@code directory}, with the person as subject),
   * then every recognizer. Values on the policy's allow-list are dropped (deny-list terms never are); nothing is found
   * inside pseudonym tokens already in the text.
   */
  public List<Finding> analyze(String text) {
    List<Finding> raw = new ArrayList<>();
    boolean[] tokens = null;
    if (text.indexOf('_') >= 0) {
      tokens = DirectoryScrubber.tokenMask(text);
      Matcher m = DirectoryScrubber.TOKEN.matcher(text);
      while (m.find()) {
        if (m.group().startsWith("person_") || m.group().startsWith("user_")) {
          raw.add(new Finding(EntityType.PERSON, m.start(), m.end(), 1.0, MENTION, m.group()));
        }
      }
    }
    int mentions = raw.size();
    TextFacts facts = new TextFacts(text);
    keywords.find(
        facts,
        false,
        (start, end, k) -> {
          if (k.entry() != null) {
            scrubber.onKeyword(facts, start, end, k.entry(), raw);
          }
          if (k.trigger() != null) {
            Detector.onTrigger(facts, start, end, k.trigger());
          }
        });
    scrubber.findPhones(facts, raw);
    detector.findTriggered(facts, raw);
    if (raw.isEmpty()) {
      return raw;
    }
    List<Finding> candidates = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Finding f = raw.get(i);
      if (i >= mentions && insideToken(tokens, f)) {
        continue;
      }
      if (f.type() != EntityType.DENIED && settings.allowCount() > 0 && settings.allowed(text.substring(f.start(), f.end()))) {
        continue;
      }
      candidates.add(f);
    }
    return Detector.resolve(candidates);
  }

  private static boolean insideToken(boolean[] tokens, Finding f) {
    if (tokens == null) {
      return false;
    }
    for (int i = f.start(); i < f.end(); i++) {
      if (!tokens[i]) {
        return false;
      }
    }
    return true;
  }

  /** Keeps scheme, host and path; drops user info, query and fragment (tokens and e-mails hide there). */
  static String withoutQuery(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return stripAfterQuery(url);
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + path;
    } catch (URISyntaxException e) {
      return stripAfterQuery(url);
    }
  }

  private static String stripAfterQuery(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return url.substring(0, cut);
  }
}
