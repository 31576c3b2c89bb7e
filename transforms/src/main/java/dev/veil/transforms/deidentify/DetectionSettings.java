package dev.veil.transforms.deidentify;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What governance sets for the detectors: default phone regions, an allow-list (values that are never redacted, such
 * as a public support address) and a deny-list (terms always redacted, such as customer or project names). Lists may
 * hold sensitive terms: they travel with the job graph and never reach outputs, logs or the manifest (only counts do).
 */
public final class DetectionSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> phoneRegions;
  private final TreeSet<String> allow;
  private final List<String> deny;

  public DetectionSettings(List<String> phoneRegions, Set<String> allow, List<String> deny) {
    checkArgument(phoneRegions != null && !phoneRegions.isEmpty(), "at least one phone region is required");
    this.phoneRegions = List.copyOf(phoneRegions);
    this.allow = new TreeSet<>();
    allow.forEach(a -> this.allow.add(a.strip().toLowerCase(Locale.ROOT)));
    this.deny = List.copyOf(deny);
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
