package org.cinerec.model.mf;

import org.cinerec.CinerecException;
import org.cinerec.data.Ratings;
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
    double total = 0;
    for (int r = 0; r < w.length; r++) {
      if (w[r] == 0) {
        continue;
      }
      double b = bias == null ? 0 : bias[r];
      total += w[r] * (sumSquares(m, r * k, k) + b * b);
    }
    return total;
  }

  /**
   * {@code Σ x_f²} over {@code x[o..o+n)} in double, in four chains: this runs over every factor row after
   * each epoch, and one chain of dependent adds made it about a tenth of an {@code mf} fit.
   */
  private static double sumSquares(float[] x, int o, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int f = 0;
    for (; f + 3 < n; f += 4) {
      double a = x[o + f];
      double b = x[o + f + 1];
      double c = x[o + f + 2];
      double d = x[o + f + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += d * d;
    }
    for (; f < n; f++) {
      double a = x[o + f];
      s0 += a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }
}
