package dev.veil.transforms.deidentify.detect;

import java.util.List;

/**
 * A recognizer written against {@link TextFacts}. Given a bare string (tests, one-off calls), it computes the string's
 * facts and triggers first, as the {@link Detector} does for every text.
 */
abstract class FactsRecognizer implements Recognizer {
  @Override
  public final void find(String text, List<Finding> out) {
    new Detector(List.of(this)).findAll(new TextFacts(text), out);
  }

  @Override
  public abstract void find(TextFacts facts, List<Finding> out);
}
