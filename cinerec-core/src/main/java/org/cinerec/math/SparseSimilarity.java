package org.cinerec.math;

/**
 * Item-item similarities from sparse co-ratings, keeping only each item's best positive neighbours.
 *
 * <p>The input is one value per rating, seen two ways: by item (for item {@code i}, the users who rated
 * it and the value {@code v_ui}) and by user (for user {@code u}, the items she rated and {@code v_uj}).
 * For a pair {@code (i, j)} with common raters {@code U_ij} ({@code n = |U_ij|}) the similarity is a
 * cosine restricted to the common raters, shrunk towards zero when they are few:
 *
 * <pre>
 *   s_ij = Σ_u v_ui v_uj / sqrt(Σ_u v_ui² · Σ_u v_uj²) · (n − 1) / (n − 1 + shrinkage)      (u ∈ U_ij)
 * </pre>
 *
 * With raw ratings as values this is Surprise's {@code cosine}; with baseline residuals
 * {@code r_ui − b_ui} it is Surprise's {@code pearson_baseline} (Koren 2010, eq. 2). The shrink factor is
 * Surprise's; {@code shrinkage = 0} switches it off. Pairs with fewer than {@code minSupport} common
 * raters, or a zero norm, get similarity 0.
 *
 * <p>Cost: {@code Σ_u n_u²} multiply-adds (every pair of a user's items, seen once from each side), not
 * {@code n_items²}: for item {@code i} it walks the users who rated {@code i} and their rating lists,
 * accumulating into dense per-task scratch arrays and touching only co-rated items. Items are processed in
 * parallel on {@link Parallel}; each item's list is computed by one task in a fixed order, so the result
 * does not depend on the number of threads.
 *
 * <p>Worked example (3 users × 4 items, values = ratings, shrinkage 0): u0 rated (i0 5, i1 3, i2 4),
 * u1 rated (i0 3, i1 1), u2 rated (i1 2, i3 5). Items i0 and i1 share u0 and u1:
 * {@code s = (5·3 + 3·1) / sqrt((25 + 9)(9 + 1)) = 18 / sqrt(340) = 0.9762}.
 */
public final class SparseSimilarity {
  private SparseSimilarity() {}

  /**
   * Each item's kept neighbours, best first (ties by lower index): item {@code i} owns positions
   * {@code offsets[i] .. offsets[i+1]} of {@code items} and {@code sims}. Only positive similarities are
   * kept.
   */
  public record Neighbours(int[] offsets, int[] items, float[] sims) {
    public int count(int item) {
      return offsets[item + 1] - offsets[item];
    }
  }

