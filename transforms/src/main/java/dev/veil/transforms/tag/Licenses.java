package dev.veil.transforms.tag;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The policy's licensing, in plain Java: the license table (first matching rule wins), the restrictiveness order
 * ("most restrictive wins" when sources are combined) and the licenses the output accepts.
 *
 * <ul>
 *   <li>A {@link Rule} matches a {@link LicenseSource} when its input glob matches the input label and, if it names a
 *       channel or a project glob, the source's scope matches it (a scoped rule never matches a source without scope).
 *       Globs: {@code *} any characters, {@code ?} one; the whole value must match.
 *   <li>{@link #mostRestrictive} picks, among licenses, the one latest in the order (the policy lists licenses from
 *       least to most restrictive). Combining licenses the order does not rank is an error, never a guess.
 *   <li>{@link #accepts}: every license when the policy names no accepted list.
 * </ul>
 *
 * Immutable and serializable: a transform carries it to workers.
 */
public final class Licenses implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One row of the license table. {@code channel} and {@code project} are optional globs; at most one is set. */
  public record Rule(String input, String channel, String project, String license) implements Serializable {
    public Rule {
      checkArgument(input != null && !input.isEmpty(), "a license rule needs an input pattern");
      checkArgument(license != null && !license.isEmpty(), "a license rule needs a license");
      checkArgument(channel == null || project == null, "a license rule names a channel or a project, not both");
    }

    public static Rule of(String input, String license) {
      return new Rule(input, null, null, license);
    }

    /** Whether the rule applies to a whole input (names no channel or project). */
    public boolean unscoped() {
      return channel == null && project == null;
    }

    boolean matches(LicenseSource s, boolean chat) {
      if (!glob(input).matcher(s.label()).matches()) {
        return false;
      }
      if (unscoped()) {
        return true;
      }
      if (s.scope() == null) {
        return false;
      }
      // A channel pattern applies to chat inputs, a project pattern to everything else (tickets).
      return channel != null ? chat && glob(channel).matcher(s.scope()).matches()
          : !chat && glob(project).matcher(s.scope()).matches();
    }
  }

  private static final Set<String> CHAT_KINDS = Set.of("slack", "mattermost", "mbox");

  private final List<Rule> rules;
  private final List<String> order;
  private final TreeSet<String> accepted;

  private Licenses(List<Rule> rules, List<String> order, TreeSet<String> accepted) {
    this.rules = rules;
    this.order = order;
    this.accepted = accepted;
  }

  /** A table of rules (first match wins), with no order and every license accepted. */
  public static Licenses of(List<Rule> rules) {
    checkArgument(rules != null && !rules.isEmpty(), "license table must be non-empty");
    return new Licenses(List.copyOf(rules), List.of(), null);
  }

  /**
   * The restrictiveness order, least restrictive first. Each license at most once; when given it must rank every
   * license of the table.
   */
  public Licenses withOrder(List<String> leastToMostRestrictive) {
    checkArgument(leastToMostRestrictive != null, "order must be set");
    checkArgument(
        new LinkedHashSet<>(leastToMostRestrictive).size() == leastToMostRestrictive.size(),
        "the license order lists a license twice");
    List<String> copy = List.copyOf(leastToMostRestrictive);
    if (!copy.isEmpty()) {
      for (String l : licensesOfTable()) {
        checkArgument(copy.contains(l), "the license order does not rank " + l);
      }
    }
    return new Licenses(rules, copy, accepted);
  }

  /** The licenses the output accepts; null or empty accepts every license. */
  public Licenses withAccepted(Collection<String> licenses) {
    return new Licenses(rules, order, licenses == null || licenses.isEmpty() ? null : new TreeSet<>(licenses));
  }

  public List<Rule> rules() {
    return rules;
  }

  /** Least restrictive first; empty when the policy gives no order. */
  public List<String> order() {
    return order;
  }

  /** The accepted licenses, sorted; null when every license is accepted. */
  public Set<String> accepted() {
    return accepted == null ? null : java.util.Collections.unmodifiableSet(accepted);
  }

  /** Every license the table names, in table order, once each. */
  public List<String> licensesOfTable() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    rules.forEach(r -> all.add(r.license()));
    return new ArrayList<>(all);
  }

  /** The license of a source: the first rule that matches it; null when none does. */
  public String licenseOf(LicenseSource source) {
    boolean chat = CHAT_KINDS.contains(kindOf(source.label()));
    for (Rule r : rules) {
      if (r.matches(source, chat)) {
        return r.license();
      }
    }
    return null;
  }

  /** The license of a whole input: the first rule without channel or project that matches its label; null if none. */
  public String defaultLicenseOf(String label) {
    for (Rule r : rules) {
      if (r.unscoped() && glob(r.input()).matcher(label).matches()) {
        return r.license();
      }
    }
    return null;
  }

  /**
   * The most restrictive of {@code licenses}: the one latest in the policy's order. One distinct license is itself
   * (no order needed).
   *
   * @throws IllegalArgumentException when {@code licenses} is empty, or holds several licenses and one of them is
   *     not ranked by the order (or there is no order)
   */
  public String mostRestrictive(Collection<String> licenses) {
    checkArgument(licenses != null && !licenses.isEmpty(), "no licenses to combine");
    TreeSet<String> distinct = new TreeSet<>(licenses);
    if (distinct.size() == 1) {
      return distinct.first();
    }
    String worst = null;
    int worstRank = -1;
    for (String l : distinct) {
      int rank = order.indexOf(l);
      checkArgument(
          rank >= 0,
          "cannot combine licenses " + distinct + ": the policy's license_order does not rank " + l);
      if (rank > worstRank) {
        worst = l;
        worstRank = rank;
      }
    }
    return worst;
  }

  /** Whether the output accepts examples under {@code license}. */
  public boolean accepts(String license) {
    return accepted == null || accepted.contains(license);
  }

  static String kindOf(String label) {
    int colon = label.indexOf(':');
    return colon > 0 ? label.substring(0, colon) : label;
  }

  /** A glob ({@code *} any characters, {@code ?} one character) as a whole-value pattern. */
  public static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  @Override
  public String toString() {
    return "Licenses{rules=" + rules + ", order=" + order + ", accepted=" + accepted + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Licenses l
        && l.rules.equals(rules)
        && l.order.equals(order)
        && java.util.Objects.equals(l.accepted, accepted);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(rules, order, accepted);
  }
}
