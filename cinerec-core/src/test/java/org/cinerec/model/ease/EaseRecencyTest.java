package org.cinerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.modeltest.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EaseRecencyTest {
  static final int TARGET = 8;

  /**
   * Two clusters of movies, A = {0, 1, 2} (users 0-3 rate all three) and B = {3, 4, 5} (users 4-7). The
   * target user 8 rated 0 and 1 long ago and 3 last (timestamps are row numbers).
   */
  static Dataset twoClusters() {
    List<double[]> t = new ArrayList<>();
    for (int u = 0; u < 8; u++) {
      int first = u < 4 ? 0 : 3;
      for (int i = first; i < first + 3; i++) {
        t.add(new double[] {u, i, 4});
      }
    }
    t.add(new double[] {TARGET, 0, 4});
    t.add(new double[] {TARGET, 1, 4});
    t.add(new double[] {TARGET, 3, 4});
    String[] movies = {"A0", "A1", "A2", "B3", "B4", "B5"};
    return TinyData.tiny(9, movies, t.toArray(new double[0][]));
  }

  static Recommender fit(Dataset d, String halfLife, String solver) {
    return ModelFamilies.trainer("ease", Map.of("lambda", "1", "solver", solver, "recency-half-life", halfLife)).fit(d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"item-gram", "user-gram"})
  void aRecencyWeightedHistoryRanksNeighboursOfTheNewestMovieFirst(String solver, @TempDir Path dir) {
    Dataset d = twoClusters();
    Recommender plain = fit(d, "0", solver);
    Recommender recent = fit(d, "1", solver);
    ItemFilter seen = ItemFilter.rated(d.ratings());
    assertEquals(2, plain.recommend(TARGET, 1, seen).items()[0], solver + ": unweighted, the two old A movies win");
    int top = recent.recommend(TARGET, 1, seen).items()[0];
    assertTrue(top == 4 || top == 5, solver + ": weighted, a neighbour of the newest movie 3 wins, got " + top);
    // known answer: weights 0.5^(age/1) = 1 for movie 3 (newest), 1/2 for 1, 1/4 for 0; B is unchanged
    float[][] b = new float[6][6];
    for (int i = 0; i < 6; i++) {
      plain.similarItems(i, b[i]);
    }
    float[] s = new float[6];
    recent.scoreItems(TARGET, s);
    for (int j = 0; j < 6; j++) {
      double expected = 0.25 * b[0][j] + 0.5 * b[1][j] + b[3][j];
      assertEquals(expected, s[j], 1e-5, solver + " score of movie " + j);
      assertEquals(s[j], recent.predict(TARGET, j), 1e-5, solver + " predict of movie " + j);
    }
    ModelChecks.roundTrip(recent, d, dir);
  }

  @Test
  void aMovieRatedTwiceKeepsItsNewestWeightAndTiesShareAnAge() {
    // user 0: movie 0 at row 0, movie 1 at row 1, movie 0 again at row 2 (newest)
    Dataset d = TinyData.tiny(1, new String[] {"A", "B"}, new double[][] {{0, 0, 3}, {0, 1, 3}, {0, 0, 4}});
    float[] w = RecencyWeights.of(d.ratings(), 1);
    assertEquals(0.25f, w[0]);
    assertEquals(0.5f, w[1]);
    assertEquals(1f, w[2]);
    float[] dedup = EaseTrainer.dedupe(org.cinerec.math.SparseRows.of(d.ratings().users(), d.ratings().items(), w, 1)).vals();
    assertEquals(1f, dedup[0], "movie 0 keeps the weight of its newest rating");
    assertEquals(0.5f, dedup[1]);
    int[] t = {5, 5, 9};
    org.cinerec.data.Ratings tied = new org.cinerec.data.Ratings(new int[3], new int[] {0, 1, 2}, new float[3], t, 1, 3);
    float[] v = RecencyWeights.of(tied, 2);
    assertEquals(v[0], v[1], "equal timestamps share an age");
    assertEquals(Math.sqrt(0.5), v[0], 1e-7, "one newer rating, half-life 2: 0.5^(1/2)");
    assertEquals(1f, v[2]);
  }

  @Test
  void aNegativeHalfLifeIsRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("ease", Map.of("recency-half-life", "-1")));
    assertTrue(e.getMessage().contains("--recency-half-life"), e.getMessage());
  }
}
