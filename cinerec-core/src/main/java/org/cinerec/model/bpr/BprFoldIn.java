package org.cinerec.model.bpr;

import java.util.Arrays;
import org.cinerec.math.Rng;

/**
 * Fold-in of one user into a trained {@link BprModel}: her vector p from her rated movies H, with every item
 * vector q and bias b fixed, by gradient ascent on BPR-Opt restricted to her:
 *
 * <pre>
 *   J(p) = (1 / (|H|·m)) Σ_{i ∈ H} Σ_{j ∈ N} ln σ(b_i − b_j + p·(q_i − q_j)) − (λ/2) ‖p‖²
 * </pre>
 *
 * N is a sample of m negatives (movies not in H, drawn uniformly with replacement from the whole
 * catalogue as the uniform schedule does), every positive paired with every negative, λ = the model's
 * {@code reg}. The regulariser is per triple as in training's update ({@code p ← p + α(g d − λ p)} each
 * step), so a stationary point of J is where training's expected user update is zero.
 *
 * <p>The steps: p₀ = 0, then {@value #STEPS} steps {@code p ← p + η ∇J(p)} with η = 1/L, L = ¼ λ_max(C) + λ
 * a bound on the curvature of J (σ' ≤ ¼; C = the mean of (q_i − q_j)(q_i − q_j)ᵀ over the pairs, its largest
 * eigenvalue by {@value #POWER_STEPS} power steps from a fixed start), so J rises at every step. A fixed
 * number of steps from zero rather than the optimum: λ is small (0.005), so for a short history the optimum
 * can lie far out along the directions that separate her few positives from the sample (training, too,
 * stops after its epochs); measured on ml-latest-small, 20 steps rank held-out movies about as well as
 * retraining with the same ratings (see BprFoldInTest).
 *
 * <p>Deterministic and dependent only on the history: the negatives come from a generator seeded by the
 * model's seed and the history's (sorted) items; sums run in double in a fixed order, exponentials by
 * {@link StrictMath}. m = ⌈{@value #PAIRS} / |H|⌉ clamped to [{@value #MIN_NEGATIVES}, {@value #MAX_NEGATIVES}],
 * so a step costs {@code (|H| + m)·2f} multiply-adds and {@code |H|·m} divisions (one exponential per row).
 * Approximations: the sampled negatives (training sees every movie, in expectation), the fixed number of
 * steps, and, for models trained with the blocked schedule, negatives from the whole catalogue instead of the
 * positive's item group.
 */
final class BprFoldIn {
  /** Gradient steps. */
  static final int STEPS = 20;
  /** Power-iteration steps estimating the curvature bound. */
  static final int POWER_STEPS = 20;
  /** Target number of (positive, negative) pairs. */
  static final int PAIRS = 8192;
  static final int MIN_NEGATIVES = 64;
  static final int MAX_NEGATIVES = 512;
  /** Exponents are clamped to ±this (σ is saturated far earlier), so e^s neither overflows nor underflows. */
  private static final double MAX_EXPONENT = 300;

  private final int f;
  private final float[] itemVec;
  private final float[] itemBias;
  private final double reg;
  /** Positives first ({@code h} of them), then the sampled negatives. */
  private final int[] rows;
  private final int h;
  private final int m;
  private final double norm;

  /**
   * The fold-in problem of the positives {@code pos} (sorted, distinct, fewer than the items) against
   * {@code f}-long item vectors and biases, regularisation {@code reg}, negatives drawn with {@code seed}
   * mixed with the positives.
   */
  BprFoldIn(int f, float[] itemVec, float[] itemBias, int[] pos, double reg, long seed) {
    int numItems = itemBias.length;
    if (pos.length == 0 || pos.length >= numItems) {
      throw new IllegalArgumentException("bpr fold-in needs between 1 and " + (numItems - 1) + " rated movies, got "
          + pos.length);
    }
    this.f = f;
    this.itemVec = itemVec;
    this.itemBias = itemBias;
    this.reg = reg;
    this.h = pos.length;
    this.m = Math.max(MIN_NEGATIVES, Math.min(MAX_NEGATIVES, (PAIRS + h - 1) / h));
    this.norm = 1.0 / ((double) h * m);
    this.rows = Arrays.copyOf(pos, h + m);
    Rng rng = new Rng(seed ^ (0x9E3779B97F4A7C15L * Arrays.hashCode(pos)));
    for (int k = h; k < rows.length; k++) {
      int j;
      do {
        j = rng.nextInt(numItems);
      } while (Arrays.binarySearch(pos, j) >= 0);
      rows[k] = j;
    }
  }

