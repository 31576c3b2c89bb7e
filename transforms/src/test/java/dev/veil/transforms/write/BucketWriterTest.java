package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.ReleasedExample;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Cutting a bucket into shards and encoding them, in every format. */
class BucketWriterTest {
  private static final TokenCounter TOKENS = TokenCounter.forEncoding("cl100k_base");

  static List<ReleasedExample> examples(int n, long seed) {
    Random r = new Random(seed);
    String[] words = {"deploy", "the", "nightly", "job", "person_7f3a9c0b12de", "alert", "disk", "ok", "+1", "ü", "🚀"};
    List<ReleasedExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("#general · 2023-11\n");
      int len = r.nextInt(i % 17 == 0 ? 3000 : 120);
      for (int w = 0; w < len; w++) {
        text.append(words[r.nextInt(words.length)]).append(w % 12 == 11 ? '\n' : ' ');
      }
      Map<String, Object> meta = new TreeMap<>();
      meta.put("period", "2023-11");
      meta.put("turns", (long) r.nextInt(20));
      Map<String, Long> entities = new TreeMap<>();
      if (r.nextBoolean()) {
        entities.put("PERSON", (long) r.nextInt(5));
      }
      out.add(
          ReleasedExample.newBuilder()
              .setId(String.format("slack-%08x", r.nextInt()))
              .setSource("slack")
              .setKind("conversation")
              .setLicense("CC-BY-4.0")
              .setText(text.toString())
              .setTokens(TOKENS.count(text.toString()))
              .setMeta(meta)
              .setEntities(entities)
              .build());
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void everyShardIsWithinTheBudgetAndCapAndReadsBackSorted(ShardFormat format) {
    List<ReleasedExample> in = examples(300, 1);
    ShardLayout layout = ShardLayout.of(1, 0).withFormat(format).withShardTokens(2_000).withShardBytes(8_192);
    List<BucketWriter.Shard> shards = BucketWriter.write(layout, "train-00000", in);
    assertThat(shards.size()).isGreaterThan(5);
    List<ReleasedExample> back = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      BucketWriter.Shard s = shards.get(i);
      assertThat(s.name()).isEqualTo(String.format("train-00000-%05d.%s", i, format.extension()));
      List<ReleasedExample> records = format.decode(s.bytes());
      assertThat(records).hasSize((int) s.records());
      long tokens = records.stream().mapToLong(ReleasedExample::getTokens).sum();
      assertThat(tokens).isEqualTo(s.tokens());
      if (records.size() > 1) {
        assertThat(tokens).as(s.name()).isLessThanOrEqualTo(2_000);
        assertThat((long) s.bytes().length).as(s.name()).isLessThanOrEqualTo(8_192);
        long raw = records.stream().mapToLong(format::recordBytes).sum();
        assertThat(raw).as(s.name()).isLessThanOrEqualTo(8_192);
      } else {
        // Alone over a limit: a shard of its own, and it does exceed (the generator plants long texts).
        assertThat(records).hasSize(1);
      }
      back.addAll(records);
    }
    assertThat(shards.stream().anyMatch(s -> s.records() == 1 && s.tokens() > 2_000)).isTrue();
    List<ReleasedExample> expected = new ArrayList<>(in.stream().map(Release::normalized).toList());
    expected.sort((a, b) -> a.getId().compareTo(b.getId()));
    assertThat(back).isEqualTo(expected);
  }

