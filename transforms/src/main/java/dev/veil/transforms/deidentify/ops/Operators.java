package dev.veil.transforms.deidentify.ops;

import dev.veil.transforms.deidentify.detect.EntityType;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator chosen for each entity type. Defaults: people are pseudonymized to keyed tokens ({@code person_…}),
 * URL queries are removed, everything else is redacted to its typed placeholder. Immutable; checks each choice
 * against what the type supports.
 */
public final class Operators implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Types whose values carry digits worth keeping in shape: format-preserving FF1 applies to them. */
  public static final Set<EntityType> FF1_TYPES =
      Set.of(EntityType.PHONE, EntityType.CARD, EntityType.IBAN, EntityType.US_SSN, EntityType.NATIONAL_ID);

  /** Types that can be generalized, and how. */
  public static final Map<EntityType, String> GENERALIZABLE =
      Map.of(
          EntityType.DATE_OF_BIRTH, "to the month (default) or the year: variant month | year",
          EntityType.AGE, "to a range: variant is the range width, default 10",
          EntityType.IP_ADDRESS, "to its network: IPv4 /24, IPv6 /48",
          EntityType.EMAIL, "to its domain: [EMAIL]@example.com");

  private final EnumMap<EntityType, OperatorSpec> specs;

  private Operators(EnumMap<EntityType, OperatorSpec> specs) {
    this.specs = specs;
  }

  public static Operators defaults() {
    EnumMap<EntityType, OperatorSpec> m = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      m.put(t, OperatorSpec.of(Operator.REDACT));
    }
    m.put(EntityType.PERSON, OperatorSpec.of(Operator.PSEUDONYMIZE, "token"));
    return new Operators(m);
  }

  /** A copy with {@code type} treated by {@code spec}; throws {@link IllegalArgumentException} if unsupported. */
  public Operators with(EntityType type, OperatorSpec spec) {
    String problem = problem(type, spec);
    if (problem != null) {
      throw new IllegalArgumentException(type + ": " + problem);
    }
    EnumMap<EntityType, OperatorSpec> m = new EnumMap<>(specs);
    m.put(type, spec);
    return new Operators(m);
  }

  /** Why {@code spec} cannot apply to {@code type}, or null if it can. */
  static String problem(EntityType type, OperatorSpec spec) {
    Operator op = spec.operator();
    if (type == EntityType.URL_QUERY && op != Operator.REDACT && op != Operator.DROP) {
      return "URL queries can only be removed (redact) or drop their record";
    }
    switch (op) {
      case PSEUDONYMIZE:
        if (!spec.variant().equals("token") && !spec.variant().equals("surrogate")) {
          return "pseudonymize style must be token or surrogate, not " + spec.variant();
        }
        return null;
      case TOKENIZE:
        if (spec.variant().equals("ff1")) {
          return FF1_TYPES.contains(type) ? null : "format-preserving ff1 applies only to " + new java.util.TreeSet<>(FF1_TYPES);
        }
        return spec.variant().equals("siv") ? null : "tokenize method must be siv or ff1, not " + spec.variant();
      case GENERALIZE:
        if (!GENERALIZABLE.containsKey(type)) {
          return "generalize applies only to " + new TreeMap<>(GENERALIZABLE).keySet();
        }
        return Generalizer.checkVariant(type, spec.variant());
      case MASK:
        return spec.keepLast() < 0 ? "keep_last must not be negative" : null;
      default:
        return null;
    }
  }

  public OperatorSpec spec(EntityType type) {
    return specs.get(type);
  }

  public boolean drops(EntityType type) {
    return specs.get(type).operator() == Operator.DROP;
  }

  /**
   * The drop reason of a record whose transformed entities are {@code entities} (type name → count): {@code
   * contains_<type>} for the first type, in type order, whose operator is {@code drop}; null to keep the record.
   */
  public String dropReason(Map<? extends CharSequence, Long> entities) {
    if (entities.isEmpty()) {
      return null;
    }
    for (Map.Entry<EntityType, OperatorSpec> e : specs.entrySet()) {
      if (e.getValue().operator() == Operator.DROP) {
        for (Map.Entry<? extends CharSequence, Long> c : entities.entrySet()) {
          if (c.getValue() > 0 && c.getKey().toString().equals(e.getKey().name())) {
            return "contains_" + e.getKey().name().toLowerCase(java.util.Locale.ROOT);
          }
        }
      }
    }
    return null;
  }

  /** Whether any type is tokenized (so the tokenization key must be available to workers). */
  public boolean tokenizes() {
    return specs.values().stream().anyMatch(s -> s.operator() == Operator.TOKENIZE);
  }

  /** Type → operator description, in type order: what the manifest records. */
  public Map<String, String> describe() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    specs.forEach((t, s) -> out.put(t.name(), s.describe()));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Operators other && specs.equals(other.specs);
  }

  @Override
  public int hashCode() {
    return specs.hashCode();
  }
}
