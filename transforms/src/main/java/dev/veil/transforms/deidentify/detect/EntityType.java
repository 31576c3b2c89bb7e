package dev.veil.transforms.deidentify.detect;

/** The kinds of identifiers and secrets the detectors find; each redacts to its own placeholder. */
public enum EntityType {
  EMAIL("[EMAIL]"),
  PHONE("[PHONE]"),
  CARD("[CARD]"),
  IBAN("[IBAN]"),
  IP_ADDRESS("[IP]"),
  US_SSN("[SSN]"),
  SECRET("[SECRET]"),
  /** A term on the policy's deny-list. */
  DENIED("[REDACTED]");

  private final String placeholder;

  EntityType(String placeholder) {
    this.placeholder = placeholder;
  }

  public String placeholder() {
    return placeholder;
  }
}
