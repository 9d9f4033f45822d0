package org.cinerec.model.mf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.junit.jupiter.api.Test;

class SvdppTest {

  /**
   * The cached per-user implicit sum is exact: the trained model predicts what a direct port of Surprise's
   * SVDpp loop (every y_j updated at every rating, double precision, same initial values and order) does.
   */
  @Test
  void matchesADirectPortOfSurprisesPerRatingLoop() {
    long seed = 5;
    System.out.println("seed " + seed);
    Fixtures.Planted planted = Fixtures.planted(seed, 25, 18, 2, 0.6);
    Ratings r = planted.train().ratings();
    int k = 3;
    int epochs = 15;
    double lr = 0.007;
    double reg = 0.02;
    Recommender m = ModelFamilies.trainer("svdpp", Map.of("factors", "3", "epochs", "15", "order", "by-user",
        "seed", "9")).fit(planted.train());

    int nu = r.numUsers();
    int ni = r.numItems();
    Rng rng = new Rng(9);
    float[] pf = new float[nu * k];
    float[] qf = new float[ni * k];
    float[] yf = new float[ni * k];
    rng.split().fillGaussian(pf, 0, 0.1);
    rng.split().fillGaussian(qf, 0, 0.1);
    rng.split().fillGaussian(yf, 0, 0.1);
    double[] p = toDouble(pf);
    double[] q = toDouble(qf);
    double[] y = toDouble(yf);
    double[] bu = new double[nu];
    double[] bi = new double[ni];
    double mu = (float) r.mean();
    CsrIndex byUser = r.byUser();
    int[] pos = byUser.positions();
    for (int e = 0; e < epochs; e++) {
      for (int u = 0; u < nu; u++) {
        int n = byUser.count(u);
        if (n == 0) {
          continue;
        }
        double sqrt = Math.sqrt(n);
        for (int t = byUser.start(u); t < byUser.end(u); t++) {
          int row = pos[t];
          int i = r.item(row);
          double[] imp = new double[k];
          for (int s = byUser.start(u); s < byUser.end(u); s++) {
            int j = r.item(pos[s]);
            for (int f = 0; f < k; f++) {
              imp[f] += y[j * k + f] / sqrt;
            }
          }
          double dot = 0;
          for (int f = 0; f < k; f++) {
            dot += q[i * k + f] * (p[u * k + f] + imp[f]);
          }
          double err = r.rating(row) - (mu + bu[u] + bi[i] + dot);
          bu[u] += lr * (err - reg * bu[u]);
          bi[i] += lr * (err - reg * bi[i]);
          for (int f = 0; f < k; f++) {
            double puf = p[u * k + f];
            double qif = q[i * k + f];
            p[u * k + f] += lr * (err * qif - reg * puf);
            q[i * k + f] += lr * (err * (puf + imp[f]) - reg * qif);
            for (int s = byUser.start(u); s < byUser.end(u); s++) {
              int j = r.item(pos[s]);
              y[j * k + f] += lr * (err * qif / sqrt - reg * y[j * k + f]);
            }
          }
        }
      }
    }
    for (int u = 0; u < nu; u++) {
      int n = byUser.count(u);
      for (int i = 0; i < ni; i++) {
        double s = mu + bu[u] + bi[i];
        for (int f = 0; f < k; f++) {
          double imp = 0;
          for (int t = byUser.start(u); t < byUser.end(u); t++) {
            imp += y[r.item(pos[t]) * k + f] / Math.sqrt(n);
          }
          s += q[i * k + f] * (p[u * k + f] + imp);
        }
        FactorModel f = (FactorModel) m;
        double clipped = Math.max(f.parts().minRating(), Math.min(f.parts().maxRating(), s));
        assertEquals(clipped, m.predict(u, i), 2e-4, "predict(" + u + "," + i + ")");
      }
    }
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
