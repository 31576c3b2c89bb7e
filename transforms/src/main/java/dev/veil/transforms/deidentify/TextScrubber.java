package dev.veil.transforms.deidentify;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Mentions;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every source's de-identification shares: account → person lookups, mention markers, and the free-text pass
 * (directory forms → pseudonyms, URL queries dropped, stray e-mail addresses and tokens redacted). Not thread-safe
 * (one per DoFn instance).
 */
public final class TextScrubber {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern SLACK_TOKEN = Pattern.compile("xox[abposre]-[A-Za-z0-9\\-]{8,}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s()<>\"']+");
  public static final String EMAIL_PLACEHOLDER = "[EMAIL]";
  public static final String SECRET_PLACEHOLDER = "[SECRET]";

  private final Pseudonyms pseudonyms;
  private final DirectoryScrubber scrubber;
  private final Map<String, String> personByAccount = new HashMap<>();

  public TextScrubber(Pseudonyms pseudonyms, IdentityDirectory directory) {
    this.pseudonyms = pseudonyms;
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

  /** What a mention of an account becomes: {@code @person_…}, or a keyed {@code @user_…} token if unknown. */
  public String mention(String source, String accountId) {
    String person = person(source, accountId);
    return "@" + (person != null ? person : pseudonyms.token("user", "unknown-user", source + "|" + accountId));
  }

  /** The free-text pass on text whose mentions are {@link Mentions} markers. */
  public String scrub(String source, String text) {
    String resolved = Mentions.resolve(text, id -> mention(source, id));
    return scrubPlain(resolved);
  }

  /** The free-text pass on rendered text. */
  public String scrubPlain(String text) {
    String t = scrubber.scrub(text);
    t = URL.matcher(t).replaceAll(m -> Matcher.quoteReplacement(withoutQuery(m.group())));
    t = EMAIL.matcher(t).replaceAll(EMAIL_PLACEHOLDER);
    return SLACK_TOKEN.matcher(t).replaceAll(SECRET_PLACEHOLDER);
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
