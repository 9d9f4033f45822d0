package org.cinerec.data;

/**
 * XXH64 (Yann Collet's xxHash, 64-bit, https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md):
 * a fast, well-mixed, documented 64-bit hash that every platform has (Python {@code xxhash}, the
 * {@code xxhsum -H1} tool, Spark's own {@code XXH64} class, ...), so a value computed here can be
 * computed again elsewhere. Known answers: {@code hash("") = 0xef46db3751d8e999},
 * {@code hash("abc") = 0x44bc2cf5ad770999} (seed 0).
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** XXH64 of {@code b[off..off+len)} with a seed. */
  public static long hash(byte[] b, int off, int len, long seed) {
    int p = off;
    int end = off + len;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = end - 32;
      do {
        v1 = round(v1, le64(b, p));
        v2 = round(v2, le64(b, p + 8));
        v3 = round(v3, le64(b, p + 16));
        v4 = round(v4, le64(b, p + 24));
        p += 32;
      } while (p <= limit);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 8 <= end) {
      h ^= round(0, le64(b, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= end) {
      h ^= (le32(b, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < end) {
      h ^= (b[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    return avalanche(h);
  }

  /** XXH64 (seed 0) of the UTF-8 bytes of a string. */
  public static long hash(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return hash(b, 0, b.length, 0);
  }

  /**
   * XXH64 (seed 0) of the 20 bytes {@code int64 a | int64 b | int32 c}, all little-endian, without
   * building the array (equal to {@link #hash(byte[], int, int, long)} on those bytes).
   */
  public static long hash(long a, long b, int c) {
    long h = P5 + 20;
    h ^= round(0, a);
    h = Long.rotateLeft(h, 27) * P1 + P4;
    h ^= round(0, b);
    h = Long.rotateLeft(h, 27) * P1 + P4;
    h ^= (c & 0xFFFFFFFFL) * P1;
    h = Long.rotateLeft(h, 23) * P2 + P3;
    return avalanche(h);
  }

  /**
   * XXH64 with a seed of the 16 bytes {@code int64 a | int64 b}, little-endian, without building the
   * array (equal to {@link #hash(byte[], int, int, long)} on those bytes and that seed).
   */
  public static long hash16(long a, long b, long seed) {
    long h = seed + P5 + 16;
    h ^= round(0, a);
    h = Long.rotateLeft(h, 27) * P1 + P4;
    h ^= round(0, b);
    h = Long.rotateLeft(h, 27) * P1 + P4;
    return avalanche(h);
  }

  private static long round(long acc, long lane) {
    acc += lane * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long h, long v) {
    h ^= round(0, v);
    return h * P1 + P4;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long le64(byte[] b, int p) {
    return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
        | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48 | (b[p + 7] & 0xFFL) << 56;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }
}
