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
}
