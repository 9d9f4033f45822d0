package org.cinerec.model.ease;

import org.cinerec.math.SparseRows;

/**
 * The pair weights of EASE's Gram matrix with time adjacency ({@code adjacency s > 0}): two movies of one user
 * count
 *
 * <pre>
 *   k(i, j) = (1 − f) · exp(−|p_i − p_j| / s) + f
 * </pre>
 *
 * instead of 1, where {@code p} is a rating's position in its user's history by time (how many of her ratings are
 * strictly older: {@link RecencyWeights#olderCounts}; ratings made in the same second share a position). Movies
 * rated one after the other, as on one page of a sign-up, count most; movies rated years apart count {@code f},
 * the floor ({@code adjacency-floor}, 0 by default: they count little; 1 would be plain EASE).
 * {@code exp(−|x − y| / s)} is a positive-definite kernel on the line (Laplace) and a constant {@code f ≥ 0} is
 * positive semi-definite, so each user's matrix of pair weights is positive semi-definite, so is their sum, and
 * {@code G + λI} stays invertible as {@code XᵀX + λI} is. The diagonal is a movie's rater count, as in
 * {@code XᵀX}, whatever {@code f}. A movie the user rated twice keeps its first position.
 */
final class AdjacencyGram {
  /** Position of each entry of the users' rows (the same positions as their columns). */
  private final int[] positions;
  /** {@code kernel[d] = (1 − f) exp(−d / s) + f}. */
  private final double[] kernel;

  private AdjacencyGram(int[] positions, double[] kernel) {
    this.positions = positions;
    this.kernel = kernel;
  }

  /**
   * For the users' deduplicated rows whose values are their positions negated ({@code -older}), so that
   * {@link EaseTrainer#dedupe}, which keeps a repeated movie's largest value, keeps its earliest position.
   */
  static AdjacencyGram of(SparseRows negatedPositions, double s, double floor) {
    float[] v = negatedPositions.vals();
    int[] positions = new int[v.length];
    int max = 0;
    for (int q = 0; q < v.length; q++) {
      positions[q] = (int) -v[q];
      max = Math.max(max, positions[q]);
    }
    double[] kernel = new double[max + 1];
    for (int d = 0; d <= max; d++) {
      kernel[d] = floor == 0 ? Math.exp(-d / s) : (1 - floor) * Math.exp(-d / s) + floor;
    }
    return new AdjacencyGram(positions, kernel);
  }

  /** The weight of the pair of entries {@code a} and {@code b} of one user's row. */
  double weight(int a, int b) {
    return kernel[Math.abs(positions[a] - positions[b])];
  }
}
