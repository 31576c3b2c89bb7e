package dev.veil.transforms.deidentify.detect;

import java.util.List;

/** Finds one kind of identifier in text. Implementations are stateless and thread-safe, with precompiled patterns. */
public interface Recognizer {
  String name();

  void find(String text, List<Finding> out);
}
