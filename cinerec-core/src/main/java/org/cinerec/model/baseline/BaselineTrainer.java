package org.cinerec.model.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/**
 * Fits {@link BaselineModel} by minimising (Koren 2010, eq. 2)
 * <pre>  Σ_(u,i) (r_ui − μ − b_u − b_i)² + λ_u Σ_u b_u² + λ_i Σ_i b_i²</pre>
 *
 * <p><b>ALS</b> ({@code --method als}, the default; Surprise's {@code baseline_als}): alternate the
 * closed-form minimisers, items first, each epoch:
 * <pre>  b_i = Σ_{u∈R(i)} (r_ui − μ − b_u) / (λ_i + |R(i)|)
 *   b_u = Σ_{i∈R(u)} (r_ui − μ − b_i) / (λ_u + |R(u)|)</pre>
 * with λ_i = {@code --reg-item} (10) and λ_u = {@code --reg-user} (15), b = 0 at the start, 10 epochs.
 * Sums run in double precision in each user's and item's row order.
 *
 * <p><b>SGD</b> ({@code --method sgd}; Surprise's {@code baseline_sgd}): for each rating in data order,
 * e = r_ui − (μ + b_u + b_i), b_u += γ(e − λ b_u), b_i += γ(e − λ b_i) with γ = {@code --learning-rate}
 * (0.005) and λ = {@code --reg} (0.02). Surprise's SGD default is 20 epochs; pass {@code --epochs 20}.
 *
 * <p>Deviation: none in the math; both are deterministic (no random choice, so no seed), and SGD visits
 * the ratings in the training data's row order as Surprise visits its trainset.
 * Reference: Surprise, "Baselines estimates configuration",
 * https://surprise.readthedocs.io/en/stable/prediction_algorithms.html#baselines-estimates-configuration
 */
final class BaselineTrainer implements Trainer {
  private final Params params;

  BaselineTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return BaselineModel.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    Ratings r = train.ratings();
    int epochs = params.getInt("epochs");
    boolean als = params.getString("method").equals("als");
    float mu = (float) r.mean();
    double[] bu = new double[train.numUsers()];
    double[] bi = new double[train.numItems()];
    float[] scale = Biases.scale(r);
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    listener.started(kind() + " (" + (als ? "ALS" : "SGD") + ")", epochs);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long e0 = System.nanoTime();
      if (als) {
        alsEpoch(r, mu, bu, bi);
      } else {
        sgdEpoch(r, mu, bu, bi);
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      Biases.Predictor p = (u, i) -> (float) (mu + bu[u] + bi[i]);
      metrics.put("rmse", Biases.rmse(p, r, scale[0], scale[1]));
      if (validation != null) {
        metrics.put("val_rmse", Biases.rmse(p, validation, scale[0], scale[1]));
      }
      history.add(new ModelInfo.EpochRecord(epoch, (System.nanoTime() - e0) / 1e9, metrics));
      listener.progress(epoch, metrics.get("rmse"));
      listener.epochEnded(epoch, metrics);
    }
    listener.finished();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new BaselineModel(train.users(), train.items(), ModelInfo.of(kind(), params, 0, train, seconds, history),
        mu, toFloat(bu), toFloat(bi), TrainingItems.of(r));
  }

  private void alsEpoch(Ratings r, float mu, double[] bu, double[] bi) {
    double regI = params.getDouble("reg-item");
    double regU = params.getDouble("reg-user");
    int[] users = r.users();
    int[] items = r.items();
    float[] ratings = r.ratings();
    CsrIndex byItem = r.byItem();
    int[] ip = byItem.positions();
    for (int i = 0; i < bi.length; i++) {
      double dev = 0;
      for (int q = byItem.start(i); q < byItem.end(i); q++) {
        int p = ip[q];
        dev += ratings[p] - mu - bu[users[p]];
      }
      bi[i] = dev / (regI + byItem.count(i));
    }
    CsrIndex byUser = r.byUser();
    int[] up = byUser.positions();
    for (int u = 0; u < bu.length; u++) {
      double dev = 0;
      for (int q = byUser.start(u); q < byUser.end(u); q++) {
        int p = up[q];
        dev += ratings[p] - mu - bi[items[p]];
      }
      bu[u] = dev / (regU + byUser.count(u));
    }
  }

  private void sgdEpoch(Ratings r, float mu, double[] bu, double[] bi) {
    double lr = params.getDouble("learning-rate");
    double reg = params.getDouble("reg");
    int[] users = r.users();
    int[] items = r.items();
    float[] ratings = r.ratings();
    for (int p = 0; p < ratings.length; p++) {
      int u = users[p];
      int i = items[p];
      double err = ratings[p] - (mu + bu[u] + bi[i]);
      bu[u] += lr * (err - reg * bu[u]);
      bi[i] += lr * (err - reg * bi[i]);
    }
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
