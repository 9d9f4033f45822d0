package org.cinerec.model.ease;

import org.cinerec.math.SparseRows;

/**
 * The pair weights of EASE's Gram matrix with time adjacency ({@code adjacency s > 0}): two movies of one user
 * count
 *
 * <pre>
 *   k(i, j) = exp(−|p_i − p_j| / s)
 * </pre>
 *
 * instead of 1, where {@code p} is a rating's position in its user's history by time (how many of her ratings are
 * strictly older: {@link RecencyWeights#olderCounts}; ratings made in the same second share a position). Movies
 * rated one after the other, as on one page of a sign-up, count most; movies rated years apart count little.
 * {@code exp(−|x − y| / s)} is a positive-definite kernel on the line (Laplace), so each user's matrix of pair
 * weights is positive semi-definite, so is their sum, and {@code G + λI} stays invertible as {@code XᵀX + λI} is.
 * The diagonal is a movie's rater count, as in {@code XᵀX}. A movie the user rated twice keeps its first position.
 */
final class AdjacencyGram {
  /** Position of each entry of the users' rows (the same positions as their columns). */
  private final int[] positions;
  /** {@code kernel[d] = exp(−d / s)}. */
  private final double[] kernel;

  private AdjacencyGram(int[] positions, double[] kernel) {
    this.positions = positions;
    this.kernel = kernel;
  }

  /**
   * For the users' deduplicated rows whose values are their positions negated ({@code -older}), so that
   * {@link EaseTrainer#dedupe}, which keeps a repeated movie's largest value, keeps its earliest position.
   */
  static AdjacencyGram of(SparseRows negatedPositions, double s) {
    float[] v = negatedPositions.vals();
    int[] positions = new int[v.length];
    int max = 0;
    for (int q = 0; q < v.length; q++) {
      positions[q] = (int) -v[q];
      max = Math.max(max, positions[q]);
    }
    double[] kernel = new double[max + 1];
    for (int d = 0; d <= max; d++) {
      kernel[d] = Math.exp(-d / s);
    }
    return new AdjacencyGram(positions, kernel);
  }

  /** The weight of the pair of entries {@code a} and {@code b} of one user's row. */
  double weight(int a, int b) {
    return kernel[Math.abs(positions[a] - positions[b])];
  }
}
