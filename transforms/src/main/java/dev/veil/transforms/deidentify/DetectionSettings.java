package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.deidentify.ops.Operators;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What governance sets for de-identification: default phone regions, an allow-list (values that are never transformed,
 * such as a public support address), a deny-list (terms always treated, such as customer or project names), the
 * operator for each entity type, and where the tokenization key lives (when a type is tokenized; by default the
 * pseudonymization key). Lists may hold sensitive terms: they travel with the job graph and never reach outputs, logs
 * or the manifest (only counts do).
 */
public final class DetectionSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> phoneRegions;
  private final TreeSet<String> allow;
  private final List<String> deny;
  private final Operators operators;
  private final KeyReference tokenKey;

  public DetectionSettings(List<String> phoneRegions, Set<String> allow, List<String> deny) {
    this(phoneRegions, allow, deny, Operators.defaults(), null);
  }

  public DetectionSettings(
      List<String> phoneRegions, Set<String> allow, List<String> deny, Operators operators, KeyReference tokenKey) {
    checkArgument(phoneRegions != null && !phoneRegions.isEmpty(), "at least one phone region is required");
    this.phoneRegions = List.copyOf(phoneRegions);
    this.allow = new TreeSet<>();
    allow.forEach(a -> this.allow.add(a.strip().toLowerCase(Locale.ROOT)));
    this.deny = List.copyOf(deny);
    checkArgument(operators != null, "operators must be set");
    this.operators = operators;
    this.tokenKey = tokenKey;
  }

  public DetectionSettings withOperators(Operators operators) {
    return new DetectionSettings(phoneRegions, allow, deny, operators, tokenKey);
  }

  /** Where the tokenization key lives; null to derive it from the pseudonymization key. */
  public DetectionSettings withTokenKey(KeyReference tokenKey) {
    return new DetectionSettings(phoneRegions, allow, deny, operators, tokenKey);
  }

  public Operators operators() {
    return operators;
  }

  public KeyReference tokenKey() {
    return tokenKey;
  }

  /** The key tokens are made with: the tokenization key if the policy sets one apart, else the pseudonymization key. */
  public KeyReference tokenKeyOr(KeyReference pseudonymizationKey) {
    return tokenKey != null ? tokenKey : pseudonymizationKey;
  }

  public static DetectionSettings defaults() {
    return new DetectionSettings(List.of("US"), Set.of(), List.of());
  }

  public List<String> phoneRegions() {
    return phoneRegions;
  }

  public boolean allowed(String value) {
    return allow.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  public int allowCount() {
    return allow.size();
  }

  public List<String> deny() {
    return deny;
  }
}
