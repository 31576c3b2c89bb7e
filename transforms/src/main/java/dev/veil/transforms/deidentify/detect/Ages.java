package dev.veil.transforms.deidentify.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's age in context: {@code age 34}, {@code aged 34}, {@code 34 years old}, {@code 34-year-old},
 * {@code 34yo}, {@code 34 y/o}. Only the number is the finding, so {@code generalize} can turn it into a range. Bare
 * numbers, durations ({@code 3 years ago}, {@code 5 years of experience}) and ages over 120 are not.
 */
public final class Ages extends FactsRecognizer {
  private static final Pattern BEFORE = Pattern.compile("(?i)\\b(?:age|aged|ages)\\s*(?:is|of|:|=)?\\s*(\\d{1,3})\\b(?!\\s*(?:%|percent|days|weeks|months|ms|s\\b|min))");
  private static final Pattern AFTER =
      Pattern.compile("(?i)(?<![\\d.])(\\d{1,3})(?:\\s*(?:-|\\s)\\s*years?(?:\\s*|-)old\\b|\\s*(?:yo|y/o|yrs? old)\\b|-year-old\\b)");

  /** "34yo", "34 yo": a digit right before "yo" (the trigger "yo" also fires on every "you"). */
  private static boolean digitBeforeYo(String text) {
    for (int i = text.indexOf("yo"); i >= 0; i = text.indexOf("yo", i + 1)) {
      int k = i - 1;
      if (k >= 0 && text.charAt(k) == ' ') {
        k--;
      }
      if (k >= 0 && Character.isDigit(text.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean thing(String text, int start) {
    return THING_BEFORE.matcher(text.substring(Math.max(0, start - 28), start)).find();
  }

  @Override
  public String name() {
    return "age";
  }

  private static final List<Trigger> TRIGGERS =
      List.of(Trigger.word("age"), Trigger.word("aged"), Trigger.word("ages"), Trigger.word("old"),
          Trigger.part("yo"), Trigger.part("y/o"), Trigger.part("yrs"));

  private static final TextFacts.Words AGE_WORDS = TextFacts.Words.of("age", "aged", "ages");
  private static final TextFacts.Words OLD_WORDS = TextFacts.Words.of("old", "y/o", "yrs");
  private static final TextFacts.Words YO = TextFacts.Words.of("yo");

  @Override
  public List<Trigger> triggers() {
    return TRIGGERS;
  }

  @Override
  public void find(TextFacts facts, List<Finding> out) {
    if (facts.digits() == 0) {
      return;
    }
    if (facts.hasAny(AGE_WORDS)) {
      PatternRecognizers.aroundRuns(facts, BEFORE.matcher(facts.text()), 1, 24, 0, m -> add(facts.text(), m, out));
    }
    if (facts.hasAny(OLD_WORDS) || (facts.hasAny(YO) && digitBeforeYo(facts.text()))) {
      PatternRecognizers.aroundRuns(facts, AFTER.matcher(facts.text()), 1, 0, 14, m -> add(facts.text(), m, out));
    }
  }

  /** Things that have ages too: "the laptop is 4 years old" is no one's age. */
  private static final Pattern THING_BEFORE =
      Pattern.compile(
          "(?i)\\b(?:laptop|computer|machine|server|car|house|building|code|codebase|system|app|account|ticket|bug|issue"
              + "|phone|device|repo|repository|cert|certificate|key|contract|policy|dog|cat|company|product|version"
              + "|data|backup|disk|drive|battery|printer|router|license|domain|site|website|project|branch|release)s?\\b"
              + "[^.\\n]{0,16}$");

  private void add(String text, Matcher m, List<Finding> out) {
    int age = Integer.parseInt(m.group(1));
    if (age >= 1 && age <= 120 && !thing(text, m.start(1))) {
      out.add(new Finding(EntityType.AGE, m.start(1), m.end(1), 0.85, name()));
    }
  }
}
