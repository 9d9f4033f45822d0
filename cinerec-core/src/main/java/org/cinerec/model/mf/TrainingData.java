package org.cinerec.model.mf;

import org.cinerec.CinerecException;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.math.SgdKernel;
import org.cinerec.model.TrainingItems;

/**
 * What every factor trainer derives from its training ratings before the first epoch: per-user and
 * per-item rating counts (0 = unknown to the model), the global mean μ and the rating scale (smallest and
 * largest training rating: the clip range of predictions) and each user's rated items.
 */
public final class TrainingData {
  public final Ratings ratings;
  public final int numUsers;
  public final int numItems;
  public final int[] userCounts;
  public final int[] itemCounts;
  public final float mean;
  public final float min;
  public final float max;
  /** Each user's rated items, kept in the model file (see {@link org.cinerec.model.RatedItems}). */
  public final TrainingItems rated;

  private TrainingData(Ratings r) {
    this.ratings = r;
    this.numUsers = r.numUsers();
    this.numItems = r.numItems();
    this.userCounts = new int[numUsers];
    this.itemCounts = new int[numItems];
    int[] us = r.users();
    int[] is = r.items();
    float[] rs = r.ratings();
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int n = 0; n < us.length; n++) {
      userCounts[us[n]]++;
      itemCounts[is[n]]++;
      lo = Math.min(lo, rs[n]);
      hi = Math.max(hi, rs[n]);
    }
    this.mean = (float) r.mean();
    this.min = lo;
    this.max = hi;
    this.rated = TrainingItems.of(r);
  }

  /** Checks the ratings are usable and derives the counts; {@code kind} names the model in errors. */
  public static TrainingData of(String kind, Ratings r) {
    if (r.size() == 0) {
      throw new CinerecException(kind + ": the training data has no ratings");
    }
    float[] rs = r.ratings();
    for (int n = 0; n < rs.length; n++) {
      if (!Float.isFinite(rs[n])) {
        throw new CinerecException(kind + ": training rating at row " + n + " is " + rs[n] + "; ratings must be finite");
      }
    }
    return new TrainingData(r);
  }

  /** Zeroes the factor rows (and biases, when given) of users and items that had no training rating. */
  public void zeroUnknown(int k, float[] userFactors, float[] itemFactors, float[] userBias, float[] itemBias) {
    for (int u = 0; u < numUsers; u++) {
      if (userCounts[u] == 0) {
        java.util.Arrays.fill(userFactors, u * k, (u + 1) * k, 0f);
        if (userBias != null) {
          userBias[u] = 0f;
        }
      }
    }
    for (int i = 0; i < numItems; i++) {
      if (itemCounts[i] == 0) {
        java.util.Arrays.fill(itemFactors, i * k, (i + 1) * k, 0f);
        if (itemBias != null) {
          itemBias[i] = 0f;
        }
      }
    }
  }

  /** Each item's training rating count divided by the largest: a ranking for users the model does not know. */
  public float[] popularity() {
    int most = 1;
    for (int c : itemCounts) {
      most = Math.max(most, c);
    }
    float[] out = new float[numItems];
    for (int i = 0; i < numItems; i++) {
      out[i] = itemCounts[i] / (float) most;
    }
    return out;
  }

  /**
   * {@code Σ_r w_r (‖m_r‖² + b_r²)} over the rows of a row-major {@code rows × k} matrix, with weights
   * {@code w} (e.g. the rating counts: the penalty SGD applies once per rating visit) and an optional bias.
   */
  public static double weightedSquares(float[] m, int k, float[] bias, int[] w) {
    return weightedSquares(m, k, bias, w, 1);
  }

  /**
   * {@link #weightedSquares(float[], int, float[], int[])} on up to {@code threads} threads: rows in fixed
   * chunks of {@value #PENALTY_ROWS} ({@link #squareChunks}), the chunks' sums added in chunk order, so
   * the total does not depend on the thread count. This runs over every factor row after each epoch (for
   * the reported loss); serial and in double it was about 6% of an {@code mf} fit.
   */
  public static double weightedSquares(float[] m, int k, float[] bias, int[] w, int threads) {
    double[] sums = new double[squareChunks(w.length)];
    Parallel.ChunkBody body = (chunk, from, to) -> weightedSquares(m, k, bias, w, from, to, sums);
    Parallel.forEachChunk(sums.length, Math.max(1, threads), body);
    return total(sums);
  }

  /** Number of fixed row chunks {@link #weightedSquares(float[], int, float[], int[], int, int, double[])} uses. */
  public static int squareChunks(int rows) {
    return Math.max(1, (rows + PENALTY_ROWS - 1) / PENALTY_ROWS);
  }

  /**
   * The weighted squares of the rows of chunks {@code [fromChunk, toChunk)} into {@code sums[chunk]}, each
   * row's {@code ‖m_r‖²} by the SGD kernel's dot product (float), summed in double.
   */
  public static void weightedSquares(float[] m, int k, float[] bias, int[] w, int fromChunk, int toChunk,
      double[] sums) {
    SgdKernel kernel = SgdKernel.create(k);
    for (int c = fromChunk; c < toChunk; c++) {
      double total = 0;
      int end = Math.min(w.length, (c + 1) * PENALTY_ROWS);
      for (int r = c * PENALTY_ROWS; r < end; r++) {
        if (w[r] != 0) {
          double b = bias == null ? 0 : bias[r];
          total += w[r] * (kernel.dot(m, r * k, m, r * k) + b * b);
        }
      }
      sums[c] = total;
    }
  }

  /** The sum of {@code v} in index order. */
  public static double total(double[] v) {
    double t = 0;
    for (double x : v) {
      t += x;
    }
    return t;
  }

  private static final int PENALTY_ROWS = 512;
}
