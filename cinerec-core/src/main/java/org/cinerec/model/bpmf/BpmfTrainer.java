package org.cinerec.model.bpmf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.math.Dense;
import org.cinerec.math.Parallel;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.mf.TrainingData;
import org.cinerec.train.EpochHistory;
import org.cinerec.train.TrainingListener;

/**
 * Bayesian probabilistic matrix factorisation by Gibbs sampling: R. Salakhutdinov, A. Mnih, "Bayesian
 * Probabilistic Matrix Factorization using Markov Chain Monte Carlo", ICML 2008, doi:10.1145/1390156.1390267.
 *
 * <p>Model: {@code r_ui ~ N(μ + x_uᵀ y_i, α⁻¹)} (α = {@code alpha}, μ = the training mean: the paper centres
 * the same way), {@code x_u ~ N(μ_U, Λ_U⁻¹)}, {@code y_i ~ N(μ_V, Λ_V⁻¹)}, each side's (μ, Λ) under a
 * Normal-Wishart prior (μ₀ = 0, β₀ = {@code beta0}, ν₀ = d, W₀ = I). One sweep draws (μ_U, Λ_U) and
 * (μ_V, Λ_V) given the factors, then every user's x_u given the movies, then every movie's y_i given the
 * users ({@link Gibbs}). Symbols: x = user rows, y = movie rows, d = their length, k = {@code factors}.
 *
 * <p>Deviation (with {@code biases}, the default): each side's row also holds a bias, {@code x_u = (p_u,
 * b_u)}, {@code y_i = (q_i, b_i)}, and the score is {@code μ + b_u + b_i + p_uᵀq_i}, i.e. the paper's model
 * over the augmented rows {@code (p_u, b_u, 1)} and {@code (q_i, 1, b_i)} whose constant entries are not
 * sampled: a user's draw sees the features {@code (q_i, 1)} and targets {@code r_ui − μ − b_i}; the biases
 * share the side's Normal-Wishart prior (d = k + 1), as the Bayesian factorisation machines of Rendle et
 * al. ("On the Difficulty of Evaluating Baselines", arXiv:1905.01395) keep them.
 *
 * <p>Start: every row N(0, 0.1²) (biases 0); the paper starts from a MAP fit instead, so {@code burn-in}
 * sweeps come first. Then {@code samples × thin} sweeps; every {@code thin}-th one is kept. The prediction
 * is the average of the kept samples' unclipped predictions, clipped once (as the paper's code does):
 * exactly the posterior mean's Monte Carlo estimate ({@link BpmfModel}).
 *
 * <p>Determinism: every draw for row r of side s in sweep t comes from its own generator seeded by
 * {@code (seed, t, s, r)} ({@link Gibbs#stream}), the hyperparameters' statistics are summed in row order,
 * and each row's solve is sequential, so a seed gives the same bits for any {@code threads}.
 */
final class BpmfTrainer implements Trainer {
  static final int USERS = 0;
  static final int ITEMS = 1;
  private static final int INIT = 0;

  private final Params params;
  private final int k;
  private final int samples;
  private final int burnIn;
  private final int thin;
  private final double alpha;
  private final double beta0;
  private final boolean biases;
  private final long seed;
  private final int threads;

  BpmfTrainer(Params params) {
    this.params = params;
    this.k = params.getInt("factors");
    this.samples = params.getInt("samples");
    this.burnIn = params.getInt("burn-in");
    this.thin = params.getInt("thin");
    this.alpha = params.getDouble("alpha");
    this.beta0 = params.getDouble("beta0");
    this.biases = params.getBool("biases");
    this.seed = params.getLong("seed");
    this.threads = Parallel.threads(params.getInt("threads"));
  }

