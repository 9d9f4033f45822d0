package org.cinerec.model.graph;

import java.io.IOException;
import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.math.Parallel;
import org.cinerec.math.SparseRows;
import org.cinerec.model.ModelReader;
import org.cinerec.store.ModelWriter;

/**
 * RP3β's item-item weights W held as sparse rows (each item's kept neighbours, columns ascending), its fit
 * and the sums a user's scores are made of (see {@link Rp3BetaModel} for the objective and paper).
 *
 * <p>Worked example (α = 1, β = 0, every neighbour kept, no normalisation): u0 rated {i0, i1}, u1 rated
 * {i0, i1, i2}. Then P_ui is 1/2 for u0's movies and 1/3 for u1's, P_iu = 1/|U_i| = 1/2 for i0 and i1, 1 for
 * i2. Row i0: {@code W_0,1 = ½·½ + ½·⅓ = 5/12}, {@code W_0,2 = ½·⅓ = 1/6} ({@code W_0,0} dropped), so
 * {@code offsets = [0, 2, 4, 6]}, {@code cols = [1, 2, 0, 2, 0, 1]}, {@code vals = [5/12, 1/6, 5/12, 1/6, 1/3, 1/3]}.
 */
final class Rp3BetaScorer {
  private final int[] offsets;
  private final int[] cols;
  private final float[] vals;

  private Rp3BetaScorer(int[] offsets, int[] cols, float[] vals) {
    this.offsets = offsets;
    this.cols = cols;
    this.vals = vals;
  }