  /** The folded-in vector: {@link #STEPS} ascent steps from zero (see the class comment). */
  float[] solve() {
    double[] p = ascend(STEPS);
    float[] out = new float[f];
    for (int a = 0; a < f; a++) {
      out[a] = (float) p[a];
    }
    return out;
  }

  /** p after this many ascent steps from zero. */
  double[] ascend(int steps) {
    double eta = 1 / (0.25 * largestEigenvalue() + reg);
    double[] p = new double[f];
    double[] grad = new double[f];
    for (int step = 0; step < steps; step++) {
      gradient(p, grad);
      for (int a = 0; a < f; a++) {
        p[a] += eta * grad[a];
      }
    }
    return p;
  }

  /** Number of sampled negatives. */
  int negatives() {
    return m;
  }

  /** J(p). */
  double objective(double[] p) {
    double[] s = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      s[k] = itemBias[rows[k]] + dot(rows[k], p);
    }
    double sum = 0;
    for (int a = 0; a < h; a++) {
      for (int b = h; b < rows.length; b++) {
        double x = s[a] - s[b];
        sum += x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)); // ln σ(x)
      }
    }
    double sq = 0;
    for (double x : p) {
      sq += x * x;
    }
    return sum * norm - 0.5 * reg * sq;
  }

  /** ∇J(p) into {@code out}. */
  void gradient(double[] p, double[] out) {
    int n = rows.length;
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      double s = itemBias[rows[k]] + dot(rows[k], p);
      e[k] = StrictMath.exp(Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, s)));
    }
    double[] coef = new double[n];
    for (int a = 0; a < h; a++) {
      double ea = e[a];
      double ca = 0;
      for (int b = h; b < n; b++) {
        double g = e[b] / (e[b] + ea); // σ(s_b − s_a) = σ(−x_ab) = ∂ ln σ(x_ab) / ∂x_ab
        ca += g;
        coef[b] -= g;
      }
      coef[a] = ca;
    }
    combine(coef, out);
    for (int a = 0; a < f; a++) {
      out[a] -= reg * p[a];
    }
  }

  /**
   * λ_max of C = norm Σ_{a,b} d_ab d_abᵀ (d_ab = q_a − q_b) by power iteration, without forming C:
   * C v = norm Σ_{a,b} (α_a − β_b)(q_a − q_b) with α = q_a·v, β = q_b·v.
   */
  double largestEigenvalue() {
    int n = rows.length;
    double[] v = new double[f];
    Arrays.fill(v, 1 / Math.sqrt(f));
    double[] coef = new double[n];
    double[] cv = new double[f];
    double lambda = 0;
    for (int it = 0; it < POWER_STEPS; it++) {
      double sumA = 0;
      double sumB = 0;
      for (int k = 0; k < n; k++) {
        coef[k] = dot(rows[k], v);
        if (k < h) {
          sumA += coef[k];
        } else {
          sumB += coef[k];
        }
      }
      for (int k = 0; k < n; k++) {
        coef[k] = k < h ? m * coef[k] - sumB : h * coef[k] - sumA;
      }
      combine(coef, cv);
      double len = 0;
      for (double x : cv) {
        len += x * x;
      }
      len = Math.sqrt(len);
      if (len == 0) {
        return 0;
      }
      lambda = len;
      for (int a = 0; a < f; a++) {
        v[a] = cv[a] / len;
      }
    }
    return lambda;
  }

  private double dot(int item, double[] v) {
    int off = item * f;
    double s = 0;
    for (int a = 0; a < f; a++) {
      s += itemVec[off + a] * v[a];
    }
    return s;
  }

  /** out = norm · Σ_k coef_k q_{rows_k}. */
  private void combine(double[] coef, double[] out) {
    Arrays.fill(out, 0);
    for (int k = 0; k < rows.length; k++) {
      double c = coef[k] * norm;
      int off = rows[k] * f;
      for (int a = 0; a < f; a++) {
        out[a] += c * itemVec[off + a];
      }
    }
  }
}
