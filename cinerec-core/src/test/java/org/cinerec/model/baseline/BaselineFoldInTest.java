package org.cinerec.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.Test;

/** Fold-in of the popularity and baseline models: the formulas by hand, and training users given back. */
class BaselineFoldInTest {

  static History history(Ratings r, int user) {
    CsrIndex byUser = r.byUser();
    int n = byUser.count(user);
    int[] items = new int[n];
    float[] ratings = new float[n];
    for (int k = 0; k < n; k++) {
      int p = byUser.positions()[byUser.start(user) + k];
      items[k] = r.item(p);
      ratings[k] = r.rating(p);
    }
    return History.of(items, ratings);
  }

  static float[] scores(UserScorer s, int n) {
    float[] out = new float[n];
    s.scoreItems(out);
    return out;
  }

  @Test
  void popularityGivesAHistoryWhatEveryUserGets() {
    // movie 2 has no training rating
    Recommender m = ModelFamilies.trainer("popularity", Map.of("score", "bayes")).fit(PopularityTest.DATA);
    UserScorer s = m.foldIn(History.of(new int[] {3, 0}, new float[] {5, 1}));
    assertTrue(s.personal(), "known by a history, as a training user is by training");
    assertFalse(m.ranksPersonally());
    assertArrayEquals(scores(m.scorer(-1), 4), scores(s, 4));
    assertArrayEquals(scores(m.scorer(1), 4), scores(s, 4));
    for (int i = -1; i < 4; i++) {
      assertEquals(m.predict(-1, i), s.predict(i));
    }
    assertFalse(m.foldIn(History.of(new int[] {2}, new float[] {4})).personal());
    assertFalse(m.foldIn(History.EMPTY).personal());
    assertThrows(IllegalArgumentException.class, () -> m.foldIn(History.of(new int[] {4}, new float[] {3})));
  }

  @Test
  void alsBaselineSolvesTheUserBiasByHand() {
    BaselineModel m = (BaselineModel) ModelFamilies.trainer("baseline", Map.of("epochs", "1")).fit(BaselineTest.SMALL);
    // b_u = Σ (r − μ − b_i) / (λ_u + n) with λ_u = 15
    UserScorer s = m.foldIn(History.of(new int[] {1, 0}, new float[] {5, 3}));
    double mu = m.globalMean();
    double bu = ((5 - mu - m.itemBias(1)) + (3 - mu - m.itemBias(0))) / (15 + 2);
    assertEquals(mu + bu + m.itemBias(0), s.predict(0), 1e-6);
    assertEquals(mu + bu, s.predict(-1), 1e-6);
    assertTrue(s.personal());
    float[] out = scores(s, 2);
    assertEquals(s.predict(0), out[0]);
    assertEquals(s.predict(1), out[1]);
  }

  @Test
  void sgdBaselineSolvesTheMinimumOfItsPerRatingDecayByHand() {
    BaselineModel m = (BaselineModel) ModelFamilies.trainer("baseline", Map.of("method", "sgd", "reg", "0.5"))
        .fit(BaselineTest.SMALL);
    // minimises Σ (r − μ − b_i − b)² + λ n b²: b = Σ (r − μ − b_i) / (n (1 + λ))
    UserScorer s = m.foldIn(History.of(new int[] {0}, new float[] {2}));
    double mu = m.globalMean();
    double bu = (2 - mu - m.itemBias(0)) / (1 * 1.5);
    assertEquals(mu + bu + m.itemBias(1), s.predict(1), 1e-6);
  }

  @Test
  void foldingInATrainingUsersRatingsGivesBackTheAlsTrainedBias() {
    Dataset data = Tiny.random(5, 30, 40);
    BaselineModel m = (BaselineModel) ModelFamilies.trainer("baseline", Map.of()).fit(data);
    for (int u = 0; u < 30; u++) {
      UserScorer s = m.foldIn(history(data.ratings(), u));
      for (int i = 0; i < 40; i += 3) {
        assertEquals(m.predict(u, i), s.predict(i), 2e-6, "user " + u + " item " + i);
      }
    }
  }

  @Test
  void moviesWithoutTrainingRatingsAreLeftOutAndAHistoryOfOnlyThoseIsTheFallback() {
    // movie 2 has no training rating
    Dataset data = Tiny.of(2, 3, new double[] {0, 0, 4}, new double[] {0, 1, 2}, new double[] {1, 0, 5});
    BaselineModel m = (BaselineModel) ModelFamilies.trainer("baseline", Map.of()).fit(data);
    assertFalse(m.foldIn(History.of(new int[] {2}, new float[] {1})).personal());
    assertArrayEquals(scores(m.scorer(-1), 3), scores(m.foldIn(History.of(new int[] {2}, new float[] {1})), 3));
    UserScorer with = m.foldIn(History.of(new int[] {0, 2}, new float[] {4, 1}));
    UserScorer without = m.foldIn(History.of(new int[] {0}, new float[] {4}));
    assertArrayEquals(scores(without, 3), scores(with, 3));
  }

  @Test
  void aFormatOneBaselineFileFoldsIn() throws Exception {
    Recommender m = ModelFiles.load(java.nio.file.Path.of(getClass()
        .getResource("/fixtures/compat-v1/v1-baseline.cinerec").toURI())).model();
    UserScorer s = m.foldIn(History.of(new int[] {0}, new float[] {5}));
    assertTrue(s.personal());
    assertTrue(s.predict(0) > m.predict(-1, 0), "a 5-star rating raises the bias");
  }
}
