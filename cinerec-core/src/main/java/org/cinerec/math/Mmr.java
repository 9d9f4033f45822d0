package org.cinerec.math;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998, doi:10.1145/290941.291025) over unit-length
 * item vectors: from a pool of the most relevant candidates, pick greedily the movie maximising
 * {@code (1 - λ) · rel(i) - λ · max_{s picked} cos(i, s)}, where {@code rel} is the model's score rescaled to
 * 0..1 over the pool (min to max) and the similarity term is 0 for the first pick. Ties go to the more
 * relevant movie (the earlier one in the pool), so λ = 0 gives exactly the plain top-K order.
 *
 * <p>The pool is the {@code max(3n, n + 100)} best-scored candidates (all of them when fewer): MMR only
 * re-orders movies already near the top, and the cost stays {@code O(n · pool · dim)}. Single-threaded and
 * deterministic.
 *
 * <p>The one implementation of the service's diversity knob ({@code org.cinerec.serve.ServingModel}) and of the
 * evaluator's ({@code org.cinerec.eval.EvalOptions#diversity}), so what the evaluator measures is what the
 * service shows.
 */
public final class Mmr {
  private Mmr() {}

  /**
   * The first {@code n} movies of the MMR order (fewer when fewer have a finite score).
   *
   * @param scores  model scores, {@code -Infinity} for movies that may not be listed
   * @param n       how many to pick
   * @param lambda  the diversity knob λ, 0..1
   * @param unit    row-major unit item vectors (zero rows for movies without a vector)
   * @param dim     vector length
   */
  public static int[] select(float[] scores, int n, double lambda, float[] unit, int dim) {
    int poolSize = (int) Math.min(scores.length, Math.max(3L * n, n + 100L));
    int[] pool = TopK.select(scores, poolSize);
    int p = pool.length;
    int picks = Math.min(n, p);
    if (p == 0) {
      return new int[0];
    }
    double hi = scores[pool[0]];
    double lo = scores[pool[p - 1]];
    double range = hi - lo;
    double[] rel = new double[p];
    for (int q = 0; q < p; q++) {
      // rank-based when the score range is unusable (all equal, or infinite scores)
      rel[q] = range > 0 && Double.isFinite(range) ? (scores[pool[q]] - lo) / range : 1.0 - (double) q / p;
    }
    double[] maxSim = new double[p];
    boolean[] taken = new boolean[p];
    int[] out = new int[picks];
    for (int s = 0; s < picks; s++) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int q = 0; q < p; q++) {
        if (taken[q]) {
          continue;
        }
        double v = (1 - lambda) * rel[q] - (s == 0 ? 0 : lambda * maxSim[q]);
        if (v > bestValue) {
          bestValue = v;
          best = q;
        }
      }
      taken[best] = true;
      out[s] = pool[best];
      int row = pool[best] * dim;
      for (int q = 0; q < p; q++) {
        if (!taken[q]) {
          double c = Vectors.dot(unit, row, unit, pool[q] * dim, dim);
          maxSim[q] = s == 0 ? c : Math.max(maxSim[q], c);
        }
      }
    }
    return out;
  }

  /** Row-major copy of {@code vectors} with each row scaled to length 1 (zero rows stay zero). */
  public static float[] unitRows(float[] vectors, int dim) {
    float[] u = vectors.clone();
    for (int off = 0; off + dim <= u.length; off += dim) {
      double norm = Vectors.norm(u, off, dim);
      if (norm > 0) {
        Vectors.scale((float) (1 / norm), u, off, dim);
      }
    }
    return u;
  }
}
