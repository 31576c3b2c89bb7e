package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

class ParquetFooterTest {
  /** The file as another JVM may write it: every column's encodings list in the reverse order. */
  static byte[] withEncodingsReversed(byte[] file) throws Exception {
    int n = file.length;
    int len = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int start = n - 8 - len;
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, start, len));
    int reordered = 0;
    for (RowGroup rg : meta.getRow_groups()) {
      for (ColumnChunk c : rg.getColumns()) {
        List<Encoding> e = new ArrayList<>(c.getMeta_data().getEncodings());
        if (e.size() > 1) {
          Collections.reverse(e);
          c.getMeta_data().setEncodings(e);
          reordered++;
        }
      }
    }
    assertThat(reordered).as("columns with more than one encoding").isPositive();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, start);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, footer);
    footer.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write("PAR1".getBytes());
    return out.toByteArray();
  }

  @Test
  void theFooterNoLongerDependsOnTheOrderOfEncodings() throws Exception {
    byte[] written = ShardFormat.PARQUET.encode("train-00000-00000.parquet", BucketWriterTest.examples(30, 9));
    byte[] otherJvm = withEncodingsReversed(written);
    assertThat(otherJvm).isNotEqualTo(written).hasSameSizeAs(written);
    assertThat(ParquetFooter.canonical(otherJvm)).isEqualTo(written);
    assertThat(ParquetFooter.canonical(written)).isEqualTo(written);
    assertThat(ShardFormat.PARQUET.decode(written)).isEqualTo(ShardFormat.PARQUET.decode(otherJvm)).hasSize(30);
  }

  @Test
  void refusesWhatIsNotParquet() {
    assertThatThrownBy(() -> ParquetFooter.canonical(new byte[20])).hasMessageContaining("not a Parquet file");
  }
}
