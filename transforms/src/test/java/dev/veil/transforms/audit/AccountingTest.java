package dev.veil.transforms.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingTest {
  @Test
  void unreadUnitsCountAsInputAndEverythingAddsUp() {
    Accounting a =
        new Accounting(
            Map.of(
                "read", 10L,
                "output", 6L,
                "dropped/filter/membership_event", 2L,
                "quarantined/read/invalid_json", 1L,
                "quarantined/deidentify/unknown_author", 2L));
    assertThat(a.input()).isEqualTo(11);
    assertThat(a.totalQuarantined()).isEqualTo(3);
    assertThat(a.balanced()).isTrue();
  }

  @Test
  void aLostRecordIsNotBalanced() {
    assertThat(new Accounting(Map.of("read", 10L, "output", 9L)).balanced()).isFalse();
  }

  @Test
  void entitiesAndPeriodsAreSummedApartFromTheAccounting() {
    Accounting a =
        new Accounting(
            Map.of(
                "read", 3L,
                "output", 3L,
                Accounting.entityKey("EMAIL"), 4L,
                Accounting.entityKey("PERSON"), 7L,
                Accounting.periodKey("2023-11"), 2L,
                Accounting.periodKey("unknown"), 1L));
    assertThat(a.entities).containsExactly(Map.entry("EMAIL", 4L), Map.entry("PERSON", 7L));
    assertThat(a.periods).containsExactly(Map.entry("2023-11", 2L), Map.entry("unknown", 1L));
    assertThat(a.dropped).isEmpty();
    assertThat(a.balanced()).isTrue();
  }

  @Test
  void rejectsUnknownTallies() {
    assertThatThrownBy(() -> new Accounting(Map.of("mystery", 1L))).hasMessageContaining("mystery");
  }
}
