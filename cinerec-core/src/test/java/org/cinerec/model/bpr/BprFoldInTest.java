package org.cinerec.model.bpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.math.Rng;
import org.cinerec.model.History;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.UserScorer;
import org.cinerec.modeltest.ColdUsers;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;

/** BPR fold-in: gradient ascent on the user's BPR-Opt with the items fixed ({@link BprFoldIn}). */
class BprFoldInTest {

  /** A small random problem: 40 items, f = 6, positives {3, 8, 21}. */
  static BprFoldIn problem(double reg) {
    Rng rng = new Rng(5);
    float[] q = new float[40 * 6];
    rng.fillGaussian(q, 0, 0.5);
    float[] b = new float[40];
    rng.fillGaussian(b, 0, 0.3);
    return new BprFoldIn(6, q, b, new int[] {3, 8, 21}, reg, 9);
  }

  @Test
  void theGradientMatchesFiniteDifferencesOfTheObjective() {
    BprFoldIn fi = problem(0.05);
    Rng rng = new Rng(3);
    double[] p = new double[6];
    for (int a = 0; a < 6; a++) {
      p[a] = rng.nextGaussian();
    }
    double[] g = new double[6];
    fi.gradient(p, g);
    for (int a = 0; a < 6; a++) {
      double[] hi = p.clone();
      double[] lo = p.clone();
      hi[a] += 1e-5;
      lo[a] -= 1e-5;
      double fd = (fi.objective(hi) - fi.objective(lo)) / 2e-5;
      assertEquals(fd, g[a], 1e-6 * Math.max(1, Math.abs(fd)), "component " + a);
    }
  }

  @Test
  void everyStepRaisesTheObjectiveAndTheCurvatureBoundHolds() {
    BprFoldIn fi = problem(0.005);
    double last = fi.objective(new double[6]);
    for (int steps = 1; steps <= BprFoldIn.STEPS; steps++) {
      double now = fi.objective(fi.ascend(steps));
      assertTrue(now >= last - 1e-12, "step " + steps + ": " + now + " < " + last);
      last = now;
    }
    assertTrue(last > fi.objective(new double[6]) + 0.05, "fold-in beats p = 0 (the fallback): " + last);
  }

  @Test
  void theSameRatedMoviesGiveTheSameScoresBitForBitWhateverTheOrderOrTheRatings() {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = BprModelTest.fit(d, 1);
    int n = m.items().size();
    float[] a = new float[n];
    float[] b = new float[n];
    m.foldIn(History.of(new int[] {5, 0, 1}, new float[] {4, 5, 5})).scoreItems(a);
    m.foldIn(History.of(new int[] {1, 5, 0}, new float[] {1, 2, 3})).scoreItems(b);
    assertArrayEquals(a, b);
    UserScorer s = m.foldIn(History.of(new int[] {0, 1}, new float[] {5, 5}));
    s.scoreItems(b);
    for (int i = -1; i < n; i++) {
      assertEquals(i < 0 ? 0f : b[i], s.predict(i));
    }
  }

  @Test
  void aFoldedInComedyFanGetsComedies() {
    Dataset d = ModelChecks.genreFixture();
    for (long seed = 1; seed <= 3; seed++) {
      Recommender m = BprModelTest.fit(d, seed);
      float[] s = new float[m.items().size()];
      m.foldIn(History.of(new int[] {0, 1}, new float[] {5, 5})).scoreItems(s);
      s[0] = Float.NEGATIVE_INFINITY;
      s[1] = Float.NEGATIVE_INFINITY;
      int[] top = org.cinerec.math.TopK.select(s, 2);
      for (int i : top) {
        assertTrue(i == 2 || i == 3, "seed " + seed + ": expected comedies 2 and 3, got item " + i);
      }
    }
  }

  @Test
  void foldingInRanksHeldOutMoviesBetterThanTheBiasesAndAsWellAsRetrainingOnRealData() {
    Dataset all = DataSources.load(SharedData.mlLatestSmall());
    ColdUsers cold = new ColdUsers(all, 0.1, 40, 42, ColdUsers.Order.RANDOM);
    Recommender m = ModelFamilies.trainer("bpr", Map.of()).fit(cold.train);
    // measured NDCG@10 (43 users): 5 ratings 0.576 against b_i's 0.495; 20 ratings 0.581 against 0.428,
    // the model retrained with those 20 ratings 0.581
    double folded5 = cold.foldedNdcg(m, 5);
    double fallback5 = cold.fallbackNdcg(m, 5);
    assertTrue(folded5 > 1.05 * fallback5, "5 ratings: fold-in NDCG@10 " + folded5 + " vs b_i " + fallback5);
    double folded = cold.foldedNdcg(m, 20);
    double fallback = cold.fallbackNdcg(m, 20);
    assertTrue(folded > 1.2 * fallback, "20 ratings: fold-in NDCG@10 " + folded + " vs b_i " + fallback);
    Recommender retrained = ModelFamilies.trainer("bpr", Map.of()).fit(cold.trainWithGiven(20));
    double re = cold.retrainedNdcg(retrained, 20);
    System.out.printf(java.util.Locale.ROOT, "bpr NDCG@10: 5 ratings %.4f (b_i %.4f); 20 ratings %.4f (b_i %.4f, retrained %.4f)%n", folded5,
        fallback5, folded, fallback, re);
    assertTrue(folded > 0.93 * re, "20 ratings: fold-in NDCG@10 " + folded + " vs retrained " + re);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int given : new int[] {5, 20, 200}) {
      long t0 = cpu.getCurrentThreadCpuTime();
      int[] users = cold.users();
      for (int u : users) {
        m.foldIn(cold.given(u, given));
      }
      System.out.printf(java.util.Locale.ROOT, "bpr fold-in of %d ratings (64 factors, %d movies): %.2f ms CPU each%n", given,
          m.items().size(), (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / users.length);
    }
  }
}
