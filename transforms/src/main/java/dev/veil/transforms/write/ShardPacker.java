package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an ordered run of examples into consecutive shards: a shard is closed before the example that would take it
 * past the token budget or the byte cap. An example that alone exceeds either is a shard of its own. The cut depends
 * only on the sizes, in order: the same sorted bucket is always cut the same way.
 */
public final class ShardPacker {
  private ShardPacker() {}

  /** Half-open index ranges {@code [from, to)} of the shards, in order; none for no examples. */
  public static List<int[]> cut(long[] tokens, long[] bytes, long budgetTokens, long capBytes) {
    checkArgument(tokens.length == bytes.length, "one size per example");
    checkArgument(budgetTokens >= 1 && capBytes >= 1, "budget and cap must be positive");
    List<int[]> parts = new ArrayList<>();
    int from = 0;
    long t = 0;
    long b = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (i > from && (t + tokens[i] > budgetTokens || b + bytes[i] > capBytes)) {
        parts.add(new int[] {from, i});
        from = i;
        t = 0;
        b = 0;
      }
      t += tokens[i];
      b += bytes[i];
    }
    if (tokens.length > from) {
      parts.add(new int[] {from, tokens.length});
    }
    return parts;
  }
}
