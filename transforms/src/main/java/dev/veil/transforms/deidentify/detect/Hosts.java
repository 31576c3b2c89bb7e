package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names of machines:
 *
 * <ul>
 *   <li>names under internal domains: {@code .local}, {@code .lan}, {@code .internal}, {@code .corp}, {@code
 *       .intranet}, {@code .home.arpa}, {@code .localdomain} (the suffix all lower or all upper case);
 *   <li>public names whose first label is numbered like a machine ({@code web01.acme.com}, {@code
 *       build-agent-07.ci.acme.io}, {@code ip-10-0-1-23.eu-west-1.compute.amazonaws.com}) under a common public
 *       top-level domain, with at least three labels;
 *   <li>Windows machine names: {@code DESKTOP-7HG2K1L}, {@code LAPTOP-…}, {@code WIN-…}, {@code EC2AMAZ-…};
 *   <li>the host of a shell prompt ({@code jdoe@buildbox:~$}, {@code [jdoe@buildbox ~]$}) and of a UNC path ({@code
 *       \\FILESRV01\share});
 *   <li>a name after a context word: {@code hostname: buildbox} (any name), {@code host=db-07}, {@code server fs01},
 *       {@code ssh web03} (a numbered name), {@code ssh jdoe@buildbox} (any name after {@code user@}).
 * </ul>
 *
 * <p>Never a finding: {@code localhost}, IP addresses and version strings (all-numeric labels), public domains such as
 * {@code github.com} or {@code www.example.com} (their first label is no machine name), file names ({@code
 * report.pdf}, {@code web01.log}: two labels, or a last label that is no common top-level domain), Java and Python
 * names ({@code org.apache.beam}, {@code jdk.internal.misc}, {@code threading.local()}), the domain of an e-mail
 * address (the e-mail recognizer's), and HTTP headers such as {@code Server: nginx/1.25} or {@code Host: example.com}.
 *
 * <p>No pattern scans the whole text: each rule starts from a marker found with {@code indexOf} or {@link ContextWords}
 * (a dot inside a word, a Windows prefix, two backslashes, an {@code @}, a context word) and matches only there.
 */
public final class Hosts implements Recognizer {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final String NAME = LABEL + "(?:\\." + LABEL + ")*";
  /** After a name found by context: not more of a name, a path ({@code Server: nginx/1.25}), an @ or a call. */
  private static final String AFTER = "(?![\\w-]|\\.[\\w-]|@|/|\\()";

  private static final String[] INTERNAL =
      {"local", "lan", "internal", "corp", "intranet", "intra", "priv", "private", "home.arpa", "localdomain"};
  /** A whole dotted token under an internal domain (the suffix all lower or all upper case). */
  private static final Pattern INTERNAL_NAME =
      Pattern.compile(
          "(?:" + LABEL + "\\.)+(?:local|lan|internal|corp|intranet|intra|priv|private|home\\.arpa|localdomain"
              + "|LOCAL|LAN|INTERNAL|CORP|INTRANET|INTRA|PRIV|PRIVATE|HOME\\.ARPA|LOCALDOMAIN)");
  /** Common public top-level domains that are not also common file extensions (no .py, .sh, .md, .rs, .pl, .zip). */
  private static final String PUBLIC_TLD =
      "com|net|org|io|dev|co|uk|de|fr|nl|es|it|ca|au|us|eu|ch|at|be|se|no|dk|fi|jp|cn|br|in|info|biz|cloud|app|tech"
          + "|ai|gov|edu|ie|nz|pt|cz|ru|sg|hk|kr|tw|mx|ar|za|il|tr|gr|hu|ro|sk|lu|is|lt|lv|ee|si|hr|me|tv|xyz";
  /** A whole dotted token of three or more labels under a public top-level domain; group 1 is the first label. */
  private static final Pattern NUMBERED_NAME =
      Pattern.compile("(" + LABEL + ")(?:\\." + LABEL + ")+\\.(?:" + PUBLIC_TLD + ")", Pattern.CASE_INSENSITIVE);
  private static final Pattern WINDOWS =
      Pattern.compile("(?<![\\w-])(?:DESKTOP|LAPTOP|WIN|EC2AMAZ)-([A-Z0-9]{4,15})(?![\\w-])");
  private static final Pattern UNC = Pattern.compile("(?<![\\\\\\w])\\\\\\\\(" + NAME + ")\\\\[\\w$]");
  /** A shell prompt, matched from the start of its user: {@code jdoe@buildbox:~$}, {@code [jdoe@buildbox ~]$}. */
  private static final Pattern PROMPT =
      Pattern.compile(
          "(?<![\\w.@-])([A-Za-z_][\\w.-]{0,31})@(" + NAME + ")(?=:(?:[~/]|\\s*[$#])|\\s+[^\\]\\s]*\\][$#])");
  /** A context word and the name after it, matched from the word. */
  private static final Pattern CONTEXT =
      Pattern.compile(
          "(?i)((?:host|computer|machine|device|node|server)[ _-]?name|host|server|machine|node|computer)"
              + "[\"']?[ \\t]*([:=]|[ \\t])[ \\t]*[\"']?(" + NAME + ")" + AFTER);
  private static final Pattern SSH =
      Pattern.compile("(?i)ssh\\s+(?:-\\w+\\s+(?:[^\\s@-][^\\s@]*\\s+)?)*+(?:([\\w.-]+)@)?(" + NAME + ")" + AFTER);
  private static final ContextWords CONTEXT_WORDS =
      ContextWords.prefixes("host", "server", "machine", "node", "computer", "device", "ssh");

  /** First labels that are code, not machines: Java and Kotlin roots, receivers ({@code self.local}). */
  private static final Set<String> CODE_ROOTS =
      Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "android", "androidx", "kotlin", "kotlinx", "scala",
          "this", "self", "super", "cls", "obj", "ctx", "window", "document", "module", "exports", "threading");
  /** Numbered words that are architectures, codecs or encodings, not machines. */
  private static final Set<String> TECH =
      Set.of("x86", "x64", "arm64", "aarch64", "amd64", "i386", "i686", "h264", "h265", "win32", "win64", "utf8",
          "utf16", "utf32", "sha1", "sha256", "sha384", "sha512", "md5", "base64", "base32", "ipv4", "ipv6", "http2",
          "http3", "mp3", "mp4", "s3", "ec2", "k8s", "log4j", "web3", "es2015", "es2020", "ecmascript6", "python3",
          "py3", "oauth2", "rfc822", "iso8601", "ucs2", "latin1", "cp1252");
  private static final Set<String> NOT_HOSTS =
      Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "broadcasthost", "nginx",
          "apache", "cloudflare", "envoy", "gws", "iis", "none", "null", "true", "false", "unknown", "example");
  private static final Pattern IP_LABELS =
      Pattern.compile("ip-\\d{1,3}-\\d{1,3}-\\d{1,3}-\\d{1,3}", Pattern.CASE_INSENSITIVE);
  /**
   * A machine-numbered label: two or more letters (hyphen-separated words allowed), then two or more digits, then at
   * most one letter ({@code web01}, {@code db-02a}; not {@code v18}).
   */
  private static final Pattern NUMBERED_LABEL =
      Pattern.compile("[a-z]{2,}(?:-[a-z]+)*-?\\d{2,}[a-z]?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION_LIKE = Pattern.compile("[vV]\\d.*|[0-9a-fA-F]{7,}");

  @Override
  public String name() {
    return "hostname";
  }

  private static final List<String> CONTEXT_TRIGGERS =
      List.of("host", "server", "machine", "node", "computer", "device", "ssh");
  private static final TextFacts.Words CONTEXT_FOUND = TextFacts.Words.of(CONTEXT_TRIGGERS);

  @Override
  public List<Trigger> triggers() {
    return CONTEXT_TRIGGERS.stream().map(Trigger::part).toList();
  }

  @Override
  public boolean gatedByTriggers() {
    return false;
  }

  @Override
  public void find(TextFacts facts, List<Finding> out) {
    find(facts.text(), out, facts.hasAny(CONTEXT_FOUND));
  }

  @Override
  public void find(String text, List<Finding> out) {
    find(text, out, true);
  }

  /** {@code contextWords}: whether the text may hold a context word (false skips that search). */
  private void find(String text, List<Finding> out, boolean contextWords) {
    int len = text.length();
    boolean dotted = text.indexOf('.') >= 0 && dottedNames(text, out);
    if (text.indexOf('-') >= 0 && hasWindowsPrefix(text)) {
      windowsNames(text, out);
    }
    if (text.contains("\\\\")) {
      Matcher m = UNC.matcher(text);
      while (m.find()) {
        add(out, m, 1, 0.95, Strength.ANY);
      }
    }
    boolean at = false;
    for (int i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
      at = true;
      Matcher m = prompt(text, i);
      if (m != null) {
        add(out, m, 2, 0.95, Strength.NOT_PUBLIC);
      }
    }
    boolean assign = text.indexOf(':') >= 0 || text.indexOf('=') >= 0;
    // A name after a context word is assigned (":", "="), follows "user@", or holds a digit or a dot.
    if (!contextWords || (!assign && !at && !dotted && Prefilter.digits(text, 1) == 0)) {
      return;
    }
    Matcher context = null;
    Matcher ssh = null;
    ContextWords.Hit hit = CONTEXT_WORDS.find(text, 0, len);
    for (; hit != null; hit = CONTEXT_WORDS.find(text, hit.end(), len)) {
      if (text.regionMatches(true, hit.start(), "ssh", 0, 3)) {
        ssh = ssh == null ? anchored(SSH, text) : ssh;
        if (ssh.region(hit.start(), len).lookingAt()) {
          add(out, ssh, 2, 0.9, ssh.group(1) != null ? Strength.NOT_PUBLIC : Strength.NUMBERED);
        }
      } else {
        context = context == null ? anchored(CONTEXT, text) : context;
        if (context.region(hit.start(), len).lookingAt()) {
          contextName(context, out, assign);
        }
      }
    }
  }

  /**
   * The shell prompt whose {@code @} is at {@code at}, matched (group 1 the user, group 2 the host), or null. Shared
   * with {@link PathUsers}, which takes the user.
   */
  static Matcher prompt(String text, int at) {
    int start = at;
    while (start > 0 && at - start < 32 && isTokenChar(text.charAt(start - 1))) {
      start--;
    }
    int end = at + 1;
    while (end < text.length() && isTokenChar(text.charAt(end))) {
      end++;
    }
    // the cheap part of the pattern first: "user@host:" or "[user@host "; an e-mail address is neither
    boolean colon = end < text.length() && text.charAt(end) == ':';
    boolean bracket = start > 0 && text.charAt(start - 1) == '[' && end < text.length() && text.charAt(end) == ' ';
    if (start == at || end == at + 1 || !(colon || bracket)) {
      return null;
    }
    Matcher m = anchored(PROMPT, text).region(start, text.length());
    return m.lookingAt() ? m : null;
  }

  private enum Strength {
    /** Any name but localhost, IPs and numbers. */
    ANY,
    /** Also not a public domain whose first label is no machine name ({@code github.com}). */
    NOT_PUBLIC,
    /** Only a numbered name ({@code web01}) or one under an internal domain. */
    NUMBERED
  }

  /**
   * Names among the dotted tokens (maximal runs of letters, digits, {@code . - _} holding a dot inside): a token is a
   * finding only as a whole, so {@code settings.local.json}, {@code jdk.internal.misc} and {@code 10.2.3.4-build} are
   * not, nor is the domain of an e-mail address or a call ({@code threading.local()}). Returns whether the text
   * holds a dot inside a word at all.
   */
  private boolean dottedNames(String text, List<Finding> out) {
    boolean any = false;
    Matcher internal = null;
    Matcher numbered = null;
    int len = text.length();
    int done = 0;
    for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', Math.max(dot + 1, done))) {
      if (dot == 0 || dot + 1 >= len || !isAlnum(text.charAt(dot - 1)) || !isAlnum(text.charAt(dot + 1))) {
        continue;
      }
      any = true;
      int start = dot;
      while (start > 0 && isTokenChar(text.charAt(start - 1))) {
        start--;
      }
      int end = dot;
      while (end < len && isTokenChar(text.charAt(end))) {
        end++;
      }
      done = end;
      while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      if ((end < len && (text.charAt(end) == '@' || text.charAt(end) == '(')) || emailDomain(text, start)) {
        continue;
      }
      String first = text.substring(start, text.indexOf('.', start));
      if (internalSuffix(text, start, end)) {
        internal = internal == null ? INTERNAL_NAME.matcher(text) : internal;
        if (internal.region(start, end).matches() && !CODE_ROOTS.contains(first.toLowerCase(Locale.ROOT))) {
          out.add(new Finding(EntityType.HOSTNAME, start, end, 0.95, name()));
          continue;
        }
      }
      if (numberedLabel(first)) {
        numbered = numbered == null ? NUMBERED_NAME.matcher(text) : numbered;
        if (numbered.region(start, end).matches()) {
          out.add(new Finding(EntityType.HOSTNAME, start, end, 0.85, name()));
        }
      }
    }
    return any;
  }

  private void windowsNames(String text, List<Finding> out) {
    Matcher m = WINDOWS.matcher(text);
    while (m.find()) {
      String suffix = m.group(1);
      if (suffix.length() >= 7 || suffix.chars().anyMatch(Character::isDigit)) {
        out.add(new Finding(EntityType.HOSTNAME, m.start(), m.end(), 0.95, name()));
      }
    }
  }

  private void contextName(Matcher m, List<Finding> out, boolean assign) {
    boolean assignment = !m.group(2).isBlank();
    if (assignment && !assign) {
      return;
    }
    // "hostname: buildbox" names a machine whatever it looks like; "host: …" may be an HTTP header, "the server
    // side" prose: there only numbered or internal names count.
    Strength s = assignment && m.group(1).toLowerCase(Locale.ROOT).endsWith("name") ? Strength.ANY : Strength.NUMBERED;
    add(out, m, 3, assignment ? 0.95 : 0.9, s);
  }

  private void add(List<Finding> out, Matcher m, int group, double score, Strength s) {
    if (accepts(m.group(group), s)) {
      out.add(new Finding(EntityType.HOSTNAME, m.start(group), m.end(group), score, name()));
    }
  }

  private static Matcher anchored(Pattern p, String text) {
    return p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** Whether a name found by context is a machine name at the given strength. */
  private static boolean accepts(String host, Strength s) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (NOT_HOSTS.contains(lower) || host.chars().noneMatch(Character::isLetter)) {
      return false;
    }
    int dot = host.indexOf('.');
    String first = dot < 0 ? host : host.substring(0, dot);
    boolean internal = dot >= 0 && isInternal(lower);
    boolean numbered = numberedLabel(first) || machineLabel(first);
    if (dot >= 0 && CODE_ROOTS.contains(first.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return switch (s) {
      case ANY -> true;
      case NOT_PUBLIC -> dot < 0 || internal || numbered;
      case NUMBERED -> internal || numbered;
    };
  }

  /** {@code web01}, {@code db-02}, {@code build-agent-07}, {@code ip-10-0-1-23}; not {@code x86}, {@code h264}. */
  static boolean numberedLabel(String label) {
    if (label.length() < 3 || !isAlnum(label.charAt(0)) || Character.isDigit(label.charAt(0))) {
      return false;
    }
    return (NUMBERED_LABEL.matcher(label).matches() && !TECH.contains(label.toLowerCase(Locale.ROOT)))
        || IP_LABELS.matcher(label).matches();
  }

  /** A looser machine name for context rules: letters and digits ({@code fs1}, {@code ci-runner-3a}), no version. */
  private static boolean machineLabel(String label) {
    return label.chars().anyMatch(Character::isLetter)
        && label.chars().anyMatch(Character::isDigit)
        && !VERSION_LIKE.matcher(label).matches()
        && !TECH.contains(label.toLowerCase(Locale.ROOT));
  }

  private static boolean isInternal(String lowerName) {
    for (String suffix : INTERNAL) {
      if (lowerName.endsWith("." + suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the token [start, end) ends with an internal suffix (any case; the pattern then checks the case). */
  private static boolean internalSuffix(String text, int start, int end) {
    for (String suffix : INTERNAL) {
      int at = end - suffix.length();
      if (at > start && text.charAt(at - 1) == '.' && text.regionMatches(true, at, suffix, 0, suffix.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasWindowsPrefix(String text) {
    return text.contains("DESKTOP-") || text.contains("LAPTOP-") || text.contains("WIN-") || text.contains("EC2AMAZ-");
  }

  /** Whether the name at {@code start} is the domain of an e-mail address (and not a host after URL credentials). */
  private static boolean emailDomain(String text, int start) {
    return start > 0 && text.charAt(start - 1) == '@' && !UrlCredentials.insideUserinfo(text, start - 1);
  }

  private static boolean isTokenChar(char c) {
    return isAlnum(c) || c == '.' || c == '-' || c == '_';
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
