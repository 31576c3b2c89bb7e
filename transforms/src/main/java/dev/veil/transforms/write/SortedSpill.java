package dev.veil.transforms.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records put in order by a string key while only the keys stay in memory. Each record's bytes are appended to a
 * local temporary file as it arrives (in {@code java.io.tmpdir}, the worker's own disk); {@link #sortedOrder()}
 * sorts the keys, and {@link #read} fetches a record back by position. A worker that writes one bucket this way holds
 * the bucket's keys (tens of bytes per record) and one shard, not the bucket: its memory no longer grows with the
 * bucket. Ties between equal keys are broken by the records' bytes, so the order depends only on the set of records.
 *
 * <p>The file is removed by {@link #close()}; a worker killed while it writes a bucket leaves it in its temporary
 * directory.
 */
final class SortedSpill implements AutoCloseable {
  private final String prefix;
  private final List<String> keys = new ArrayList<>();
  private long[] offsets = new long[64];
  private int[] lengths = new int[64];
  private Path file;
  private OutputStream out;
  private FileChannel in;
  private long written;

  SortedSpill(String prefix) {
    this.prefix = prefix;
  }

  /** Appends a record; returns its index in arrival order. */
  int add(String key, byte[] record) {
    if (in != null) {
      throw new IllegalStateException("records added after reading began");
    }
    try {
      if (out == null) {
        file = Files.createTempFile(prefix, ".spill");
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      }
      out.write(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill a record to local disk (java.io.tmpdir)", e);
    }
    int i = keys.size();
    if (i == offsets.length) {
      offsets = Arrays.copyOf(offsets, i * 2);
      lengths = Arrays.copyOf(lengths, i * 2);
    }
    keys.add(key);
    offsets[i] = written;
    lengths[i] = record.length;
    written += record.length;
    return i;
  }

  int size() {
    return keys.size();
  }

  String key(int index) {
    return keys.get(index);
  }

  /** Arrival indices in key order; equal keys in the order of their records' bytes (unsigned). */
  int[] sortedOrder() {
    Integer[] order = new Integer[keys.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = keys.get(a).compareTo(keys.get(b));
          return c != 0 ? c : Arrays.compareUnsigned(read(a), read(b));
        });
    int[] sorted = new int[order.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = order[i];
    }
    return sorted;
  }

  /** The bytes of the record that arrived {@code index}-th. */
  byte[] read(int index) {
    java.util.Objects.checkIndex(index, keys.size());
    try {
      if (in == null) {
        if (out == null) {
          throw new IndexOutOfBoundsException("no records");
        }
        out.close();
        in = FileChannel.open(file, StandardOpenOption.READ);
      }
      byte[] bytes = new byte[lengths[index]];
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      long position = offsets[index];
      while (buf.hasRemaining()) {
        int n = in.read(buf, position + buf.position());
        if (n < 0) {
          throw new IOException("spill file shorter than what was written to it");
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a spilled record back from local disk", e);
    }
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
      if (in != null) {
        in.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove a spill file", e);
    }
  }
}
