package dev.veil.transforms.filter;

import dev.veil.schemas.Example;
import dev.veil.transforms.common.Reasons;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The example rules, as the policy's {@code filters:} sets them. Each is a plain function of one example, in the order
 * listed; the first that objects names the drop reason (counted in the manifest).
 */
public final class ExampleRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int minChars;
  private final boolean dropBotOnly;

  private ExampleRules(int minChars, boolean dropBotOnly) {
    if (minChars < 0) {
      throw new IllegalArgumentException("filters.min_chars must be non-negative");
    }
    this.minChars = minChars;
    this.dropBotOnly = dropBotOnly;
  }

  /** Conversations that are only bots' posts are dropped; so is any example with under 16 characters of text. */
  public static ExampleRules defaults() {
    return new ExampleRules(16, true);
  }

  public static ExampleRules of(int minChars, boolean dropBotOnly) {
    return new ExampleRules(minChars, dropBotOnly);
  }

  public int minChars() {
    return minChars;
  }

  public boolean dropBotOnly() {
    return dropBotOnly;
  }

  /**
   * Every turn by a bot or Slackbot ({@code bot_turns} = {@code turns}): alert and integration noise with no one
   * answering it.
   */
  public static Optional<String> botOnly(Example e) {
    Object bots = e.getMeta().get("bot_turns");
    Object turns = e.getMeta().get("turns");
    return bots instanceof Long b && turns instanceof Long t && t > 0 && b.equals(t)
        ? Optional.of(Reasons.BOT_ONLY)
        : Optional.empty();
  }

  /**
   * Less text than {@code minChars}: a conversation's message texts ({@code text_chars}, speakers and header aside),
   * or any other example's whole text.
   */
  public Optional<String> tooShort(Example e) {
    Object chars = e.getMeta().get("text_chars");
    long n = chars instanceof Long c ? c : e.getText().strip().length();
    return n < minChars ? Optional.of(Reasons.TOO_SHORT) : Optional.empty();
  }

  /** The rules in order: bot-only first (the more telling reason), then too short. */
  public List<ExampleRule> rules() {
    List<ExampleRule> rules = new ArrayList<>();
    if (dropBotOnly) {
      rules.add(ExampleRules::botOnly);
    }
    if (minChars > 0) {
      int min = minChars;
      rules.add(e -> of(min, false).tooShort(e));
    }
    return rules;
  }

  @Override
  public String toString() {
    return "min_chars=" + minChars + ", bot_only=" + dropBotOnly;
  }
}
