package org.cinerec.math;

import java.util.Arrays;

/**
 * A sparse matrix by rows (CSR) with the column indices of each row sorted ascending, and one float
 * value per entry: row {@code r} owns positions {@code offsets[r] .. offsets[r+1]} of {@code cols} and
 * {@code vals}. Sorted columns give {@link #find} in O(log row length) and merge-style intersections.
 *
 * <p>Worked example, ratings (u0,i3,4) (u0,i1,5) (u2,i0,3) as rows by user over 3 users:
 * {@code offsets = [0, 2, 2, 3]}, {@code cols = [1, 3, 0]}, {@code vals = [5, 4, 3]}.
 */
public record SparseRows(int[] offsets, int[] cols, float[] vals) {

  /**
   * Rows {@code rowOf[p]} holding column {@code colOf[p]} with value {@code val[p]} for every entry
   * {@code p}; {@code numRows} rows. Entries with equal (row, column) are kept as given (callers pass
   * distinct pairs).
   */
  public static SparseRows of(int[] rowOf, int[] colOf, float[] val, int numRows) {
    int n = rowOf.length;
    if (colOf.length != n || val.length != n) {
      throw new IllegalArgumentException("entry arrays differ in length: " + n + ", " + colOf.length + ", " + val.length);
    }
    int[] offsets = new int[numRows + 1];
    for (int r : rowOf) {
      offsets[r + 1]++;
    }
    for (int r = 0; r < numRows; r++) {
      offsets[r + 1] += offsets[r];
    }
    int[] next = Arrays.copyOf(offsets, numRows);
    long[] keys = new long[n];
    for (int p = 0; p < n; p++) {
      keys[next[rowOf[p]]++] = ((long) colOf[p] << 32) | p;
    }
    int[] cols = new int[n];
    float[] vals = new float[n];
    for (int r = 0; r < numRows; r++) {
      Arrays.sort(keys, offsets[r], offsets[r + 1]);
      for (int q = offsets[r]; q < offsets[r + 1]; q++) {
        cols[q] = (int) (keys[q] >>> 32);
        vals[q] = val[(int) keys[q]];
      }
    }
    return new SparseRows(offsets, cols, vals);
  }

  public int numRows() {
    return offsets.length - 1;
  }

  public int start(int row) {
    return offsets[row];
  }

  public int end(int row) {
    return offsets[row + 1];
  }

  public int count(int row) {
    return offsets[row + 1] - offsets[row];
  }

  /** Position of column {@code col} in row {@code row}, or -1 when the row lacks it. */
  public int find(int row, int col) {
    int p = Arrays.binarySearch(cols, offsets[row], offsets[row + 1], col);
    return p >= 0 ? p : -1;
  }

  /** The same entries with every value replaced by {@code values[p]} (same positions). */
  public SparseRows withValues(float[] values) {
    if (values.length != cols.length) {
      throw new IllegalArgumentException("values length " + values.length + " != entries " + cols.length);
    }
    return new SparseRows(offsets, cols, values);
  }
}
