package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryScrubberTest {
  static final byte[] KEY = new byte[32];
  static DirectoryScrubber scrubber;
  static String dana;
  static String mei;

  @BeforeAll
  static void directory() {
    IdentityDirectory dir =
        new IdentityResolver(new Pseudonyms(KEY))
            .resolve(
                List.of(
                    user("U01DANA", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", "+1 415 555 0142"),
                    user("U02MEI", "mei", "Mei-Ling Ostrova", "", "mei@acme.test", null)));
    scrubber = new DirectoryScrubber(dir);
    dana = new Pseudonyms(KEY).person("email:dana@acme.test");
    mei = new Pseudonyms(KEY).person("email:mei@acme.test");
  }

  static Account user(String id, String handle, String real, String display, String email, String phone) {
    return Account.newBuilder()
        .setSource("slack:t")
        .setKind("slack")
        .setAccountId(id)
        .setHandle(handle)
        .setRealName(real)
        .setDisplayName(display)
        .setEmail(email)
        .setPhone(phone)
        .build();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '→',
      value = {
        "ask Dana Whitfield → ask {D}",
        "ask DANA WHITFIELD → ask {D}",
        "mail dana@acme.test now → mail {D} now",
        "ping dana.w or danaw → ping {D} or {D}",
        "user U01DANA → user {D}",
        "call +1 (415) 555-0142 → call {D}",
        "call 415.555.0142 → call {D}",
        "Thanks Dana! → Thanks {D}!",
        "Whitfield said → {D} said",
        "Mei-Ling is buying → {M} is buying",
        "Mei-Ling Ostrova and mei → {M} and {M}",
        "a danaware tool → a danaware tool",
        "the mei-ling alias is lower case → the {M}-ling alias is lower case",
        "dana in lower case is only a word → dana in lower case is only a word",
        "call 555 0100 → call 555 0100",
        "already person_0123456789ab here → already person_0123456789ab here"
      })
  void replacesEveryFormWithThePersonsPseudonym(String text, String expected) {
    String want = expected.strip().replace("{D}", dana).replace("{M}", mei);
    assertThat(scrubber.scrub(text.strip())).isEqualTo(want);
  }

  /**
   * The phone index answers as the pass over every known number it replaced did (the first match in the map's
   * iteration order, by the national-part and the 10-digit suffix rules), on numbers written with and without
   * country codes, trunk zeros and prefixes, for 300 people some of whose numbers end alike.
   */
  @Test
  void phoneLookupsAgreeWithAPassOverEveryKnownNumber() {
    java.util.Random r = new java.util.Random(5);
    List<Account> people = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Every other person shares a national number with others (under another country code or trunk zero).
      int line = i % 2 == 0 ? r.nextInt(40) : r.nextInt(10_000);
      String national = String.format(java.util.Locale.ROOT, "%02d %04d %04d", 20 + r.nextInt(3), r.nextInt(40), line);
      String phone = (i % 3 == 0 ? "+44 " : i % 3 == 1 ? "+1 " : "0") + national;
      people.add(user("U" + i, "h" + i, "Person Number" + i, "", "p" + i + "@acme.test", phone));
    }
    DirectoryScrubber s = new DirectoryScrubber(new IdentityResolver(new Pseudonyms(KEY)).resolve(people));
    java.util.Map<String, String> byPhone = new java.util.TreeMap<>();
    IdentityDirectory dir = new IdentityResolver(new Pseudonyms(KEY)).resolve(people);
    for (dev.veil.schemas.Identity id : dir.getIdentities()) {
      for (dev.veil.schemas.IdentityForm f : id.getForms()) {
        String digits = dev.veil.transforms.deidentify.detect.Prefilter.digitsOf(f.getValue());
        if (f.getKind().equals("phone") && digits.length() >= 7) {
          byPhone.merge(digits, id.getPersonId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
      }
    }
    java.util.Map<String, String> known = new java.util.HashMap<>(byPhone);
    int matched = 0;
    for (int i = 0; i < 3000; i++) {
      String base = new java.util.ArrayList<>(known.keySet()).get(r.nextInt(known.size()));
      String written =
          switch (i % 5) {
            case 0 -> base;
            case 1 -> base.substring(Math.min(base.length() - 8, 1 + r.nextInt(3)));
            case 2 -> "0" + base.substring(2);
            case 3 -> "99" + base;
            default -> Integer.toString(r.nextInt(1_000_000_000)) + r.nextInt(100);
          };
      String expected = reference(known, written);
      assertThat(s.phoneOwner(written)).as(written).isEqualTo(expected);
      matched += expected != null ? 1 : 0;
    }
    assertThat(matched).as("lookups that found someone").isGreaterThan(1500);
  }

  /** What phoneOwner did before its index: an exact hit, else the first known number by the suffix rules. */
  private static String reference(java.util.Map<String, String> known, String digits) {
    if (digits.length() < 7) {
      return null;
    }
    if (known.containsKey(digits)) {
      return known.get(digits);
    }
    String national = digits.startsWith("0") ? digits.substring(1) : digits;
    for (java.util.Map.Entry<String, String> e : known.entrySet()) {
      String k = e.getKey();
      if (national.length() >= 8 && national.length() < k.length() && k.endsWith(national)) {
        return e.getValue();
      }
      String shorter = k.length() < digits.length() ? k : digits;
      String longer = shorter == k ? digits : k;
      if (shorter.length() >= 10 && longer.endsWith(shorter)) {
        return e.getValue();
      }
    }
    return null;
  }
}
