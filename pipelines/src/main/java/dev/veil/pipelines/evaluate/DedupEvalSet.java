package dev.veil.pipelines.evaluate;

import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.dedup.MinHash;
import dev.veil.transforms.dedup.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled set for deduplication, generated unit by unit (unit {@code u} depends only on the seed and {@code u}, so
 * workers can generate it in parallel and the driver can recompute the truth). Each unit is one of:
 *
 * <ul>
 *   <li>{@code single}: a document with no duplicate;
 *   <li>{@code exact}: a document and 1–3 copies that differ only in case, spacing, punctuation or numbers;
 *   <li>{@code near}: a document and 1–3 edited copies (words replaced, inserted or deleted, two sentences swapped, a
 *       line added), each at an exact word-5-gram Jaccard similarity of at least {@link #NEAR_AT_LEAST} with the
 *       original;
 *   <li>{@code related}: two documents written from the same sentence templates with other fillings (a ticket and
 *       the next ticket of the same form), at most {@link #RELATED_AT_MOST} similar: not duplicates;
 *   <li>{@code short}: 2–3 distinct short messages of the same kind ("deploy done", "deploy failed"): not duplicates.
 * </ul>
 *
 * Document ids are hashes of seed, unit and position, so which member of a cluster has the smallest id (and
 * survives) is arbitrary, as in a real run.
 */
public final class DedupEvalSet {
  public static final double NEAR_AT_LEAST = 0.8;
  public static final double RELATED_AT_MOST = 0.5;
  public static final MinHash SHINGLES = new MinHash(5, 1, 1);

  /** One generated document: its id, text, the unit it belongs to and its role there. */
  public record Doc(String id, String text, long unit, String kind, boolean duplicate) {}

  private DedupEvalSet() {}

  /** The documents of unit {@code u}. The first of a cluster is the original; the others are its duplicates. */
  public static List<Doc> unit(long seed, long u) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + u);
    int roll = rnd.nextInt(100);
    String kind = roll < 40 ? "single" : roll < 55 ? "exact" : roll < 75 ? "near" : roll < 90 ? "related" : "short";
    List<Doc> docs = new ArrayList<>();
    switch (kind) {
      case "short" -> {
        List<String> shorts = shortMessages(rnd);
        for (int i = 0; i < shorts.size(); i++) {
          docs.add(new Doc(id(seed, u, i), shorts.get(i), u, kind, false));
        }
      }
      case "related" -> {
        int genre = rnd.nextInt(GENRES.length);
        int[] plan = plan(rnd, genre);
        String a = write(rnd, genre, plan);
        String b = write(rnd, genre, plan);
        for (int tries = 0; tries < 20 && similarity(a, b) > RELATED_AT_MOST; tries++) {
          b = write(rnd, genre, plan);
        }
        docs.add(new Doc(id(seed, u, 0), a, u, kind, false));
        if (similarity(a, b) <= RELATED_AT_MOST) {
          docs.add(new Doc(id(seed, u, 1), b, u, kind, false));
        }
      }
      default -> {
        int genre = rnd.nextInt(GENRES.length);
        String original = write(rnd, genre, plan(rnd, genre));
        docs.add(new Doc(id(seed, u, 0), original, u, kind, false));
        int copies = kind.equals("single") ? 0 : 1 + rnd.nextInt(3);
        for (int c = 1; c <= copies; c++) {
          String copy = kind.equals("exact") ? exactCopy(rnd, original) : nearCopy(rnd, original);
          if (copy != null) {
            docs.add(new Doc(id(seed, u, c), copy, u, kind, true));
          }
        }
      }
    }
    return docs;
  }

  /** Exact Jaccard similarity of the word 5-gram sets of two texts, normalized as the dedup stage does. */
  public static double similarity(String a, String b) {
    return SHINGLES.jaccard(TextNormalizer.normalize(a), TextNormalizer.normalize(b));
  }

  private static String id(long seed, long u, int i) {
    return Hashes.sha256Hex("dedup-eval:" + seed + ":" + u + ":" + i).substring(0, 20);
  }

  private static String exactCopy(SplittableRandom rnd, String original) {
    String t = original;
    switch (rnd.nextInt(4)) {
      case 0 -> t = t.toUpperCase(java.util.Locale.ROOT);
      case 1 -> t = "  " + t.replace(" ", "   ").replace("\n", "\n\n") + " ";
      case 2 -> t = t.replace(".", "!").replace(",", " ,");
      default -> t = t.replaceAll("[0-9]", String.valueOf(rnd.nextInt(10)));
    }
    return t;
  }

  /**
   * An edited copy at least {@link #NEAR_AT_LEAST} similar to the original: edits are applied one by one and the
   * copy is taken before the edit that would bring it below (null when even one edit does: a very short original).
   */
  private static String nearCopy(SplittableRandom rnd, String original) {
    List<String> words = new ArrayList<>(List.of(original.split(" ")));
    int edits = 1 + rnd.nextInt(Math.max(1, words.size() / 25));
    String last = null;
    for (int e = 0; e < edits; e++) {
      List<String> next = new ArrayList<>(words);
      switch (rnd.nextInt(5)) {
        case 0 -> next.set(rnd.nextInt(next.size()), pick(rnd, FILLER));
        case 1 -> next.add(rnd.nextInt(next.size() + 1), pick(rnd, FILLER));
        case 2 -> {
          if (next.size() > 10) {
            next.remove(rnd.nextInt(next.size()));
          }
        }
        case 3 -> next.add("\n" + pick(rnd, SIGN_OFFS));
        default -> {
          int i = rnd.nextInt(next.size());
          int j = rnd.nextInt(next.size());
          String w = next.get(i);
          next.set(i, next.get(j));
          next.set(j, w);
        }
      }
      String candidate = String.join(" ", next);
      if (similarity(original, candidate) < NEAR_AT_LEAST) {
        break;
      }
      words = next;
      last = candidate;
    }
    return last;
  }

  private static List<String> shortMessages(SplittableRandom rnd) {
    String[] subjects = {"deploy", "build", "backup", "migration", "release", "rollback", "sync", "job", "index", "cert"};
    String[] states = {"done", "failed", "started", "green", "red", "stuck", "paused", "queued", "retrying", "finished"};
    String subject = pick(rnd, subjects);
    List<String> out = new ArrayList<>();
    int n = 2 + rnd.nextInt(2);
    List<String> used = new ArrayList<>();
    while (out.size() < n) {
      String state = pick(rnd, states);
      if (!used.contains(state)) {
        used.add(state);
        out.add(rnd.nextBoolean() ? subject + " " + state : subject + " " + state + " on " + pick(rnd, HOSTS));
      }
    }
    return out;
  }

  /** Which template each sentence of a document uses. */
  private static int[] plan(SplittableRandom rnd, int genre) {
    int[] plan = new int[4 + rnd.nextInt(14)];
    for (int i = 0; i < plan.length; i++) {
      plan[i] = rnd.nextInt(GENRES[genre].length);
    }
    return plan;
  }

  private static String write(SplittableRandom rnd, int genre, int[] plan) {
    StringBuilder sb = new StringBuilder();
    for (int t : plan) {
      String s = GENRES[genre][t];
      StringBuilder filled = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '@' -> filled.append(pick(rnd, COMPONENTS));
          case '#' -> filled.append(pick(rnd, ACTIONS));
          case '%' -> filled.append(pick(rnd, PROBLEMS));
          case '&' -> filled.append(pick(rnd, HOSTS));
          case '~' -> filled.append(pick(rnd, TEAMS));
          case '^' -> filled.append(pick(rnd, TIMES));
          case '$' -> filled.append("person_").append(Long.toHexString(rnd.nextLong()).substring(0, 6));
          default -> filled.append(c);
        }
      }
      sb.append(sb.length() == 0 ? "" : " ").append(filled);
    }
    return sb.toString();
  }

  private static String pick(SplittableRandom rnd, String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private static final String[] COMPONENTS = {
    "billing service", "search index", "login page", "export job", "payments API", "invoice generator", "mobile app",
    "admin console", "data warehouse", "notification queue", "report builder", "CSV importer", "SSO integration",
    "rate limiter", "feature flag service", "audit log", "checkout flow", "customer portal", "email digest",
    "nightly ETL", "recommendation model", "image resizer", "PDF renderer", "webhook dispatcher", "cache layer"
  };
  private static final String[] ACTIONS = {
    "restarted", "rolled back", "patched", "scaled up", "reindexed", "re-ran", "paused", "upgraded", "reconfigured",
    "migrated", "profiled", "load tested", "throttled", "drained", "redeployed", "benchmarked", "audited", "pinned"
  };
  private static final String[] PROBLEMS = {
    "a memory leak", "slow queries", "a timeout", "duplicate rows", "a null pointer exception", "a race condition",
    "stale cache entries", "a deadlock", "missing indexes", "an expired certificate", "a disk full error",
    "a wrong time zone", "an encoding bug", "a broken migration", "a flaky test", "a permissions error",
    "an off-by-one error", "a retry storm", "a schema mismatch", "a misconfigured proxy"
  };
  private static final String[] HOSTS = {
    "web-01", "web-02", "db-primary", "db-replica", "worker-7", "queue-3", "cache-east", "batch-11", "edge-fra",
    "edge-iad", "api-blue", "api-green"
  };
  private static final String[] TEAMS = {
    "platform team", "data team", "payments squad", "mobile crew", "support desk", "security team", "SRE rotation",
    "growth team", "QA guild", "infra group"
  };
  private static final String[] TIMES = {
    "this morning", "last night", "after the release", "during the migration", "on Friday", "since Tuesday",
    "before lunch", "at the weekly sync", "over the weekend", "right after standup"
  };
  private static final String[] FILLER = {
    "really", "again", "maybe", "still", "now", "also", "quickly", "later", "today", "probably", "please", "though"
  };
  private static final String[] SIGN_OFFS = {"Thanks!", "Cheers.", "Let me know.", "Any thoughts?", "cc ~"};

  /** Sentence templates per genre (ticket, chat, mail); @ component, # action, % problem, & host, ~ team, ^ time. */
  private static final String[][] GENRES = {
    {
      "Steps to reproduce: open the @, wait for the page to load and click export.",
      "Expected the @ to respond within two seconds; it took much longer ^.",
      "Root cause looks like % in the @.",
      "We # the @ on & and the error went away for an hour.",
      "The ~ owns the @ and should decide on the fix.",
      "Logs on & show % right before the failure.",
      "Workaround: # the @ and retry the request.",
      "Assigning to $ for triage; the ~ will review the patch.",
      "Severity is high because customers of the @ are affected.",
      "Related to the incident where we saw % on &.",
      "Acceptance criteria: the @ handles the load without % .",
      "Please attach the stack trace from & if it happens again.",
      "This regressed ^ when the @ was #.",
      "Closing as fixed once the ~ confirms the @ is stable."
    },
    {
      "hey $ did you see the alerts from & ^?",
      "looks like % again in the @",
      "I # the @ and it seems fine now",
      "can someone from the ~ take a look at &?",
      "the @ has been flaky ^, probably %",
      "ok I will # the @ after standup",
      "thanks $, that fixed it",
      "heads up: we are going to # the @ ^",
      "anyone else seeing % on &?",
      "the ~ is on it, ETA unknown",
      "just # &, let's watch the dashboards",
      "is the @ owned by the ~ or by us?",
      "I think the @ and the @ both hit % ^"
    },
    {
      "Hi all, a short update on the @ from the ~.",
      "We found % affecting the @ ^.",
      "As a precaution we # the @ on & and on &.",
      "No customer data was lost, but the @ was degraded for about an hour.",
      "Next steps: the ~ will # the @ and add monitoring for %.",
      "If you notice anything unusual in the @, reply to this thread or page the ~.",
      "We will share a full post-mortem ^.",
      "Thanks to $ and the ~ for the quick response.",
      "The maintenance window for the @ moves to ^.",
      "Please review the attached plan before we # the @.",
      "Best regards, the ~"
    }
  };
}
