package dev.veil.transforms.common;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the policy opts out: people (e-mail addresses, handles or account ids, resolved through the identity directory
 * so that every account of the person is covered), chat channels (names or ids), ticket projects (keys) and recorded
 * sessions (folder or file names). Values are normalized once here: compared case-insensitively, without a leading
 * {@code @} (people) or {@code #} (channels).
 *
 * <p>The values name people and places that must never be mentioned: {@link #toString()} gives only the list sizes, and
 * no caller may log, display or report the values themselves.
 */
public final class OptOuts implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final OptOuts NONE = new OptOuts(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

  private final TreeSet<String> people;
  private final TreeSet<String> channels;
  private final TreeSet<String> projects;
  private final TreeSet<String> sessions;

  private OptOuts(TreeSet<String> people, TreeSet<String> channels, TreeSet<String> projects, TreeSet<String> sessions) {
    this.people = people;
    this.channels = channels;
    this.projects = projects;
    this.sessions = sessions;
  }

  public static OptOuts none() {
    return NONE;
  }

  public static OptOuts of(
      Collection<String> people, Collection<String> channels, Collection<String> projects, Collection<String> sessions) {
    return new OptOuts(
        normalized(people, "@"), normalized(channels, "#"), normalized(projects, ""), normalized(sessions, ""));
  }

  private static TreeSet<String> normalized(Collection<String> values, String prefix) {
    TreeSet<String> out = new TreeSet<>();
    if (values != null) {
      for (String v : values) {
        String s = normalize(v);
        if (!prefix.isEmpty() && s.startsWith(prefix)) {
          s = s.substring(prefix.length()).strip();
        }
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** The form every value is compared in: stripped, lower-cased. */
  public static String normalize(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }

  public boolean isEmpty() {
    return people.isEmpty() && channels.isEmpty() && projects.isEmpty() && sessions.isEmpty();
  }

  /** Normalized people identifiers (e-mail addresses, handles, account ids). */
  public SortedSet<String> people() {
    return Collections.unmodifiableSortedSet(people);
  }

  public SortedSet<String> channels() {
    return Collections.unmodifiableSortedSet(channels);
  }

  public SortedSet<String> projects() {
    return Collections.unmodifiableSortedSet(projects);
  }

  public SortedSet<String> sessions() {
    return Collections.unmodifiableSortedSet(sessions);
  }

  /** Whether an identifier (an identity form of kind id, handle or email) is one the policy lists. */
  public boolean personListed(String form) {
    return people.contains(normalize(form));
  }

  /** Whether any of a channel's names or ids is opted out (nulls are skipped). */
  public boolean channelListed(String... namesOrIds) {
    for (String n : namesOrIds) {
      if (n != null && channels.contains(normalize(n))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a ticket's project (its key, or the prefix of the issue key when the export gives none) is opted out. */
  public boolean projectListed(String project) {
    return project != null && projects.contains(normalize(project));
  }

  /**
   * Whether a recorded session is opted out: its path inside the input as a whole, its last segment (the session
   * folder, or an rrweb file's name), or that name without its extension.
   */
  public boolean sessionListed(String path) {
    if (path == null || sessions.isEmpty()) {
      return false;
    }
    String p = normalize(path);
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    return sessions.contains(p) || sessions.contains(last) || (dot > 0 && sessions.contains(last.substring(0, dot)));
  }

  /** Sizes only: the values are never printed. */
  @Override
  public String toString() {
    return "OptOuts{people="
        + people.size()
        + ", channels="
        + channels.size()
        + ", projects="
        + projects.size()
        + ", sessions="
        + sessions.size()
        + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptOuts other
        && people.equals(other.people)
        && channels.equals(other.channels)
        && projects.equals(other.projects)
        && sessions.equals(other.sessions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(people, channels, projects, sessions);
  }
}
