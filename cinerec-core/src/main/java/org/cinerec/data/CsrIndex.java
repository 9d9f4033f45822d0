package org.cinerec.data;

/**
 * Compressed sparse rows: for each key (a user or an item) the positions of its ratings.
 *
 * <p>Worked example, 3 users × 4 items, ratings in file order
 * {@code (u0,i1) (u2,i0) (u0,i3) (u2,i2) (u2,i3)} at positions 0..4. Indexed by user:
 * {@code offsets = [0, 2, 2, 5]}, {@code positions = [0, 2, 1, 3, 4]}: user 0 owns positions 0 and 2,
 * user 1 none, user 2 owns 1, 3 and 4. Within a key, positions keep file order.
 */
public final class CsrIndex {
  private final int[] offsets;
  private final int[] positions;

  CsrIndex(int[] offsets, int[] positions) {
    this.offsets = offsets;
    this.positions = positions;
  }

  /** Groups positions {@code 0..keys.length-1} by {@code keys[p]} (each in {@code 0..numKeys-1}). */
  public static CsrIndex build(int[] keys, int numKeys) {
    int[] offsets = new int[numKeys + 1];
    for (int k : keys) {
      offsets[k + 1]++;
    }
    for (int k = 0; k < numKeys; k++) {
      offsets[k + 1] += offsets[k];
    }
    int[] next = java.util.Arrays.copyOf(offsets, numKeys);
    int[] positions = new int[keys.length];
    for (int p = 0; p < keys.length; p++) {
      positions[next[keys[p]]++] = p;
    }
    return new CsrIndex(offsets, positions);
  }

  public int numKeys() {
    return offsets.length - 1;
  }

  /** Start (inclusive) of key k's run in {@link #positions()}. */
  public int start(int k) {
    return offsets[k];
  }

  /** End (exclusive) of key k's run in {@link #positions()}. */
  public int end(int k) {
    return offsets[k + 1];
  }

  public int count(int k) {
    return offsets[k + 1] - offsets[k];
  }

  /** The shared positions array; do not modify. */
  public int[] positions() {
    return positions;
  }

  /** The shared offsets array (length numKeys + 1); do not modify. */
  public int[] offsets() {
    return offsets;
  }
}
