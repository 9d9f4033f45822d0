package org.cinerec.model.als;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Cholesky;
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
 * Explicit alternating least squares with weighted-λ regularisation ("ALS-WR": Y. Zhou, D. Wilkinson,
 * R. Schreiber, R. Pan, "Large-Scale Parallel Collaborative Filtering for the Netflix Prize", AAIM 2008,
 * doi:10.1007/978-3-540-68880-8_32), as Spark MLlib's {@code ALS} solves it.
 *
 * <p>Objective: {@code Σ_(u,i)∈R (r_ui − x_uᵀ y_i)² + λ (Σ_u n_u ‖x_u‖² + Σ_i n_i ‖y_i‖²)}, where n_u and
 * n_i are the rating counts (λ = {@code reg}, x = user factors, y = item factors, rank = {@code factors}).
 * With the users fixed, each item's factors solve the normal equations
 * {@code (Σ_{u∈R(i)} x_u x_uᵀ + λ n_i I) y_i = Σ_{u∈R(i)} r_ui x_u} (then the same for users), by a dense
 * Cholesky factorisation ({@link Cholesky}) accumulated in double. One iteration solves all items, then
 * all users, as Spark does; the initial user factors are Gaussian rows scaled to unit norm, as Spark's (the
 * items, solved first, need no start). By default the draws come from {@link Rng}; {@code --init spark}
 * makes Spark's own draws for the seed ({@link SparkInit}), and the fit then follows Spark's to float
 * rounding: on the peers' split, the same test RMSE to 6 decimals (docs/notes/als.md).
 *
 * <p>Spark's ALS has no biases and neither does this by default. {@code --biases true} adds them: the
 * prediction becomes {@code μ + b_u + b_i + x_uᵀ y_i}, and each solve augments the unknown to
 * {@code (x_u, b_u)} against features {@code (y_i, 1)} and targets {@code r_ui − μ − b_i} (same weighted λ
 * on the bias). Differences from Spark: predictions are clipped to the training rating range (Spark does
 * not clip), and users/items unknown to training fall back to the global mean (Spark returns NaN and its
 * evaluation drops those rows); without biases, users unknown to training are ranked by popularity. Rows are solved in parallel on the shared pool; each row's solve is
 * sequential, so the model is bit-identical for a seed whatever the number of threads.
 */
final class AlsTrainer implements Trainer {
  private final Params params;
  private final int k;
  private final int iterations;
  private final double reg;
  private final boolean biases;
  private final long seed;
  private final boolean sparkInit;
  private final int threads;
  /** Initial user factors (rank × users of the training set) replacing the seeded draw, or null. */
  private final float[] userStart;

  AlsTrainer(Params params) {
    this(params, null);
  }

  /**
   * A trainer that starts from the given user factors instead of drawing them ({@code seed} then unused):
   * for checks against another implementation's initial factors (see {@code scripts/spark-als-start}).
   */
  AlsTrainer(Params params, float[] userStart) {
    this.params = params;
    this.userStart = userStart == null ? null : userStart.clone();
    this.k = params.getInt("factors");
    this.iterations = params.getInt("iterations");
    this.reg = params.getDouble("reg");
    this.biases = params.getBool("biases");
    this.seed = params.getLong("seed");
    this.sparkInit = params.getString("init").equals("spark");
    this.threads = Parallel.threads(params.getInt("threads"));
  }

