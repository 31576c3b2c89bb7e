package dev.veil.transforms.write;

import static dev.veil.transforms.common.Checks.checkArgument;

import dev.veil.transforms.common.Hashes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an example goes: its split is a pure function of its unit (a whole conversation, thread, ticket or episode
 * lands in one split), its shard a pure function of its id. File names are
 * {@code <split>-NNNNN-of-MMMMM.jsonl.zst}; every shard file exists, even an empty one, so a dataset's file set
 * depends only on the policy.
 */
public final class ShardLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";

  private final int shards;
  private final double validationFraction;

  public ShardLayout(int shards, double validationFraction) {
    checkArgument(shards >= 1 && shards <= 99_999, "shards must be between 1 and 99999");
    checkArgument(
        validationFraction >= 0 && validationFraction < 1, "validation fraction must be in [0, 1)");
    this.shards = shards;
    this.validationFraction = validationFraction;
  }

  public int shards() {
    return shards;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public List<String> splits() {
    return validationFraction > 0 ? List.of(TRAIN, VALIDATION) : List.of(TRAIN);
  }

  public String splitOf(String unit) {
    return validationFraction > 0 && Hashes.unitInterval("split:" + unit) < validationFraction
        ? VALIDATION
        : TRAIN;
  }

  public int shardOf(String id) {
    return (int) Long.remainderUnsigned(Hashes.fingerprint64("shard:" + id), shards);
  }

  public String fileName(String split, int shard) {
    return String.format(Locale.ROOT, "%s-%05d-of-%05d.jsonl.zst", split, shard, shards);
  }

  public String fileFor(String id, String unit) {
    return fileName(splitOf(unit), shardOf(id));
  }

  public List<String> allFiles() {
    List<String> names = new ArrayList<>();
    for (String split : splits()) {
      for (int i = 0; i < shards; i++) {
        names.add(fileName(split, i));
      }
    }
    return names;
  }
}
