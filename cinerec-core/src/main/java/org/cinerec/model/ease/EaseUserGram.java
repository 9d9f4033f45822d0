package org.cinerec.model.ease;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.cinerec.math.Parallel;
import org.cinerec.math.SparseRows;
import org.cinerec.math.SpdInverse;
import org.cinerec.model.ModelReader;
import org.cinerec.store.ModelWriter;

/**
 * EASE's B held implicitly through the Woodbury identity, for data with fewer users m than items n:
 *
 * <pre>
 *   P = (XᵀX + λI_n)⁻¹ = (I_n − Xᵀ K X) / λ,     K = (XXᵀ + λI_m)⁻¹   (m × m)
 *   B_ij = −P_ij / P_jj,   P_jj = (1 − x_jᵀ K x_j) / λ                 (x_j = column j of X)
 *   score_uj = Σ_{i ∈ I_u} w_i B_ij = w_uj − (w_uj − y_j) / (λ P_jj),   y = Xᵀ K X w_uᵀ
 * </pre>
 *
 * The same B as {@link EaseItemGram} (up to rounding) at {@code m³} instead of {@code n³} flops and
 * {@code 8 m²} bytes: on ml-latest-small (610 users, ~9k items) that is 0.4 GFLOP instead of 700. A
 * user's scores cost {@code Σ_{i∈I_u} |U_i| + m·nnz(v) + nnz(X)}; B is never formed.
 */
final class EaseUserGram implements EaseScorer {
  private final double lambda;
  private final int m;
  private final double[] k;
  private final double[] diagP;
  private final SparseRows userItems;
  private final SparseRows itemUsers;
  /** Per thread, z = K x_i for {@link #rowBasis} once {@link #cache} is full. */
  private final ThreadLocal<double[]> basis;
  /**
   * z = K x_i per movie i, kept once computed: a row of B is asked once per recommended movie's reasons, the
   * same popular movies are recommended to most users, and z costs {@code |U_i| · m} adds (a movie rated by
   * 300 of 610 users: 183,000) against {@code |U_j|} per entry after it. Filled lazily up to {@link #CACHE_BYTES}
   * (all of ml-latest-small's 9,742 movies: 48 MB); a race computes the same bits twice and keeps one.
   */
  private final AtomicReferenceArray<double[]> cache;
  private final AtomicLong cacheBytes = new AtomicLong();
  static final long CACHE_BYTES = 128L << 20;

  private EaseUserGram(double lambda, double[] k, double[] diagP, SparseRows userItems, SparseRows itemUsers) {
    this.lambda = lambda;
    this.m = userItems.numRows();
    this.k = k;
    this.diagP = diagP;
    this.userItems = userItems;
    this.itemUsers = itemUsers;
    this.basis = ThreadLocal.withInitial(() -> new double[m]);
    this.cache = new AtomicReferenceArray<>(diagP.length);
  }

  /** X given both ways over active users and active items: rows = users and rows = items, sorted. */
  static EaseUserGram fit(SparseRows userItems, SparseRows itemUsers, double lambda) {
    int m = userItems.numRows();
    double[] k = SpdInverse.allocate(m);
    int[] itemCols = itemUsers.cols();
    Parallel.forEachChunk(m, Parallel.threads() * 4, (chunk, from, to) -> {
      for (int c = from; c < to; c++) {
        int base = c * m;
        for (int p = userItems.start(c); p < userItems.end(c); p++) {
          int i = userItems.cols()[p];
          for (int q = itemUsers.start(i); q < itemUsers.end(i); q++) {
            int r = itemCols[q];
            if (r >= c) {
              k[base + r] += 1;
            }
          }
        }
        k[base + c] += lambda;
      }
    });
    SpdInverse.invert(k, m);
    double[] kk = Arrays.copyOf(k, m * m);
    double[] diagP = new double[itemUsers.numRows()];
    Parallel.forEachChunk(diagP.length, Parallel.threads() * 4, (chunk, from, to) -> {
      for (int j = from; j < to; j++) {
        double q = 0;
        for (int a = itemUsers.start(j); a < itemUsers.end(j); a++) {
          int base = itemCols[a] * m;
          for (int b = itemUsers.start(j); b < itemUsers.end(j); b++) {
            q += kk[base + itemCols[b]];
          }
        }
        diagP[j] = (1 - q) / lambda;
      }
    });
    return new EaseUserGram(lambda, kk, diagP, userItems, itemUsers);
  }

