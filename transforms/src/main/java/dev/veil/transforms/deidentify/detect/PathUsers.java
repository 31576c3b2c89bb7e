package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user name inside a path or a login, as a {@link EntityType#USERNAME}; the finding covers the name only:
 *
 * <ul>
 *   <li>home directories: {@code /home/jdoe/…}, {@code /Users/jdoe/…} (macOS, capital U: {@code /users/42} is a web
 *       route), {@code /mnt/c/Users/jdoe} (WSL), {@code /usr/home/jdoe}, {@code /export/home/jdoe}, {@code
 *       C:\Users\jdoe\…}, {@code C:/Users/jdoe}, {@code C:\\Users\\jdoe} (escaped), {@code C:\Documents and
 *       Settings\jdoe}; on Windows a name may hold spaces ({@code C:\Users\Dana Whitfield\Desktop}) when a separator
 *       follows it;
 *   <li>{@code ~jdoe/…} and mail spools: {@code /var/mail/jdoe}, {@code /var/spool/mail/jdoe};
 *   <li>the user of a shell prompt: {@code jdoe@buildbox:~$}, {@code [jdoe@buildbox ~]$};
 *   <li>a login in context: {@code login: jdoe}, {@code username=jdoe}, {@code User name: jdoe}, {@code login as:
 *       jdoe}, {@code user=jdoe} ({@code user} alone only with {@code =}: "User: can you…" is a chat turn), with an
 *       optional {@code DOMAIN\} prefix left in place.
 * </ul>
 *
 * <p>Generic and system accounts are no finding, as they name no person: {@code Public}, {@code Shared}, {@code
 * Default}, {@code Default User}, {@code All Users}, {@code Guest}, {@code root}, {@code admin}, {@code
 * Administrator}, service accounts ({@code ubuntu}, {@code ec2-user}, {@code runner}, {@code www-data}, {@code
 * postgres}, …) and placeholders ({@code user}, {@code username}, {@code yourname}, {@code me}); in a login context
 * also status words ({@code login: failed}). {@code /home} alone, {@code /root} and {@code ~/} hold no name.
 *
 * <p>Pre-filter: a rule runs only when its marker is in the text ({@code /home/}, {@code /Users/}, {@code /mail/},
 * {@code :\} or {@code :/}, {@code ~}, {@code @}, a context word together with {@code :} or {@code =}); prompts and
 * logins are matched only from their {@code @} or context word.
 */
public final class PathUsers implements Recognizer {
  private static final String NAME = "([A-Za-z0-9_][A-Za-z0-9._-]{0,63})";
  /** After a name: a separator, space, quote, bracket, punctuation or the end. */
  private static final String AFTER = "(?=[/\\\\\\s\"'`,;:)\\]}>|]|\\.(?!\\w)|$)";
  private static final Pattern UNIX_HOME =
      Pattern.compile("(?<![\\w.~-])(?:/home|/usr/home|/export/home|(?:/mnt/[a-z])?/Users)/" + NAME + AFTER);
  private static final Pattern MAIL = Pattern.compile("(?<![\\w.-])/var/(?:spool/)?mail/" + NAME + AFTER);
  /** A drive, then Users or Documents and Settings, with \, / or escaped \\ separators; then the name. */
  private static final Pattern WINDOWS_HOME =
      Pattern.compile(
          "(?i)(?<![\\w])[a-z]:(?:\\\\{1,2}|/)(?:users|documents and settings)(?:\\\\{1,2}|/)"
              + "(?:([\\w.'-]+(?: [\\w.'-]+){1,2})(?=\\\\|/)|([\\w.'-]+)(?![\\w.'-]))");
  private static final Pattern TILDE = Pattern.compile("(?<![\\w~/.-])~([A-Za-z_][A-Za-z0-9._-]{0,31})(?=/)");
  private static final Pattern LOGIN =
      Pattern.compile(
          "(?i)(user(?:[ _-]?name)?|login(?:[ _-]?name| as)?|logon[ _-]?name|account[ _-]?name)"
              + "[\"']?[ \\t]*([:=])[ \\t]*[\"']?(?:[A-Za-z0-9-]+\\\\{1,2})?([A-Za-z_][A-Za-z0-9._-]{0,63})"
              + "(?![\\w@+-]|\\.[\\w@])");
  private static final ContextWords LOGIN_WORDS = ContextWords.prefixes("user", "login", "logon", "account");
  /** "logged in as jdoe", "signed in as jdoe": a login name, lower case with letters and digits, dots or dashes. */
  private static final Pattern LOGGED_IN_AS =
      Pattern.compile("(?i)\\b(?:logged|signed|log|sign)[ -]?(?:in|on) as @?([a-z_][a-z0-9._-]{1,31})(?![\\w@])");

  /** Generic folders, system and service accounts, placeholders: they name nobody. Lower case. */
  private static final Set<String> GENERIC =
      Set.of(
          "public", "shared", "default", "default user", "defaultuser0", "all users", "guest", "root", "admin",
          "administrator", "administrators", "user", "users", "username", "yourname", "your_name", "your-name",
          "yourusername", "your_username", "me", "you", "name", "someone", "somebody", "example", "nobody", "daemon",
          "www-data", "ubuntu", "ec2-user", "centos", "fedora", "debian", "vagrant", "pi", "git", "runner", "jenkins",
          "docker", "postgres", "mysql", "oracle", "node", "app", "linuxbrew", "circleci", "travis", "gitlab-runner",
          "buildkite-agent", "vscode", "codespace", "wdagutilityaccount", "local", "test", "demo", "anonymous",
          "localservice", "networkservice", "systemprofile");
  /** Words that follow "login:" or "user:" in status lines rather than a name. Lower case. */
  private static final Set<String> STATUS =
      Set.of(
          "failed", "failure", "fail", "success", "successful", "succeeded", "ok", "required", "optional", "invalid",
          "incorrect", "none", "null", "nil", "true", "false", "yes", "no", "unknown", "empty", "missing", "denied",
          "error", "password", "n", "na", "disabled", "enabled", "page", "screen", "form", "button",
          "prompt");

  @Override
  public String name() {
    return "path_user";
  }

  private static final List<String> LOGIN_TRIGGERS =
      List.of("user", "login", "logon", "account", "logged in as", "signed in as", "logged on as", "log in as");
  private static final TextFacts.Words LOGIN_FOUND = TextFacts.Words.of(LOGIN_TRIGGERS);

  @Override
  public List<Trigger> triggers() {
    return LOGIN_TRIGGERS.stream().map(Trigger::part).toList();
  }

  @Override
  public boolean gatedByTriggers() {
    return false;
  }

  @Override
  public void find(TextFacts facts, List<Finding> out) {
    find(facts.text(), out, facts.hasAny(LOGIN_FOUND));
  }

  @Override
  public void find(String text, List<Finding> out) {
    find(text, out, true);
  }

  /** {@code loginWords}: whether the text may hold a login word (false skips that search). */
  private void find(String text, List<Finding> out, boolean loginWords) {
    boolean slash = text.indexOf('/') >= 0;
    if (slash && (text.contains("/home/") || text.contains("/Users/"))) {
      add(text, out, UNIX_HOME.matcher(text), 0.95);
    }
    if (slash && text.contains("/mail/")) {
      add(text, out, MAIL.matcher(text), 0.95);
    }
    if (hasDrive(text)) {
      add(text, out, WINDOWS_HOME.matcher(text), 0.95);
    }
    if (slash && text.indexOf('~') >= 0) {
      add(text, out, TILDE.matcher(text), 0.9);
    }
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      Matcher m = Hosts.prompt(text, at);
      if (m != null) {
        emit(text, out, m.start(1), m.end(1), 0.95, false);
      }
    }
    if (!loginWords) {
      return;
    }
    if (text.contains(" as ")) {
      Matcher as = LOGGED_IN_AS.matcher(text);
      while (as.find()) {
        String name = as.group(1);
        // Lower-case logins only: "logged in as Admin" or "as the owner" name nobody.
        if (name.equals(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals("the") && !name.equals("a")) {
          emit(text, out, as.start(1), as.end(1), 0.9, true);
        }
      }
    }
    if (text.indexOf(':') < 0 && text.indexOf('=') < 0) {
      return;
    }
    int len = text.length();
    Matcher m = null;
    for (ContextWords.Hit hit = LOGIN_WORDS.find(text, 0, len); hit != null; hit = LOGIN_WORDS.find(text, hit.end(), len)) {
      m = m == null ? LOGIN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false) : m;
      if (m.region(hit.start(), len).lookingAt() && !(m.group(1).equalsIgnoreCase("user") && m.group(2).equals(":"))) {
        emit(text, out, m.start(3), m.end(3), 0.9, true);
      }
    }
  }

  /** Whether a drive letter stands in the text ({@code C:\\}, {@code d:/}): a lone letter, a colon, a slash. */
  static boolean hasDrive(String text) {
    for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
      if (i >= 1 && i + 1 < text.length() && Character.isLetter(text.charAt(i - 1))
          && (i == 1 || !Character.isLetterOrDigit(text.charAt(i - 2)))
          && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == '/')) {
        return true;
      }
    }
    return false;
  }

  /** Emits the first non-null group of each match. */
  private void add(String text, List<Finding> out, Matcher m, double score) {
    while (m.find()) {
      int g = 1;
      while (m.group(g) == null) {
        g++;
      }
      emit(text, out, m.start(g), m.end(g), score, false);
    }
  }

  private void emit(String text, List<Finding> out, int start, int end, double score, boolean login) {
    while (end > start && text.charAt(end - 1) == '.') {
      end--;
    }
    if (end <= start) {
      return;
    }
    String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
    if (GENERIC.contains(lower) || (login && STATUS.contains(lower))) {
      return;
    }
    out.add(new Finding(EntityType.USERNAME, start, end, score, name()));
  }
}
