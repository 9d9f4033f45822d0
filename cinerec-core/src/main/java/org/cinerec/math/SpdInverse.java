package org.cinerec.math;

import dev.ludovic.netlib.blas.BLAS;

/**
 * In-place inverse of a dense symmetric positive definite matrix, as LAPACK's {@code dpotrf} +
 * {@code dpotri}: the blocked Cholesky factor {@code A = L Lᵀ}, the blocked triangular inverse
 * {@code M = L⁻¹}, then {@code A⁻¹ = Mᵀ M} (LAPACK {@code dlauum}). Each step does its O(n³) work in BLAS
 * level-3 calls ({@code dtrsm}, {@code dsyrk}, {@code dtrmm}, {@code dgemm}) through the BLAS that
 * {@link Blas} chose (the bundled OpenBLAS by default; netlib's Java BLAS when none loads); only the
 * {@code nb × nb} diagonal blocks run in plain Java. About {@code n³} flops in all.
 *
 * <p>Layout: {@code a[r + c·n]} (column-major; for a symmetric matrix the same as row-major), in an
 * array from {@link #allocate} (or exactly {@code n²} long, at the cost of one copy). Only the
 * lower triangle is read; on return the whole matrix holds the (symmetric) inverse. Memory: none beyond
 * {@code a} when it comes from {@link #allocate}. Deterministic for a fixed BLAS and thread count.
 */
public final class SpdInverse {
  /** Block size of the blocked algorithms. */
  public static final int BLOCK = 128;

  private SpdInverse() {}

  /**
   * A zeroed {@code n × n} matrix with the {@code n} trailing spare elements that netlib's argument checks
   * want for the last sub-matrix (they check {@code offset + columns·ld}, a full column height past the
   * end); {@link #invert} works in place on such an array and copies an exact {@code n²} array once.
   */
  public static double[] allocate(int n) {
    return new double[Math.addExact(Math.multiplyExact(n, n), n)];
  }

  /** Replaces {@code a} ({@code n × n}, SPD) by its inverse; throws if it is not positive definite. */
  public static void invert(double[] a, int n) {
    invert(a, n, BLOCK);
  }

  /** As {@link #invert(double[], int)} with a given block size (tests use small blocks). */
  public static void invert(double[] a, int n, int nb) {
    if (a.length != (long) n * n && a.length != (long) n * n + n) {
      throw new IllegalArgumentException("matrix length " + a.length + " is neither " + n + "² nor " + n + "² + " + n);
    }
    if (nb < 1) {
      throw new IllegalArgumentException("block size must be >= 1, got " + nb);
    }
    if (a.length == n * n && n > 0) {
      double[] padded = allocate(n);
      System.arraycopy(a, 0, padded, 0, a.length);
      invert(padded, n, nb);
      System.arraycopy(padded, 0, a, 0, a.length);
      return;
    }
    BLAS blas = Blas.doubles();
    factorLower(blas, a, n, nb);
    invertLower(blas, a, n, nb);
    lowerTransposeTimesLower(blas, a, n, nb);
    for (int c = 0; c < n; c++) {
      for (int r = c + 1; r < n; r++) {
        a[c + r * n] = a[r + c * n];
      }
    }
  }

  /** Blocked right-looking Cholesky: lower triangle of {@code a} becomes L. */
  static void factorLower(BLAS blas, double[] a, int n, int nb) {
    for (int j = 0; j < n; j += nb) {
      int jb = Math.min(nb, n - j);
      factorBlock(a, n, j, jb);
      int rest = n - j - jb;
      if (rest > 0) {
        blas.dtrsm("R", "L", "T", "N", rest, jb, 1.0, a, j + j * n, n, a, (j + jb) + j * n, n);
        blas.dsyrk("L", "N", rest, jb, -1.0, a, (j + jb) + j * n, n, 1.0, a, (j + jb) + (j + jb) * n, n);
      }
    }
  }