  @Override
  public String kind() {
    return AlsFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    TrainingData d = TrainingData.of(kind(), train.ratings());
    float[] x;
    if (userStart == null) {
      x = sparkInit ? SparkInit.userFactors(train.users(), d.userCounts, k, seed)
          : unitRows(new Rng(seed).split(), d.numUsers, k);
    } else if (userStart.length != d.numUsers * k) {
      throw new IllegalArgumentException("initial user factors: " + userStart.length + " values, expected "
          + d.numUsers + " users × " + k + " factors");
    } else {
      x = userStart.clone();
    }
    // Items are solved first, from x alone: their starting values are never read, so none is drawn.
    float[] y = new float[d.numItems * k];
    float[] bu = biases ? new float[d.numUsers] : null;
    float[] bi = biases ? new float[d.numItems] : null;
    float mu = biases ? d.mean : 0f;
    Ratings r = d.ratings;
    EpochHistory history = new EpochHistory(kind(), iterations, listener);
    for (int it = 1; it <= iterations; it++) {
      solveSide(r.byItem(), r.users(), r.ratings(), mu, x, bu, y, bi);
      solveSide(r.byUser(), r.items(), r.ratings(), mu, y, bi, x, bu);
      Map<String, Double> m = new LinkedHashMap<>();
      double sse = sse(r, x, y, bu, bi, mu);
      double penalty = TrainingData.weightedSquares(x, k, bu, d.userCounts)
          + TrainingData.weightedSquares(y, k, bi, d.itemCounts);
      m.put("loss", (sse + reg * penalty) / r.size());
      m.put("train_rmse", Math.sqrt(sse / r.size()));
      if (validation != null && validation.size() > 0) {
        m.put("val_rmse", FactorModel.rmse(validation, k, x, y, bu, bi, d.mean, d.userCounts, d.itemCounts, d.min, d.max));
      }
      history.epoch(it, m);
    }
    d.zeroUnknown(k, x, y, bu, bi);
    double seconds = history.seconds();
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history.finish());
    return new FactorModel(kind(), train.users(), train.items(), info,
        new FactorModel.Parts(k, x, y, bu, bi, d.mean, d.min, d.max, true, d.rated,
            biases ? null : d.popularity(), Map.of()));
  }

  /** Gaussian rows scaled to unit length (Spark's initialisation). */
  static float[] unitRows(Rng rng, int rows, int k) {
    float[] m = new float[rows * k];
    rng.fillGaussian(m, 0, 1);
    for (int r = 0; r < rows; r++) {
      double norm = Vectors.norm(m, r * k, k);
      if (norm > 0) {
        Vectors.scale((float) (1 / norm), m, r * k, k);
      }
    }
    return m;
  }

  /**
   * Solves every row of {@code target} (and its bias) against the fixed {@code source} factors: row t's
   * ratings are {@code index}'s run t, {@code other[pos]} the source row of each.
   */
  private void solveSide(CsrIndex index, int[] other, float[] ratings, float mu, float[] source, float[] sourceBias,
      float[] target, float[] targetBias) {
    int rows = index.numKeys();
    int m = biases ? k + 1 : k;
    int[] pos = index.positions();
    int chunks = threads == 1 ? 1 : threads * 4;
    Parallel.forEachChunk(rows, chunks, (chunk, from, to) -> {
      double[] a = new double[m * m];
      double[] b = new double[m];
      float[] feat = new float[m];
      for (int t = from; t < to; t++) {
        int n = index.count(t);
        if (n == 0) {
          continue; // unknown row: left as is, zeroed at the end
        }
        Dense.zero(a, m);
        java.util.Arrays.fill(b, 0.0);
        for (int p = index.start(t); p < index.end(t); p++) {
          int row = pos[p];
          int o = other[row];
          double target0 = ratings[row] - mu - (sourceBias == null ? 0f : sourceBias[o]);
          System.arraycopy(source, o * k, feat, 0, k);
          if (biases) {
            feat[k] = 1f;
          }
          Dense.addOuterLower(a, m, feat, 0, 1.0);
          Dense.addScaled(b, feat, 0, m, target0);
        }
        Dense.addDiagonal(a, m, reg * n);
        Cholesky.solve(a, b, m);
        for (int f = 0; f < k; f++) {
          target[t * k + f] = (float) b[f];
        }
        if (biases) {
          targetBias[t] = (float) b[k];
        }
      }
    });
  }

  private double sse(Ratings r, float[] x, float[] y, float[] bu, float[] bi, float mu) {
    int[] us = r.users();
    int[] is = r.items();
    float[] rs = r.ratings();
    double sse = 0;
    for (int n = 0; n < us.length; n++) {
      float s = mu + Vectors.dot(x, us[n] * k, y, is[n] * k, k);
      if (bu != null) {
        s += bu[us[n]] + bi[is[n]];
      }
      double e = rs[n] - s;
      sse += e * e;
    }
    return sse;
  }
}
