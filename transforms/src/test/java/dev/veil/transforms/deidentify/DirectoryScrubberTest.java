package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
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
}
