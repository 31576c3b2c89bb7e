package dev.veil.pipelines.evaluate;

import dev.veil.transforms.deidentify.detect.EntityType;
import java.util.ArrayList;
import java.util.List;

/** Appends plain text and labelled values, recording each value's span as it goes. */
final class DocBuilder {
  private final StringBuilder text = new StringBuilder();
  private final List<GoldSpan> spans = new ArrayList<>();

  DocBuilder text(String plain) {
    text.append(plain);
    return this;
  }

  DocBuilder gold(EntityType type, String kind, String value) {
    int start = text.length();
    text.append(value);
    spans.add(new GoldSpan(type, kind, start, text.length()));
    return this;
  }

  DocBuilder gold(EntityType type, Values.Planted planted) {
    return gold(type, planted.kind(), planted.value());
  }

  /** The last character written, or 0 when nothing has been. */
  char last() {
    return text.isEmpty() ? 0 : text.charAt(text.length() - 1);
  }

  LabelledDoc build(String id, String genre) {
    return new LabelledDoc(id, genre, text.toString(), spans);
  }
}
