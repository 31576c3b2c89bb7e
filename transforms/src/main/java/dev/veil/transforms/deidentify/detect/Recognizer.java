package dev.veil.transforms.deidentify.detect;

import java.util.List;

/** Finds one kind of identifier in text. Implementations are stateless and thread-safe, with precompiled patterns. */
public interface Recognizer {
  String name();

  void find(String text, List<Finding> out);

  /**
   * The same, given what is already known of the text ({@link TextFacts}: its lower-case form, its digit count), so a
   * recognizer can skip a text that cannot hold a candidate without scanning it again. The detector calls this one.
   */
  default void find(TextFacts facts, List<Finding> out) {
    find(facts.text(), out);
  }

  /**
   * Words without one of which the recognizer can find nothing (lower-case; {@link Trigger#word} for whole words,
   * {@link Trigger#part} for any occurrence). The detector finds every recognizer's triggers in one pass and skips a
   * recognizer none of whose triggers occur. Empty (the default): always run.
   */
  default List<Trigger> triggers() {
    return List.of();
  }

  /**
   * Whether the detector skips this recognizer when none of its {@link #triggers} occurs (the default). A recognizer
   * that also finds things without them returns false and asks {@link TextFacts#has} which occurred.
   */
  default boolean gatedByTriggers() {
    return true;
  }

  /** A trigger word: lower-case, matched as a whole word or anywhere. */
  record Trigger(String text, boolean wholeWord) implements java.io.Serializable {
    public static Trigger word(String text) {
      return new Trigger(text, true);
    }

    public static Trigger part(String text) {
      return new Trigger(text, false);
    }
  }
}
