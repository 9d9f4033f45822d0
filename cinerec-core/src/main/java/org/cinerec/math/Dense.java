package org.cinerec.math;

/**
 * Small dense matrix kernels for the normal equations of alternating least squares: Gram matrices of
 * factor rows and rank-one updates, accumulated in double over float factors. Matrices are row-major
 * {@code n × n} double arrays; only the lower triangle is maintained where noted (what {@link Cholesky}
 * reads).
 */
public final class Dense {
  private Dense() {}

  /** {@code a[0..n*n) = 0}. */
  public static void zero(double[] a, int n) {
    java.util.Arrays.fill(a, 0, n * n, 0.0);
  }

  /**
   * Lower-triangle rank-one update {@code A += w · x xᵀ} for {@code x = v[vo..vo+n)}.
   */
  public static void addOuterLower(double[] a, int n, float[] v, int vo, double w) {
    for (int i = 0; i < n; i++) {
      double wi = w * v[vo + i];
      int row = i * n;
      for (int j = 0; j <= i; j++) {
        a[row + j] += wi * v[vo + j];
      }
    }
  }

  /** {@code b[0..n) += w · v[vo..vo+n)}. */
  public static void addScaled(double[] b, float[] v, int vo, int n, double w) {
    for (int i = 0; i < n; i++) {
      b[i] += w * v[vo + i];
    }
  }

  /** {@code A[i][i] += d} for every i. */
  public static void addDiagonal(double[] a, int n, double d) {
    for (int i = 0; i < n; i++) {
      a[i * n + i] += d;
    }
  }

  /** Copies the lower triangle onto the upper one, making {@code a} fully symmetric. */
  public static void symmetrize(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        a[j * n + i] = a[i * n + j];
      }
    }
  }

  /**
   * Gram matrix {@code G = Mᵀ M} (full, symmetric) of rows {@code from..to} of a row-major
   * {@code rows × n} float matrix, added into {@code g}.
   */
  public static void addGram(double[] g, float[] m, int n, int from, int to) {
    for (int r = from; r < to; r++) {
      addOuterLower(g, n, m, r * n, 1.0);
    }
  }

  /** {@code out = A v} for a full symmetric row-major {@code n × n} double matrix and a float vector. */
  public static void symMatVec(double[] a, int n, float[] v, int vo, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      int row = i * n;
      for (int j = 0; j < n; j++) {
        s += a[row + j] * v[vo + j];
      }
      out[i] = s;
    }
  }

  /** {@code out = A v} for a full symmetric row-major {@code n × n} double matrix and a double vector. */
  public static void symMatVec(double[] a, int n, double[] v, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      int row = i * n;
      for (int j = 0; j < n; j++) {
        s += a[row + j] * v[j];
      }
      out[i] = s;
    }
  }
}
