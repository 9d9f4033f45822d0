package org.cinerec.math;

import java.util.Arrays;

/**
 * Top-K selection over a score array with a bounded min-heap of packed longs (score bits high, item
 * index low), as Lucene's {@code NeighborQueue} does: no boxing, one allocation per call.
 *
 * <p>Order: higher score first; equal scores by lower item index first. Items whose score is
 * {@code -Infinity} or NaN are never returned, so callers exclude items by setting their score to
 * {@code Float.NEGATIVE_INFINITY}.
 */
public final class TopK {
  private TopK() {}

  /**
   * The indices of the (at most) k highest scores, best first. Returns fewer than k when fewer items
   * have a finite or +Infinity score.
   */
  public static int[] select(float[] scores, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    int cap = Math.min(k, scores.length);
    if (cap == 0) {
      return new int[0];
    }
    long[] heap = new long[cap];
    int size = 0;
    // once the heap is full, a score below its smallest cannot enter: one float compare skips most items
    float floor = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (!(s > Float.NEGATIVE_INFINITY) || s < floor) {
        continue; // excluded, NaN, or below the k-th best so far
      }
      long key = pack(s, i);
      if (size < cap) {
        heap[size] = key;
        siftUp(heap, size++);
        if (size == cap) {
          floor = unpackScore(heap[0]);
        }
      } else if (key > heap[0]) {
        heap[0] = key;
        siftDown(heap, 0, size);
        floor = unpackScore(heap[0]);
      }
    }
    long[] sorted = Arrays.copyOf(heap, size);
    Arrays.sort(sorted);
    int[] out = new int[size];
    for (int j = 0; j < size; j++) {
      out[j] = unpackIndex(sorted[size - 1 - j]);
    }
    return out;
  }

  /**
   * Packs a score and an index into a long whose natural order is (score ascending, index descending),
   * so the max is the best item and ties go to the lower index.
   */
  static long pack(float score, int index) {
    int bits = Float.floatToIntBits(score);
    // map float order onto signed int order
    bits = bits < 0 ? bits ^ 0x7FFFFFFF : bits;
    return ((long) bits << 32) | (0xFFFFFFFFL & ~index);
  }

  /** The score of a packed key (inverse of {@link #pack}'s mapping). */
  static float unpackScore(long packed) {
    int bits = (int) (packed >> 32);
    return Float.intBitsToFloat(bits < 0 ? bits ^ 0x7FFFFFFF : bits);
  }

  static int unpackIndex(long packed) {
    return ~(int) packed;
  }

  /** Min-heap of packed keys (see {@link #pack}): moves {@code h[i]} up; also used by {@link SparseSimilarity}. */
  static void siftUp(long[] h, int i) {
    long x = h[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (h[parent] <= x) {
        break;
      }
      h[i] = h[parent];
      i = parent;
    }
    h[i] = x;
  }

  /** Min-heap of packed keys: moves {@code h[i]} down within the first {@code size} slots. */
  static void siftDown(long[] h, int i, int size) {
    long x = h[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && h[child + 1] < h[child]) {
        child++;
      }
      if (x <= h[child]) {
        break;
      }
      h[i] = h[child];
      i = child;
    }
    h[i] = x;
  }
}
