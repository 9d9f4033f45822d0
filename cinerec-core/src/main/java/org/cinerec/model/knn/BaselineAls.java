package org.cinerec.model.knn;

import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/**
 * Baseline estimates {@code b_ui = μ + b_u + b_i} fitted by alternating least squares exactly as
 * Surprise's {@code BaselineOnly(method="als")} (Koren 2010, section 2.1): each epoch first sets every
 * item bias, then every user bias, to its regularised least-squares value given the other:
 *
 * <pre>
 *   b_i = Σ_{u ∈ R(i)} (r_ui − μ − b_u) / (λ_i + |R(i)|)
 *   b_u = Σ_{i ∈ R(u)} (r_ui − μ − b_i) / (λ_u + |R(u)|)
 * </pre>
 *
 * Package-private stand-in: to be replaced by the shared {@code baseline} model's fitting code when it
 * lands, so there is one copy.
 */
final class BaselineAls {
  final double mu;
  final double[] userBias;
  final double[] itemBias;

  private BaselineAls(double mu, double[] userBias, double[] itemBias) {
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
  }

  /** Callback after each epoch with the training RMSE of the baseline so far. */
  interface EpochCallback {
    void epochDone(int epoch, double trainRmse);
  }

  static BaselineAls fit(Ratings ratings, double regItems, double regUsers, int epochs, EpochCallback callback) {
    int[] users = ratings.users();
    int[] items = ratings.items();
    float[] r = ratings.ratings();
    double mu = ratings.mean();
    double[] bu = new double[ratings.numUsers()];
    double[] bi = new double[ratings.numItems()];
    CsrIndex byItem = ratings.byItem();
    CsrIndex byUser = ratings.byUser();
    int[] itemPos = byItem.positions();
    int[] userPos = byUser.positions();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      for (int i = 0; i < bi.length; i++) {
        double dev = 0;
        for (int q = byItem.start(i); q < byItem.end(i); q++) {
          int p = itemPos[q];
          dev += r[p] - mu - bu[users[p]];
        }
        bi[i] = dev / (regItems + byItem.count(i));
      }
      for (int u = 0; u < bu.length; u++) {
        double dev = 0;
        for (int q = byUser.start(u); q < byUser.end(u); q++) {
          int p = userPos[q];
          dev += r[p] - mu - bi[items[p]];
        }
        bu[u] = dev / (regUsers + byUser.count(u));
      }
      if (callback != null) {
        double se = 0;
        for (int p = 0; p < r.length; p++) {
          double e = r[p] - mu - bu[users[p]] - bi[items[p]];
          se += e * e;
        }
        callback.epochDone(epoch, Math.sqrt(se / Math.max(1, r.length)));
      }
    }
    return new BaselineAls(mu, bu, bi);
  }
}
