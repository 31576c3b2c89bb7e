package dev.veil.transforms.deidentify.ops;

import java.io.Serializable;

/**
 * One entity type's treatment: the operator and its options. {@code variant} is {@code token} or {@code surrogate}
 * for {@code pseudonymize}, {@code siv} or {@code ff1} for {@code tokenize}, {@code month} or {@code year} for dates
 * and the range width or network prefix for {@code generalize}; {@code keepLast} is how many trailing letters and
 * digits {@code mask} leaves visible.
 */
public record OperatorSpec(Operator operator, String variant, int keepLast, char maskChar) implements Serializable {
  public static OperatorSpec of(Operator operator) {
    return new OperatorSpec(operator, defaultVariant(operator), 0, '*');
  }

  public static OperatorSpec of(Operator operator, String variant) {
    return new OperatorSpec(operator, variant == null ? defaultVariant(operator) : variant, 0, '*');
  }

  public static OperatorSpec mask(int keepLast, char maskChar) {
    return new OperatorSpec(Operator.MASK, "", keepLast, maskChar);
  }

  static String defaultVariant(Operator operator) {
    return switch (operator) {
      case PSEUDONYMIZE -> "token";
      case TOKENIZE -> "siv";
      default -> "";
    };
  }

  /** How the manifest shows it: {@code pseudonymize/surrogate}, {@code mask/4}, {@code redact}. */
  public String describe() {
    String name = operator.policyName();
    if (operator == Operator.MASK) {
      return name + "/" + keepLast;
    }
    return variant.isEmpty() ? name : name + "/" + variant;
  }
}
