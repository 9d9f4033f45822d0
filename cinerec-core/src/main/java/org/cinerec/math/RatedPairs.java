package org.cinerec.math;

/**
 * "Did user {@code u} rate item {@code j}?" in a few nanoseconds: the negative-sampling check of pairwise
 * ranking, asked once or more per sampled triple. A bitset of users × items (one bit per pair) when it
 * fits in {@link #MAX_BITSET_BYTES}; otherwise a binary search in the user's sorted row of
 * {@link SparseRows}. Both give the same answers, so the choice never changes a model.
 *
 * <p>Worked example, 2 users × 3 items, user 0 rated items 0 and 2, user 1 rated item 1: 64-bit words per
 * user = 1, {@code bits = [0b101, 0b010]}.
 */
public final class RatedPairs {
  /** Largest bitset built (ml-latest-small: 610 × 9,742 pairs = 0.7 MB; ml-25m would need 1.3 GB). */
  public static final long MAX_BITSET_BYTES = 64L << 20;

  private final SparseRows rows;
  private final long[] bits;
  private final int words;

  /** {@code rows}: users × items with sorted columns, over {@code numItems} items. */
  public RatedPairs(SparseRows rows, int numItems) {
    this(rows, numItems, MAX_BITSET_BYTES);
  }

  /** As {@link #RatedPairs(SparseRows, int)} with another bitset limit (0 = always binary search). */
  RatedPairs(SparseRows rows, int numItems, long maxBitsetBytes) {
    this.rows = rows;
    int w = (numItems + 63) >>> 6;
    long bytes = 8L * w * rows.numRows();
    if (bytes <= maxBitsetBytes && numItems > 0) {
      this.words = w;
      this.bits = new long[w * rows.numRows()];
      int[] cols = rows.cols();
      for (int u = 0; u < rows.numRows(); u++) {
        int base = u * w;
        for (int p = rows.start(u); p < rows.end(u); p++) {
          bits[base + (cols[p] >>> 6)] |= 1L << cols[p];
        }
      }
    } else {
      this.words = 0;
      this.bits = null;
    }
  }

  /** Whether the lookups use the bitset (else binary search). */
  public boolean usesBitset() {
    return bits != null;
  }

  /** True when user {@code u} rated item {@code j}. */
  public boolean contains(int u, int j) {
    if (bits != null) {
      return (bits[u * words + (j >>> 6)] & (1L << j)) != 0;
    }
    return rows.find(u, j) >= 0;
  }
}
