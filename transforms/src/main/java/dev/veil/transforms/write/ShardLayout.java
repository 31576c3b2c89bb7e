package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.transforms.common.Hashes;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Where an example goes, and how big a shard may be. An example's split is a pure function of its unit (a whole
 * conversation, thread, ticket or episode lands in one split), its bucket a pure function of its id. Each bucket is
 * written by one worker: its examples sorted by id and cut, in that order, into shards of at most
 * {@link #shardTokens()} tokens and {@link #shardBytes()} bytes (an example that alone exceeds a limit is a shard of
 * its own). Shard files are {@code <split>-BBBBB-PPPPP.<ext>}: bucket, then part within the bucket. Which parts exist
 * depends on the data, deterministically; a split with no examples at all still gets one empty shard, part 0 of
 * bucket 0, so every split the policy declares has a file.
 */
public final class ShardLayout implements Serializable {
  private static final long serialVersionUID = 2L;
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final int MAX_BUCKETS = 99_999;
  public static final long DEFAULT_SHARD_TOKENS = 20_000_000L;
  public static final long DEFAULT_SHARD_BYTES = 128L << 20;
  /** A shard's bytes are held in memory while it is encoded and committed: at most 1 GiB. */
  public static final long MAX_SHARD_BYTES = 1L << 30;
  /** Smallest byte cap: room for a format's header and footer. */
  public static final long MIN_SHARD_BYTES = 4096;

  private final int buckets;
  private final double validationFraction;
  private final long shardTokens;
  private final long shardBytes;
  private final ShardFormat format;
  private final String tokenizer;

  private ShardLayout(
      int buckets, double validationFraction, long shardTokens, long shardBytes, ShardFormat format, String tokenizer) {
    checkArgument(buckets >= 1 && buckets <= MAX_BUCKETS, "buckets must be between 1 and 99999");
    checkArgument(
        validationFraction >= 0 && validationFraction < 1, "validation fraction must be in [0, 1)");
    checkArgument(shardTokens >= 1, "shard token budget must be at least 1");
    checkArgument(
        shardBytes >= MIN_SHARD_BYTES && shardBytes <= MAX_SHARD_BYTES,
        "shard byte cap must be between 4096 and 1073741824");
    checkArgument(format != null, "format must be set");
    checkArgument(tokenizer != null && TokenCounter.isKnown(tokenizer), "unknown tokenizer encoding: " + tokenizer);
    this.buckets = buckets;
    this.validationFraction = validationFraction;
    this.shardTokens = shardTokens;
    this.shardBytes = shardBytes;
    this.format = format;
    this.tokenizer = tokenizer;
  }

  /** {@code buckets} per split, JSONL + zstd, the default budget, cap and tokenizer. */
  public static ShardLayout of(int buckets, double validationFraction) {
    return new ShardLayout(
        buckets, validationFraction, DEFAULT_SHARD_TOKENS, DEFAULT_SHARD_BYTES, ShardFormat.JSONL,
        TokenCounter.DEFAULT_ENCODING);
  }

  public ShardLayout withShardTokens(long tokens) {
    return new ShardLayout(buckets, validationFraction, tokens, shardBytes, format, tokenizer);
  }

  public ShardLayout withShardBytes(long bytes) {
    return new ShardLayout(buckets, validationFraction, shardTokens, bytes, format, tokenizer);
  }

  public ShardLayout withFormat(ShardFormat f) {
    return new ShardLayout(buckets, validationFraction, shardTokens, shardBytes, f, tokenizer);
  }

  public ShardLayout withTokenizer(String encoding) {
    return new ShardLayout(buckets, validationFraction, shardTokens, shardBytes, format, encoding);
  }

  public int buckets() {
    return buckets;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public long shardTokens() {
    return shardTokens;
  }

  public long shardBytes() {
    return shardBytes;
  }

  public ShardFormat format() {
    return format;
  }

  /** The encoding token counts and the token budget are measured in. */
  public String tokenizer() {
    return tokenizer;
  }

  public List<String> splits() {
    return validationFraction > 0 ? List.of(TRAIN, VALIDATION) : List.of(TRAIN);
  }

  public String splitOf(String unit) {
    return validationFraction > 0 && Hashes.unitInterval("split:" + unit) < validationFraction
        ? VALIDATION
        : TRAIN;
  }

  public int bucketOf(String id) {
    return (int) Long.remainderUnsigned(Hashes.fingerprint64("shard:" + id), buckets);
  }

  /** The grouping key of a bucket: {@code <split>-BBBBB}. */
  public String bucketKey(String split, int bucket) {
    return String.format(Locale.ROOT, "%s-%05d", split, bucket);
  }

  public String bucketKeyFor(String id, String unit) {
    return bucketKey(splitOf(unit), bucketOf(id));
  }

  /** {@code <bucket key>-PPPPP.<ext>}. */
  public String fileName(String bucketKey, int part) {
    checkArgument(part >= 0 && part <= 99_999, "more than 100000 shards in one bucket: raise output.buckets");
    return String.format(Locale.ROOT, "%s-%05d.%s", bucketKey, part, format.extension());
  }

  /** The split a bucket key or shard file name belongs to. */
  public static String splitOfName(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    return base.substring(0, base.indexOf('-'));
  }
}
