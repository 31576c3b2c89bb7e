package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Example;
import dev.veil.schemas.ReleasedExample;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CountTokens + WriteDataset on the Direct runner, checked by reading the written shards back from disk. */
class WriteDatasetTest {
  static final long BUDGET = 400;
  static final long CAP = 12_288;
  @TempDir Path tmp;

  static Example example(String id, String unit, String text) {
    return Example.newBuilder()
        .setId(id)
        .setSource("slack")
        .setSourceLabel("slack:test")
        .setKind("conversation")
        .setUnit(unit)
        .setLicense("CC-BY-4.0")
        .setText(text)
        .setMeta(Map.of("period", "2023-11", "turns", 3L))
        .setRecords(3)
        .setPointers(List.of())
        .setEntities(Map.of("PERSON", 2L))
        .build();
  }

  /** 240 examples over 60 units (4 per unit), a few far over the budget alone. */
  static List<Example> examples() {
    Random r = new Random(11);
    String[] words = {"build", "07", "disk", "alert", "person_00c7448eae59", "cleared", "it", "please", "add", "ü"};
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      StringBuilder text = new StringBuilder();
      int n = i % 50 == 7 ? 900 : 5 + r.nextInt(120);
      for (int w = 0; w < n; w++) {
        text.append(words[r.nextInt(words.length)]).append(' ');
      }
      out.add(example(String.format("slack-%06d", (i * 7919) % 1000003), "unit-" + (i / 4), text.toString()));
    }
    return out;
  }

  private Path write(ShardLayout layout, List<Example> examples, long expectTokens, long expectRecords) {
    Path root = tmp.resolve(layout.format().policyName());
    Pipeline p = TestPipelines.direct();
    PCollection<WrittenFile> files =
        p.apply(Create.of(examples).withCoder(Coders.avro(Example.class)))
            .apply(CountTokens.with(layout.tokenizer()))
            .apply(WriteDataset.to(root.toString(), layout));
    PAssert.that(files)
        .satisfies(
            fs -> {
              long tokens = 0;
              long records = 0;
              for (WrittenFile f : fs) {
                tokens += f.getTokens();
                records += f.getRecords();
              }
              assertThat(tokens).isEqualTo(expectTokens);
              assertThat(records).isEqualTo(expectRecords);
              return null;
            });
    p.run().waitUntilFinish();
    return root.resolve(WriteDataset.DATA_DIR);
  }

  static Map<String, byte[]> shards(Path dataDir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path f : files.toList()) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void shardsStayWithinBudgetAndCapAndUnitsWithinOneSplit(ShardFormat format) throws Exception {
    List<Example> in = examples();
    TokenCounter counter = TokenCounter.forEncoding("cl100k_base");
    long total = in.stream().mapToLong(e -> counter.count(e.getText())).sum();
    ShardLayout layout =
        ShardLayout.of(3, 0.3).withFormat(format).withShardTokens(BUDGET).withShardBytes(CAP);
    Map<String, byte[]> shards = shards(write(layout, in, total, in.size()));

    Map<String, String> unitOf = new HashMap<>();
    in.forEach(e -> unitOf.put(e.getId(), e.getUnit()));
    Map<String, Set<String>> splitsOfUnit = new TreeMap<>();
    Set<String> ids = new TreeSet<>();
    long tokens = 0;
    int alone = 0;
    for (Map.Entry<String, byte[]> s : shards.entrySet()) {
      assertThat(s.getKey()).matches("(train|validation)-0000[0-2]-[0-9]{5}\\." + format.extension().replace(".", "\\."));
      List<ReleasedExample> records = format.decode(s.getValue());
      long shardTokens = 0;
      for (ReleasedExample e : records) {
        assertThat(e.getTokens()).isEqualTo(counter.count(e.getText()));
        shardTokens += e.getTokens();
        assertThat(ids.add(e.getId())).as("each example once").isTrue();
        splitsOfUnit.computeIfAbsent(unitOf.get(e.getId()), u -> new TreeSet<>()).add(ShardLayout.splitOfName(s.getKey()));
      }
      assertThat(records).extracting(ReleasedExample::getId).isSorted();
      if (records.size() > 1) {
        assertThat(shardTokens).as(s.getKey()).isLessThanOrEqualTo(BUDGET);
        assertThat((long) s.getValue().length).as(s.getKey()).isLessThanOrEqualTo(CAP);
      } else if (shardTokens > BUDGET) {
        alone++;
      }
      tokens += shardTokens;
    }
    assertThat(ids).hasSize(in.size());
    assertThat(tokens).isEqualTo(total);
    assertThat(alone).as("the long examples are shards of their own").isPositive();
    assertThat(splitsOfUnit.values()).allMatch(splits -> splits.size() == 1);
    assertThat(splitsOfUnit.values().stream().flatMap(Set::stream).distinct()).contains("train", "validation");
  }

  @Test
  void aSplitWithoutExamplesStillHasOneEmptyShard() throws Exception {
    ShardLayout layout = ShardLayout.of(4, 0.5);
    String unit = "u-0";
    for (int i = 0; layout.splitOf(unit).equals(ShardLayout.VALIDATION); i++) {
      unit = "u-" + i;
    }
    Example only = example("slack-000001", unit, "hello there");
    long tokens = TokenCounter.forEncoding("cl100k_base").count("hello there");
    Map<String, byte[]> shards = shards(write(layout, List.of(only), tokens, 1));
    String bucket = layout.bucketKey("train", layout.bucketOf("slack-000001"));
    assertThat(shards.keySet()).containsExactly(bucket + "-00000.jsonl.zst", "validation-00000-00000.jsonl.zst");
    assertThat(ShardFormat.JSONL.decode(shards.get("validation-00000-00000.jsonl.zst"))).isEmpty();
  }
}
