package org.cinerec.math;

/**
 * Solves small dense symmetric positive-definite systems {@code A x = b} by Cholesky factorisation
 * {@code A = L Lᵀ} (the normal equations of ALS, rank ~10-200). Row-major {@code n × n} doubles; only the
 * lower triangle of {@code a} is read, and it is overwritten with {@code L}. Allocation-free, so callers
 * reuse one scratch matrix per thread.
 *
 * <p>Worked example: {@code A = [[4, 2], [2, 3]]}, {@code b = [2, 1]} gives {@code L = [[2, 0], [1, √2]]}
 * and {@code x = [0.5, 0]}.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Solves {@code A x = b} in place: {@code a} (row-major n×n, lower triangle used) becomes its Cholesky
   * factor and {@code b} becomes {@code x}.
   *
   * @throws IllegalArgumentException when {@code A} is not positive definite (a pivot ≤ 0), naming the pivot
   */
  public static void solve(double[] a, double[] b, int n) {
    if (a.length < n * n || b.length < n) {
      throw new IllegalArgumentException("arrays too short for n = " + n + ": a " + a.length + ", b " + b.length);
    }
    factor(a, n);
    forward(a, b, n);
    backward(a, b, n);
  }

  /** Solves {@code L y = b} in place ({@code b} becomes y) for the factor {@link #factor} left in {@code a}. */
  public static void forward(double[] a, double[] b, int n) {
    for (int i = 0; i < n; i++) {
      double s = b[i];
      int row = i * n;
      for (int j = 0; j < i; j++) {
        s -= a[row + j] * b[j];
      }
      b[i] = s / a[row + i];
    }
  }

  /**
   * Solves {@code Lᵀ x = y} in place ({@code b} holds y and becomes x) for the factor {@link #factor} left in
   * {@code a}. With y = z standard normal draws, x = L⁻ᵀ z is a draw from N(0, (L Lᵀ)⁻¹): how Gibbs samplers
   * draw from a Gaussian given its precision matrix.
   */
  public static void backward(double[] a, double[] b, int n) {
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= a[j * n + i] * b[j];
      }
      b[i] = s / a[i * n + i];
    }
  }

  /**
   * Overwrites the lower triangle of {@code a} with {@code L} (upper triangle left as is).
   *
   * @throws IllegalArgumentException when {@code A} is not positive definite (a pivot ≤ 0), naming the pivot
   */
  public static void factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = 0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (!(d > 0)) {
        throw new IllegalArgumentException("matrix is not positive definite: pivot " + j + " is " + d);
      }
      double l = Math.sqrt(d);
      a[rj + j] = l;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / l;
      }
    }
  }
}
