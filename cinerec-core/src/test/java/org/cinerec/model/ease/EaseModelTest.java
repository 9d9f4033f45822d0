package org.cinerec.model.ease;

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
import org.cinerec.math.Rng;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EaseModelTest {

  static Recommender fit(Dataset d, String lambda, String solver) {
    return ModelFamilies.trainer("ease", Map.of("lambda", lambda, "solver", solver)).fit(d);
  }

  /** 4 users × 4 items; item 3 is never rated. */
  static Dataset tiny() {
    String[] movies = {"A", "B", "C", "D"};
    double[][] t = {{0, 0, 5}, {0, 1, 3}, {1, 0, 4}, {1, 2, 2}, {2, 1, 1}, {2, 2, 5}, {3, 0, 3}, {3, 1, 4}, {3, 2, 4}};
    return TinyData.tiny(4, movies, t);
  }

  /** B from the closed form with a hand-written 3×3 inverse (adjugate / determinant). */
  static double[][] closedFormB(double lambda) {
    // XᵀX over items 0..2: counts 3, 3, 3 on the diagonal; co-counts (0,1) = 2, (0,2) = 2, (1,2) = 2
    double d = 3 + lambda;
    double o = 2;
    double[][] g = {{d, o, o}, {o, d, o}, {o, o, d}};
    double det = g[0][0] * (g[1][1] * g[2][2] - g[1][2] * g[2][1]) - g[0][1] * (g[1][0] * g[2][2] - g[1][2] * g[2][0])
        + g[0][2] * (g[1][0] * g[2][1] - g[1][1] * g[2][0]);
    double[][] p = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int r0 = (j + 1) % 3;
        int r1 = (j + 2) % 3;
        int c0 = (i + 1) % 3;
        int c1 = (i + 2) % 3;
        p[i][j] = (g[r0][c0] * g[r1][c1] - g[r0][c1] * g[r1][c0]) / det;
      }
    }
    double[][] b = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        b[i][j] = i == j ? 0 : -p[i][j] / p[j][j];
      }
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"item-gram", "user-gram"})
  void weightsAndScoresMatchTheClosedFormOnATinyMatrix(String solver, @TempDir Path dir) {
    Dataset d = tiny();
    double[][] b = closedFormB(1.5);
    Recommender m = fit(d, "1.5", solver);
    float[] row = new float[4];
    for (int i = 0; i < 3; i++) {
      m.similarItems(i, row);
      for (int j = 0; j < 3; j++) {
        assertEquals(b[i][j], row[j], 1e-6, solver + " B[" + i + "][" + j + "]");
      }
      assertEquals(0f, row[3], "the unrated item is similar to nothing");
    }
    // user 1 has items 0 and 2: score_j = B_0j + B_2j
    float[] s = new float[4];
    m.scoreItems(1, s);
    for (int j = 0; j < 3; j++) {
      assertEquals(b[0][j] + b[2][j], s[j], 1e-6, solver + " score of item " + j);
      assertEquals(s[j], m.predict(1, j), 1e-6);
    }
    assertEquals(0f, s[3], "an item nobody rated scores 0");
    ModelChecks.roundTrip(m, d, dir);
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8})
  void bothSolversGiveTheSameScoresOnRandomData(long seed) {
    Rng rng = new Rng(seed);
    int users = 30;
    int items = 45;
    java.util.List<double[]> t = new java.util.ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.2) {
          t.add(new double[] {u, i, 4});
        }
      }
    }
    String[] movies = new String[items];
    java.util.Arrays.fill(movies, "M");
    for (int i = 0; i < items; i++) {
      movies[i] = "M" + i;
    }
    Dataset d = TinyData.tiny(users, movies, t.toArray(new double[0][]));
    Recommender a = fit(d, "3", "item-gram");
    Recommender b = fit(d, "3", "user-gram");
    float[] x = new float[items];
    float[] y = new float[items];
    for (int u = 0; u < users; u++) {
      a.scoreItems(u, x);
      b.scoreItems(u, y);
      for (int i = 0; i < items; i++) {
        assertEquals(x[i], y[i], 1e-4, "seed " + seed + " user " + u + " item " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"item-gram", "user-gram"})
  void aUserWhoRatedOnlyComediesGetsComediesRecommended(String solver, @TempDir Path dir) {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d, "1", solver);
    ScoredItems top = m.recommend(6, 2, ItemFilter.rated(d.ratings()));
    for (int i : top.items()) {
      assertTrue(i == 2 || i == 3, solver + ": expected comedies 2 and 3, got item " + i);
    }
    ModelChecks.roundTrip(m, d, dir);
  }

  @Test
  void anUnknownUserIsRankedByPopularityAndTheModelOnlyRanks() {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d, "500", "auto");
    assertFalse(m.predictsRatings());
    assertFalse(m.knowsUser(-1));
    ScoredItems top = m.recommend(-1, 1, null);
    assertEquals(0, top.items()[0], "comedy A has the most ratings (6)");
    assertEquals(6f, m.predict(-1, 0));
  }

  @Test
  void aNonPositiveLambdaIsRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("ease", Map.of("lambda", "0")));
    assertTrue(e.getMessage().contains("--lambda"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("ease", Map.of("solver", "lu")));
    assertTrue(e.getMessage().contains("--solver"), e.getMessage());
  }
}
