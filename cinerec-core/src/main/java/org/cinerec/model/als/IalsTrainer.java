package org.cinerec.model.als;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.ConjugateGradient;
import org.cinerec.math.Dense;
import org.cinerec.math.Parallel;
import org.cinerec.math.Rng;
import org.cinerec.math.Vectors;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.model.mf.TrainingData;
import org.cinerec.train.EpochHistory;
import org.cinerec.train.TrainingListener;

/**
 * Implicit-feedback alternating least squares (Y. Hu, Y. Koren, C. Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008, doi:10.1109/ICDM.2008.22), each least-squares problem solved
 * approximately by a few warm-started conjugate-gradient steps (G. Takács, I. Pilászy, D. Tikk,
 * "Applications of the Conjugate Gradient Method for Implicit Feedback Collaborative Filtering", RecSys
 * 2011, doi:10.1145/2043932.2043987).
 *
 * <p>Every (user, movie) pair is a data point: preference {@code p_ui = 1} when u rated i (whatever the
 * rating) and 0 otherwise, confidence {@code c_ui = 1 + α r_ui} for rated pairs and 1 otherwise.
 * Objective: {@code Σ_u Σ_i c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)} (α = {@code alpha},
 * λ = {@code reg}, unscaled as in the paper). With the items fixed, user u's factors solve
 * {@code (YᵀY + Σ_{i∈N(u)} (c_ui − 1) y_i y_iᵀ + λ I) x_u = Σ_{i∈N(u)} c_ui y_i}; YᵀY is computed once per
 * half-iteration (the paper's trick, which makes the cost linear in the observed pairs), and the CG
 * operator applies the matrix as {@code YᵀY v + Σ (c − 1)(y_iᵀ v) y_i + λ v} without forming it
 * (O(k² + |N(u)| k) per step). Then the same for items.
 *
 * <p>A ranking-only model ({@code predictsRatings() == false}): {@code predict} returns the preference
 * score {@code x_uᵀ y_i}, not a rating. Users without training ratings get item popularity (the training
 * rating count of each movie, divided by the largest) as their scores. Rows are solved in parallel; YᵀY is
 * summed over a fixed number of chunks in a fixed order, so the model is bit-identical for a seed whatever
 * the number of threads.
 */
final class IalsTrainer implements Trainer {
  private static final int GRAM_CHUNKS = 8;

  private final Params params;
  private final int k;
  private final int iterations;
  private final double reg;
  private final double alpha;
  private final int cgSteps;
  private final double initStd;
  private final long seed;
  private final int threads;

  IalsTrainer(Params params) {
    this.params = params;
    this.k = params.getInt("factors");
    this.iterations = params.getInt("iterations");
    this.reg = params.getDouble("reg");
    this.alpha = params.getDouble("alpha");
    this.cgSteps = params.getInt("cg-steps");
    this.initStd = params.getDouble("init-std");
    this.seed = params.getLong("seed");
    int t = params.getInt("threads");
    this.threads = t == 0 ? Parallel.threads() : t;
  }

