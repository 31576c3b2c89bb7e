package dev.veil.transforms.write;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.veil.schemas.ReleasedExample;
import dev.veil.transforms.common.Hashes;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How shards are encoded. Every format is a pure function of the sorted records: no time, no random sync marker, no
 * host name.
 *
 * <ul>
 *   <li>{@code jsonl}: JSON Lines ({@link ExampleJson}), one zstd frame at level {@value #ZSTD_LEVEL}:
 *       {@code .jsonl.zst}.
 *   <li>{@code avro}: an Avro object container file of {@link ReleasedExample}, zstandard codec at level
 *       {@value #ZSTD_LEVEL}, its 16-byte sync marker taken from SHA-256 of the file name (Avro draws it at random
 *       by default): {@code .avro}.
 *   <li>{@code parquet}: Parquet (parquet-avro, schema {@link ReleasedExample}), ZSTD pages; the footer holds the
 *       library's fixed {@code created_by} string and the Avro schema, no timestamps, and is made canonical
 *       ({@link ParquetFooter}: parquet-mr lists column encodings in a per-JVM order): {@code .parquet}.
 * </ul>
 */
public enum ShardFormat {
  JSONL("jsonl", "jsonl.zst", "application/jsonlines"),
  AVRO("avro", "avro", "application/avro"),
  PARQUET("parquet", "parquet", "application/x-parquet");

  /** zstd level used by every format: fixed, so output bytes never depend on a default. */
  public static final int ZSTD_LEVEL = 6;

  private final String policyName;
  private final String extension;
  private final String mediaType;

  ShardFormat(String policyName, String extension, String mediaType) {
    this.policyName = policyName;
    this.extension = extension;
    this.mediaType = mediaType;
  }

  public String policyName() {
    return policyName;
  }

  /** File name extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** Media type of the (decompressed) records, for the Croissant file. */
  public String mediaType() {
    return mediaType;
  }

  public static ShardFormat fromPolicyName(String name) {
    for (ShardFormat f : values()) {
      if (f.policyName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown output format " + name + "; known: " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
  }

  /** The format of a shard file, by its extension. */
  public static ShardFormat ofFile(String name) {
    for (ShardFormat f : values()) {
      if (name.endsWith("." + f.extension)) {
        return f;
      }
    }
    throw new IllegalArgumentException("not a shard file: " + name);
  }

  /**
   * Uncompressed size of a record in this format: what the byte cap counts before a shard is encoded (a JSON line
   * with its newline; the Avro binary encoding otherwise).
   */
  public long recordBytes(ReleasedExample r) {
    if (this == JSONL) {
      return ExampleJson.line(r).getBytes(StandardCharsets.UTF_8).length + 1L;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<>(ReleasedExample.class).write(r, enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }

  /** The bytes of a shard named {@code fileName} holding {@code records}, in the given order. */
  public byte[] encode(String fileName, List<ReleasedExample> records) {
    try {
      return switch (this) {
        case JSONL -> jsonl(records);
        case AVRO -> avro(fileName, records);
        case PARQUET -> parquet(records);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a shard back (for checks and tests), records normalized as {@link Release#normalized}. */
  public List<ReleasedExample> decode(byte[] bytes) {
    try {
      return switch (this) {
        case JSONL -> readJsonl(bytes);
        case AVRO -> readAvro(bytes);
        case PARQUET -> readParquet(bytes);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] jsonl(List<ReleasedExample> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ReleasedExample r : records) {
      out.writeBytes(ExampleJson.line(r).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return Zstd.compress(out.toByteArray(), ZSTD_LEVEL);
  }

  /** Avro's sync marker: 16 bytes that only depend on the file's name. */
  static byte[] syncMarker(String fileName) {
    return Arrays.copyOf(Hashes.sha256(("veil-avro-sync:" + fileName).getBytes(StandardCharsets.UTF_8)), 16);
  }

  private static byte[] avro(String fileName, List<ReleasedExample> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<ReleasedExample> w = new DataFileWriter<>(new SpecificDatumWriter<>(ReleasedExample.class))) {
      w.setCodec(CodecFactory.zstandardCodec(ZSTD_LEVEL, false, false));
      w.create(ReleasedExample.getClassSchema(), out, syncMarker(fileName));
      for (ReleasedExample r : records) {
        w.append(r);
      }
    }
    return out.toByteArray();
  }

  private static Configuration hadoopConf() {
    // No default resources: nothing read from the machine's Hadoop configuration can change the bytes.
    Configuration conf = new Configuration(false);
    conf.setInt("parquet.compression.codec.zstd.level", ZSTD_LEVEL);
    return conf;
  }

  private static byte[] parquet(List<ReleasedExample> records) throws IOException {
    InMemoryFiles.Output file = new InMemoryFiles.Output();
    try (ParquetWriter<ReleasedExample> w =
        AvroParquetWriter.<ReleasedExample>builder(file)
            .withSchema(ReleasedExample.getClassSchema())
            .withDataModel(SpecificData.get())
            .withConf(hadoopConf())
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .build()) {
      for (ReleasedExample r : records) {
        w.write(r);
      }
    }
    return ParquetFooter.canonical(file.toByteArray());
  }

  private static List<ReleasedExample> readJsonl(byte[] bytes) throws IOException {
    List<ReleasedExample> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new ZstdInputStream(new ByteArrayInputStream(bytes)), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(ExampleLines.parse(line));
      }
    }
    return out;
  }

  private static List<ReleasedExample> readAvro(byte[] bytes) throws IOException {
    List<ReleasedExample> out = new ArrayList<>();
    try (DataFileStream<ReleasedExample> in =
        new DataFileStream<>(new ByteArrayInputStream(bytes), new SpecificDatumReader<>(ReleasedExample.class))) {
      for (ReleasedExample r : in) {
        out.add(Release.normalized(r));
      }
    }
    return out;
  }

  private static List<ReleasedExample> readParquet(byte[] bytes) throws IOException {
    List<ReleasedExample> out = new ArrayList<>();
    try (ParquetReader<ReleasedExample> in =
        AvroParquetReader.<ReleasedExample>builder(new InMemoryFiles.Input(bytes))
            .withDataModel(SpecificData.get())
            .withConf(hadoopConf())
            .build()) {
      for (ReleasedExample r = in.read(); r != null; r = in.read()) {
        out.add(Release.normalized(r));
      }
    }
    return out;
  }
}