  /**
   * Computes the kept neighbours of every item.
   *
   * @param itemOffsets   CSR offsets by item (length numItems + 1) into {@code itemUsers}/{@code itemValues}
   * @param itemUsers     for each item, the users who rated it
   * @param itemValues    the matching values
   * @param userOffsets   CSR offsets by user into {@code userItems}/{@code userValues}
   * @param userItems     for each user, the items she rated
   * @param userValues    the matching values (the same numbers as {@code itemValues}, grouped by user)
   * @param shrinkage     ≥ 0; 0 = no shrinkage
   * @param minSupport    ≥ 1, least number of common raters for a non-zero similarity
   * @param maxNeighbours how many neighbours to keep per item; ≤ 0 keeps every positive one
   */
  public static Neighbours topNeighbours(int[] itemOffsets, int[] itemUsers, float[] itemValues,
      int[] userOffsets, int[] userItems, float[] userValues, double shrinkage, int minSupport, int maxNeighbours) {
    int numItems = itemOffsets.length - 1;
    if (itemUsers.length != itemValues.length || userItems.length != userValues.length
        || itemUsers.length != userItems.length) {
      throw new IllegalArgumentException("rating arrays differ in length: " + itemUsers.length + ", "
          + itemValues.length + ", " + userItems.length + ", " + userValues.length);
    }
    if (shrinkage < 0 || minSupport < 1) {
      throw new IllegalArgumentException("shrinkage must be >= 0 and minSupport >= 1, got " + shrinkage + ", " + minSupport);
    }
    int[][] listItems = new int[numItems][];
    float[][] listSims = new float[numItems][];
    int chunks = Math.min(numItems, Parallel.threads() * 8);
    Parallel.forEachChunk(numItems, chunks, (chunk, from, to) -> {
      Scratch s = new Scratch(numItems, maxNeighbours);
      for (int i = from; i < to; i++) {
        neighboursOf(i, itemOffsets, itemUsers, itemValues, userOffsets, userItems, userValues,
            shrinkage, minSupport, s);
        listItems[i] = s.outItems;
        listSims[i] = s.outSims;
      }
    });
    int[] offsets = new int[numItems + 1];
    for (int i = 0; i < numItems; i++) {
      offsets[i + 1] = offsets[i] + listItems[i].length;
    }
    int[] items = new int[offsets[numItems]];
    float[] sims = new float[offsets[numItems]];
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(listItems[i], 0, items, offsets[i], listItems[i].length);
      System.arraycopy(listSims[i], 0, sims, offsets[i], listSims[i].length);
    }
    return new Neighbours(offsets, items, sims);
  }

  /** Per-task scratch: dense accumulators over all items plus the list of items touched. */
  private static final class Scratch {
    /** Per item j, interleaved: Σ v_ui v_uj, Σ v_ui², Σ v_uj² (one cache line per j instead of three). */
    final double[] acc;
    final int[] freq;
    final int[] touched;
    final int cap;
    long[] heap;
    int[] outItems;
    float[] outSims;

    Scratch(int n, int maxNeighbours) {
      acc = new double[3 * n];
      freq = new int[n];
      touched = new int[n];
      cap = maxNeighbours <= 0 ? n : Math.min(n, maxNeighbours);
      heap = new long[Math.min(cap, 1024)];
    }
  }

  private static void neighboursOf(int i, int[] itemOffsets, int[] itemUsers, float[] itemValues,
      int[] userOffsets, int[] userItems, float[] userValues, double shrinkage, int minSupport, Scratch s) {
    double[] acc = s.acc;
    int[] freq = s.freq;
    int[] touched = s.touched;
    int nTouched = 0;
    for (int p = itemOffsets[i]; p < itemOffsets[i + 1]; p++) {
      int u = itemUsers[p];
      double vi = itemValues[p];
      double vi2 = vi * vi;
      for (int q = userOffsets[u]; q < userOffsets[u + 1]; q++) {
        int j = userItems[q];
        double vj = userValues[q];
        if (freq[j] == 0) {
          touched[nTouched++] = j;
        }
        freq[j]++;
        int a = 3 * j;
        acc[a] += vi * vj;
        acc[a + 1] += vi2;
        acc[a + 2] += vj * vj;
      }
    }
    int size = 0;
    long[] heap = s.heap;
    for (int t = 0; t < nTouched; t++) {
      int j = touched[t];
      int n = freq[j];
      int a = 3 * j;
      double den = Math.sqrt(acc[a + 1] * acc[a + 2]);
      double sim = 0;
      if (j != i && n >= minSupport && den > 0) {
        sim = acc[a] / den;
        if (shrinkage > 0) {
          sim *= (n - 1) / (n - 1 + shrinkage);
        }
      }
      acc[a] = 0;
      acc[a + 1] = 0;
      acc[a + 2] = 0;
      freq[j] = 0;
      float f = (float) sim;
      if (!(f > 0)) {
        continue;
      }
      long key = TopK.pack(f, j);
      if (size < s.cap) {
        if (size == heap.length) {
          heap = java.util.Arrays.copyOf(heap, Math.min(s.cap, heap.length * 2));
          s.heap = heap;
        }
        heap[size] = key;
        TopK.siftUp(heap, size++);
      } else if (key > heap[0]) {
        heap[0] = key;
        TopK.siftDown(heap, 0, size);
      }
    }
    java.util.Arrays.sort(heap, 0, size);
    int[] outItems = new int[size];
    float[] outSims = new float[size];
    for (int k = 0; k < size; k++) {
      long key = heap[size - 1 - k];
      outItems[k] = TopK.unpackIndex(key);
      outSims[k] = unpackScore(key);
    }
    s.outItems = outItems;
    s.outSims = outSims;
  }

  /** Inverse of the score half of {@link TopK#pack}. */
  static float unpackScore(long key) {
    int bits = (int) (key >>> 32);
    return Float.intBitsToFloat(bits < 0 ? bits ^ 0x7FFFFFFF : bits);
  }
}
