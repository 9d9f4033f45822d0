package org.cinerec.model.als;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.ConjugateGradient;
import org.cinerec.math.Gemm;
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
 * operator applies the matrix as {@code YᵀY v + Σ (c − 1)(y_iᵀ v) y_i + λ v} without forming it. All rows
 * of a side take their CG steps together ({@link ConjugateGradient#solveRows}), so the {@code YᵀY v} part
 * is one matrix product per step (BLAS through {@link Gemm}) and the rest costs O(|N(u)| k) per row.
 * Then the same for items. Users and items without ratings keep zero vectors.
 *
 * <p>A ranking-only model ({@code predictsRatings() == false}): {@code predict} returns the preference
 * score {@code x_uᵀ y_i}, not a rating. Users without training ratings get item popularity (the training
 * rating count of each movie, divided by the largest) as their scores. Rows are solved in parallel over
 * fixed row blocks and YᵀY is one matrix product, so the model is bit-identical for a seed whatever the
 * number of threads (on one machine: a native BLAS may round differently elsewhere). Arithmetic: float.
 */
final class IalsTrainer implements Trainer {
  private static final int BLOCKS = 16;

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
    this.threads = Parallel.threads(params.getInt("threads"));
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

  /** {@code SᵀS} (k × k, row-major, symmetric) of a row-major {@code rows × k} matrix: one {@link Gemm} call. */
  private float[] gram(float[] s, int rows) {
    float[] g = new float[k * k];
    Gemm.gemm(true, false, k, k, rows, 1f, s, 0, k, s, 0, k, 0f, g, 0, k);
    return g;
  }

  /**
   * Solves every row of {@code target} against the fixed {@code source} factors (see class comment): all
   * rows take their CG steps together, so the dense part of every operator application is one product
   * {@code V·(SᵀS)} ({@link Gemm}, BLAS when available) over fixed row blocks.
   */
  private void solveSide(CsrIndex index, int[] other, float[] ratings, float[] source, int sourceRows,
      float[] target) {
    float[] g = gram(source, sourceRows);
    int[] pos = index.positions();
    int rows = index.numKeys();
    float[] b = new float[rows * k];
    forBlocks(rows, (c, from, to) -> {
      for (int t = from; t < to; t++) {
        if (index.count(t) == 0) {
          Arrays.fill(target, t * k, (t + 1) * k, 0f); // unknown row: zero, stays zero
          continue;
        }
        for (int p = index.start(t); p < index.end(t); p++) {
          int row = pos[p];
          Vectors.axpy((float) (1.0 + alpha * ratings[row]), source, other[row] * k, b, t * k, k);
        }
      }
    });
    float lambda = (float) reg;
    float a = (float) alpha;
    ConjugateGradient.solveRows((v, out) -> forBlocks(rows, (c, from, to) -> {
      Gemm.gemm(false, false, to - from, k, k, 1f, v, from * k, k, g, 0, k, 0f, out, from * k, k);
      for (int t = from; t < to; t++) {
        int o = t * k;
        Vectors.axpy(lambda, v, o, out, o, k);
        for (int p = index.start(t); p < index.end(t); p++) {
          int row = pos[p];
          int so = other[row] * k;
          float w = a * ratings[row] * Vectors.dot(source, so, v, o, k);
          Vectors.axpy(w, source, so, out, o, k);
        }
      }
    }), b, target, rows, k, cgSteps, 1e-20, threads == 1 ? 1 : BLOCKS);
  }

  /**
   * Runs {@code body} over {@link #BLOCKS} fixed row ranges: in parallel, or one after the other on the
   * calling thread when {@code threads} is 1; the ranges (and so the results) are the same either way.
   */
  private void forBlocks(int rows, Parallel.ChunkBody body) {
    if (threads != 1) {
      Parallel.forEachChunk(rows, BLOCKS, body);
      return;
    }
    int c = Math.max(1, Math.min(BLOCKS, rows));
    for (int j = 0; j < c; j++) {
      body.run(j, (int) ((long) rows * j / c), (int) ((long) rows * (j + 1) / c));
    }
  }

  /**
   * The objective: {@code Σ_u x_uᵀ (YᵀY) x_u + Σ_{(u,i) rated} [c_ui (1 − s_ui)² − s_ui²] + λ(‖X‖² + ‖Y‖²)}
   * (all pairs, computed in O(|R| k + (U + I) k²)).
   */
  private double loss(Ratings r, float[] x, float[] y, TrainingData d) {
    float[] g = gram(y, d.numItems);
    double total = 0;
    for (int u = 0; u < d.numUsers; u++) {
      for (int f = 0; f < k; f++) {
        total += x[u * k + f] * (double) Vectors.dot(g, f * k, x, u * k, k);
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
