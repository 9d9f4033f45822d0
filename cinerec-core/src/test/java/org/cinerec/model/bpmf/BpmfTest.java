package org.cinerec.model.bpmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.math.Dense;
import org.cinerec.math.Rng;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.PredictionSpread;
import org.cinerec.model.UserScorer;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpmfTest {
  static Dataset data;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("bpmf", 120, 300, 6_000), 3, Progress.NONE);
  }

  /**
   * One user's conditional, by hand: prior μ = (1, −1), Λ = diag(2, 1); α = 2; ratings with features
   * f₁ = (1, 0), target 3 and f₂ = (1, 1), target 1. Precision {@code Λ* = Λ + α(f₁f₁ᵀ + f₂f₂ᵀ) = [[6, 2],
   * [2, 3]]}, {@code Λμ + α(3f₁ + f₂) = (10, 1)}, so the mean is {@code (2, −1)} and the covariance
   * {@code Λ*⁻¹ = [[3, −2], [−2, 6]] / 14}. The mean comes out exactly; 40,000 draws (each from its own
   * stream, as training makes them) have that mean and covariance.
   */
  @Test
  void aUsersDrawHasTheHandComputedPosteriorMeanAndCovariance() {
    Gibbs.Hyper h = new Gibbs.Hyper(new double[] {1, -1}, new double[] {2, 0, 0, 1});
    double[] a = new double[4];
    double[] b = new double[2];
    condition(h, a, b);
    Gibbs.finish(a, b, 2, null);
    assertEquals(2.0, b[0], 1e-12);
    assertEquals(-1.0, b[1], 1e-12);
    int n = 40_000;
    double[] sum = new double[2];
    double[] sq = new double[3];
    for (int t = 0; t < n; t++) {
      condition(h, a, b);
      Gibbs.finish(a, b, 2, new Rng(Gibbs.stream(42, t, BpmfTrainer.USERS, 0)));
      double x = b[0] - 2;
      double y = b[1] + 1;
      sum[0] += x;
      sum[1] += y;
      sq[0] += x * x;
      sq[1] += x * y;
      sq[2] += y * y;
    }
    assertEquals(0, sum[0] / n, 0.01);
    assertEquals(0, sum[1] / n, 0.01);
    assertEquals(3.0 / 14, sq[0] / n, 0.01);
    assertEquals(-2.0 / 14, sq[1] / n, 0.01);
    assertEquals(6.0 / 14, sq[2] / n, 0.01);
  }

  private static void condition(Gibbs.Hyper h, double[] a, double[] b) {
    Gibbs.start(h, 2, a, b);
    float[][] f = {{1, 0}, {1, 1}};
    double[] t = {3, 1};
    for (int r = 0; r < 2; r++) {
      Dense.addOuterLower(a, 2, f[r], 0, 2.0);
      Dense.addScaled(b, f[r], 0, 2, 2.0 * t[r]);
    }
  }

  /**
   * The hyperparameters' draw: for rows with mean x̄ and scatter N S̄, the Wishart draw's mean is ν* W* with
   * {@code W* = (I + N S̄ + β₀N/(β₀+N) x̄x̄ᵀ)⁻¹}. Rows (1, 0), (3, 0), (2, 2) and (2, −2) (one not counted:
   * its count is 0): N = 4, x̄ = (2, 0), N S̄ = diag(2, 8), β₀ = 2 so β₀N/(β₀+N) = 4/3; W*⁻¹ = [[1 + 2 +
   * 16/3, 0], [0, 9]], ν* = 2 + 4 = 6: E[Λ] = diag(6 / (25/3), 6/9) = diag(0.72, 2/3); E[μ] = N x̄ / (β₀ + N)
   * = (4/3, 0).
   */
  @Test
  void theHyperparametersDrawHasTheNormalWishartPosteriorMean() {
    float[] x = {1, 0, 3, 0, 2, 2, 2, -2, 50, 50};
    int[] counts = {1, 1, 1, 1, 0};
    int n = 20_000;
    double[] lambda = new double[4];
    double[] mu = new double[2];
    for (int t = 0; t < n; t++) {
      Gibbs.Hyper h = Gibbs.hyper(x, counts, 2, 2.0, new Rng(Gibbs.stream(7, t, BpmfTrainer.USERS, -1)));
      for (int j = 0; j < 4; j++) {
        lambda[j] += h.precision()[j] / n;
      }
      mu[0] += h.mean()[0] / n;
      mu[1] += h.mean()[1] / n;
    }
    assertEquals(0.72, lambda[0], 0.72 * 0.02);
    assertEquals(2.0 / 3, lambda[3], 2.0 / 3 * 0.02);
    assertEquals(0, lambda[1], 0.02);
    assertEquals(lambda[1], lambda[2], 1e-12);
    assertEquals(4.0 / 3, mu[0], 0.02);
    assertEquals(0, mu[1], 0.02);
  }

  @Test
  void gammaDrawsHaveTheirMeanAndVariance() {
    Rng rng = new Rng(5);
    for (double shape : new double[] {0.5, 1, 3.5, 40}) {
      int n = 50_000;
      double s = 0;
      double sq = 0;
      for (int t = 0; t < n; t++) {
        double g = Gibbs.gamma(rng, shape);
        s += g;
        sq += g * g;
      }
      double mean = s / n;
      assertEquals(shape, mean, 0.03 * shape, "mean, shape " + shape);
      assertEquals(shape, sq / n - mean * mean, 0.06 * shape, "variance, shape " + shape);
    }
  }

  static BpmfModel fit(int threads, Map<String, String> extra) {
    Map<String, String> p = new java.util.HashMap<>(extra);
    p.put("threads", Integer.toString(threads));
    p.putIfAbsent("samples", "20");
    p.putIfAbsent("burn-in", "10");
    return (BpmfModel) ModelFamilies.trainer("bpmf", p).fit(data);
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    for (Map<String, String> p : java.util.List.of(Map.<String, String>of(), Map.of("biases", "false", "thin", "2"))) {
      BpmfModel one = fit(1, p);
      BpmfModel two = fit(2, p);
      assertArrayEquals(one.parts().userRows(), two.parts().userRows(), p.toString());
      assertArrayEquals(one.parts().itemRows(), two.parts().itemRows(), p.toString());
      assertArrayEquals(one.parts().userHyper(), two.parts().userHyper(), p.toString());
    }
  }

  /**
   * α is a precision on a 0.5..5 span: the same ratings twice as wide (1..10) give twice the predictions, so a
   * default means the same on any scale (with α itself the wider scale's noise was under-counted 4 times over:
   * on ml-latest-small doubled, RMSE 1.9012 against 2 × 0.8405).
   */
  @Test
  void ratingsOnAScaleTwiceAsWideGiveTwiceThePredictions() {
    RatingScale s = data.scale();
    assertEquals(0.405, BpmfTrainer.precision(2.0, new RatingScale(0, 10, 1, s.source())), 1e-3);
    assertEquals(2.0, BpmfTrainer.precision(2.0, new RatingScale(0.5, 5, 0.5, s.source())), 1e-12);
    Ratings r = data.ratings();
    float[] doubled = r.ratings().clone();
    for (int n = 0; n < doubled.length; n++) {
      doubled[n] *= 2;
    }
    Dataset wide = data.withRatings(new Ratings(r.users(), r.items(), doubled, r.packedTimestamps(), r.numUsers(),
        r.numItems())).withScale(new RatingScale(2 * s.min(), 2 * s.max(), 2 * s.step(), s.source()));
    Map<String, String> p = Map.of("threads", "2", "samples", "20", "burn-in", "10");
    BpmfModel narrow = (BpmfModel) ModelFamilies.trainer("bpmf", p).fit(data);
    BpmfModel twice = (BpmfModel) ModelFamilies.trainer("bpmf", p).fit(wide);
    double sse = 0;
    double sseWide = 0;
    for (int n = 0; n < r.size(); n++) {
      double e = r.rating(n) - narrow.predict(r.user(n), r.item(n));
      double ew = doubled[n] - twice.predict(r.user(n), r.item(n));
      sse += e * e;
      sseWide += ew * ew;
    }
    double ratio = Math.sqrt(sseWide / sse);
    // 2.13 here (a short chain from an unscaled start); α itself on the doubled scale gave 1.15: fitting the noise
    assertTrue(Math.abs(ratio - 2) < 0.15, "training RMSE on the doubled scale is " + ratio + " times the other's");
  }

  @Test
  void theSamplesFitTheTrainingRatingsBetterThanTheMeanAndPredictTheirAverage() {
    BpmfModel m = fit(2, Map.of());
    Ratings r = data.ratings();
    double sse = 0;
    double sseMean = 0;
    for (int n = 0; n < r.size(); n++) {
      double e = r.rating(n) - m.predict(r.user(n), r.item(n));
      double e0 = r.rating(n) - r.mean();
      sse += e * e;
      sseMean += e0 * e0;
    }
    assertTrue(sse < 0.7 * sseMean, "training RMSE " + Math.sqrt(sse / r.size()) + " against the mean's "
        + Math.sqrt(sseMean / r.size()));
    // the prediction is the average of the per-sample predictions, clipped once
    BpmfModel.Parts p = m.parts();
    int w = BpmfModel.width(p.dim(), p.biases());
    int u = r.user(0);
    int i = r.item(0);
    double avg = 0;
    for (int s = 0; s < p.samples(); s++) {
      for (int j = 0; j < w; j++) {
        avg += (double) p.userRows()[(u * p.samples() + s) * w + j] * p.itemRows()[(i * p.samples() + s) * w + j];
      }
    }
    avg = p.globalMean() + avg / p.samples();
    assertEquals(Math.max(p.minRating(), Math.min(p.maxRating(), avg)), m.predict(u, i), 1e-4);
  }

  /**
   * Folding a training user's own ratings in gives nearly what training learned for them (conditional means
   * given the same movie samples, against draws), and a history of one movie is less certain than the full one.
   */
  @Test
  void foldingInATrainingUsersRatingsGivesNearlyTheirTrainedPredictionsAndAShortHistoryIsLessCertain() {
    BpmfModel m = fit(2, Map.of("samples", "50"));
    Ratings r = data.ratings();
    CsrIndex byUser = r.byUser();
    int n = m.items().size();
    double diff = 0;
    int count = 0;
    double spreadFull = 0;
    double spreadOne = 0;
    for (int u = 0; u < m.users().size(); u += 10) {
      int[] items = new int[byUser.count(u)];
      float[] ratings = new float[items.length];
      for (int p = byUser.start(u), k = 0; p < byUser.end(u); p++, k++) {
        items[k] = r.item(byUser.positions()[p]);
        ratings[k] = r.rating(byUser.positions()[p]);
      }
      UserScorer folded = m.foldIn(History.of(items, ratings));
      UserScorer one = m.foldIn(History.of(new int[] {items[0]}, new float[] {ratings[0]}));
      for (int i = 0; i < n; i++) {
        if (m.knowsItem(i)) {
          diff += Math.abs(folded.predict(i) - m.predict(u, i));
          spreadFull += ((PredictionSpread) folded).spread(i);
          spreadOne += ((PredictionSpread) one).spread(i);
          count++;
        }
      }
      float[] scores = new float[n];
      folded.scoreItems(scores);
      BpmfModel.Parts pp = m.parts();
      assertEquals(Math.max(pp.minRating(), Math.min(pp.maxRating(), scores[items[0]])), folded.predict(items[0]), 1e-4f);
    }
    assertTrue(diff / count < 0.08, "mean |folded − trained| " + diff / count);
    assertTrue(spreadOne > 1.2 * spreadFull, "spread with one rating " + spreadOne / count + ", with all "
        + spreadFull / count);
    assertTrue(((PredictionSpread) m.scorer(0)).spread(0) >= 0);
  }
}
