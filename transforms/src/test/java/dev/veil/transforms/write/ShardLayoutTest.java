package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardLayoutTest {
  @Test
  void namesShardsBySplitBucketAndPart() {
    ShardLayout layout = ShardLayout.of(2, 0.1);
    assertThat(layout.splits()).containsExactly("train", "validation");
    assertThat(ShardLayout.of(3, 0).splits()).containsExactly("train");
    assertThat(layout.fileName(layout.bucketKey("train", 1), 3)).isEqualTo("train-00001-00003.jsonl.zst");
    assertThat(layout.withFormat(ShardFormat.PARQUET).fileName("validation-00000", 0))
        .isEqualTo("validation-00000-00000.parquet");
    assertThat(layout.withFormat(ShardFormat.AVRO).fileName("train-00000", 12)).isEqualTo("train-00000-00012.avro");
    assertThat(ShardLayout.splitOfName("data/validation-00000-00001.avro")).isEqualTo("validation");
  }

  @Test
  void splitIsAFunctionOfTheUnitAndRoughlyTheFraction() {
    ShardLayout layout = ShardLayout.of(4, 0.25);
    long validation =
        IntStream.range(0, 20_000).filter(i -> layout.splitOf("unit-" + i).equals(ShardLayout.VALIDATION)).count();
    assertThat(validation).isBetween(4_700L, 5_300L);
    assertThat(layout.splitOf("unit-42")).isEqualTo(ShardLayout.of(9, 0.25).splitOf("unit-42"));
  }

  @Test
  void bucketsSpreadIdsOverAllBuckets() {
    ShardLayout layout = ShardLayout.of(8, 0);
    assertThat(IntStream.range(0, 1000).map(i -> layout.bucketOf("id-" + i)).distinct().count()).isEqualTo(8);
    assertThat(layout.bucketOf("id-1")).isEqualTo(ShardLayout.of(8, 0).withShardTokens(5).bucketOf("id-1"));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> ShardLayout.of(0, 0)).hasMessageContaining("buckets");
    assertThatThrownBy(() -> ShardLayout.of(1, 1.0)).hasMessageContaining("validation fraction");
    assertThatThrownBy(() -> ShardLayout.of(1, 0).withShardTokens(0)).hasMessageContaining("token budget");
    assertThatThrownBy(() -> ShardLayout.of(1, 0).withShardBytes(100)).hasMessageContaining("byte cap");
    assertThatThrownBy(() -> ShardLayout.of(1, 0).withShardBytes(2L << 30)).hasMessageContaining("byte cap");
    assertThatThrownBy(() -> ShardLayout.of(1, 0).withTokenizer("gpt2-typo")).hasMessageContaining("tokenizer");
  }
}
