package dev.veil.transforms.write;

import dev.veil.schemas.ReleasedExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes one bucket: sorts its examples by id (ties by their output line), cuts them into shards within the token
 * budget and byte cap ({@link ShardPacker}), and encodes each shard. A shard whose encoded file still exceeds the
 * byte cap (a format's header and footer on a tiny cap) is halved until it fits or holds one example, so every file
 * is within the cap unless a single example alone exceeds it.
 */
public final class BucketWriter {
  /** One encoded shard. */
  public record Shard(String name, byte[] bytes, long records, long tokens) {}

  private BucketWriter() {}

  public static List<Shard> write(ShardLayout layout, String bucketKey, List<ReleasedExample> examples) {
    List<ReleasedExample> sorted = new ArrayList<>(examples.size());
    for (ReleasedExample e : examples) {
      sorted.add(Release.normalized(e));
    }
    sorted.sort(Comparator.comparing(ReleasedExample::getId).thenComparing(ExampleJson::line));
    ShardFormat format = layout.format();
    long[] tokens = new long[sorted.size()];
    long[] bytes = new long[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      tokens[i] = sorted.get(i).getTokens();
      bytes[i] = format.recordBytes(sorted.get(i));
    }
    List<List<ReleasedExample>> parts = new ArrayList<>();
    for (int[] r : ShardPacker.cut(tokens, bytes, layout.shardTokens(), layout.shardBytes())) {
      parts.add(sorted.subList(r[0], r[1]));
    }
    List<Shard> shards = new ArrayList<>();
    encode(layout, bucketKey, parts, shards);
    return shards;
  }

  /** Part 0 of a bucket with no examples: the one file of a split that has none. */
  public static Shard empty(ShardLayout layout, String bucketKey) {
    String name = layout.fileName(bucketKey, 0);
    return new Shard(name, layout.format().encode(name, List.of()), 0, 0);
  }

  private static void encode(
      ShardLayout layout, String bucketKey, List<List<ReleasedExample>> parts, List<Shard> out) {
    for (List<ReleasedExample> part : parts) {
      String name = layout.fileName(bucketKey, out.size());
      byte[] bytes = layout.format().encode(name, part);
      if (bytes.length > layout.shardBytes() && part.size() > 1) {
        int half = part.size() / 2;
        encode(layout, bucketKey, List.of(part.subList(0, half), part.subList(half, part.size())), out);
        continue;
      }
      long tokens = 0;
      for (ReleasedExample e : part) {
        tokens += e.getTokens();
      }
      out.add(new Shard(name, bytes, part.size(), tokens));
    }
  }
}
