package dev.veil.transforms.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's footer canonical. parquet-mr writes each column chunk's {@code encodings} list from a
 * {@code HashSet} of enum constants, whose order follows identity hash codes: the same data written by two JVMs gives
 * footers that differ in that order only. This sorts every such list by the encoding's number and re-serializes the
 * footer (Thrift compact protocol, a pure function of the structure); the data pages before it are untouched and the
 * footer keeps its length.
 */
final class ParquetFooter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetFooter() {}

  static byte[] canonical(byte[] file) throws IOException {
    int n = file.length;
    if (n < 12 || !Arrays.equals(Arrays.copyOfRange(file, n - 4, n), MAGIC)) {
      throw new IOException("not a Parquet file (no trailing magic)");
    }
    int footerLength = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = n - 8 - footerLength;
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
    for (RowGroup rowGroup : meta.getRow_groups()) {
      for (ColumnChunk chunk : rowGroup.getColumns()) {
        if (chunk.isSetMeta_data()) {
          ColumnMetaData m = chunk.getMeta_data();
          List<Encoding> encodings = new ArrayList<>(m.getEncodings());
          encodings.sort(Comparator.comparingInt(Encoding::getValue));
          m.setEncodings(encodings);
        }
      }
    }
    ByteArrayOutputStream footer = new ByteArrayOutputStream(footerLength);
    Util.writeFileMetaData(meta, footer);
    ByteArrayOutputStream out = new ByteArrayOutputStream(n);
    out.write(file, 0, footerStart);
    footer.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write(MAGIC);
    return out.toByteArray();
  }
}
