package dev.veil.transforms.deidentify.detect;

/**
 * The kinds of identifiers and secrets the detectors find. Each has a typed placeholder ({@code redact}) and a
 * lower-case name used for keyed tokens ({@code email_7f3a9c…}). The policy chooses an operator per type; see
 * {@code dev.veil.transforms.deidentify.ops.Operators}.
 */
public enum EntityType {
  /** A person's name or handle: from the identity directory, or found by context and capitalization. */
  PERSON("[PERSON]"),
  EMAIL("[EMAIL]"),
  PHONE("[PHONE]"),
  CARD("[CARD]"),
  IBAN("[IBAN]"),
  IP_ADDRESS("[IP]"),
  US_SSN("[SSN]"),
  /** National identifiers with a check digit or a strict shape (UK NINO, NL BSN, FR NIR, ES DNI/NIE, CA SIN…). */
  NATIONAL_ID("[NATIONAL_ID]"),
  /** Host names of machines (internal domains, FQDNs in context, Windows machine names). */
  HOSTNAME("[HOST]"),
  /** A user name inside a path ({@code /home/jdoe}, {@code C:\Users\jdoe}) or a login in context. */
  USERNAME("[USERNAME]"),
  /** A date of birth: a date standing next to "born", "DOB", "date of birth", "birthday". */
  DATE_OF_BIRTH("[DOB]"),
  /** A person's age in context ("age 34", "34 years old", "34yo"). */
  AGE("[AGE]"),
  SECRET("[SECRET]"),
  /** The query string and fragment of a URL (tokens and e-mail addresses travel there); removed by default. */
  URL_QUERY(""),
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
