package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.veil.schemas.FileBlob;
import dev.veil.schemas.StagedFile;
import dev.veil.schemas.WrittenFile;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WriteBlobs: staged where built, committed by rename, described as found on disk. */
class WriteBlobsTest {
  @TempDir Path tmp;

  static FileBlob blob(String name, byte[] bytes, long records, Long tokens) {
    return FileBlob.newBuilder()
        .setName(name)
        .setBytes(ByteBuffer.wrap(bytes))
        .setRecords(records)
        .setTokens(tokens)
        .build();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void commitsEveryFileWithItsBytesAndDescribesItAsFoundOnDisk() throws Exception {
    byte[] lines = utf8("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
    byte[] zst = Zstd.compress(utf8("x\ny\n"));
    byte[] binary = new byte[300_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    List<FileBlob> blobs =
        List.of(
            blob("train/part-0.jsonl", lines, 99, 40L),
            blob("train/part-1.jsonl.zst", zst, 99, 7L),
            blob("validation/part-0.avro", binary, 12, 5L),
            blob("empty.jsonl", new byte[0], 0, null));
    Path root = tmp.resolve("out");
    Pipeline p = TestPipelines.direct();
    PCollection<WrittenFile> written =
        p.apply(Create.of(blobs).withCoder(Coders.avro(FileBlob.class))).apply(WriteBlobs.to(root.toString(), "data"));
    PAssert.that(written)
        .satisfies(
            fs -> {
              Map<String, WrittenFile> byPath = new TreeMap<>();
              fs.forEach(f -> byPath.put(f.getPath(), f));
              assertThat(byPath).containsOnlyKeys(
                  "data/train/part-0.jsonl", "data/train/part-1.jsonl.zst", "data/validation/part-0.avro",
                  "data/empty.jsonl");
              WrittenFile jsonl = byPath.get("data/train/part-0.jsonl");
              assertThat(jsonl.getRecords()).as("lines counted on disk, not the builder's count").isEqualTo(3);
              assertThat(jsonl.getTokens()).isEqualTo(40L);
              assertThat(jsonl.getSha256()).isEqualTo(Hashes.sha256Hex(lines));
              assertThat(jsonl.getBytes()).isEqualTo(lines.length);
              assertThat(byPath.get("data/train/part-1.jsonl.zst").getRecords()).as("decompressed lines").isEqualTo(2);
              WrittenFile avro = byPath.get("data/validation/part-0.avro");
              assertThat(avro.getRecords()).as("the builder's count for a binary format").isEqualTo(12);
              assertThat(avro.getSha256()).isEqualTo(Hashes.sha256Hex(binary));
              WrittenFile empty = byPath.get("data/empty.jsonl");
              assertThat(empty.getBytes()).isZero();
              assertThat(empty.getTokens()).isNull();
              return null;
            });
    p.run().waitUntilFinish();

    assertThat(Files.readAllBytes(root.resolve("data/train/part-0.jsonl"))).isEqualTo(lines);
    assertThat(Files.readAllBytes(root.resolve("data/train/part-1.jsonl.zst"))).isEqualTo(zst);
    assertThat(Files.readAllBytes(root.resolve("data/validation/part-0.avro"))).isEqualTo(binary);
    try (Stream<Path> left = Files.walk(root.resolve(WriteBlobs.TEMP_DIR))) {
      assertThat(left.filter(Files::isRegularFile)).as("every staged file was renamed into place").isEmpty();
    }
  }

  @Test
  void aRepeatedCommitFindsTheFileInPlaceAndChecksIt() throws Exception {
    String root = tmp.toString();
    byte[] bytes = utf8("one\ntwo\n");
    StagedFile staged = WriteBlobs.stage(root, "report/r.jsonl", blob("r.jsonl", bytes, 2, null));
    assertThat(staged.getTemp()).endsWith(WriteBlobs.TEMP_DIR + "/report/r.jsonl");
    assertThat(Files.readAllBytes(Path.of(staged.getTemp()))).isEqualTo(bytes);

    WrittenFile first = WriteBlobs.commit(root, staged);
    assertThat(Path.of(staged.getTemp())).doesNotExist();
    WrittenFile again = WriteBlobs.commit(root, staged);
    assertThat(again).isEqualTo(first);
    assertThat(again.getRecords()).isEqualTo(2);

    Files.write(tmp.resolve("report/r.jsonl"), utf8("one\nTWO\n"));
    assertThatThrownBy(() -> WriteBlobs.commit(root, staged))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the file committed to report/r.jsonl is not the one staged for it (size or SHA-256 differs)");
  }

  @Test
  void aRestagedFileReplacesWhatAFailedAttemptLeft() throws Exception {
    String root = tmp.toString();
    Path temp = tmp.resolve(WriteBlobs.TEMP_DIR).resolve("m.json");
    Files.createDirectories(temp.getParent());
    Files.write(temp, utf8("{\"partial\""));
    byte[] bytes = utf8("{\"whole\":true}\n");
    WriteBlobs.commit(root, WriteBlobs.stage(root, "m.json", blob("m.json", bytes, 1, null)));
    assertThat(Files.readAllBytes(tmp.resolve("m.json"))).isEqualTo(bytes);
  }

  @Test
  void twoFilesWithOneNameFailTheWrite() {
    Pipeline p = TestPipelines.direct();
    p.apply(
            Create.of(blob("a.json", utf8("1\n"), 1, null), blob("a.json", utf8("2\n"), 1, null))
                .withCoder(Coders.avro(FileBlob.class)))
        .apply(WriteBlobs.to(tmp.toString(), ""));
    assertThatThrownBy(() -> p.run().waitUntilFinish()).hasMessageContaining("two files named a.json in one write");
  }
}