  @Override
  public String kind() {
    return IalsFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    TrainingData d = TrainingData.of(kind(), train.ratings());
    for (float v : d.ratings.ratings()) {
      if (v < 0) {
        throw new org.cinerec.CinerecException(kind() + ": rating " + v + " is negative; confidence 1 + alpha·r needs r >= 0");
      }
    }
    Rng rng = new Rng(seed);
    float[] x = new float[d.numUsers * k];
    float[] y = new float[d.numItems * k];
    rng.split().fillGaussian(x, 0, initStd);
    rng.split().fillGaussian(y, 0, initStd);
    Ratings r = d.ratings;
    EpochHistory history = new EpochHistory(kind(), iterations, listener);
    for (int it = 1; it <= iterations; it++) {
      solveSide(r.byUser(), r.items(), r.ratings(), y, d.numItems, x);
      solveSide(r.byItem(), r.users(), r.ratings(), x, d.numUsers, y);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("loss", loss(r, x, y, d) / r.size());
      history.epoch(it, m);
    }
    d.zeroUnknown(k, x, y, null, null);
    double seconds = history.seconds();
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history.finish());
    return new FactorModel(kind(), train.users(), train.items(), info,
        new FactorModel.Parts(k, x, y, null, null, 0f, d.min, d.max, false, d.rated, d.popularity(), Map.of()));
  }

  /** {@code SᵀS} of a row-major {@code rows × k} matrix, summed over fixed chunks in a fixed order. */
  private double[] gram(float[] s, int rows) {
    double[][] parts = new double[GRAM_CHUNKS][k * k];
    Parallel.forEachChunk(rows, Math.min(GRAM_CHUNKS, threads == 1 ? 1 : GRAM_CHUNKS), (c, from, to) -> {
      // part g always sums rows [rows*g/8, rows*(g+1)/8) in row order, whichever thread runs it
      for (int g = 0; g < GRAM_CHUNKS; g++) {
        int lo = (int) ((long) rows * g / GRAM_CHUNKS);
        int hi = (int) ((long) rows * (g + 1) / GRAM_CHUNKS);
        lo = Math.max(lo, from);
        hi = Math.min(hi, to);
        if (lo < hi) {
          Dense.addGram(parts[g], s, k, lo, hi);
        }
      }
    });
    double[] total = new double[k * k];
    for (double[] part : parts) {
      for (int j = 0; j < total.length; j++) {
        total[j] += part[j];
      }
    }
    Dense.symmetrize(total, k);
    return total;
  }

  /** Solves every row of {@code target} against the fixed {@code source} factors (see class comment). */
  private void solveSide(CsrIndex index, int[] other, float[] ratings, float[] source, int sourceRows,
      float[] target) {
    double[] g = gram(source, sourceRows);
    int[] pos = index.positions();
    int rows = index.numKeys();
    int chunks = threads == 1 ? 1 : threads * 4;
    Parallel.forEachChunk(rows, chunks, (chunk, from, to) -> {
      RowOperator op = new RowOperator(g, source, other, ratings, pos);
      ConjugateGradient.Work work = new ConjugateGradient.Work(k);
      double[] b = new double[k];
      double[] xr = new double[k];
      for (int t = from; t < to; t++) {
        if (index.count(t) == 0) {
          continue; // unknown row: zeroed at the end
        }
        op.start = index.start(t);
        op.end = index.end(t);
        Arrays.fill(b, 0.0);
        for (int p = op.start; p < op.end; p++) {
          int row = pos[p];
          Dense.addScaled(b, source, other[row] * k, k, 1.0 + alpha * ratings[row]);
        }
        for (int f = 0; f < k; f++) {
          xr[f] = target[t * k + f];
        }
        ConjugateGradient.solve(op, b, xr, k, cgSteps, 1e-20, work);
        for (int f = 0; f < k; f++) {
          target[t * k + f] = (float) xr[f];
        }
      }
    });
  }

  /** {@code v ↦ G v + Σ_{p∈[start,end)} (c_p − 1)(s_pᵀ v) s_p + λ v} for one row. */
  private final class RowOperator implements ConjugateGradient.Operator {
    private final double[] g;
    private final float[] source;
    private final int[] other;
    private final float[] ratings;
    private final int[] pos;
    int start;
    int end;

    RowOperator(double[] g, float[] source, int[] other, float[] ratings, int[] pos) {
      this.g = g;
      this.source = source;
      this.other = other;
      this.ratings = ratings;
      this.pos = pos;
    }

    @Override
    public void apply(double[] v, double[] out) {
      Dense.symMatVec(g, k, v, out);
      for (int f = 0; f < k; f++) {
        out[f] += reg * v[f];
      }
      for (int p = start; p < end; p++) {
        int row = pos[p];
        int so = other[row] * k;
        double dot = 0;
        for (int f = 0; f < k; f++) {
          dot += source[so + f] * v[f];
        }
        Dense.addScaled(out, source, so, k, alpha * ratings[row] * dot);
      }
    }
  }

  /**
   * The objective: {@code Σ_u x_uᵀ (YᵀY) x_u + Σ_{(u,i) rated} [c_ui (1 − s_ui)² − s_ui²] + λ(‖X‖² + ‖Y‖²)}
   * (all pairs, computed in O(|R| k + (U + I) k²)).
   */
  private double loss(Ratings r, float[] x, float[] y, TrainingData d) {
    double[] g = gram(y, d.numItems);
    double[] tmp = new double[k];
    double total = 0;
    for (int u = 0; u < d.numUsers; u++) {
      Dense.symMatVec(g, k, x, u * k, tmp);
      for (int f = 0; f < k; f++) {
        total += tmp[f] * x[u * k + f];
      }
    }
    int[] us = r.users();
    int[] is = r.items();
    float[] rs = r.ratings();
    for (int n = 0; n < us.length; n++) {
      double s = Vectors.dot(x, us[n] * k, y, is[n] * k, k);
      double c = 1 + alpha * rs[n];
      total += c * (1 - s) * (1 - s) - s * s;
    }
    double nx = Vectors.norm(x, 0, x.length);
    double ny = Vectors.norm(y, 0, y.length);
    return total + reg * (nx * nx + ny * ny);
  }
}
