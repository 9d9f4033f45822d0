package org.cinerec.model.mf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.SgdKernel;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.train.EpochHistory;
import org.cinerec.train.TrainingListener;

/**
 * Biased matrix factorisation trained by stochastic gradient descent ("Funk SVD": S. Funk, "Netflix
 * Update: Try This at Home", 2006; Koren, Bell, Volinsky, "Matrix Factorization Techniques for
 * Recommender Systems", IEEE Computer 42(8), 2009, doi:10.1109/MC.2009.263), with the semantics and
 * defaults of Surprise's {@code SVD} (Hug 2020, JOSS, doi:10.21105/joss.02174).
 *
 * <p>Model: {@code r̂_ui = μ + b_u + b_i + q_iᵀ p_u}. Objective:
 * {@code Σ_(u,i)∈R (r_ui − r̂_ui)² + λ (b_u² + b_i² + ‖p_u‖² + ‖q_i‖²)}. For each rating in turn, with
 * {@code e = r_ui − r̂_ui} from the values before the step:
 * <pre>
 *   b_u ← b_u + γ (e − λ b_u)        b_i ← b_i + γ (e − λ b_i)
 *   p_u ← p_u + γ (e q_i − λ p_u)    q_i ← q_i + γ (e p_u − λ q_i)   (the old p_u, as Surprise)
 * </pre>
 * Fields: γ = {@code learning-rate}, λ = {@code reg}, k = {@code factors}; μ is the training mean and stays
 * fixed; biases start at 0 and factors at N(0, {@code init-std}²). Deviation: {@code init-std} defaults to 0.05,
 * not Surprise's 0.1 (with λ = 0.02 the initial noise barely decays in 20 epochs and stays in the
 * predictions for rarely rated movies; 0.05 was the best of 0.01–0.1 on Kaggle's ratings_small).
 *
 * <p>Visiting order (a documented choice): Surprise iterates {@code trainset.all_ratings()}, i.e. grouped
 * by user in inner-id order, the same every epoch (its KFold shuffles the data once, before the ids are
 * assigned). The default here, {@code --order blocked}, is a seeded shuffle stratified as in DSGD
 * ({@link Blocks}): B × B blocks of user and item groups, B strata per epoch in a fresh seeded order, each
 * block's ratings in one seeded order kept for all epochs; the blocks of a stratum share no user or item, so they run on
 * {@code --threads} threads with the same result for any thread count. {@code --order shuffled} draws a
 * fresh seeded permutation of all ratings each epoch (textbook SGD, one thread), {@code --order by-user}
 * reproduces Surprise's grouping (one thread). Blocked and shuffled measure the same RMSE; by-user is up to
 * 0.005 worse on Surprise's own folds (docs/factor-models.md). Blocked is the fastest even on one thread
 * (better cache locality). Predictions are clipped to the training rating range; unknown users or
 * items drop their terms (see {@link FactorModel}). A seed gives a bit-identical model.
 * Deviation: float arithmetic (Surprise uses double).
 */
final class MfTrainer implements Trainer {
  private final Params params;
  private final int k;
  private final int epochs;
  private final float lr;
  private final float reg;
  private final double initStd;
  private final boolean biased;
  private final boolean shuffled;
  private final boolean blocked;
  private final int threads;
  private final long seed;

  MfTrainer(Params params) {
    this.params = params;
    this.k = params.getInt("factors");
    this.epochs = params.getInt("epochs");
    this.lr = params.getFloat("learning-rate");
    this.reg = params.getFloat("reg");
    this.initStd = params.getDouble("init-std");
    this.biased = params.getBool("biased");
    this.shuffled = params.getString("order").equals("shuffled");
    this.blocked = params.getString("order").equals("blocked");
    this.threads = org.cinerec.math.Parallel.threads(params.getInt("threads"));
    this.seed = params.getLong("seed");
  }

