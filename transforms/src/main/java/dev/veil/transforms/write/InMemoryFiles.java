package dev.veil.transforms.write;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet's file interfaces over a byte array: a shard is built in memory and committed whole by {@link WriteBlobs}. */
final class InMemoryFiles {
  private InMemoryFiles() {}

  static final class Output implements OutputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }

  static final class Input implements InputFile {
    private final byte[] data;

    Input(byte[] data) {
      this.data = data;
    }

    @Override
    public long getLength() {
      return data.length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new SeekableInputStream() {
        private int pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void seek(long newPos) {
          pos = (int) newPos;
        }

        @Override
        public int read() {
          return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (pos >= data.length) {
            return -1;
          }
          int n = Math.min(len, data.length - pos);
          System.arraycopy(data, pos, b, off, n);
          pos += n;
          return n;
        }

        @Override
        public void readFully(byte[] b) throws EOFException {
          readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws EOFException {
          if (data.length - pos < len) {
            throw new EOFException();
          }
          System.arraycopy(data, pos, b, off, len);
          pos += len;
        }

        @Override
        public int read(ByteBuffer buf) {
          if (pos >= data.length) {
            return -1;
          }
          int n = Math.min(buf.remaining(), data.length - pos);
          buf.put(data, pos, n);
          pos += n;
          return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws EOFException {
          if (data.length - pos < buf.remaining()) {
            throw new EOFException();
          }
          int n = buf.remaining();
          buf.put(data, pos, n);
          pos += n;
        }
      };
    }
  }
}
