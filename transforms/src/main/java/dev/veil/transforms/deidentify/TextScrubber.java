package dev.veil.transforms.deidentify;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Mentions;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every source's de-identification shares: account → person lookups, mention markers, and the free-text pass
 * (directory forms → pseudonyms, URL queries dropped, identifiers and secrets outside the directory redacted by the
 * detectors in {@code detect/}). Not thread-safe
 * (one per DoFn instance).
 */
public final class TextScrubber {
  private static final Pattern URL = Pattern.compile("https?://[^\\s()<>\"']+");

  private final Pseudonyms pseudonyms;
  private final DirectoryScrubber scrubber;
  private final Detector detector;
  private final DetectionSettings settings;
  private final Map<String, String> personByAccount = new HashMap<>();
  /** Replacements by entity type since {@link #startRecord()}. */
  private final java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
  private long personsAtStart;
  private long mentions;

  public TextScrubber(Pseudonyms pseudonyms, IdentityDirectory directory) {
    this(pseudonyms, directory, DetectionSettings.defaults());
  }

  public TextScrubber(Pseudonyms pseudonyms, IdentityDirectory directory, DetectionSettings settings) {
    this.pseudonyms = pseudonyms;
    this.settings = settings;
    this.detector = Detector.standard(settings.phoneRegions(), settings.deny());
    this.scrubber = new DirectoryScrubber(directory);
    for (Identity identity : directory.getIdentities()) {
      for (String account : identity.getAccounts()) {
        personByAccount.put(account, identity.getPersonId());
      }
    }
  }

  public Pseudonyms pseudonyms() {
    return pseudonyms;
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
    personsAtStart = scrubber.replaced();
    mentions = 0;
  }

  /** What was replaced since {@link #startRecord()}, by entity type: {@code PERSON}, {@code EMAIL}, {@code PHONE}, … */
  public Map<String, Long> counts() {
    java.util.TreeMap<String, Long> all = new java.util.TreeMap<>(counts);
    long persons = scrubber.replaced() - personsAtStart + mentions;
    if (persons > 0) {
      all.merge("PERSON", persons, Long::sum);
    }
    return all;
  }

  /** What a mention of an account in text becomes: {@code @person_…}, or {@code @user_…} if unknown (counted). */
  public String mention(String source, String accountId) {
    mentions++;
    return "@" + pseudonymOf(source, accountId);
  }

  /** An author's or owner's pseudonym; a keyed {@code user_…} token when the directory does not know the account. */
  public String pseudonymOf(String source, String accountId) {
    String person = person(source, accountId);
    return person != null ? person : pseudonyms.token("user", "unknown-user", source + "|" + accountId);
  }

  /** The free-text pass on text whose mentions are {@link Mentions} markers. */
  public String scrub(String source, String text) {
    String resolved = Mentions.resolve(text, id -> mention(source, id));
    return scrubPlain(resolved);
  }

  /**
   * The free-text pass on rendered text: directory forms become pseudonyms, URLs lose their queries, then what the
   * detectors find outside the directory (e-mails, phones, cards, IBANs, IPs, SSNs, secrets) becomes a typed
   * placeholder.
   */
  public String scrubPlain(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String t = scrubber.scrub(text);
    t = URL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(withoutQuery(m.group())));
    List<Finding> found = detector.detect(t);
    if (found.isEmpty()) {
      return t;
    }
    List<Finding> findings = new java.util.ArrayList<>(found.size());
    for (Finding f : found) {
      if (f.type() == dev.veil.transforms.deidentify.detect.EntityType.DENIED
          || !settings.allowed(t.substring(f.start(), f.end()))) {
        findings.add(f);
      }
    }
    boolean[] tokens = DirectoryScrubber.tokenMask(t);
    String redacted = Detector.redact(t, findings, tokens);
    for (Finding f : findings) {
      if (!Detector.insideSkip(tokens, f)) {
        counts.merge(f.type().name(), 1L, Long::sum);
      }
    }
    return redacted;
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
