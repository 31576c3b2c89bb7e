package dev.veil.transforms.write;

import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.common.Coders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Writes one bucket: sorts its examples by id (equal ids, which the job never produces, by their encoded record),
 * cuts them into shards within the token budget and byte cap ({@link ShardPacker}), and encodes each shard. A shard
 * whose encoded file still exceeds the byte cap (a format's header and footer on a tiny cap) is halved until it fits
 * or holds one example, so every file is within the cap unless a single example alone exceeds it.
 *
 * <p>The bucket is never held in memory: each example is encoded to a local spill file as it arrives
 * ({@link SortedSpill}), only its id, token count and size stay in memory, and the examples of one shard are read
 * back at a time. Memory per bucket is tens of bytes per example plus one shard; each shard is handed to the caller
 * as soon as it is encoded.
 */
public final class BucketWriter {
  /** One encoded shard. */
  public record Shard(String name, byte[] bytes, long records, long tokens) {}

  private static final Coder<ReleasedExample> CODER = Coders.avro(ReleasedExample.class);

  private BucketWriter() {}

  /** All shards of a bucket, in order (tests and small buckets). */
  public static List<Shard> write(ShardLayout layout, String bucketKey, Iterable<ReleasedExample> examples) {
    List<Shard> shards = new ArrayList<>();
    write(layout, bucketKey, examples, shards::add);
    return shards;
  }

  /** Writes a bucket's shards to {@code out} one at a time, in order; returns how many there were. */
  public static int write(
      ShardLayout layout, String bucketKey, Iterable<ReleasedExample> examples, Consumer<Shard> out) {
    ShardFormat format = layout.format();
    try (SortedSpill spill = new SortedSpill("veil-bucket-")) {
      long[] tokens = new long[64];
      long[] bytes = new long[64];
      for (ReleasedExample e : examples) {
        ReleasedExample normalized = Release.normalized(e);
        int i = spill.add(normalized.getId(), encode(normalized));
        if (i == tokens.length) {
          tokens = java.util.Arrays.copyOf(tokens, i * 2);
          bytes = java.util.Arrays.copyOf(bytes, i * 2);
        }
        tokens[i] = normalized.getTokens();
        bytes[i] = format.recordBytes(normalized);
      }
      int[] order = spill.sortedOrder();
      long[] sortedTokens = new long[order.length];
      long[] sortedBytes = new long[order.length];
      for (int i = 0; i < order.length; i++) {
        sortedTokens[i] = tokens[order[i]];
        sortedBytes[i] = bytes[order[i]];
      }
      int[] written = {0};
      for (int[] r : ShardPacker.cut(sortedTokens, sortedBytes, layout.shardTokens(), layout.shardBytes())) {
        List<ReleasedExample> part = new ArrayList<>(r[1] - r[0]);
        for (int i = r[0]; i < r[1]; i++) {
          part.add(decode(spill.read(order[i])));
        }
        encode(layout, bucketKey, part, written, out);
      }
      return written[0];
    }
  }

  /** Part 0 of a bucket with no examples: the one file of a split that has none. */
  public static Shard empty(ShardLayout layout, String bucketKey) {
    String name = layout.fileName(bucketKey, 0);
    return new Shard(name, layout.format().encode(name, List.of()), 0, 0);
  }

  /** Encodes a part as the bucket's next file, halving it while its file exceeds the cap. */
  private static void encode(
      ShardLayout layout, String bucketKey, List<ReleasedExample> part, int[] written, Consumer<Shard> out) {
    String name = layout.fileName(bucketKey, written[0]);
    byte[] bytes = layout.format().encode(name, part);
    if (bytes.length > layout.shardBytes() && part.size() > 1) {
      int half = part.size() / 2;
      encode(layout, bucketKey, part.subList(0, half), written, out);
      encode(layout, bucketKey, part.subList(half, part.size()), written, out);
      return;
    }
    long tokens = 0;
    for (ReleasedExample e : part) {
      tokens += e.getTokens();
    }
    written[0]++;
    out.accept(new Shard(name, bytes, part.size(), tokens));
  }

  private static byte[] encode(ReleasedExample e) {
    try {
      return CoderUtils.encodeToByteArray(CODER, e);
    } catch (CoderException ex) {
      throw new IllegalStateException("an example could not be encoded for the bucket spill", ex);
    }
  }

  private static ReleasedExample decode(byte[] bytes) {
    try {
      return CoderUtils.decodeFromByteArray(CODER, bytes);
    } catch (CoderException ex) {
      throw new IllegalStateException("a spilled example could not be decoded", ex);
    }
  }
}
