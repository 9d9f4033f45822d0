package org.cinerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.modeltest.ColdUsers;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EASE fold-in: exact (a training user's own history gives her trained scores), and useful on real data. */
class EaseFoldInTest {

  static float[] scores(UserScorer s, int n) {
    float[] out = new float[n];
    s.scoreItems(out);
    return out;
  }

  /** The user's ratings in the data as a history. */
  static History history(Dataset d, int u) {
    var byUser = d.ratings().byUser();
    int[] items = new int[byUser.count(u)];
    float[] ratings = new float[items.length];
    for (int p = byUser.start(u), k = 0; p < byUser.end(u); p++, k++) {
      items[k] = d.ratings().item(byUser.positions()[p]);
      ratings[k] = d.ratings().rating(byUser.positions()[p]);
    }
    return History.of(items, ratings);
  }

  @ParameterizedTest
  @ValueSource(strings = {"item-gram", "user-gram"})
  void aTrainingUsersOwnHistoryGivesHerTrainedScoresExactly(String solver) {
    Dataset d = EaseModelTest.tiny();
    Recommender m = EaseModelTest.fit(d, "1.5", solver);
    int n = m.items().size();
    for (int u = 0; u < m.users().size(); u++) {
      UserScorer s = m.foldIn(history(d, u));
      assertTrue(s.personal());
      assertArrayEquals(scores(m.scorer(u), n), scores(s, n), solver + " user " + u);
      for (int i = -1; i < n; i++) {
        assertEquals(m.predict(u, i), s.predict(i), solver + " predict(" + u + ", " + i + ")");
      }
    }
    // the rating values do not matter (X is binary), the movies do
    float[] a = scores(m.foldIn(History.of(new int[] {0, 2}, new float[] {1, 5})), n);
    assertArrayEquals(scores(m.scorer(1), n), a);
    double[][] b = EaseModelTest.closedFormB(1.5);
    for (int j = 0; j < 3; j++) {
      assertEquals(b[0][j] + b[2][j], a[j], 1e-6, "x B by hand, item " + j);
    }
  }

  @Test
  void moviesNobodyRatedInTrainingDropOutAndAloneGiveTheFallback() {
    Dataset d = EaseModelTest.tiny();
    Recommender m = EaseModelTest.fit(d, "1.5", "auto");
    int n = m.items().size();
    UserScorer onlyCold = m.foldIn(History.of(new int[] {3}, new float[] {4}));
    assertFalse(onlyCold.personal());
    assertArrayEquals(scores(m.scorer(-1), n), scores(onlyCold, n));
    assertArrayEquals(scores(m.foldIn(History.of(new int[] {0}, new float[] {4})), n),
        scores(m.foldIn(History.of(new int[] {0, 3}, new float[] {4, 2})), n));
  }

  @ParameterizedTest
  @ValueSource(strings = {"item-gram", "user-gram"})
  void withRecencyWeightsAHistoryFoldsInAsTheBinaryRow(String solver) {
    // a history has no timestamps: the folded-in row is the paper's binary x_u (documented approximation)
    Dataset d = EaseRecencyTest.twoClusters();
    Recommender weighted = EaseRecencyTest.fit(d, "1", solver);
    Recommender binary = EaseRecencyTest.fit(d, "0", solver);
    int n = d.numItems();
    History h = history(d, EaseRecencyTest.TARGET);
    assertArrayEquals(scores(binary.scorer(EaseRecencyTest.TARGET), n), scores(weighted.foldIn(h), n));
  }

  @Test
  void foldingInBeatsPopularityAndMatchesRetrainingOnRealData() {
    Dataset all = DataSources.load(SharedData.mlLatestSmall());
    ColdUsers cold = new ColdUsers(all, 0.1, 40, 42, ColdUsers.Order.RANDOM);
    Recommender m = ModelFamilies.trainer("ease", Map.of()).fit(cold.train);
    // measured: 5 ratings 0.575 against 0.514; 20 ratings 0.628 against 0.453, retrained 0.626
    for (int given : new int[] {5, 20}) {
      double folded = cold.foldedNdcg(m, given);
      double fallback = cold.fallbackNdcg(m, given);
      assertTrue(folded > (given == 5 ? 1.08 : 1.3) * fallback, given + " ratings: fold-in NDCG@10 " + folded
          + " vs popularity " + fallback);
    }
    Recommender retrained = ModelFamilies.trainer("ease", Map.of()).fit(cold.trainWithGiven(20));
    double folded = cold.foldedNdcg(m, 20);
    double re = cold.retrainedNdcg(retrained, 20);
    assertTrue(folded > 0.95 * re, "fold-in NDCG@10 " + folded + " vs retrained " + re);
  }
}
