package dev.veil.transforms.audit;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.io.Serializable;

/**
 * What governance says about the dataset in the dataset card and {@code croissant.json} (policy {@code output.card}):
 * a name, and optionally a description, a URL, the creating organization and the publication date. {@code null}
 * means not given. Nothing here comes from the data.
 */
public record CardInfo(String name, String description, String url, String creator, String datePublished)
    implements Serializable {
  public CardInfo {
    checkArgument(name != null && !name.isBlank(), "the dataset needs a name");
    checkArgument(
        datePublished == null || datePublished.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        "date_published must be YYYY-MM-DD");
  }

  /** The defaults: a name made from the policy version, nothing else. */
  public static CardInfo defaults(String policyVersion) {
    return new CardInfo(defaultName(policyVersion), null, null, null, null);
  }

  /** {@code veil-<policy version>}, with anything but letters, digits, '.', '_' and '-' replaced by '-'. */
  public static String defaultName(String policyVersion) {
    return "veil-" + policyVersion.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
