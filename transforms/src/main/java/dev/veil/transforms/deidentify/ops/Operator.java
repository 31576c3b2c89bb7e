package dev.veil.transforms.deidentify.ops;

/** What happens to a value the detectors found; governance chooses one per entity type in the policy. */
public enum Operator {
  /** Replaced by its type's placeholder: {@code [EMAIL]}. */
  REDACT,
  /** Letters and digits replaced by a mask character, all or all but the last few; punctuation kept. */
  MASK,
  /** A keyed HMAC-SHA-256 surrogate: a token ({@code email_7f3a9c…}) or a realistic fake of the same kind. */
  PSEUDONYMIZE,
  /** Reversible by the holder of the tokenization key: AES-SIV tokens, or format-preserving FF1 on the digits. */
  TOKENIZE,
  /** Coarsened: dates of birth to the month or year, ages to ranges, IP addresses to their network. */
  GENERALIZE,
  /** The whole record (message, ticket, episode) is removed, counted as a drop with the type as its reason. */
  DROP;

  public String policyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
