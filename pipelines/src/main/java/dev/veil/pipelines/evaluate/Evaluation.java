package dev.veil.pipelines.evaluate;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.TextScrubber;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores the detectors on a labelled set. A gold span is <em>recalled</em> when a finding of its type overlaps it;
 * one that only findings of other types overlap is counted apart ({@code mistyped}, a subset of the misses). A finding
 * is a <em>true positive</em> when it overlaps a gold span of its own type, otherwise a false positive of its type.
 * Precision is true positives over findings, recall recalled gold spans over gold spans, per type and micro-averaged
 * over all types. Overlap, not exact boundaries: a detector that finds "34 years old" where "34" was labelled is right.
 */
public final class Evaluation {
  /** The key the evaluation's pseudonyms use; they never leave the run and do not affect what is found. */
  private static final byte[] KEY = new byte[32];

  private Evaluation() {}

  /** Runs {@link TextScrubber#analyze} with the set's directory and settings over every document and scores it. */
  public static EvalReport run(EvalSet set) {
    Pseudonyms pseudonyms = new Pseudonyms(KEY);
    IdentityDirectory directory = new IdentityResolver(pseudonyms).resolve(set.directory());
    TextScrubber scrubber = new TextScrubber(pseudonyms, directory, set.settings());
    return score(set.seed(), set.docs(), scrubber::analyze);
  }

  /** Scores what {@code analyzer} finds in each document against the document's gold spans. */
  public static EvalReport score(long seed, List<LabelledDoc> docs, Function<String, List<Finding>> analyzer) {
    Map<EntityType, Tally> byType = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      byType.put(t, new Tally());
    }
    Map<String, Tally> byKind = new TreeMap<>();
    Map<String, Long> genres = new TreeMap<>();
    long chars = 0;
    long nanos = 0;
    for (LabelledDoc doc : docs) {
      chars += doc.text().length();
      genres.merge(doc.genre(), 1L, Long::sum);
      long start = System.nanoTime();
      List<Finding> findings = analyzer.apply(doc.text());
      nanos += System.nanoTime() - start;
      for (GoldSpan g : doc.spans()) {
        Tally type = byType.get(g.type());
        Tally kind = byKind.computeIfAbsent(g.type().name() + "\t" + g.kind(), k -> new Tally());
        type.gold++;
        kind.gold++;
        boolean recalled = false;
        EntityType other = null;
        for (Finding f : findings) {
          if (g.overlaps(f.start(), f.end())) {
            if (f.type() == g.type()) {
              recalled = true;
            } else if (other == null) {
              other = f.type();
            }
          }
        }
        if (recalled) {
          type.recalled++;
          kind.recalled++;
        } else if (other != null) {
          type.mistyped++;
          kind.mistyped++;
          kind.otherTypes.merge(other, 1L, Long::sum);
        }
      }
      for (Finding f : findings) {
        Tally type = byType.get(f.type());
        type.found++;
        boolean ownType = false;
        boolean anyGold = false;
        for (GoldSpan g : doc.spans()) {
          if (g.overlaps(f.start(), f.end())) {
            anyGold = true;
            ownType |= g.type() == f.type();
          }
        }
        if (ownType) {
          type.truePositives++;
        } else if (anyGold) {
          type.falseOnOtherGold++;
        }
      }
    }
    List<EvalReport.TypeScore> types =
        byType.entrySet().stream().map(e -> e.getValue().typeScore(e.getKey().name())).toList();
    Tally all = new Tally();
    byType.values().forEach(all::add);
    List<EvalReport.KindScore> kinds =
        byKind.entrySet().stream()
            .map(
                e -> {
                  String[] tk = e.getKey().split("\t", 2);
                  Tally t = e.getValue();
                  return new EvalReport.KindScore(
                      EntityType.valueOf(tk[0]), tk[1], t.gold, t.recalled, t.mistyped, t.otherTypes);
                })
            .toList();
    return new EvalReport(seed, docs.size(), genres, chars, nanos, types, all.typeScore("all"), kinds);
  }

  /** Running counts. */
  private static final class Tally {
    long gold;
    long recalled;
    long mistyped;
    long found;
    long truePositives;
    long falseOnOtherGold;
    final Map<EntityType, Long> otherTypes = new EnumMap<>(EntityType.class);

    void add(Tally o) {
      gold += o.gold;
      recalled += o.recalled;
      mistyped += o.mistyped;
      found += o.found;
      truePositives += o.truePositives;
      falseOnOtherGold += o.falseOnOtherGold;
    }

    EvalReport.TypeScore typeScore(String name) {
      return new EvalReport.TypeScore(name, gold, recalled, mistyped, found, truePositives, falseOnOtherGold);
    }
  }
}
