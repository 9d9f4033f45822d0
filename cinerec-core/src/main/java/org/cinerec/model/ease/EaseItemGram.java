package org.cinerec.model.ease;

import java.io.IOException;
import org.cinerec.math.Parallel;
import org.cinerec.math.SparseRows;
import org.cinerec.math.SpdInverse;
import org.cinerec.store.ModelWriter;

/**
 * EASE's B held explicitly (Steck 2019, eq. 8): {@code P = (XᵀX + λI)⁻¹}, {@code B = I − P·diagMat(1/diag(P))},
 * i.e. {@code B_ij = −P_ij / P_jj} and {@code B_jj = 0}. Fitting costs about {@code n³} flops and
 * {@code 12 n²} bytes for n active items (the Gram matrix in double, then B in float); B is stored
 * row-major, {@code b[i·n + j] = B_ij}.
 */
final class EaseItemGram implements EaseScorer {
  private final int n;
  private final float[] b;

  EaseItemGram(int n, float[] b) {
    this.n = n;
    this.b = b;
  }

  /**
   * Fits B from the binary matrix X given both ways: {@code byItem} (rows = active items, sorted user
   * columns) and {@code byUser} (rows = users, sorted active-item columns); {@code adjacency}: the Gram matrix
   * weighs each user's pairs by their distance in time ({@link AdjacencyGram}), null: {@code XᵀX}.
   */
  static EaseItemGram fit(SparseRows byItem, SparseRows byUser, double lambda, AdjacencyGram adjacency) {
    int n = byItem.numRows();
    double[] g = SpdInverse.allocate(n);
    int[] userCols = byUser.cols();
    // lower triangle of the Gram matrix, one column per task: column c gets row r ≥ c for every user who has
    // both, in a fixed order (her rows ascending), so the sums do not depend on the thread count
    Parallel.forEachChunk(n, Parallel.threads() * 4, (chunk, from, to) -> {
      for (int c = from; c < to; c++) {
        int base = c * n;
        for (int p = byItem.start(c); p < byItem.end(c); p++) {
          int u = byItem.cols()[p];
          int qc = adjacency == null ? -1 : byUser.find(u, c);
          for (int q = byUser.start(u); q < byUser.end(u); q++) {
            int r = userCols[q];
            if (r >= c) {
              g[base + r] += adjacency == null ? 1 : adjacency.weight(qc, q);
            }
          }
        }
        g[base + c] += lambda;
      }
    });
    SpdInverse.invert(g, n);
    float[] b = new float[n * n];
    Parallel.forEachChunk(n, Parallel.threads() * 4, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int j = 0; j < n; j++) {
          b[i * n + j] = i == j ? 0f : (float) (-g[i + j * n] / g[j + j * n]);
        }
      }
    });
    return new EaseItemGram(n, b);
  }

  @Override
  public void scoreUser(int[] items, float[] weights, int from, int to, double[] out) {
    java.util.Arrays.fill(out, 0, n, 0);
    for (int p = from; p < to; p++) {
      int base = items[p] * n;
      double w = weights == null ? 1 : weights[p];
      for (int j = 0; j < n; j++) {
        out[j] += w * b[base + j];
      }
    }
  }

  @Override
  public double scoreOne(int[] items, float[] weights, int from, int to, int j) {
    double s = 0;
    for (int p = from; p < to; p++) {
      s += (weights == null ? 1 : weights[p]) * b[items[p] * n + j];
    }
    return s;
  }

  @Override
  public void row(int i, double[] out) {
    for (int j = 0; j < n; j++) {
      out[j] = b[i * n + j];
    }
  }

  @Override
  public void row(int i, int[] js, double[] out) {
    for (int t = 0; t < js.length; t++) {
      out[t] = js[t] < 0 ? 0 : b[i * n + js[t]];
    }
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putFloats("ease.b", b, n, n);
  }

  static EaseItemGram read(org.cinerec.model.ModelReader in) {
    int[] shape = in.shape("ease.b");
    return new EaseItemGram(shape[0], in.floats("ease.b"));
  }
}