  @Override
  public String kind() {
    return MfFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    TrainingData d = TrainingData.of(kind(), train.ratings());
    Rng rng = new Rng(seed);
    float[] p0 = new float[d.numUsers * k];
    float[] q0 = new float[d.numItems * k];
    rng.split().fillGaussian(p0, 0, initStd, threads);
    rng.split().fillGaussian(q0, 0, initStd, threads);
    // rows padded with zeros to the kernel's stride (a whole number of vectors): the zeros stay zero
    // under the step and add nothing to the dot products, so training on p, q is training on p0, q0
    int ks = SgdKernel.stride(k);
    float[] p = restride(p0, d.numUsers, k, ks);
    float[] q = restride(q0, d.numItems, k, ks);
    float[] bu = new float[d.numUsers];
    float[] bi = new float[d.numItems];
    float mu = biased ? d.mean : 0f;
    Rng orderRng = rng.split();
    Blocks blocks = blocked ? new Blocks(d.ratings, orderRng.nextLong()) : null;
    // the ratings copied in visiting order, so the hot loop reads them sequentially
    int[] order = blocked ? blocks.order(d.ratings) : initialOrder(d.ratings);
    int n = order.length;
    int[] us = new int[n];
    int[] is = new int[n];
    float[] rs = new float[n];
    for (int t = 0; t < n; t++) {
      us[t] = d.ratings.user(order[t]);
      is[t] = d.ratings.item(order[t]);
      rs[t] = d.ratings.rating(order[t]);
    }
    if (blocked) {
      blocks.shuffleWithinBlocks(us, is, rs);
    }
    EpochHistory history = new EpochHistory(kind(), epochs, listener);
    if (blocked) {
      double[] userSquares = new double[TrainingData.squareChunks(d.numUsers)];
      double[] itemSquares = new double[TrainingData.squareChunks(d.numItems)];
      blocks.train(epochs, threads, (from, to, w) -> pass(from, to, ks, us, is, rs, p, q, bu, bi, mu, w), ks,
          new Blocks.EpochEnd() {
            @Override
            public int pieces() {
              return userSquares.length + itemSquares.length;
            }

            @Override
            public void piece(int c) {
              if (c < userSquares.length) {
                TrainingData.weightedSquares(p, ks, bu, d.userCounts, c, c + 1, userSquares);
              } else {
                int ci = c - userSquares.length;
                TrainingData.weightedSquares(q, ks, bi, d.itemCounts, ci, ci + 1, itemSquares);
              }
            }

            @Override
            public void report(int epoch, double sse) {
              double penalty = TrainingData.total(userSquares) + TrainingData.total(itemSquares);
              history.epoch(epoch, epochMetrics(d, ks, sse, penalty, p, q, bu, bi, validation));
            }
          });
    } else {
      SgdKernel work = SgdKernel.create(ks);
      for (int epoch = 1; epoch <= epochs; epoch++) {
        if (shuffled) {
          shuffle(orderRng, us, is, rs, 0, n);
        }
        double sse = pass(0, n, ks, us, is, rs, p, q, bu, bi, mu, work);
        double penalty = TrainingData.weightedSquares(p, ks, bu, d.userCounts, 1)
            + TrainingData.weightedSquares(q, ks, bi, d.itemCounts, 1);
        history.epoch(epoch, epochMetrics(d, ks, sse, penalty, p, q, bu, bi, validation));
      }
    }
    float[] userFactors = restride(p, d.numUsers, ks, k);
    float[] itemFactors = restride(q, d.numItems, ks, k);
    d.zeroUnknown(k, userFactors, itemFactors, bu, bi);
    double seconds = history.seconds();
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history.finish());
    return new FactorModel(kind(), train.users(), train.items(), info, new FactorModel.Parts(k, userFactors, itemFactors,
        biased ? bu : null, biased ? bi : null, d.mean, d.min, d.max, true, d.rated, null, Map.of()));
  }

  /** One SGD pass over the packed ratings {@code [from, to)}, factor rows {@code stride} apart; returns the sum of squared errors. */
  private double pass(int from, int to, int stride, int[] us, int[] is, float[] rs, float[] p, float[] q, float[] bu, float[] bi,
      float mu, SgdKernel work) {
    double sse = 0;
    for (int t = from; t < to; t++) {
      int u = us[t];
      int i = is[t];
      int po = u * stride;
      int qo = i * stride;
      float e = rs[t] - (mu + bu[u] + bi[i] + work.dot(p, po, q, qo));
      sse += (double) e * e;
      if (biased) {
        bu[u] += lr * (e - reg * bu[u]);
        bi[i] += lr * (e - reg * bi[i]);
      }
      work.coupledStep(p, po, q, qo, e, lr, reg);
    }
    return sse;
  }

  /** The rows of a row-major matrix copied to another row length (cut, or padded with zeros). */
  static float[] restride(float[] m, int rows, int from, int to) {
    if (from == to) {
      return m;
    }
    float[] out = new float[rows * to];
    int n = Math.min(from, to);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m, r * from, out, r * to, n);
    }
    return out;
  }

  /** Fisher–Yates over {@code [from, to)} of three parallel columns (the same permutation applied to each). */
  static void shuffle(Rng rng, int[] a, int[] b, float[] c, int from, int to) {
    for (int x = to - 1; x > from; x--) {
      int y = from + rng.nextInt(x - from + 1);
      int ta = a[x];
      a[x] = a[y];
      a[y] = ta;
      int tb = b[x];
      b[x] = b[y];
      b[y] = tb;
      float tc = c[x];
      c[x] = c[y];
      c[y] = tc;
    }
  }

  /** Row positions grouped by user (users in index order, rows in data order): Surprise's order. */
  static int[] initialOrder(Ratings r) {
    return r.byUser().positions().clone();
  }

  /**
   * "loss": the regularised objective per rating, {@code (Σ e² + λ Σ_u n_u(b_u² + ‖p_u‖²) + λ Σ_i
   * n_i(b_i² + ‖q_i‖²)) / |R|}, with the errors as seen during the epoch (before each step);
   * "train_rmse": the root of their mean square; "val_rmse" when validation ratings are given.
   */
  private Map<String, Double> epochMetrics(TrainingData d, int stride, double sse, double penalty, float[] p,
      float[] q, float[] bu, float[] bi, Ratings validation) {
    int n = d.ratings.size();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", (sse + reg * penalty) / n);
    m.put("train_rmse", Math.sqrt(sse / n));
    if (validation != null && validation.size() > 0) {
      m.put("val_rmse", FactorModel.rmse(validation, stride, p, q, biased ? bu : null, biased ? bi : null, d.mean, d.userCounts, d.itemCounts, d.min, d.max));
    }
    return m;
  }
}
