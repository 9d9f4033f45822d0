package org.cinerec.model.mf;

import org.cinerec.math.Cholesky;
import org.cinerec.math.Dense;

/**
 * The user side of a factor model solved from one history with the item side fixed: the normal equations
 * of training's own objective for a single user, accumulated in double and solved by {@link Cholesky}.
 * Allocation is O(k²) per solve plus the caller's O(history) arrays; nothing is shared between calls
 * except the read-only item tensors (and for {@link #implicit} the precomputed Gram matrix), so solves run
 * from any number of threads. See {@link FactorModel} for which family uses which rule.
 */
final class FactorFoldIn {
  private FactorFoldIn() {}

  /** How training regularised the user side, and so how fold-in solves it. */
  enum Rule {
    /**
     * Explicit ratings with weight decay λ per rating, i.e. λ·n on the diagonal: mf and svdpp (SGD applies
     * λ once per rating visit) and als (Spark's weighted-λ). The user bias, when the model has biases, is
     * solved jointly with the factors.
     */
    PER_RATING,
    /** Implicit feedback (ials): confidence weights over every movie, λ unscaled. */
    IMPLICIT;

    /** The rule of a factor family, or null for a kind this class does not know. */
    static Rule of(String kind) {
      return switch (kind) {
        case "mf", "svdpp", "als" -> PER_RATING;
        case "ials" -> IMPLICIT;
        default -> null;
      };
    }
  }

  /**
   * Minimises {@code Σ_t (r_t − μ − b_{i_t} − q_{i_t}·(x + z) − b)² + λ n (‖x‖² + b²)} over x (and b when
   * {@code biased}) for the n ratings {@code ratings[0..n)} of items {@code items[0..n)}; {@code z} (the
   * svdpp implicit part, or null) is fixed. Unbiased ({@code itemBias} null): targets are the raw ratings,
   * no μ, no b. Returns {@code k + 1} values: x, then b (0 when unbiased).
   *
   * <p>Example (k = 1, unbiased, μ ignored): items with q = 1 and q = 2 rated 2 and 4, λ n = 2·0.5 = 1:
   * {@code (1 + 4 + 1) x = 2 + 8}, so x = 10/6.
   */
  static double[] perRating(int k, float[] q, float[] itemBias, float mu, float[] z, int[] items, float[] ratings,
      int n, double lambda) {
    boolean biased = itemBias != null;
    int m = biased ? k + 1 : k;
    double[] a = new double[m * m];
    double[] b = new double[m];
    float[] feat = new float[m];
    for (int t = 0; t < n; t++) {
      int i = items[t];
      System.arraycopy(q, i * k, feat, 0, k);
      double target = ratings[t];
      if (biased) {
        feat[k] = 1f;
        target -= mu + itemBias[i];
      }
      if (z != null) {
        double d = 0;
        for (int f = 0; f < k; f++) {
          d += (double) q[i * k + f] * z[f];
        }
        target -= d;
      }
      Dense.addOuterLower(a, m, feat, 0, 1.0);
      Dense.addScaled(b, feat, 0, m, target);
    }
    Dense.addDiagonal(a, m, ridge(lambda * n));
    Cholesky.solve(a, b, m);
    double[] out = new double[k + 1];
    System.arraycopy(b, 0, out, 0, m);
    return out;
  }

  /**
   * The implicit ALS user step of Hu, Koren and Volinsky: solves
   * {@code (YᵀY + Σ_t α r_t y_t y_tᵀ + λ I) x = Σ_t (1 + α r_t) y_t} given {@code gram} = YᵀY over every
   * movie ({@link #gram}; row-major k × k, not modified).
   *
   * <p>Example (k = 1): Y = [1, 2], one rating r = 1 of the second movie, α = 1, λ = 1:
   * {@code (5 + 4 + 1) x = 2·2}, x = 0.4.
   */
  static double[] implicit(int k, float[] q, double[] gram, int[] items, float[] ratings, int n, double lambda,
      double alpha) {
    double[] a = gram.clone();
    double[] b = new double[k];
    for (int t = 0; t < n; t++) {
      int i = items[t];
      Dense.addOuterLower(a, k, q, i * k, alpha * ratings[t]);
      Dense.addScaled(b, q, i * k, k, 1.0 + alpha * ratings[t]);
    }
    Dense.addDiagonal(a, k, ridge(lambda));
    Cholesky.solve(a, b, k);
    return b;
  }

  /** {@code YᵀY} (row-major k × k, both triangles) of a row-major {@code rows × k} matrix, in double. */
  static double[] gram(float[] y, int rows, int k) {
    double[] g = new double[k * k];
    Dense.addGram(g, y, k, 0, rows);
    Dense.symmetrize(g, k);
    return g;
  }

  /**
   * The diagonal term, or a tiny one (1e-9) when training had none: with λ = 0 the system is singular as
   * soon as the history has fewer movies than factors, and the limit λ → 0⁺ is the minimum-norm fit.
   */
  private static double ridge(double d) {
    return d > 0 ? d : 1e-9;
  }
}