  /** Unblocked Cholesky of the diagonal block at (j, j) of size jb. */
  private static void factorBlock(double[] a, int n, int j, int jb) {
    for (int c = j; c < j + jb; c++) {
      double d = a[c + c * n];
      for (int k = j; k < c; k++) {
        d -= a[c + k * n] * a[c + k * n];
      }
      if (!(d > 0)) {
        throw new ArithmeticException("matrix is not positive definite (pivot " + d + " at " + c + ")");
      }
      d = Math.sqrt(d);
      a[c + c * n] = d;
      for (int r = c + 1; r < j + jb; r++) {
        double s = a[r + c * n];
        for (int k = j; k < c; k++) {
          s -= a[r + k * n] * a[c + k * n];
        }
        a[r + c * n] = s / d;
      }
    }
  }

  /** Blocked inverse of the lower-triangular L in place (LAPACK dtrtri, lower, non-unit). */
  static void invertLower(BLAS blas, double[] a, int n, int nb) {
    int last = ((n - 1) / nb) * nb;
    for (int j = last; j >= 0; j -= nb) {
      int jb = Math.min(nb, n - j);
      int rest = n - j - jb;
      if (rest > 0) {
        blas.dtrmm("L", "L", "N", "N", rest, jb, 1.0, a, (j + jb) + (j + jb) * n, n, a, (j + jb) + j * n, n);
        blas.dtrsm("R", "L", "N", "N", rest, jb, -1.0, a, j + j * n, n, a, (j + jb) + j * n, n);
      }
      invertLowerBlock(a, n, j, jb);
    }
  }

  /** Unblocked inverse of the lower-triangular diagonal block (LAPACK dtrti2). */
  private static void invertLowerBlock(double[] a, int n, int j, int jb) {
    for (int c = j + jb - 1; c >= j; c--) {
      a[c + c * n] = 1.0 / a[c + c * n];
      double ajj = -a[c + c * n];
      // x = a[c+1 .. j+jb, c] := ajj · T x with T the already inverted block below-right of c
      for (int r = j + jb - 1; r > c; r--) {
        double s = 0;
        for (int k = c + 1; k <= r; k++) {
          s += a[r + k * n] * a[k + c * n];
        }
        a[r + c * n] = ajj * s;
      }
    }
  }

  /** Lower triangle of {@code a} (holding lower-triangular M) becomes the lower triangle of Mᵀ M (dlauum). */
  static void lowerTransposeTimesLower(BLAS blas, double[] a, int n, int nb) {
    for (int i = 0; i < n; i += nb) {
      int ib = Math.min(nb, n - i);
      int rest = n - i - ib;
      if (i > 0) {
        blas.dtrmm("L", "L", "T", "N", ib, i, 1.0, a, i + i * n, n, a, i, n);
      }
      lauuBlock(a, n, i, ib);
      if (rest > 0) {
        if (i > 0) {
          blas.dgemm("T", "N", ib, i, rest, 1.0, a, (i + ib) + i * n, n, a, i + ib, n, 1.0, a, i, n);
        }
        blas.dsyrk("L", "T", ib, rest, 1.0, a, (i + ib) + i * n, n, 1.0, a, i + i * n, n);
      }
    }
  }

  /** Unblocked Lᵀ L of the diagonal block at (i, i) of size ib (dlauu2, lower, within the block). */
  private static void lauuBlock(double[] a, int n, int i, int ib) {
    int end = i + ib;
    for (int c = i; c < end; c++) {
      double acc = a[c + c * n];
      // row c, columns i..c-1: acc · a[c, k] + Σ_{r > c} a[r, k] a[r, c]
      for (int k = i; k < c; k++) {
        double s = acc * a[c + k * n];
        for (int r = c + 1; r < end; r++) {
          s += a[r + k * n] * a[r + c * n];
        }
        a[c + k * n] = s;
      }
      double d = 0;
      for (int r = c; r < end; r++) {
        d += a[r + c * n] * a[r + c * n];
      }
      a[c + c * n] = d;
    }
  }
}