  /** v = X w_uᵀ (weighted overlap of the user's items with every user's), then z = K v. */
  private double[] kTimesOverlap(int[] items, float[] weights, int from, int to) {
    double[] v = new double[m];
    for (int p = from; p < to; p++) {
      int i = items[p];
      double w = weights == null ? 1 : weights[p];
      for (int q = itemUsers.start(i); q < itemUsers.end(i); q++) {
        v[itemUsers.cols()[q]] += w;
      }
    }
    return kTimes(v);
  }

  private double[] kTimes(double[] v) {
    double[] z = new double[m];
    for (int c = 0; c < m; c++) {
      double vc = v[c];
      if (vc != 0) {
        int base = c * m;
        for (int r = 0; r < m; r++) {
          z[r] += k[base + r] * vc;
        }
      }
    }
    return z;
  }

  /** x_jᵀ z. */
  private double itemDot(int j, double[] z) {
    double y = 0;
    for (int q = itemUsers.start(j); q < itemUsers.end(j); q++) {
      y += z[itemUsers.cols()[q]];
    }
    return y;
  }

  @Override
  public void scoreUser(int[] items, float[] weights, int from, int to, double[] out) {
    double[] z = kTimesOverlap(items, weights, from, to);
    int n = diagP.length;
    for (int j = 0; j < n; j++) {
      out[j] = (0 - (0 - itemDot(j, z)) / (lambda * diagP[j]));
    }
    for (int p = from; p < to; p++) {
      int j = items[p];
      double w = weights == null ? 1 : weights[p];
      out[j] = w - (w - itemDot(j, z)) / (lambda * diagP[j]);
    }
  }

  @Override
  public double scoreOne(int[] items, float[] weights, int from, int to, int j) {
    int at = Arrays.binarySearch(items, from, to, j);
    double x = at < 0 ? 0 : weights == null ? 1 : weights[at];
    double[] z = kTimesOverlap(items, weights, from, to);
    return x - (x - itemDot(j, z)) / (lambda * diagP[j]);
  }

  @Override
  public void row(int i, double[] out) {
    double[] z = rowBasis(i);
    for (int j = 0; j < out.length; j++) {
      out[j] = j == i ? 0 : itemDot(j, z) / (lambda * diagP[j]);
    }
  }

  /**
   * As {@link #row(int, double[])} at {@code js} only: one K·x_i, then one sparse dot per entry, four entries
   * at a time (four independent sums, each in {@link #itemDot}'s order, so the same bits).
   */
  @Override
  public void row(int i, int[] js, double[] out) {
    double[] z = rowBasis(i);
    int[] cols = itemUsers.cols();
    int t = 0;
    for (; t + 3 < js.length; t += 4) {
      int j0 = Math.max(js[t], 0);
      int j1 = Math.max(js[t + 1], 0);
      int j2 = Math.max(js[t + 2], 0);
      int j3 = Math.max(js[t + 3], 0);
      int p0 = itemUsers.start(j0);
      int p1 = itemUsers.start(j1);
      int p2 = itemUsers.start(j2);
      int p3 = itemUsers.start(j3);
      int e0 = itemUsers.end(j0);
      int e1 = itemUsers.end(j1);
      int e2 = itemUsers.end(j2);
      int e3 = itemUsers.end(j3);
      int common = Math.min(Math.min(e0 - p0, e1 - p1), Math.min(e2 - p2, e3 - p3));
      double y0 = 0;
      double y1 = 0;
      double y2 = 0;
      double y3 = 0;
      for (int k = 0; k < common; k++) {
        y0 += z[cols[p0 + k]];
        y1 += z[cols[p1 + k]];
        y2 += z[cols[p2 + k]];
        y3 += z[cols[p3 + k]];
      }
      out[t] = entry(i, js[t], rest(y0, z, cols, p0 + common, e0));
      out[t + 1] = entry(i, js[t + 1], rest(y1, z, cols, p1 + common, e1));
      out[t + 2] = entry(i, js[t + 2], rest(y2, z, cols, p2 + common, e2));
      out[t + 3] = entry(i, js[t + 3], rest(y3, z, cols, p3 + common, e3));
    }
    for (; t < js.length; t++) {
      int j = js[t];
      out[t] = j < 0 || j == i ? 0 : itemDot(j, z) / (lambda * diagP[j]);
    }
  }

