package dev.veil.transforms.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicensesTest {
  static final Licenses TABLE =
      Licenses.of(
              List.of(
                  new Licenses.Rule("slack:*", "oss-*", null, "CC-BY-4.0"),
                  new Licenses.Rule("jira:*", null, "APACHE*", "Apache-2.0"),
                  Licenses.Rule.of("slack:acme*", "LicenseRef-Acme"),
                  Licenses.Rule.of("*", "LicenseRef-Internal")))
          .withOrder(List.of("CC-BY-4.0", "Apache-2.0", "LicenseRef-Acme", "LicenseRef-Internal"));

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "slack:acme-2024, oss-tools, CC-BY-4.0",
        "slack:acme-2024, general, LicenseRef-Acme",
        "slack:acme-2024, -, LicenseRef-Acme",
        "slack:other, oss-x, CC-BY-4.0",
        "mattermost:m, oss-tools, LicenseRef-Internal", // the channel rule names slack inputs only
        "jira:tickets, APACHE-COMMONS, Apache-2.0",
        "jira:tickets, ENG, LicenseRef-Internal",
        "jira:tickets, -, LicenseRef-Internal",
        "slack:x, APACHE, LicenseRef-Internal", // a project pattern never applies to chat
        "capture:c, -, LicenseRef-Internal"
      })
  void theFirstMatchingRuleWinsAndScopedRulesNeedTheirScope(String label, String scope, String license) {
    assertThat(TABLE.licenseOf(new LicenseSource(label, scope))).isEqualTo(license);
  }

  @Test
  void aChannelPatternAppliesToEveryChatKindItsInputPatternNames() {
    Licenses l = Licenses.of(List.of(new Licenses.Rule("*", "oss-*", null, "MIT"), Licenses.Rule.of("*", "X-1")));
    assertThat(l.licenseOf(new LicenseSource("mattermost:m", "oss-a"))).isEqualTo("MIT");
    assertThat(l.licenseOf(new LicenseSource("mbox:list", "oss-a"))).isEqualTo("MIT");
    assertThat(l.licenseOf(new LicenseSource("jira:t", "oss-a"))).isEqualTo("X-1");
  }

  @Test
  void theDefaultLicenseOfAnInputIgnoresScopedRules() {
    assertThat(TABLE.defaultLicenseOf("slack:acme")).isEqualTo("LicenseRef-Acme");
    assertThat(Licenses.of(List.of(new Licenses.Rule("slack:*", "oss-*", null, "MIT"))).defaultLicenseOf("slack:a"))
        .isNull();
  }

  @Test
  void mostRestrictiveWinsByThePolicysOrder() {
    assertThat(TABLE.mostRestrictive(List.of("CC-BY-4.0", "LicenseRef-Acme", "Apache-2.0")))
        .isEqualTo("LicenseRef-Acme");
    assertThat(TABLE.mostRestrictive(List.of("LicenseRef-Internal", "CC-BY-4.0"))).isEqualTo("LicenseRef-Internal");
    assertThat(TABLE.mostRestrictive(List.of("Apache-2.0", "Apache-2.0"))).isEqualTo("Apache-2.0");
    // The order decides, not the names: reversed order, reversed answer.
    Licenses reversed =
        TABLE.withOrder(List.of("LicenseRef-Internal", "LicenseRef-Acme", "Apache-2.0", "CC-BY-4.0"));
    assertThat(reversed.mostRestrictive(List.of("LicenseRef-Internal", "CC-BY-4.0"))).isEqualTo("CC-BY-4.0");
  }

  @Test
  void combiningWithoutARankIsAnErrorNeverAGuess() {
    Licenses unordered = Licenses.of(List.of(Licenses.Rule.of("*", "MIT")));
    assertThat(unordered.mostRestrictive(List.of("MIT"))).isEqualTo("MIT");
    assertThatThrownBy(() -> unordered.mostRestrictive(List.of("MIT", "CC0-1.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("license_order does not rank");
    assertThatThrownBy(() -> TABLE.mostRestrictive(List.of("MIT", "CC-BY-4.0"))).hasMessageContaining("MIT");
    assertThatThrownBy(() -> TABLE.mostRestrictive(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOrderMustRankEveryLicenseOfTheTableOnce() {
    assertThatThrownBy(() -> TABLE.withOrder(List.of("CC-BY-4.0", "Apache-2.0", "LicenseRef-Acme")))
        .hasMessageContaining("does not rank LicenseRef-Internal");
    assertThatThrownBy(() -> TABLE.withOrder(List.of("MIT", "MIT"))).hasMessageContaining("twice");
  }

  @Test
  void everyLicenseIsAcceptedUnlessTheOutputNamesSome() {
    assertThat(TABLE.accepts("anything")).isTrue();
    Licenses some = TABLE.withAccepted(List.of("CC-BY-4.0", "Apache-2.0"));
    assertThat(some.accepts("CC-BY-4.0")).isTrue();
    assertThat(some.accepts("LicenseRef-Internal")).isFalse();
  }

  @Test
  void globsMatchTheWholeValue() {
    assertThat(Licenses.glob("oss-*").matcher("oss-tools").matches()).isTrue();
    assertThat(Licenses.glob("oss-*").matcher("my-oss-tools").matches()).isFalse();
    assertThat(Licenses.glob("a?c").matcher("abc").matches()).isTrue();
    assertThat(Licenses.glob("a.c").matcher("abc").matches()).isFalse();
  }
}
