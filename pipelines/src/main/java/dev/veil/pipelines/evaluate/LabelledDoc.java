package dev.veil.pipelines.evaluate;

import java.util.List;

/**
 * A synthetic document of the evaluation set: its id, its genre ({@code chat}, {@code ticket} or {@code mail}), its
 * text, and the gold spans planted in it, sorted by start and never overlapping. Text outside the spans holds nothing
 * a detector should find, traps included.
 */
public record LabelledDoc(String id, String genre, String text, List<GoldSpan> spans) {
  public LabelledDoc {
    spans = List.copyOf(spans);
  }
}
