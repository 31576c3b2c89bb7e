package dev.veil.transforms.deidentify.detect;

/**
 * A span of text a recognizer believes identifies someone or is a secret: [start, end), its entity type, a confidence
 * in [0, 1], and the recognizer that found it. Holds positions, never the value, so findings are safe to log.
 */
public record Finding(EntityType type, int start, int end, double score, String recognizer) {
  public int length() {
    return end - start;
  }

  public boolean overlaps(Finding o) {
    return start < o.end && o.start < end;
  }
}
