package org.cinerec.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopularityTest {
  private static final double EPS = 1e-5;

  // m0: 4, 3, 4 (3 ratings, sum 11); m1: 5 (1 rating); m2: none; m3: 2, 1 (sum 3). mu = 19/6 = 3.166667
  static final Dataset DATA = Tiny.of(3, 4,
      new double[] {0, 0, 4}, new double[] {1, 0, 3}, new double[] {2, 0, 4}, new double[] {0, 1, 5},
      new double[] {1, 3, 2}, new double[] {2, 3, 1});

  @Test
  void predictsTheDampedMeanOfEachMovie() {
    Recommender m = ModelFamilies.trainer("popularity", Map.of("damping", "2")).fit(DATA);
    double mu = 19.0 / 6;
    // (S_i + m·mu) / (n_i + m) with m = 2
    assertEquals((11 + 2 * mu) / 5, m.predict(0, 0), EPS);  // 3.466667
    assertEquals((5 + 2 * mu) / 3, m.predict(1, 1), EPS);   // 3.777778
    assertEquals(mu, m.predict(2, 2), EPS);                  // no ratings: the prior alone
    assertEquals((3 + 2 * mu) / 4, m.predict(-1, 3), EPS);  // 2.333333, same for every user
    assertEquals(mu, m.predict(0, -1), EPS);                 // unknown movie
  }

  @Test
  void ranksByCountOrByDampedMean() {
    Recommender byCount = ModelFamilies.trainer("popularity", Map.of()).fit(DATA);
    // counts 3, 1, 0, 2 -> m0, m3, m1, m2
    assertArrayEquals(new int[] {0, 3, 1, 2}, byCount.recommend(0, 4, null).items());
    Recommender bayes = ModelFamilies.trainer("popularity", Map.of("score", "bayes", "damping", "2")).fit(DATA);
    // damped means 3.47, 3.78, 3.17, 2.33 -> m1, m0, m2, m3
    assertArrayEquals(new int[] {1, 0, 2, 3}, bayes.recommend(0, 4, null).items());
    // with the user's own movies left out: user 0 rated m0 and m1
    assertArrayEquals(new int[] {3, 2}, byCount.recommend(0, 4, ItemFilter.rated(DATA.ratings())).items());
  }

  @Test
  void aMovieWithoutTrainingRatingsIsColdAndPopularityOnlyFallsBackForIt() {
    Recommender m = ModelFamilies.trainer("popularity", Map.of()).fit(DATA);
    assertTrue(m.knowsItem(0));
    assertTrue(m.knowsItem(3));
    assertFalse(m.knowsItem(2)); // m2: nobody rated it
    assertFalse(m.knowsItem(-1));
    assertFalse(m.knowsItem(4));
    assertEquals(null, m.fallback(-1, 0)); // the same answer for everyone: nothing to fall back from
    assertEquals("the global mean μ", m.fallback(0, 2));
  }

  @Test
  void popularityAndBaselineHaveNoSimilarityBetweenMovies() {
    for (String kind : new String[] {"popularity", "baseline"}) {
      Recommender m = ModelFamilies.trainer(kind, Map.of()).fit(DATA);
      assertFalse(m.hasItemSimilarity(), kind);
      org.cinerec.CinerecException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.cinerec.CinerecException.class, () -> m.similar(0, 2));
      assertTrue(e.getMessage().startsWith("the " + kind + " model has no similarity between movies"), e.getMessage());
    }
  }

  @Test
  void baselineFallsBackToTheBiasesOfTheKnownSide() {
    Recommender m = ModelFamilies.trainer("baseline", Map.of()).fit(DATA);
    assertEquals(null, m.fallback(0, 0));
    assertEquals("the global mean plus the movie's bias, μ + b_i", m.fallback(-1, 0));
    assertEquals("the global mean plus the user's bias, μ + b_u", m.fallback(0, 2));
    assertEquals("the global mean μ", m.fallback(-1, -1));
  }

  @Test
  void zeroDampingIsThePlainMean() {
    Recommender m = ModelFamilies.trainer("popularity", Map.of("damping", "0")).fit(DATA);
    assertEquals(11.0 / 3, m.predict(0, 0), EPS);
    assertEquals(19.0 / 6, m.predict(0, 2), EPS); // no ratings and no prior: the global mean
  }

  @Test
  void savesAndLoadsToTheSameAnswers(@TempDir Path dir) {
    Dataset data = Tiny.random(2, 20, 25);
    Recommender m = ModelFamilies.trainer("popularity", Map.of("score", "bayes")).fit(data);
    Path file = dir.resolve("pop.cinerec");
    ModelFiles.save(file, m, data.catalog());
    Recommender back = ModelFiles.load(file).model();
    assertEquals("popularity", back.kind());
    float[] a = new float[25];
    float[] b = new float[25];
    m.scoreItems(3, a);
    back.scoreItems(3, b);
    assertArrayEquals(a, b);
    for (int i = 0; i < 25; i++) {
      assertEquals(m.predict(0, i), back.predict(0, i));
    }
    assertTrue(back.knowsUser(0));
    assertFalse(back.knowsUser(-1));
  }
}
