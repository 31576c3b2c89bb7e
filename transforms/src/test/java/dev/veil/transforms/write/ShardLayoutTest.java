package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardLayoutTest {
  @Test
  void namesEveryShardOfEverySplit() {
    assertThat(new ShardLayout(2, 0.1).allFiles())
        .containsExactly(
            "train-00000-of-00002.jsonl.zst",
            "train-00001-of-00002.jsonl.zst",
            "validation-00000-of-00002.jsonl.zst",
            "validation-00001-of-00002.jsonl.zst");
    assertThat(new ShardLayout(3, 0).allFiles()).hasSize(3).allMatch(f -> f.startsWith("train-"));
  }

  @Test
  void splitIsAFunctionOfTheUnitAndRoughlyTheFraction() {
    ShardLayout layout = new ShardLayout(4, 0.25);
    long validation =
        IntStream.range(0, 20_000).filter(i -> layout.splitOf("unit-" + i).equals(ShardLayout.VALIDATION)).count();
    assertThat(validation).isBetween(4_700L, 5_300L);
    assertThat(layout.splitOf("unit-42")).isEqualTo(new ShardLayout(9, 0.25).splitOf("unit-42"));
  }

  @Test
  void shardsSpreadIdsOverAllShards() {
    ShardLayout layout = new ShardLayout(8, 0);
    assertThat(IntStream.range(0, 1000).map(i -> layout.shardOf("id-" + i)).distinct().count()).isEqualTo(8);
    assertThat(layout.shardOf("id-1")).isEqualTo(new ShardLayout(8, 0).shardOf("id-1"));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new ShardLayout(0, 0)).hasMessageContaining("shards");
    assertThatThrownBy(() -> new ShardLayout(1, 1.0)).hasMessageContaining("validation fraction");
  }
}
