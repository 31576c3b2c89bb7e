package dev.veil.transforms.kanon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchySpecTest {
  @Test
  void periodsGoToQuarterHalfYearAndTop() {
    Hierarchy h = HierarchySpec.period().materialize("period", List.of("2024-05", "2023-12", "unknown"));
    assertThat(h.height()).isEqualTo(5);
    assertThat(List.of(0, 1, 2, 3, 4).stream().map(l -> h.generalize("2024-05", l)))
        .containsExactly("2024-05", "2024-Q2", "2024-H1", "2024", "*");
    assertThat(h.generalize("2023-12", 1)).isEqualTo("2023-Q4");
    assertThat(h.generalize("2023-12", 2)).isEqualTo("2023-H2");
    // A value the rule cannot read is its own value, then * at every level above.
    assertThat(h.generalize("unknown", 0)).isEqualTo("unknown");
    assertThat(h.generalize("unknown", 1)).isEqualTo("*");
    assertThat(HierarchySpec.period().outside(List.of("2024-05", "2024-13", "unknown"))).isEqualTo(2);
  }

  @Test
  void intervalsNest() {
    Hierarchy h = HierarchySpec.intervals(5, 20).materialize("participants", List.of("7", "19", "20", "-3", "x"));
    assertThat(h.generalize("7", 1)).isEqualTo("5-9");
    assertThat(h.generalize("7", 2)).isEqualTo("0-19");
    assertThat(h.generalize("19", 1)).isEqualTo("15-19");
    assertThat(h.generalize("19", 2)).isEqualTo("0-19");
    assertThat(h.generalize("20", 2)).isEqualTo("20-39");
    assertThat(h.generalize("-3", 1)).isEqualTo("-5--1");
    assertThat(h.generalize("7", 3)).isEqualTo("*");
    assertThat(h.generalize("x", 1)).isEqualTo("*");
    assertThatThrownBy(() -> HierarchySpec.intervals(5, 12)).hasMessageContaining("multiple");
    assertThatThrownBy(() -> HierarchySpec.intervals(1)).hasMessageContaining("at least 2");
  }

  @Test
  void rowsAsArxWritesThem() {
    HierarchySpec spec = HierarchySpec.csv(List.of("public;channel;*", "private;channel;*", "", "dm;direct;*"));
    Hierarchy h = spec.materialize("channel_type", List.of("dm", "public", "voice"));
    assertThat(h.generalize("dm", 1)).isEqualTo("direct");
    assertThat(h.generalize("public", 2)).isEqualTo("*");
    assertThat(h.generalize("voice", 0)).isEqualTo("voice");
    assertThat(h.generalize("voice", 1)).isEqualTo("*");
    assertThat(spec.outside(List.of("dm", "voice"))).isEqualTo(1);
    assertThatThrownBy(() -> HierarchySpec.csv(List.of("a;b;*", "c;*"))).hasMessageContaining("levels");
    assertThatThrownBy(() -> HierarchySpec.csv(List.of("a;b;*", "a;c;*"))).hasMessageContaining("repeats");
  }
}