  /**
   * A runner's grouped values may be readable once (Flink's are): the writer reads the bucket once, spills it, hands
   * each shard over before it reads the next one back, and leaves no spill file behind.
   */
  @Test
  void readsTheBucketOnceAndHandsOverEachShardBeforeReadingTheNext() throws Exception {
    List<ReleasedExample> in = examples(400, 4);
    ShardLayout layout = ShardLayout.of(1, 0).withShardTokens(1_500);
    boolean[] iterated = {false};
    Iterable<ReleasedExample> once =
        () -> {
          assertThat(iterated[0]).as("the bucket is read a second time").isFalse();
          iterated[0] = true;
          return in.iterator();
        };
    java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    // Spill files a killed worker may have left behind are not this test's.
    List<java.nio.file.Path> before = spillFiles(tmp);
    List<BucketWriter.Shard> handed = new ArrayList<>();
    int count =
        BucketWriter.write(
            layout,
            "train-00000",
            once,
            s -> {
              handed.add(s);
              // While a shard is handed over, one spill file holds the bucket.
              assertThat(spillFiles(tmp)).hasSize(before.size() + 1);
            });
    assertThat(count).isEqualTo(handed.size()).isGreaterThan(10);
    assertThat(spillFiles(tmp)).isEqualTo(before);
    List<BucketWriter.Shard> reference = BucketWriter.write(layout, "train-00000", in);
    assertThat(handed).extracting(BucketWriter.Shard::name).isEqualTo(reference.stream().map(BucketWriter.Shard::name).toList());
    for (int i = 0; i < handed.size(); i++) {
      assertThat(handed.get(i).bytes()).isEqualTo(reference.get(i).bytes());
    }
  }

  private static List<java.nio.file.Path> spillFiles(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("veil-bucket-")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void theBytesDependOnlyOnTheSetOfExamples(ShardFormat format) {
    ShardLayout layout = ShardLayout.of(1, 0).withFormat(format).withShardTokens(3_000);
    List<ReleasedExample> in = examples(80, 2);
    List<ReleasedExample> shuffled = new ArrayList<>(in);
    Collections.shuffle(shuffled, new Random(3));
    List<BucketWriter.Shard> a = BucketWriter.write(layout, "train-00003", in);
    List<BucketWriter.Shard> b = BucketWriter.write(layout, "train-00003", shuffled);
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).name()).isEqualTo(a.get(i).name());
      assertThat(b.get(i).bytes()).isEqualTo(a.get(i).bytes());
    }
  }

  @Test
  void avroWithItsDefaultRandomSyncMarkerWouldDiffer() throws Exception {
    // Why ShardFormat sets the sync marker: Avro's own default makes every write different.
    List<ReleasedExample> in = examples(5, 4);
    byte[][] files = new byte[2][];
    for (int k = 0; k < 2; k++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DataFileWriter<ReleasedExample> w = new DataFileWriter<>(new SpecificDatumWriter<>(ReleasedExample.class))) {
        w.create(ReleasedExample.getClassSchema(), out);
        for (ReleasedExample e : in) {
          w.append(e);
        }
      }
      files[k] = out.toByteArray();
    }
    assertThat(files[0]).isNotEqualTo(files[1]);
    assertThat(ShardFormat.AVRO.encode("x.avro", in)).isEqualTo(ShardFormat.AVRO.encode("x.avro", in));
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void anEmptyShardIsAValidEmptyFile(ShardFormat format) {
    BucketWriter.Shard s = BucketWriter.empty(ShardLayout.of(1, 0.5).withFormat(format), "validation-00000");
    assertThat(s.name()).isEqualTo("validation-00000-00000." + format.extension());
    assertThat(format.decode(s.bytes())).isEmpty();
    assertThat(s.records()).isZero();
  }

  @Test
  void everyFormatReadsBackToTheSameLines() {
    List<ReleasedExample> in = examples(40, 5);
    List<String> jsonl = ShardFormat.JSONL.decode(ShardFormat.JSONL.encode("a", in)).stream().map(ExampleJson::line).toList();
    assertThat(jsonl).isEqualTo(in.stream().map(ExampleJson::line).toList());
    for (ShardFormat f : List.of(ShardFormat.AVRO, ShardFormat.PARQUET)) {
      assertThat(f.decode(f.encode("a", in)).stream().map(ExampleJson::line).toList()).as(f.name()).isEqualTo(jsonl);
    }
  }
}
