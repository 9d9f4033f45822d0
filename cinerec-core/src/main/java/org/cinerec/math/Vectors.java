package org.cinerec.math;

/**
 * Small dense vector kernels over float arrays with offsets, so that rows of a row-major matrix
 * ({@code m[row * dim + j]}) are used in place. Four accumulators let the JIT vectorise and pipeline
 * the loops; results are deterministic (fixed summation order).
 */
public final class Vectors {
  private static final boolean VECTOR_MATVEC = Simd.enabled();

  private Vectors() {}

  /** Dot product of {@code a[ao..ao+n)} and {@code b[bo..bo+n)}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Dot products of one vector with many rows of a row-major matrix: {@code out[t] = dot(a, ao, m,
   * rows[t] * dim, dim)} for {@code t < n}, bit for bit (on the Vector API, four rows at a time:
   * {@link VectorDots}). For comparing one movie with the movies a user rated.
   */
  public static void dotRows(float[] a, int ao, float[] m, int[] rows, int n, int dim, float[] out) {
    if (n > rows.length || n > out.length) {
      throw new IllegalArgumentException("n = " + n + " exceeds the rows (" + rows.length + ") or the output ("
          + out.length + ")");
    }
    if (VECTOR_MATVEC && dim >= 4) {
      VectorDots.dotRows(a, ao, m, rows, n, dim, out);
      return;
    }
    for (int t = 0; t < n; t++) {
      out[t] = dot(a, ao, m, rows[t] * dim, dim);
    }
  }

  /** Dot product of two whole arrays of equal length. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector lengths differ: " + a.length + " != " + b.length);
    }
    return dot(a, 0, b, 0, a.length);
  }

  /** {@code y[yo..yo+n) += alpha * x[xo..xo+n)}. */
  public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  /** {@code x[xo..xo+n) *= alpha}. */
  public static void scale(float alpha, float[] x, int xo, int n) {
    for (int i = 0; i < n; i++) {
      x[xo + i] *= alpha;
    }
  }

  /** Euclidean norm of {@code x[xo..xo+n)}, accumulated in double. */
  public static double norm(float[] x, int xo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) x[xo + i] * x[xo + i];
    }
    return Math.sqrt(s);
  }

  /**
   * Scores of every row of a row-major {@code rows × dim} matrix against a query vector:
   * {@code out[r] = dot(m[r*dim ..], q[qo ..])}. With the Vector API ({@link Simd#enabled}) and rows of
   * at least one vector's length, {@link VectorMatVec} (deterministic, equal to {@link #dot} up to the
   * last bits).
   */
  public static void matVec(float[] m, int rows, int dim, float[] q, int qo, float[] out) {
    if (VECTOR_MATVEC && VectorMatVec.worth(dim)) { // scoring every movie for a request: the serving hot path
      VectorMatVec.matVec(m, rows, dim, q, qo, out);
      return;
    }
    for (int r = 0; r < rows; r++) {
      out[r] = dot(m, r * dim, q, qo, dim);
    }
  }

  /** Cosine similarity of two rows; 0 when either is all zero. */
  public static float cosine(float[] a, int ao, float[] b, int bo, int n) {
    double na = norm(a, ao, n);
    double nb = norm(b, bo, n);
    if (na == 0 || nb == 0) {
      return 0f;
    }
    return (float) (dot(a, ao, b, bo, n) / (na * nb));
  }
}
