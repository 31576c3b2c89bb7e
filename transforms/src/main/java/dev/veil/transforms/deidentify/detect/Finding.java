package dev.veil.transforms.deidentify.detect;

/**
 * A span of text a recognizer believes identifies someone or is a secret: [start, end), its entity type, a confidence
 * in [0, 1], the recognizer that found it, and, for a person the identity directory knows, that person's pseudonym
 * ({@code subject}; null otherwise). Holds positions and pseudonyms, never the value, so findings are safe to log.
 */
public record Finding(EntityType type, int start, int end, double score, String recognizer, String subject) {
  public Finding(EntityType type, int start, int end, double score, String recognizer) {
    this(type, start, end, score, recognizer, null);
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Finding o) {
    return start < o.end && o.start < end;
  }
}
