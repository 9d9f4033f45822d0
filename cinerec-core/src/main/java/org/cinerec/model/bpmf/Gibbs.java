package org.cinerec.model.bpmf;

import org.cinerec.math.Cholesky;
import org.cinerec.math.Dense;
import org.cinerec.math.Rng;

/**
 * The conditional draws of BPMF's Gibbs sampler (Salakhutdinov and Mnih 2008, §3.2), over row-major float
 * factor matrices with {@code d} values a row, in double arithmetic.
 *
 * <ul>
 *   <li>{@link #hyper}: the Normal-Wishart conditional of one side's mean μ and precision Λ given its rows
 *       (prior μ₀ = 0, β₀, ν₀ = d, W₀ = I): with N rows, mean x̄ and scatter {@code N S̄ = Σ (x − x̄)(x − x̄)ᵀ},
 *       {@code W*⁻¹ = I + N S̄ + β₀N/(β₀+N) x̄x̄ᵀ}, {@code ν* = ν₀ + N}, {@code β* = β₀ + N},
 *       {@code μ* = N x̄ / (β₀ + N)}; then {@code Λ ~ Wishart(W*, ν*)} and {@code μ ~ N(μ*, (β*Λ)⁻¹)}.
 *   <li>{@link #row}: one row's Gaussian conditional given the other side and the hyperparameters:
 *       precision {@code Λ* = Λ + α Σ f fᵀ}, mean {@code Λ*⁻¹ (Λμ + α Σ f t)} over the row's ratings
 *       (f = the other side's features, t = the targets); with {@code L Lᵀ = Λ*} the draw is
 *       {@code L⁻ᵀ (L⁻¹ b + z)}, z standard normal, and the conditional mean when no generator is given.
 * </ul>
 *
 * <p>The Wishart draw is Bartlett's: with {@code C Cᵀ = W*⁻¹} and A lower triangular ({@code A_jj² ~ χ²(ν*
 * − j)}, 0-based j; {@code A_jl ~ N(0, 1)} below the diagonal), {@code Λ = B Bᵀ} for {@code B = C⁻ᵀ A}, so
 * W* itself is never inverted.
 */
final class Gibbs {
  private Gibbs() {}

  /** The hyperparameters of one side: mean (length d) and precision (row-major d × d, both triangles). */
  record Hyper(double[] mean, double[] precision) {
    /** The prior's start: μ = 0, Λ = I. */
    static Hyper standard(int d) {
      double[] p = new double[d * d];
      Dense.addDiagonal(p, d, 1.0);
      return new Hyper(new double[d], p);
    }
  }

  /**
   * The seed of the generator of every draw for one row of one side in one sweep (row -1: the side's
   * hyperparameters): a function of these four numbers only, so a draw never depends on which thread
   * makes it or in which order (murmur3's 64-bit finaliser between the parts).
   */
  static long stream(long seed, int sweep, int side, int row) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ (sweep * 0xC2B2AE3D27D4EB4FL));
    h = mix(h ^ ((side + 1) * 0x165667B19E3779F9L));
    return mix(h ^ ((row + 2L) * 0xD6E8FEB86659FD93L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /**
   * Draws one side's hyperparameters given the rows {@code x} whose {@code counts} are above 0 (rows without
   * ratings carry no information and are left out). Summed in row order: the same for any thread count.
   */
  static Hyper hyper(float[] x, int[] counts, int d, double beta0, Rng rng) {
    double[] mean = new double[d];
    int n = 0;
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] > 0) {
        n++;
        for (int j = 0; j < d; j++) {
          mean[j] += x[r * d + j];
        }
      }
    }
    double[] winv = new double[d * d];
    Dense.addDiagonal(winv, d, 1.0); // W₀⁻¹ = I
    if (n > 0) {
      for (int j = 0; j < d; j++) {
        mean[j] /= n;
      }
      float[] centred = new float[d];
      for (int r = 0; r < counts.length; r++) {
        if (counts[r] > 0) {
          for (int j = 0; j < d; j++) {
            centred[j] = (float) (x[r * d + j] - mean[j]);
          }
          Dense.addOuterLower(winv, d, centred, 0, 1.0);
        }
      }
      double w = beta0 * n / (beta0 + n);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          winv[i * d + j] += w * mean[i] * mean[j];
        }
      }
    }
    double nu = d + n;
    Cholesky.factor(winv, d); // C, with C Cᵀ = W*⁻¹
    // B = C⁻ᵀ A, column by column (A lower triangular, Bartlett)
    double[] b = new double[d * d];
    double[] col = new double[d];
    double[] bartlett = new double[d * d];
    for (int i = 0; i < d; i++) {
      bartlett[i * d + i] = Math.sqrt(2 * gamma(rng, (nu - i) / 2));
      for (int j = 0; j < i; j++) {
        bartlett[i * d + j] = rng.nextGaussian();
      }
    }
    for (int c = 0; c < d; c++) {
      for (int i = 0; i < d; i++) {
        col[i] = bartlett[i * d + c];
      }
      Cholesky.backward(winv, col, d);
      for (int i = 0; i < d; i++) {
        b[i * d + c] = col[i];
      }
    }
    double[] lambda = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += b[i * d + c] * b[j * d + c];
        }
        lambda[i * d + j] = s;
        lambda[j * d + i] = s;
      }
    }
    // μ ~ N(μ*, (β* Λ)⁻¹)
    double betaStar = beta0 + n;
    double[] a = new double[d * d];
    for (int i = 0; i < d * d; i++) {
      a[i] = betaStar * lambda[i];
    }
    Cholesky.factor(a, d);
    double[] z = new double[d];
    for (int j = 0; j < d; j++) {
      z[j] = rng.nextGaussian();
    }
    Cholesky.backward(a, z, d);
    double[] mu = new double[d];
    for (int j = 0; j < d; j++) {
      mu[j] = n * mean[j] / betaStar + z[j];
    }
    return new Hyper(mu, lambda);
  }

  /**
   * Starts a row's system: {@code a = Λ} (lower triangle), {@code b = Λμ}. The caller adds its ratings with
   * {@link Dense#addOuterLower} (weight α) and {@link Dense#addScaled} (weight α t), then calls {@link #finish}.
   */
  static void start(Hyper h, int d, double[] a, double[] b) {
    System.arraycopy(h.precision(), 0, a, 0, d * d);
    Dense.symMatVec(h.precision(), d, h.mean(), b);
  }

  /**
   * Finishes a row: factors {@code a} (it becomes L) and turns {@code b} into a draw from the conditional
   * (or, with a null generator, its mean).
   */
  static void finish(double[] a, double[] b, int d, Rng rng) {
    Cholesky.factor(a, d);
    Cholesky.forward(a, b, d);
    if (rng != null) {
      for (int j = 0; j < d; j++) {
        b[j] += rng.nextGaussian();
      }
    }
    Cholesky.backward(a, b, d);
  }

  /**
   * A Gamma(shape, 1) draw by Marsaglia and Tsang's method ("A Simple Method for Generating Gamma
   * Variables", ACM TOMS 2000, doi:10.1145/358407.358414); shapes below 1 by the boost {@code G(a+1) U^(1/a)}.
   */
  static double gamma(Rng rng, double shape) {
    if (shape < 1) {
      return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
