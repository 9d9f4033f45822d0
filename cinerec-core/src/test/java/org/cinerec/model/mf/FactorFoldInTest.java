package org.cinerec.model.mf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Vectors;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fold-in of the factor families ({@link FactorModel#foldIn}): the solves by hand, the exact families
 * (als, ials at convergence) giving back their trained users, and the SGD families (mf, svdpp) reaching
 * the minimum of the objective they descend.
 */
class FactorFoldInTest {

  static FactorModel fit(String kind, Dataset d, Map<String, String> params) {
    return (FactorModel) ModelFamilies.trainer(kind, params).fit(d);
  }

  static History history(Ratings r, int user) {
    CsrIndex byUser = r.byUser();
    int n = byUser.count(user);
    int[] items = new int[n];
    float[] ratings = new float[n];
    for (int t = 0; t < n; t++) {
      int p = byUser.positions()[byUser.start(user) + t];
      items[t] = r.item(p);
      ratings[t] = r.rating(p);
    }
    return History.of(items, ratings);
  }

  static float[] scores(UserScorer s, int n) {
    float[] out = new float[n];
    s.scoreItems(out);
    return out;
  }

  /** Two users who rated all three movies, so every movie is known. */
  static Dataset threeMovies() {
    return Fixtures.dataset(2, 3, new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 2},
        new float[] {4, 2, 3, 5, 1, 3});
  }

  @Test
  void aBiasedRidgeSolveByHand() {
    FactorModel trained = fit("mf", threeMovies(), Map.of("factors", "1", "reg", "0.5", "epochs", "1"));
    // k = 1, μ = 3, q = (1, 2, 0.5), b_i = (0.5, −0.5, 0); history: movie 0 rated 4, movie 1 rated 2; λ n = 1
    FactorModel m = new FactorModel("mf", trained.users(), trained.items(), trained.info(), new FactorModel.Parts(1,
        new float[2], new float[] {1, 2, 0.5f}, new float[2], new float[] {0.5f, -0.5f, 0}, 3f, 1f, 5f, true,
        trained.parts().rated(), null, Map.of()));
    // features (q_i, 1), targets r − μ − b_i = 0.5, −0.5: [[6, 3], [3, 3]] (x, b) = (−0.5, 0)
    // det 9: x = −1.5 / 9 = −1/6, b = 1.5 / 9 = 1/6
    float[] w = m.foldInVector(History.of(new int[] {1, 0}, new float[] {2, 4}));
    assertEquals(-1.0 / 6, w[0], 1e-6);
    assertEquals(1.0 / 6, w[1], 1e-6);
    UserScorer s = m.foldIn(History.of(new int[] {0, 1}, new float[] {4, 2}));
    assertEquals(3 + 1.0 / 6 - 0.5 / 6, s.predict(2), 1e-6); // μ + b + b_2 + x q_2 = 3.083333
    assertEquals(3 + 1.0 / 6, s.predict(-1), 1e-6);
    assertEquals(s.predict(2), scores(s, 3)[2]);
  }

  @Test
  void anImplicitSolveByHand() {
    Dataset d = Fixtures.dataset(2, 2, new int[] {0, 1}, new int[] {0, 1}, new float[] {1, 1});
    FactorModel trained = fit("ials", d, Map.of("factors", "1", "reg", "1", "alpha", "1", "iterations", "1"));
    FactorModel m = new FactorModel("ials", trained.users(), trained.items(), trained.info(), new FactorModel.Parts(1,
        new float[2], new float[] {1, 2}, null, null, 0f, 1f, 1f, false, trained.parts().rated(),
        new float[] {1, 1}, Map.of()));
    // (YᵀY + α r y y + λ) x = (1 + α r) y: (5 + 4 + 1) x = 2·2, x = 0.4
    UserScorer s = m.foldIn(History.of(new int[] {1}, new float[] {1}));
    assertEquals(0.4, s.predict(0), 1e-6);
    assertEquals(0.8, s.predict(1), 1e-6);
    assertEquals(0f, s.predict(-1));
    assertArrayEquals(new float[] {s.predict(0), s.predict(1)}, scores(s, 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void alsFoldingInATrainingUsersRatingsGivesBackTheTrainedVector(String biases) {
    Fixtures.Planted p = Fixtures.planted(5, 60, 40, 3, 0.4);
    FactorModel m = fit("als", p.train(), Map.of("factors", "4", "iterations", "6", "biases", biases, "threads", "1"));
    Ratings r = p.train().ratings();
    int k = 4;
    float[] userFactors = m.parts().userFactors();
    for (int u = 0; u < 60; u++) {
      if (r.byUser().count(u) == 0) {
        continue;
      }
      float[] w = m.foldInVector(history(r, u));
      for (int f = 0; f < k; f++) {
        assertEquals(userFactors[u * k + f], w[f], 1e-4, "user " + u + " factor " + f);
      }
      if (biases.equals("true")) {
        assertEquals(m.parts().userBias()[u], w[k], 1e-4, "user " + u + " bias");
      }
      assertArrayEquals(scores(m.scorer(u), 40), scores(m.foldIn(history(r, u)), 40), 1e-4f, "user " + u);
    }
  }

  @Test
  void ialsFoldingInATrainingUsersRatingsGivesBackTheTrainedVectorOnceTrainingHasConverged() {
    // exact CG (twice as many steps as factors) and enough iterations that the items stop moving: the trained
    // user vectors are then the exact user step that fold-in solves (after 20 iterations they still differ
    // by 1e-2, after 200 by 4e-6)
    Fixtures.Planted p = Fixtures.planted(6, 50, 30, 3, 0.3);
    int k = 4;
    FactorModel m = fit("ials", p.train(), Map.of("factors", "4", "iterations", "200", "cg-steps", "8",
        "reg", "0.5", "alpha", "2", "threads", "1"));
    Ratings r = p.train().ratings();
    float[] userFactors = m.parts().userFactors();
    double worst = 0;
    for (int u = 0; u < 50; u++) {
      if (r.byUser().count(u) == 0) {
        continue;
      }
      float[] w = m.foldInVector(history(r, u));
      for (int f = 0; f < k; f++) {
        worst = Math.max(worst, Math.abs(userFactors[u * k + f] - w[f]));
      }
    }
    assertTrue(worst < 1e-4, "largest difference " + worst);
  }

  /**
   * The objective SGD descends for one user with the items fixed: Σ (r − μ − b_i − b − q_i·(x + z))² +
   * λ n (‖x‖² + b²), with x the user's own vector (the effective one minus the svdpp implicit part z).
   */
  static double objective(FactorModel m, History h, float[] x, float b, float[] z, double lambda) {
    int k = m.parts().dim();
    float[] q = m.parts().itemFactors();
    double sum = 0;
    for (int t = 0; t < h.size(); t++) {
      int i = h.item(t);
      double s = m.parts().globalMean() + m.parts().itemBias()[i] + b;
      for (int f = 0; f < k; f++) {
        s += (double) q[i * k + f] * (x[f] + (z == null ? 0 : z[f]));
      }
      sum += (h.rating(t) - s) * (h.rating(t) - s);
    }
    double norm = Vectors.norm(x, 0, k);
    return sum + lambda * h.size() * (norm * norm + (double) b * b);
  }

  static float[] implicitPart(FactorModel m, History h) {
    int k = m.parts().dim();
    float[] y = m.parts().extras().get("y");
    if (y == null) {
      return null;
    }
    float[] z = new float[k];
    for (int t = 0; t < h.size(); t++) {
      Vectors.axpy((float) (1 / Math.sqrt(h.size())), y, h.item(t) * k, z, 0, k);
    }
    return z;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp"})
  void sgdFamiliesFoldInToTheMinimumOfTheObjectiveTheyDescend(String kind) {
    Fixtures.Planted p = Fixtures.planted(7, 60, 40, 3, 0.4);
    FactorModel m = fit(kind, p.train(), Map.of("factors", "5", "epochs", "30", "reg", "0.05"));
    Ratings r = p.train().ratings();
    int k = 5;
    for (int u = 0; u < 60; u++) {
      if (r.byUser().count(u) == 0) {
        continue;
      }
      History h = history(r, u);
      float[] z = implicitPart(m, h);
      float[] w = m.foldInVector(h);
      float[] x = java.util.Arrays.copyOf(w, k);
      if (z != null) {
        Vectors.axpy(-1f, z, 0, x, 0, k);
      }
      double folded = objective(m, h, x, w[k], z, 0.05);
      float[] trained = java.util.Arrays.copyOfRange(m.parts().userFactors(), u * k, (u + 1) * k);
      if (z != null) {
        Vectors.axpy(-1f, z, 0, trained, 0, k);
      }
      double atTrained = objective(m, h, trained, m.parts().userBias()[u], z, 0.05);
      double atFallback = objective(m, h, new float[k], 0f, z, 0.05);
      assertTrue(folded <= atTrained * (1 + 1e-5), kind + " user " + u + ": " + folded + " > trained " + atTrained);
      assertTrue(folded < atFallback, kind + " user " + u + ": " + folded + " >= fallback " + atFallback);
      // nudging the solution in any coordinate only raises the objective: a minimum
      for (int f = 0; f <= k; f++) {
        for (float e : new float[] {-1e-2f, 1e-2f}) {
          float[] x2 = x.clone();
          float b2 = w[k];
          if (f < k) {
            x2[f] += e;
          } else {
            b2 += e;
          }
          assertTrue(objective(m, h, x2, b2, z, 0.05) >= folded, kind + " user " + u + " coordinate " + f);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void moviesWithoutTrainingRatingsAreLeftOutAndPredictionsMatchScores(String kind) {
    Fixtures.Planted p = Fixtures.planted(8, 30, 25, 2, 0.5);
    // movie 24 loses its training ratings: the model learns nothing about it
    Ratings all = p.train().ratings();
    int[] keep = java.util.stream.IntStream.range(0, all.size()).filter(n -> all.item(n) != 24).toArray();
    Ratings kept = all.select(keep);
    float[] positive = kept.ratings().clone(); // ials needs ratings >= 0
    for (int n = 0; n < positive.length; n++) {
      positive[n] = Math.max(0.5f, positive[n]);
    }
    Dataset d = p.train().withRatings(new Ratings(kept.users(), kept.items(), positive, kept.packedTimestamps(),
        kept.numUsers(), kept.numItems()));
    FactorModel m = fit(kind, d, Map.of("factors", "3"));
    assertFalse(m.knowsItem(24));
    assertNull(m.foldInVector(History.of(new int[] {24}, new float[] {5})));
    assertFalse(m.foldIn(History.of(new int[] {24}, new float[] {5})).personal());
    History h = History.of(new int[] {1, 5, 9}, new float[] {4, 2, 5});
    History withCold = History.of(new int[] {1, 5, 9, 24}, new float[] {4, 2, 5, 1});
    assertArrayEquals(scores(m.foldIn(h), 25), scores(m.foldIn(withCold), 25));
    UserScorer s = m.foldIn(h);
    float[] sc = scores(s, 25);
    for (int i = 0; i < 24; i++) {
      float clipped = Math.max(m.parts().minRating(), Math.min(m.parts().maxRating(), sc[i]));
      float want = m.predictsRatings() ? clipped : sc[i];
      assertEquals(want, s.predict(i), 1e-6f, kind + " movie " + i);
    }
  }

  @Test
  void aFormatOneMfFileFoldsIn() throws Exception {
    Recommender m = ModelFiles.load(Path.of(getClass().getResource("/fixtures/compat-v1/v1-mf.cinerec").toURI()))
        .model();
    UserScorer s = m.foldIn(History.of(new int[] {0, 1}, new float[] {5, 4.5f}));
    assertTrue(s.personal());
    assertTrue(Float.isFinite(s.predict(0)));
  }
}
