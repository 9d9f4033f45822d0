package org.cinerec.model.mf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.Sgd;
import org.cinerec.math.Vectors;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.train.EpochHistory;
import org.cinerec.train.TrainingListener;

/**
 * SVD++ (Y. Koren, "Factorization Meets the Neighborhood: a Multifaceted Collaborative Filtering Model",
 * KDD 2008, doi:10.1145/1401890.1401944), trained by SGD with the update rule and defaults of Surprise's
 * {@code SVDpp}.
 *
 * <p>Model: {@code r̂_ui = μ + b_u + b_i + q_iᵀ (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j)}, where N(u) is the set of
 * movies u rated in training (implicit feedback: that they rated, not how). With {@code s = |N(u)|^-½},
 * {@code z_u = s Σ_j y_j} and {@code e = r_ui − r̂_ui}, each rating applies (old values on the right):
 * <pre>
 *   b_u += γ (e − λ b_u)   b_i += γ (e − λ b_i)   p_u += γ (e q_i − λ p_u)   q_i += γ (e (p_u + z_u) − λ q_i)
 *   y_j += γ (e s q_i − λ y_j)   for every j ∈ N(u)
 * </pre>
 *
 * <p>Speed without approximation: the y update is the same affine map {@code y_j ← a y_j + c} for every
 * {@code j ∈ N(u)} ({@code a = 1 − γλ}, {@code c = γ e s q_i}). So while one user's ratings are visited,
 * the trainer keeps {@code S = Σ_j y_j} from the start of the user, the product {@code A} of the factors a
 * and the accumulated shift {@code C} (so that each {@code y_j} is currently {@code A y_j + C}); then
 * {@code z_u = s (A S + |N(u)| C)} costs O(k) per rating, and the y_j are written once per user. That is the
 * classic cached per-user implicit sum, made exact: it reproduces Surprise's per-rating trajectory (up to
 * float rounding) because a user's ratings are always visited together, as Surprise visits them. Cost per
 * epoch: O(|R| k) instead of Surprise's O(Σ_u |N(u)|² k).
 *
 * <p>Order: {@code --order by-user} is Surprise's (users in index order, the same every epoch);
 * {@code shuffled} (default) visits users in a fresh seeded order each epoch and each user's ratings in a
 * shuffled order. The trained model stores the effective user vectors {@code p_u + z_u} as its user factors
 * (so it predicts like {@link FactorModel}) and keeps y in the file ({@code extra.y}) for folding in new
 * users. Single-threaded: a seed gives a bit-identical model. Deviation: float arithmetic.
 */
final class SvdppTrainer implements Trainer {
  static final String Y = "y";

  private final Params params;
  private final int k;
  private final int epochs;
  private final float lr;
  private final float reg;
  private final double initStd;
  private final boolean shuffled;
  private final long seed;

  SvdppTrainer(Params params) {
    this.params = params;
    this.k = params.getInt("factors");
    this.epochs = params.getInt("epochs");
    this.lr = params.getFloat("learning-rate");
    this.reg = params.getFloat("reg");
    this.initStd = params.getDouble("init-std");
    this.shuffled = params.getString("order").equals("shuffled");
    this.seed = params.getLong("seed");
  }

