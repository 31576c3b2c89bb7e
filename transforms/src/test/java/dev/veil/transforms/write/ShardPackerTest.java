package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardPackerTest {
  private static List<List<Integer>> ranges(List<int[]> parts) {
    return parts.stream().map(r -> List.of(r[0], r[1])).toList();
  }

  @Test
  void closesAShardBeforeTheExampleThatWouldExceedTheBudget() {
    long[] tokens = {4, 3, 3, 5, 1};
    long[] bytes = {1, 1, 1, 1, 1};
    assertThat(ranges(ShardPacker.cut(tokens, bytes, 10, 1000)))
        .containsExactly(List.of(0, 3), List.of(3, 5));
    assertThat(ranges(ShardPacker.cut(tokens, bytes, 7, 1000)))
        .containsExactly(List.of(0, 2), List.of(2, 3), List.of(3, 5));
  }

  @Test
  void theByteCapCutsToo() {
    long[] tokens = {1, 1, 1, 1};
    long[] bytes = {60, 50, 40, 10};
    assertThat(ranges(ShardPacker.cut(tokens, bytes, 100, 100)))
        .containsExactly(List.of(0, 1), List.of(1, 4));
  }

  @Test
  void anExampleOverTheBudgetIsAShardOfItsOwn() {
    long[] tokens = {2, 50, 2, 2};
    long[] bytes = {1, 1, 1, 1};
    assertThat(ranges(ShardPacker.cut(tokens, bytes, 10, 1000)))
        .containsExactly(List.of(0, 1), List.of(1, 2), List.of(2, 4));
    assertThat(ShardPacker.cut(new long[0], new long[0], 10, 10)).isEmpty();
  }

  @Test
  void everyShardIsWithinBudgetUnlessItHoldsOneExample() {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(60);
      long[] tokens = new long[n];
      long[] bytes = new long[n];
      for (int i = 0; i < n; i++) {
        tokens[i] = 1 + r.nextInt(400);
        bytes[i] = 1 + r.nextInt(2000);
      }
      List<int[]> parts = ShardPacker.cut(tokens, bytes, 1000, 5000);
      int next = 0;
      for (int[] p : parts) {
        assertThat(p[0]).isEqualTo(next);
        assertThat(p[1]).isGreaterThan(p[0]);
        long t = 0;
        long b = 0;
        for (int i = p[0]; i < p[1]; i++) {
          t += tokens[i];
          b += bytes[i];
        }
        if (p[1] - p[0] > 1) {
          assertThat(t).isLessThanOrEqualTo(1000);
          assertThat(b).isLessThanOrEqualTo(5000);
        }
        next = p[1];
      }
      assertThat(next).isEqualTo(n);
    }
  }
}
