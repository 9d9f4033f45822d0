package org.cinerec.math;

/**
 * A fixed number of conjugate-gradient steps for a symmetric positive-definite system {@code A x = b},
 * warm-started from the given {@code x} (Takács, Pilászy, Tikk 2011, "Applications of the conjugate
 * gradient method for implicit feedback collaborative filtering", RecSys, doi:10.1145/2043932.2043987:
 * two or three steps from the previous solution suffice in ALS). {@code A} is given as an operator so the
 * caller never forms it. Vectors are double; the caller owns all scratch space (no allocation).
 */
public final class ConjugateGradient {
  private ConjugateGradient() {}

  /** {@code out = A v}. */
  @FunctionalInterface
  public interface Operator {
    void apply(double[] v, double[] out);
  }

  /** Scratch vectors of length n for one thread. */
  public static final class Work {
    final double[] r;
    final double[] p;
    final double[] ap;

    public Work(int n) {
      r = new double[n];
      p = new double[n];
      ap = new double[n];
    }
  }

  /**
   * Runs at most {@code steps} CG steps on {@code A x = b} starting from {@code x} (updated in place);
   * stops early when the residual's squared norm falls below {@code tol}. Returns the steps taken.
   */
  public static int solve(Operator a, double[] b, double[] x, int n, int steps, double tol, Work w) {
    double[] r = w.r;
    double[] p = w.p;
    double[] ap = w.ap;
    a.apply(x, ap);
    double rs = 0;
    for (int i = 0; i < n; i++) {
      r[i] = b[i] - ap[i];
      p[i] = r[i];
      rs += r[i] * r[i];
    }
    int k = 0;
    while (k < steps && rs > tol) {
      a.apply(p, ap);
      double pAp = 0;
      for (int i = 0; i < n; i++) {
        pAp += p[i] * ap[i];
      }
      if (!(pAp > 0)) {
        break; // not positive definite along p (cannot happen for A = YᵀCY + λI, λ > 0)
      }
      double alpha = rs / pAp;
      double rsNew = 0;
      for (int i = 0; i < n; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
        rsNew += r[i] * r[i];
      }
      double beta = rsNew / rs;
      for (int i = 0; i < n; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rs = rsNew;
      k++;
    }
    return k;
  }

  /** {@code out_r = A_r v_r} for every row r of row-major {@code rows × n} matrices. */
  @FunctionalInterface
  public interface RowsOperator {
    void apply(float[] v, float[] out);
  }

  /**
   * Batched CG: {@code steps} conjugate-gradient steps on every row's system {@code A_r x_r = b_r} at once,
   * warm-started from {@code x} (row-major {@code rows × n}, updated in place). The operator applies all
   * rows' matrices in one call, so a shared part of them can be one matrix product (e.g. {@code V·YᵀY}
   * through {@link Gemm}); the per-row bookkeeping runs on {@link Parallel} over {@code chunks} fixed row
   * ranges (each row sequential, so the result does not depend on the number of threads). Rows whose
   * residual is below {@code tol} stop moving. Float arithmetic.
   */
  public static void solveRows(RowsOperator a, float[] b, float[] x, int rows, int n, int steps, double tol,
      int chunks) {
    int len = rows * n;
    float[] r = new float[len];
    float[] p = new float[len];
    float[] ap = new float[len];
    double[] rs = new double[rows];
    a.apply(x, ap);
    Parallel.forEachChunk(rows, chunks, (c, from, to) -> {
      for (int row = from; row < to; row++) {
        double s = 0;
        for (int f = row * n; f < (row + 1) * n; f++) {
          r[f] = b[f] - ap[f];
          p[f] = r[f];
          s += (double) r[f] * r[f];
        }
        rs[row] = s;
      }
    });
    for (int step = 0; step < steps; step++) {
      a.apply(p, ap);
      Parallel.forEachChunk(rows, chunks, (c, from, to) -> {
        for (int row = from; row < to; row++) {
          int o = row * n;
          if (!(rs[row] > tol)) {
            java.util.Arrays.fill(p, o, o + n, 0f);
            continue;
          }
          double pap = 0;
          for (int f = o; f < o + n; f++) {
            pap += (double) p[f] * ap[f];
          }
          if (!(pap > 0)) {
            rs[row] = 0;
            java.util.Arrays.fill(p, o, o + n, 0f);
            continue;
          }
          float alpha = (float) (rs[row] / pap);
          double s = 0;
          for (int f = o; f < o + n; f++) {
            x[f] += alpha * p[f];
            r[f] -= alpha * ap[f];
            s += (double) r[f] * r[f];
          }
          float beta = (float) (s / rs[row]);
          for (int f = o; f < o + n; f++) {
            p[f] = r[f] + beta * p[f];
          }
          rs[row] = s;
        }
      });
    }
  }
}
