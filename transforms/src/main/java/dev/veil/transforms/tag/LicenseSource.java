package dev.veil.transforms.tag;

import java.io.Serializable;

/**
 * Where content comes from, as the license table sees it: the input label ({@code kind:name}) and, within it, the
 * scope (a chat channel's name or a ticket project's key; null when there is none). Not released.
 */
public record LicenseSource(String label, String scope) implements Serializable {
  public LicenseSource {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("a license source needs an input label");
    }
  }

  public static LicenseSource of(String label) {
    return new LicenseSource(label, null);
  }

  public static LicenseSource of(dev.veil.schemas.Example e) {
    return new LicenseSource(e.getSourceLabel(), e.getScope());
  }
}