  /**
   * Fits W from the binary X given both ways: {@code byUser} (rows = users, sorted distinct item columns) and
   * {@code byItem} (rows = items, sorted user columns). Row i is computed by one task in a fixed order (its
   * users ascending, each user's movies ascending), so W does not depend on {@code threads}. Cost:
   * {@code Σ_u |I_u|²} multiply-adds, then each row's candidates through a bounded min-heap of k packed longs
   * (weight bits high, the complement of the item index low, so ties keep the lower index).
   */
  static Rp3BetaScorer fit(SparseRows byUser, SparseRows byItem, double alpha, double beta, int neighbours,
      boolean normalize, int threads) {
    int n = byItem.numRows();
    double[] userStep = new double[byUser.numRows()]; // P_ui for any i ∈ I_u: (1/|I_u|)^α
    for (int u = 0; u < userStep.length; u++) {
      int c = byUser.count(u);
      userStep[u] = c == 0 ? 0 : Math.pow(c, -alpha);
    }
    double[] itemStep = new double[n]; // P_iu for any u ∈ U_i: (1/|U_i|)^α
    double[] penalty = new double[n]; // 1 / pop(j)^β
    for (int i = 0; i < n; i++) {
      int c = byItem.count(i);
      itemStep[i] = c == 0 ? 0 : Math.pow(c, -alpha);
      penalty[i] = c == 0 ? 0 : Math.pow(c, -beta);
    }
    int[][] rowCols = new int[n][];
    float[][] rowVals = new float[n][];
    int[] userCols = byUser.cols();
    int[] itemCols = byItem.cols();
    int chunks = Math.min(n, Math.max(1, threads) * 4);
    Parallel.forEachChunk(n, chunks, (chunk, from, to) -> {
      double[] acc = new double[n];
      int[] stamp = new int[n];
      int[] touched = new int[n];
      long[] heap = new long[Math.min(n, neighbours)];
      for (int i = from; i < to; i++) {
        int m = 0;
        for (int p = byItem.start(i); p < byItem.end(i); p++) {
          int u = itemCols[p];
          double w = itemStep[i] * userStep[u];
          for (int q = byUser.start(u); q < byUser.end(u); q++) {
            int j = userCols[q];
            if (stamp[j] != i + 1) {
              stamp[j] = i + 1;
              acc[j] = 0;
              touched[m++] = j;
            }
            acc[j] += w;
          }
        }
        int keep = 0; // a min-heap of the best keys so far: heap[0] is the weakest one kept
        for (int t = 0; t < m; t++) {
          int j = touched[t];
          float v = (float) (acc[j] * penalty[j]);
          if (j == i || !(v > 0)) {
            continue;
          }
          long key = pack(v, j);
          if (keep < heap.length) {
            heap[keep] = key;
            siftUp(heap, keep++);
          } else if (key > heap[0]) {
            heap[0] = key;
            siftDown(heap, keep);
          }
        }
        long[] kept = new long[keep];
        for (int t = 0; t < keep; t++) {
          long key = heap[t];
          kept[t] = ((long) unpackIndex(key) << 32) | (Float.floatToRawIntBits(unpackWeight(key)) & 0xFFFFFFFFL);
        }
        Arrays.sort(kept); // by column
        int[] cs = new int[keep];
        float[] vs = new float[keep];
        double sum = 0;
        for (int t = 0; t < keep; t++) {
          cs[t] = (int) (kept[t] >>> 32);
          vs[t] = Float.intBitsToFloat((int) kept[t]);
          sum += vs[t];
        }
        if (normalize && sum > 0) {
          for (int t = 0; t < keep; t++) {
            vs[t] = (float) (vs[t] / sum);
          }
        }
        rowCols[i] = cs;
        rowVals[i] = vs;
      }
    });
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + rowCols[i].length;
    }
    int[] cols = new int[offsets[n]];
    float[] vals = new float[offsets[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rowCols[i], 0, cols, offsets[i], rowCols[i].length);
      System.arraycopy(rowVals[i], 0, vals, offsets[i], rowVals[i].length);
    }
    return new Rp3BetaScorer(offsets, cols, vals);
  }

  /** A positive weight and an item as one long ordered by (weight, lower item first) ascending. */
  private static long pack(float weight, int item) {
    return ((long) Float.floatToRawIntBits(weight) << 32) | (~item & 0xFFFFFFFFL);
  }

  /** Moves {@code h[at]} up the min-heap. */
  private static void siftUp(long[] h, int at) {
    long key = h[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (h[parent] <= key) {
        break;
      }
      h[at] = h[parent];
      at = parent;
    }
    h[at] = key;
  }

  /** Moves {@code h[0]} down the min-heap of {@code size} keys. */
  private static void siftDown(long[] h, int size) {
    long key = h[0];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && h[child + 1] < h[child]) {
        child++;
      }
      if (key <= h[child]) {
        break;
      }
      h[at] = h[child];
      at = child;
    }
    h[at] = key;
  }

  private static float unpackWeight(long key) {
    return Float.intBitsToFloat((int) (key >>> 32));
  }

  private static int unpackIndex(long key) {
    return ~(int) key;
  }

  /** Number of items (rows of W). */
  int numItems() {
    return offsets.length - 1;
  }

  /** Number of kept (item, neighbour) pairs. */
  int storedWeights() {
    return cols.length;
  }

  /** {@code out[j] = Σ_{i ∈ items[from..to)} W_ij} for every item j (rows added in the order given). */
  void scoreUser(int[] items, int from, int to, double[] out) {
    Arrays.fill(out, 0, numItems(), 0);
    for (int p = from; p < to; p++) {
      int i = items[p];
      for (int q = offsets[i]; q < offsets[i + 1]; q++) {
        out[cols[q]] += vals[q];
      }
    }
  }

  /** {@code Σ_{i ∈ items[from..to)} W_ij} for one item j: the same sum, in the same order, as {@link #scoreUser}. */
  double scoreOne(int[] items, int from, int to, int j) {
    double s = 0;
    for (int p = from; p < to; p++) {
      int i = items[p];
      int q = Arrays.binarySearch(cols, offsets[i], offsets[i + 1], j);
      if (q >= 0) {
        s += vals[q];
      }
    }
    return s;
  }

  /** Row i of W into {@code out} (which the caller zeroed): its kept neighbours' weights. */
  void row(int i, float[] out) {
    for (int q = offsets[i]; q < offsets[i + 1]; q++) {
      out[cols[q]] = vals[q];
    }
  }

  void write(ModelWriter out) throws IOException {
    out.putInts("rp3beta.w.offsets", offsets);
    out.putInts("rp3beta.w.items", cols);
    out.putFloats("rp3beta.w.weights", vals);
  }

  /** Reads what {@link #write} wrote, for {@code numItems} items; a bad input error when the sections disagree. */
  static Rp3BetaScorer read(ModelReader in, int numItems) {
    int[] offsets = in.ints("rp3beta.w.offsets");
    int[] cols = in.ints("rp3beta.w.items");
    float[] vals = in.floats("rp3beta.w.weights");
    boolean ok = offsets.length == numItems + 1 && offsets[0] == 0 && offsets[numItems] == cols.length
        && vals.length == cols.length;
    for (int i = 0; ok && i < numItems; i++) {
      ok = offsets[i] <= offsets[i + 1];
      for (int q = offsets[i]; ok && q < offsets[i + 1]; q++) {
        ok = cols[q] >= 0 && cols[q] < numItems && (q == offsets[i] || cols[q] > cols[q - 1]);
      }
    }
    if (!ok) {
      throw new CinerecException("rp3beta model: the weight sections do not match the " + numItems
          + " items of the vocabulary: damaged file? train it again");
    }
    return new Rp3BetaScorer(offsets, cols, vals);
  }

  /** Rows by item of a by-user matrix (sorted columns); values are not kept. */
  static SparseRows transpose(SparseRows byUser, int numItems) {
    int[] rowOf = new int[byUser.cols().length];
    for (int u = 0; u < byUser.numRows(); u++) {
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        rowOf[p] = u;
      }
    }
    return SparseRows.of(byUser.cols(), rowOf, new float[rowOf.length], numItems);
  }
}