  @Override
  public String kind() {
    return BpmfFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    TrainingData data = TrainingData.of(kind(), train.ratings());
    double precision = precision(alpha, train.scale());
    int d = biases ? k + 1 : k;
    int w = BpmfModel.width(k, biases);
    float[] x = start(data.numUsers, d, USERS);
    float[] y = start(data.numItems, d, ITEMS);
    float[] userSamples = new float[data.numUsers * samples * w];
    float[] itemSamples = new float[data.numItems * samples * w];
    double[] userHyper = new double[samples * (d + d * d)];
    Ratings r = data.ratings;
    boolean val = validation != null && validation.size() > 0;
    double[] valSums = val ? new double[validation.size()] : null;
    double[] trainSums = new double[r.size()];
    int sweeps = burnIn + samples * thin;
    EpochHistory history = new EpochHistory(kind(), sweeps, listener);
    int kept = 0;
    for (int t = 1; t <= sweeps; t++) {
      Gibbs.Hyper hu = Gibbs.hyper(x, data.userCounts, d, beta0, new Rng(Gibbs.stream(seed, t, USERS, -1)));
      Gibbs.Hyper hv = Gibbs.hyper(y, data.itemCounts, d, beta0, new Rng(Gibbs.stream(seed, t, ITEMS, -1)));
      sampleSide(t, USERS, r.byUser(), r.items(), r.ratings(), data.mean, precision, y, x, hu);
      sampleSide(t, ITEMS, r.byItem(), r.users(), r.ratings(), data.mean, precision, x, y, hv);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("train_rmse_sample", rmse(r, x, y, d, data, null, 0));
      if (t > burnIn && (t - burnIn) % thin == 0) {
        keep(kept, x, data.userCounts, d, w, userSamples, true);
        keep(kept, y, data.itemCounts, d, w, itemSamples, false);
        System.arraycopy(hu.mean(), 0, userHyper, kept * (d + d * d), d);
        System.arraycopy(hu.precision(), 0, userHyper, kept * (d + d * d) + d, d * d);
        kept++;
        m.put("train_rmse", rmse(r, x, y, d, data, trainSums, kept));
        if (val) {
          m.put("val_rmse", rmse(validation, x, y, d, data, valSums, kept));
        }
      }
      history.epoch(t, m);
    }
    for (int i = 0; i < data.numItems; i++) { // movies without ratings: (0, 1, 0) in every sample, so μ + b_u
      if (data.itemCounts[i] == 0 && biases) {
        for (int s = 0; s < samples; s++) {
          itemSamples[(i * samples + s) * w + k] = 1f;
        }
      }
    }
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, history.seconds(), history.finish());
    return new BpmfModel(train.users(), train.items(), info, new BpmfModel.Parts(k, samples, biases, userSamples,
        itemSamples, userHyper, data.mean, data.min, data.max, data.rated));
  }

  /** Rows drawn from N(0, 0.1²), each from its own stream, the bias entries 0. */
  private float[] start(int rows, int d, int side) {
    float[] m = new float[rows * d];
    for (int row = 0; row < rows; row++) {
      Rng rng = new Rng(Gibbs.stream(seed, INIT, side, row));
      for (int j = 0; j < k; j++) {
        m[row * d + j] = (float) (0.1 * rng.nextGaussian());
      }
    }
    return m;
  }

  /**
   * The precision α of a rating around its prediction on this scale: {@code alpha} is given on MovieLens's
   * 0.5..5 span, and a scale s times as wide ({@link RatingScale#relativeSpan}) has s times the noise, so
   * α / s² (0.405 for α 2 on 0..10). Ratings multiplied by s then give the same model: measured on
   * ml-latest-small with every rating doubled, RMSE 1.6804 against 2 × 0.8405 (it was 1.9012 with α itself).
   */
  static double precision(double alpha, RatingScale scale) {
    double s = scale == null ? 1.0 : scale.relativeSpan();
    return alpha / (s * s);
  }

  /**
   * Draws every row of {@code target} with ratings given {@code source}: row t's ratings are {@code index}'s
   * run t, {@code other[pos]} the source row of each.
   */
  private void sampleSide(int sweep, int side, CsrIndex index, int[] other, float[] ratings, float mu,
      double alpha, float[] source, float[] target, Gibbs.Hyper h) {
    int d = biases ? k + 1 : k;
    int[] pos = index.positions();
    int rows = index.numKeys();
    int chunks = threads == 1 ? 1 : threads * 4;
    Parallel.forEachChunk(rows, chunks, (chunk, from, to) -> {
      double[] a = new double[d * d];
      double[] b = new double[d];
      float[] feat = new float[d];
      for (int t = from; t < to; t++) {
        if (index.count(t) == 0) {
          continue; // no ratings: stays 0, never read
        }
        Gibbs.start(h, d, a, b);
        for (int p = index.start(t); p < index.end(t); p++) {
          int o = other[pos[p]];
          System.arraycopy(source, o * d, feat, 0, k);
          double target0 = ratings[pos[p]] - mu;
          if (biases) {
            feat[k] = 1f;
            target0 -= source[o * d + k];
          }
          Dense.addOuterLower(a, d, feat, 0, alpha);
          Dense.addScaled(b, feat, 0, d, alpha * target0);
        }
        Gibbs.finish(a, b, d, new Rng(Gibbs.stream(seed, sweep, side, t)));
        for (int j = 0; j < d; j++) {
          target[t * d + j] = (float) b[j];
        }
      }
    });
  }

  /** Copies sample s of every row into its augmented block: users (p, b, 1), movies (q, 1, b). */
  private void keep(int s, float[] rows, int[] counts, int d, int w, float[] out, boolean user) {
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] == 0) {
        continue;
      }
      int o = (r * samples + s) * w;
      System.arraycopy(rows, r * d, out, o, k);
      if (biases) {
        out[o + k] = user ? rows[r * d + k] : 1f;
        out[o + k + 1] = user ? 1f : rows[r * d + k];
      }
    }
  }

  /**
   * RMSE of {@code data} predicted by this sweep's rows ({@code sums} null) or by the running mean of the
   * {@code kept} samples' predictions, this sweep's added into {@code sums}; clipped, unknown sides dropped.
   */
  private double rmse(Ratings data, float[] x, float[] y, int d, TrainingData td, double[] sums, int kept) {
    int[] us = data.users();
    int[] is = data.items();
    float[] rs = data.ratings();
    double sse = 0;
    for (int n = 0; n < us.length; n++) {
      int u = us[n];
      int i = is[n];
      boolean ku = u < td.numUsers && td.userCounts[u] > 0;
      boolean ki = i < td.numItems && td.itemCounts[i] > 0;
      double s = td.mean;
      if (ku && ki) {
        for (int j = 0; j < k; j++) {
          s += (double) x[u * d + j] * y[i * d + j];
        }
      }
      if (biases) {
        s += (ku ? x[u * d + k] : 0) + (ki ? y[i * d + k] : 0);
      }
      if (sums != null) {
        sums[n] += s;
        s = sums[n] / kept;
      }
      s = Math.max(td.min, Math.min(td.max, s));
      double e = rs[n] - s;
      sse += e * e;
    }
    return Math.sqrt(sse / Math.max(1, us.length));
  }
}
