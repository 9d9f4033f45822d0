package org.cinerec.model.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.modeltest.TinyData;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemKnnModelTest {

  /** 3 users × 4 items, as in SparseSimilarity's worked example. */
  static Dataset threeByFour() {
    String[] movies = {"A", "B", "C", "D"};
    double[][] t = {{0, 0, 5}, {0, 1, 3}, {0, 2, 4}, {1, 0, 3}, {1, 1, 1}, {2, 1, 2}, {2, 3, 5}};
    return TinyData.tiny(3, movies, t);
  }

  static Recommender fit(Dataset d, String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put(kv[k], kv[k + 1]);
    }
    return ModelFamilies.trainer("itemknn", m).fit(d);
  }

  @Test
  void cosineSimilarityOfTwoItemsIsComputedOverTheirCommonRaters() {
    Recommender m = fit(threeByFour(), "similarity", "cosine", "shrinkage", "0");
    float[] s = new float[4];
    m.similarItems(0, s);
    assertEquals(18 / Math.sqrt(340), s[1], 1e-6);          // common raters u0, u1
    assertEquals(1.0, s[2], 1e-6);                           // only u0: 20 / sqrt(25·16)
    assertEquals(Float.NEGATIVE_INFINITY, s[3]);             // no common rater
    assertEquals(1f, s[0]);
    m.similarItems(1, s);
    assertEquals(1.0, s[3], 1e-6);                           // only u2
  }

  @Test
  void predictionWithZeroBaselineEpochsIsTheMeanPlusTheWeightedResidualOfNeighbours() {
    // baseline-epochs 0: b_u = b_i = 0, b_ui = μ = 23/7. User 1 on item 2: neighbours of 2 that user 1
    // rated are 0 (s = 1) and 1 (s = 12/sqrt(16·9) = 1): r̂ = μ + ((3 − μ) + (1 − μ)) / 2 = 2.
    Recommender m = fit(threeByFour(), "similarity", "cosine", "shrinkage", "0", "baseline-epochs", "0");
    assertEquals(2.0, m.predict(1, 2), 1e-5);
    // k = 1 keeps the higher-similarity neighbour only; ties go to the lower item index (item 0).
    Recommender k1 = fit(threeByFour(), "similarity", "cosine", "shrinkage", "0", "baseline-epochs", "0", "k", "1");
    assertEquals(3.0, k1.predict(1, 2), 1e-5);
  }

  @Test
  void aUserWhoRatedOnlyComediesGetsComediesRecommended(@TempDir Path dir) {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d);
    ScoredItems top = m.recommend(6, 2, ItemFilter.rated(d.ratings()));
    assertEquals(2, top.size());
    for (int i : top.items()) {
      assertTrue(i == 2 || i == 3, "expected comedies 2 and 3, got item " + i);
    }
    ModelChecks.roundTrip(m, d, dir);
  }

  @Test
  void anUnknownUserGetsTheBaselineAndIsNotKnown() {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d);
    assertFalse(m.knowsUser(-1));
    assertTrue(m.knowsUser(6));
    float[] s = new float[d.numItems()];
    m.scoreItems(-1, s);
    for (int i = 0; i < s.length; i++) {
      assertEquals(s[i], m.predict(-1, i), 1e-6);
    }
  }

  @Test
  void fittingTwiceGivesTheSameModel() {
    Dataset d = ModelChecks.genreFixture();
    Recommender a = fit(d);
    Recommender b = fit(d);
    for (int u = 0; u < d.numUsers(); u++) {
      float[] x = new float[d.numItems()];
      float[] y = new float[d.numItems()];
      a.scoreItems(u, x);
      b.scoreItems(u, y);
      assertArrayEquals(x, y);
    }
  }

  @Test
  void predictAgreesWithScoreItemsInsideTheRatingScale() {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d);
    for (int u = 0; u < d.numUsers(); u++) {
      float[] s = new float[d.numItems()];
      m.scoreItems(u, s);
      for (int i = 0; i < s.length; i++) {
        assertEquals(Math.max(1.5f, Math.min(5f, s[i])), m.predict(u, i), 1e-5);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {3, 4})
  void scoresFromTheReverseIndexEqualPredictionsWhenListsAreTruncated(long seed) {
    org.cinerec.math.Rng rng = new org.cinerec.math.Rng(seed);
    java.util.List<double[]> t = new java.util.ArrayList<>();
    for (int u = 0; u < 30; u++) {
      for (int i = 0; i < 40; i++) {
        // light raters (even users) take the reverse walk, heavy raters the forward walk
        if (rng.nextDouble() < (u % 2 == 0 ? 0.06 : 0.6)) {
          t.add(new double[] {u, i, 1 + rng.nextInt(9) * 0.5});
        }
      }
    }
    String[] movies = new String[40];
    for (int i = 0; i < movies.length; i++) {
      movies[i] = "M" + i;
    }
    Dataset d = TinyData.tiny(30, movies, t.toArray(new double[0][]));
    Recommender m = fit(d, "keep", "6", "k", "3", "min-k", "2", "shrinkage", "5");
    float[] s = new float[40];
    for (int u = 0; u < 30; u++) {
      m.scoreItems(u, s);
      for (int i = 0; i < 40; i++) {
        assertEquals(Math.max(1f, Math.min(5f, s[i])), m.predict(u, i), 1e-5, "seed " + seed + " user " + u + " item " + i);
      }
    }
  }

  @Test
  void badHyperParametersAreRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("itemknn", Map.of("k", "0")));
    assertTrue(e.getMessage().contains("--k"), e.getMessage());
    e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("itemknn", Map.of("similarity", "jaccard")));
    assertTrue(e.getMessage().contains("--similarity"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("itemknn", Map.of("shrinkage", "-1")));
    assertTrue(e.getMessage().contains("--shrinkage"), e.getMessage());
  }
}