  @Override
  public String kind() {
    return SvdppFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    TrainingData d = TrainingData.of(kind(), train.ratings());
    Rng rng = new Rng(seed);
    float[] p = new float[d.numUsers * k];
    float[] q = new float[d.numItems * k];
    float[] y = new float[d.numItems * k];
    rng.split().fillGaussian(p, 0, initStd);
    rng.split().fillGaussian(q, 0, initStd);
    rng.split().fillGaussian(y, 0, initStd);
    float[] bu = new float[d.numUsers];
    float[] bi = new float[d.numItems];
    float mu = d.mean;
    Rng orderRng = rng.split();
    CsrIndex byUser = d.ratings.byUser();
    int[] rows = byUser.positions().clone(); // each user's run may be shuffled in place
    int[] userOrder = new int[d.numUsers];
    for (int u = 0; u < d.numUsers; u++) {
      userOrder[u] = u;
    }
    int[] is = d.ratings.items();
    float[] rs = d.ratings.ratings();
    float[] sum = new float[k];
    float[] z = new float[k];
    float[] shift = new float[k];
    float decay = 1f - lr * reg;
    int[] yVisits = yVisits(d, is, byUser);
    EpochHistory history = new EpochHistory(kind(), epochs, listener);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      if (shuffled) {
        orderRng.shuffle(userOrder);
      }
      double sse = 0;
      for (int u : userOrder) {
        int from = byUser.start(u);
        int to = byUser.end(u);
        int nu = to - from;
        if (nu == 0) {
          continue;
        }
        if (shuffled) {
          shuffleRange(orderRng, rows, from, to);
        }
        float s = (float) (1.0 / Math.sqrt(nu));
        java.util.Arrays.fill(sum, 0f);
        for (int t = from; t < to; t++) {
          Vectors.axpy(1f, y, is[rows[t]] * k, sum, 0, k);
        }
        java.util.Arrays.fill(shift, 0f);
        float a = 1f;
        int po = u * k;
        for (int t = from; t < to; t++) {
          int n = rows[t];
          int i = is[n];
          int qo = i * k;
          for (int f = 0; f < k; f++) {
            z[f] = s * (a * sum[f] + nu * shift[f]);
          }
          float dot = Vectors.dot(q, qo, p, po, k) + Vectors.dot(q, qo, z, 0, k);
          float e = rs[n] - (mu + bu[u] + bi[i] + dot);
          sse += (double) e * e;
          bu[u] += lr * (e - reg * bu[u]);
          bi[i] += lr * (e - reg * bi[i]);
          Sgd.svdppStep(p, po, q, qo, z, shift, k, e, lr, reg, s);
          a *= decay;
        }
        for (int t = from; t < to; t++) {
          int yo = is[rows[t]] * k;
          for (int f = 0; f < k; f++) {
            y[yo + f] = a * y[yo + f] + shift[f];
          }
        }
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      double penalty = TrainingData.weightedSquares(p, k, bu, d.userCounts)
          + TrainingData.weightedSquares(q, k, bi, d.itemCounts) + TrainingData.weightedSquares(y, k, null, yVisits);
      metrics.put("loss", (sse + reg * penalty) / d.ratings.size());
      metrics.put("train_rmse", Math.sqrt(sse / d.ratings.size()));
      if (validation != null && validation.size() > 0) {
        float[] eff = effectiveUserFactors(d, p, y, is, byUser, rows);
        metrics.put("val_rmse", FactorModel.rmse(validation, k, eff, q, bu, bi, mu, d.userCounts, d.itemCounts, d.min, d.max));
      }
      history.epoch(epoch, metrics);
    }
    float[] eff = effectiveUserFactors(d, p, y, is, byUser, rows);
    d.zeroUnknown(k, eff, q, bu, bi);
    zeroUnknownItems(d, y);
    double seconds = history.seconds();
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history.finish());
    return new FactorModel(kind(), train.users(), train.items(), info, new FactorModel.Parts(k, eff, q, bu, bi, mu,
        d.min, d.max, true, d.rated, null, Map.of(Y, y)));
  }

  /**
   * How often each y_j is regularised per epoch: once per rating of every user who rated j, i.e.
   * {@code Σ_{u: j∈N(u)} |N(u)|} (used for the loss report).
   */
  private static int[] yVisits(TrainingData d, int[] is, CsrIndex byUser) {
    int[] w = new int[d.numItems];
    int[] pos = byUser.positions();
    for (int u = 0; u < d.numUsers; u++) {
      for (int t = byUser.start(u); t < byUser.end(u); t++) {
        w[is[pos[t]]] += byUser.count(u);
      }
    }
    return w;
  }

  /** {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j} for every user. */
  private float[] effectiveUserFactors(TrainingData d, float[] p, float[] y, int[] is, CsrIndex byUser, int[] rows) {
    float[] eff = p.clone();
    for (int u = 0; u < d.numUsers; u++) {
      int nu = byUser.count(u);
      if (nu == 0) {
        continue;
      }
      float s = (float) (1.0 / Math.sqrt(nu));
      for (int t = byUser.start(u); t < byUser.end(u); t++) {
        Vectors.axpy(s, y, is[rows[t]] * k, eff, u * k, k);
      }
    }
    return eff;
  }

  private void zeroUnknownItems(TrainingData d, float[] y) {
    for (int i = 0; i < d.numItems; i++) {
      if (d.itemCounts[i] == 0) {
        java.util.Arrays.fill(y, i * k, (i + 1) * k, 0f);
      }
    }
  }

  private static void shuffleRange(Rng rng, int[] a, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      int j = from + rng.nextInt(i - from + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
