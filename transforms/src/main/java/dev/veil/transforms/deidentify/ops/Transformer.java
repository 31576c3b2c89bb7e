package dev.veil.transforms.deidentify.ops;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import java.util.Locale;

/**
 * Applies the policy's operator to one found value. Pseudonyms and surrogates are keyed on the value's normalized form
 * (an e-mail address lower-cased, a phone or card number's digits), so the same value written differently still maps
 * to the same replacement. People carry their pseudonym ({@link Finding#subject()}): a directory person's is their
 * {@code person_…} id, a name outside the directory gets one keyed on the name. Not thread-safe (one per DoFn).
 */
public final class Transformer {
  private final Operators operators;
  private final Pseudonyms pseudonyms;
  private final Surrogates surrogates;
  private final Tokenizer tokenizer;

  /** {@code tokenizer} may be null when no type is tokenized. */
  public Transformer(Operators operators, Pseudonyms pseudonyms, Tokenizer tokenizer) {
    if (operators.tokenizes() && tokenizer == null) {
      throw new IllegalArgumentException("the policy tokenizes values but no tokenization key is available");
    }
    this.operators = operators;
    this.pseudonyms = pseudonyms;
    this.surrogates = new Surrogates(pseudonyms);
    this.tokenizer = tokenizer;
  }

  public Operators operators() {
    return operators;
  }

  /** The person pseudonym of a finding: its subject, or a keyed token of the name found outside the directory. */
  public String personToken(Finding f, String value) {
    return f.subject() != null ? f.subject() : pseudonyms.token("person", "name", normalize(EntityType.PERSON, value));
  }

  /** What {@code value} (the text of finding {@code f}) becomes. */
  public String apply(Finding f, String value) {
    EntityType type = f.type();
    OperatorSpec spec = operators.spec(type);
    switch (spec.operator()) {
      case MASK:
        return mask(value, spec.keepLast(), spec.maskChar());
      case PSEUDONYMIZE:
        boolean surrogate = spec.variant().equals("surrogate");
        if (type == EntityType.PERSON) {
          String token = personToken(f, value);
          return surrogate ? surrogates.of(EntityType.PERSON, token, value) : token;
        }
        String key = normalize(type, value);
        return surrogate ? surrogates.of(type, key, value) : pseudonyms.token(prefix(type), type.name(), key);
      case TOKENIZE:
        String token = spec.variant().equals("ff1") ? tokenizer.ff1(type, value) : tokenizer.siv(type, value);
        return token != null ? token : type.placeholder();
      case GENERALIZE:
        String general = Generalizer.apply(type, spec.variant(), value);
        return general != null ? general : type.placeholder();
      case REDACT:
      case DROP:
      default:
        return type.placeholder();
    }
  }

  /** The prefix of a type's keyed tokens: {@code email_…}, {@code phone_…}, {@code nid_…}. */
  public static String prefix(EntityType type) {
    return switch (type) {
      case IP_ADDRESS -> "ip";
      case US_SSN -> "ssn";
      case NATIONAL_ID -> "nid";
      case HOSTNAME -> "host";
      case DATE_OF_BIRTH -> "dob";
      case DENIED -> "term";
      case URL_QUERY -> "query";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  /** The form a value is keyed on, so that formatting does not change its pseudonym. */
  static String normalize(EntityType type, String value) {
    String v = value.strip();
    return switch (type) {
      case PHONE, CARD, US_SSN -> v.replaceAll("\\D", "");
      case IBAN, NATIONAL_ID -> v.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
      case EMAIL, HOSTNAME, IP_ADDRESS, USERNAME, DENIED -> v.toLowerCase(Locale.ROOT);
      case PERSON -> v.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      default -> v;
    };
  }

  /** Letters and digits become {@code maskChar}, all but the last {@code keepLast} of them; the rest is kept. */
  static String mask(String value, int keepLast, char maskChar) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    int toMask = Math.max(0, alnum - keepLast);
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c) && toMask > 0) {
        sb.append(maskChar);
        toMask--;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