  /** {@code y} plus {@code z} at the users {@code cols[from..to)}, in order. */
  private static double rest(double y, double[] z, int[] cols, int from, int to) {
    for (int q = from; q < to; q++) {
      y += z[cols[q]];
    }
    return y;
  }

  /** B_ij from y = x_jᵀ z: 0 for an inactive item (-1) and on the diagonal. */
  private double entry(int i, int j, double y) {
    return j < 0 || j == i ? 0 : y / (lambda * diagP[j]);
  }

  /**
   * z = K x_i (x_i: column i of X, the users who rated item i): {@link #cache}d, or computed into this thread's
   * scratch array once the cache is full. Read only, never written by the caller.
   */
  private double[] rowBasis(int i) {
    double[] z = cache.get(i);
    if (z != null) {
      return z;
    }
    long bytes = 8L * m + 16;
    if (cacheBytes.get() + bytes > CACHE_BYTES) {
      return kColumnsSum(i, basis.get());
    }
    z = kColumnsSum(i, new double[m]);
    if (cache.compareAndSet(i, null, z)) {
      cacheBytes.addAndGet(bytes);
      return z;
    }
    return cache.get(i);
  }

  /**
   * z = K x_i into {@code z}: the columns of K of the users who rated item i added in ascending order, as
   * {@link #kTimes} adds them, so the same bits.
   */
  private double[] kColumnsSum(int i, double[] z) {
    Arrays.fill(z, 0);
    int[] cols = itemUsers.cols();
    int q = itemUsers.start(i);
    int end = itemUsers.end(i);
    // four columns of K per pass over z (z read and written once for four): each z[r] still takes them one
    // by one in ascending order, so the same bits (k · 1.0 is k exactly)
    for (; q + 3 < end; q += 4) {
      int b0 = cols[q] * m;
      int b1 = cols[q + 1] * m;
      int b2 = cols[q + 2] * m;
      int b3 = cols[q + 3] * m;
      for (int r = 0; r < m; r++) {
        z[r] = z[r] + k[b0 + r] + k[b1 + r] + k[b2 + r] + k[b3 + r];
      }
    }
    for (; q < end; q++) {
      int base = cols[q] * m;
      for (int r = 0; r < m; r++) {
        z[r] += k[base + r]; // v_c = 1, as kTimes multiplies it (k · 1.0 is k)
      }
    }
    return z;
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putDouble("ease.lambda", lambda);
    out.putDoubles("ease.k", k, m, m);
    out.putDoubles("ease.diag_p", diagP);
    out.putInts("ease.x.offsets", userItems.offsets());
    out.putInts("ease.x.items", userItems.cols());
  }

  static EaseUserGram read(ModelReader in, int activeItems) {
    int[] offsets = in.ints("ease.x.offsets");
    int[] cols = in.ints("ease.x.items");
    SparseRows userItems = new SparseRows(offsets, cols, new float[cols.length]);
    return new EaseUserGram(in.getDouble("ease.lambda"), in.doubles("ease.k"), in.doubles("ease.diag_p"),
        userItems, transpose(userItems, activeItems));
  }

  /** Rows by item of a by-user X (sorted columns). */
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
