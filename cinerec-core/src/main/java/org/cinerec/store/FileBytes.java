package org.cinerec.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * A model file's bytes addressed by {@code long} offsets, so a file may pass 2 GB: one array in memory (tests,
 * fuzzers), or a file mapped read-only in parts of at most {@link #PART} bytes (no copy on the heap: loading a
 * model needs heap for its arrays only). Multi-byte integers are big-endian and may straddle two parts;
 * tensor payloads are read little-endian. A read past {@link #size()} throws {@link IndexOutOfBoundsException},
 * which {@link ModelFile} turns into a clear error naming the file.
 */
final class FileBytes {
  /** The largest part a file is mapped in (1 GiB). */
  static final int PART = 1 << 30;
  private static final int COPY = 1 << 16;

  private final ByteBuffer[] parts;
  private final int part;
  private final long size;

  /** {@code parts}: each {@code part} bytes long but the last; {@code size}: how many bytes are readable. */
  private FileBytes(ByteBuffer[] parts, int part, long size) {
    this.parts = parts;
    this.part = part;
    this.size = size;
  }

  static FileBytes of(byte[] bytes) {
    return of(bytes, Math.max(1, bytes.length));
  }

  /** {@code bytes} seen in parts of {@code part} bytes (tests use tiny parts to cross every boundary). */
  static FileBytes of(byte[] bytes, int part) {
    int n = Math.max(1, (bytes.length + part - 1) / part);
    ByteBuffer[] parts = new ByteBuffer[n];
    for (int i = 0; i < n; i++) {
      int from = i * part;
      parts[i] = ByteBuffer.wrap(bytes, from, Math.min(part, bytes.length - from)).slice();
    }
    return new FileBytes(parts, part, bytes.length);
  }

  /** The whole of {@code channel}'s file, mapped read-only (the mapping outlives the channel). */
  static FileBytes map(FileChannel channel) throws IOException {
    long size = channel.size();
    int n = (int) Math.max(1, (size + PART - 1) / PART);
    ByteBuffer[] parts = new ByteBuffer[n];
    for (int i = 0; i < n; i++) {
      long from = (long) i * PART;
      parts[i] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(PART, size - from));
    }
    return new FileBytes(parts, PART, size);
  }

  long size() {
    return size;
  }

  /** The first {@code n} bytes only: reads past them fail as reads past the end do. */
  FileBytes head(long n) {
    if (n < 0 || n > size) {
      throw new IndexOutOfBoundsException("head " + n + " of " + size);
    }
    return new FileBytes(parts, part, n);
  }

  private void check(long p, long n) {
    if (p < 0 || n < 0 || p > size - n) {
      throw new IndexOutOfBoundsException("bytes " + p + ".." + (p + n) + " run past the end (" + size + " bytes)");
    }
  }

  byte get(long p) {
    check(p, 1);
    return parts[(int) (p / part)].get((int) (p % part));
  }

  int getInt(long p) {
    check(p, 4);
    int i = (int) (p / part);
    int off = (int) (p % part);
    if (off <= parts[i].limit() - 4) {
      return parts[i].getInt(off);
    }
    return (get(p) & 0xff) << 24 | (get(p + 1) & 0xff) << 16 | (get(p + 2) & 0xff) << 8 | (get(p + 3) & 0xff);
  }

  short getShort(long p) {
    check(p, 2);
    return (short) ((get(p) & 0xff) << 8 | (get(p + 1) & 0xff));
  }

  /** Copies {@code len} bytes from {@code p} into {@code dst[off..]}. */
  void get(long p, byte[] dst, int off, int len) {
    check(p, len);
    while (len > 0) {
      int i = (int) (p / part);
      int at = (int) (p % part);
      int n = Math.min(len, parts[i].limit() - at);
      parts[i].duplicate().position(at).get(dst, off, n);
      p += n;
      off += n;
      len -= n;
    }
  }

  byte[] bytes(long p, int len) {
    check(p, len);
    byte[] b = new byte[len];
    get(p, b, 0, len);
    return b;
  }

  /** {@code n} little-endian bytes from {@code p} as a buffer: a view when they lie in one part, else a copy. */
  private ByteBuffer littleEndian(long p, int n) {
    int i = (int) (p / part);
    int at = (int) (p % part);
    if (at <= parts[i].limit() - n) {
      return parts[i].duplicate().position(at).limit(at + n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
    return ByteBuffer.wrap(bytes(p, n)).order(ByteOrder.LITTLE_ENDIAN);
  }

  void floats(long p, float[] out) {
    check(p, 4L * out.length);
    for (int i = 0; i < out.length; ) {
      int n = Math.min(out.length - i, COPY);
      littleEndian(p, 4 * n).asFloatBuffer().get(out, i, n);
      i += n;
      p += 4L * n;
    }
  }

  void ints(long p, int[] out) {
    check(p, 4L * out.length);
    for (int i = 0; i < out.length; ) {
      int n = Math.min(out.length - i, COPY);
      littleEndian(p, 4 * n).asIntBuffer().get(out, i, n);
      i += n;
      p += 4L * n;
    }
  }

  void doubles(long p, double[] out) {
    check(p, 8L * out.length);
    for (int i = 0; i < out.length; ) {
      int n = Math.min(out.length - i, COPY);
      littleEndian(p, 8 * n).asDoubleBuffer().get(out, i, n);
      i += n;
      p += 8L * n;
    }
  }

  void longs(long p, long[] out) {
    check(p, 8L * out.length);
    for (int i = 0; i < out.length; ) {
      int n = Math.min(out.length - i, COPY);
      littleEndian(p, 8 * n).asLongBuffer().get(out, i, n);
      i += n;
      p += 8L * n;
    }
  }

  /** Feeds bytes {@code [0, end)} to {@code digest}. */
  void digest(MessageDigest digest, long end) {
    check(0, end);
    for (long p = 0; p < end; ) {
      int i = (int) (p / part);
      int at = (int) (p % part);
      int n = (int) Math.min(end - p, parts[i].limit() - at);
      digest.update(parts[i].duplicate().position(at).limit(at + n));
      p += n;
    }
  }
}
