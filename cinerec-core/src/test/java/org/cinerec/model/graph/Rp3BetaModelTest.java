package org.cinerec.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.math.Rng;
import org.cinerec.model.History;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.modeltest.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rp3BetaModelTest {

  static Recommender fit(Dataset d, String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      p.put(kv[k], kv[k + 1]);
    }
    return ModelFamilies.trainer("rp3beta", p).fit(d);
  }

  /** Rp3BetaScorer's worked example: u0 rated {i0, i1}, u1 rated {i0, i1, i2}; item 3 is never rated. */
  static Dataset worked() {
    String[] movies = {"A", "B", "C", "D"};
    double[][] t = {{0, 0, 5}, {0, 1, 1}, {1, 0, 3}, {1, 1, 4}, {1, 2, 2}};
    return TinyData.tiny(2, movies, t);
  }

  @Test
  void weightsAndScoresMatchTheWorkedExampleByHand(@TempDir Path dir) {
    Recommender m = fit(worked(), "alpha", "1", "beta", "0", "neighbours", "10", "normalize", "false");
    double[][] w = {{0, 5.0 / 12, 1.0 / 6, 0}, {5.0 / 12, 0, 1.0 / 6, 0}, {1.0 / 3, 1.0 / 3, 0, 0}, {0, 0, 0, 0}};
    ModelChecks.assertSimilarRows(m, w, 1e-7, "W");
    // u0 has i0 and i1: score_j = W_0j + W_1j
    float[] s = new float[4];
    m.scoreItems(0, s);
    for (int j = 0; j < 4; j++) {
      assertEquals(w[0][j] + w[1][j], s[j], 1e-7, "score of item " + j);
      assertEquals(s[j], m.predict(0, j), "predict is the same sum");
    }
    assertFalse(m.predictsRatings());
    ModelChecks.roundTrip(m, worked(), dir);
  }

  @Test
  void betaDividesByTheTargetsPopularityAndAlphaPowersTheTransitions() {
    // β = 1: column j divided by |U_j| (2 for i0, i1; 1 for i2); α = 2: every transition squared
    Recommender m = fit(worked(), "alpha", "2", "beta", "1", "neighbours", "10", "normalize", "false");
    float[] row = new float[4];
    m.similarItems(0, row);
    // row i0: P_iu = 1/4 for both users; u0 (1/4) reaches i1, u1 (1/9) reaches i1 and i2
    assertEquals((0.25 * 0.25 + 0.25 / 9) / 2, row[1], 1e-7);
    assertEquals((0.25 / 9) / 1, row[2], 1e-7);
    m.similarItems(2, row);
    assertEquals((1.0 / 9) / 2, row[0], 1e-7);
  }

  @Test
  void onlyTheLargestNeighboursAreKeptTiesToTheLowerIndexAndNormalisedRowsSumToOne() {
    Recommender one = fit(worked(), "alpha", "1", "beta", "0", "neighbours", "1", "normalize", "false");
    float[] row = new float[4];
    one.similarItems(2, row); // W_20 = W_21 = 1/3: the tie keeps i0
    assertRow(new double[] {1.0 / 3, 0, 0, 0}, row);
    one.similarItems(0, row); // 5/12 for i1 beats 1/6 for i2
    assertRow(new double[] {0, 5.0 / 12, 0, 0}, row);
    Recommender norm = fit(worked(), "alpha", "1", "beta", "0", "neighbours", "10", "normalize", "true");
    norm.similarItems(0, row);
    assertEquals(5.0 / 7, row[1], 1e-7, "5/12 / (5/12 + 1/6)");
    assertEquals(2.0 / 7, row[2], 1e-7);
  }

  static void assertRow(double[] want, float[] row) {
    for (int j = 0; j < want.length; j++) {
      assertEquals(want[j], row[j], 1e-7, "item " + j);
    }
  }

  /** W by the formula with dense loops, pruned to the k largest (ties: lower index), optionally L1-normalised. */
  static double[][] denseReference(boolean[][] x, double alpha, double beta, int k, boolean normalize) {
    int users = x.length;
    int items = x[0].length;
    int[] du = new int[users];
    int[] di = new int[items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (x[u][i]) {
          du[u]++;
          di[i]++;
        }
      }
    }
    double[][] w = new double[items][items];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        if (i == j || di[j] == 0) {
          continue;
        }
        double s = 0;
        for (int u = 0; u < users; u++) {
          if (x[u][i] && x[u][j]) {
            s += Math.pow(di[i], -alpha) * Math.pow(du[u], -alpha);
          }
        }
        w[i][j] = s * Math.pow(di[j], -beta);
      }
      Integer[] order = new Integer[items];
      for (int j = 0; j < items; j++) {
        order[j] = j;
      }
      double[] r = w[i];
      java.util.Arrays.sort(order, (a, b) -> (float) r[a] != (float) r[b] ? Float.compare((float) r[b], (float) r[a])
          : Integer.compare(a, b));
      for (int t = k; t < items; t++) {
        r[order[t]] = 0;
      }
      double sum = 0;
      for (double v : r) {
        sum += (float) v;
      }
      for (int j = 0; normalize && sum > 0 && j < items; j++) {
        r[j] = (float) r[j] / sum;
      }
    }
    return w;
  }

  @ParameterizedTest
  @CsvSource({"7, 1.0, 0.5, 5, false", "8, 0.6, 0.3, 12, true", "9, 1.3, 0.0, 100, false"})
  void randomDataGivesTheFormulasWeightsAndScores(long seed, double alpha, double beta, int k, boolean normalize) {
    Rng rng = new Rng(seed);
    int users = 30;
    int items = 40;
    boolean[][] x = new boolean[users][items];
    List<double[]> t = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.25 * (1 - i / (double) items)) { // popular movies first, the last ones rare
          x[u][i] = true;
          t.add(new double[] {u, i, 1 + rng.nextInt(5)});
          if (rng.nextDouble() < 0.05) {
            t.add(new double[] {u, i, 3}); // a repeated pair counts once
          }
        }
      }
    }
    String[] movies = new String[items];
    for (int i = 0; i < items; i++) {
      movies[i] = "M" + i;
    }
    Dataset d = TinyData.tiny(users, movies, t.toArray(new double[0][]));
    Recommender m = fit(d, "alpha", Double.toString(alpha), "beta", Double.toString(beta), "neighbours",
        Integer.toString(k), "normalize", Boolean.toString(normalize));
    double[][] w = denseReference(x, alpha, beta, k, normalize);
    float[] row = new float[items];
    for (int i = 0; i < items; i++) {
      m.similarItems(i, row);
      for (int j = 0; j < items; j++) {
        assertEquals(w[i][j], row[j], 1e-6 * Math.max(1e-3, Math.abs(w[i][j])) + 1e-9,
            "seed " + seed + " W[" + i + "][" + j + "]");
      }
    }
    float[] s = new float[items];
    for (int u = 0; u < users; u++) {
      m.scoreItems(u, s);
      for (int j = 0; j < items; j++) {
        double want = 0;
        for (int i = 0; i < items; i++) {
          want += x[u][i] ? w[i][j] : 0;
        }
        assertEquals(want, s[j], 1e-5 * Math.max(1e-3, Math.abs(want)) + 1e-9, "seed " + seed + " user " + u + " item " + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "true"})
  void aUserWhoRatedOnlyComediesGetsComediesRecommended(String normalize, @TempDir Path dir) {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d, "normalize", normalize);
    ScoredItems top = m.recommend(6, 2, ItemFilter.rated(d.ratings()));
    for (int i : top.items()) {
      assertTrue(i == 2 || i == 3, "expected comedies 2 and 3, got item " + i);
    }
    ModelChecks.roundTrip(m, d, dir);
  }

  @Test
  void anUnknownUserIsRankedByPopularityAndAHistoryOfUnratedMoviesGetsTheFallback() {
    Recommender m = fit(worked());
    assertFalse(m.knowsUser(-1));
    assertEquals(2f, m.predict(-1, 0), "two raters");
    assertEquals(0f, m.predict(-1, 3));
    assertFalse(m.foldIn(History.of(new int[] {3}, new float[] {5})).personal(), "item 3 has no training ratings");
    float[] folded = new float[4];
    m.foldIn(History.of(new int[] {1, 0, 3}, new float[] {1, 5, 2})).scoreItems(folded);
    float[] trained = new float[4];
    m.scoreItems(0, trained);
    assertArrayEquals(trained, folded, "u0's own history, whatever the ratings, plus an unrated movie");
  }

  @Test
  void impossibleParametersAreRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("rp3beta", Map.of("neighbours", "0")));
    assertTrue(e.getMessage().contains("--neighbours"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("rp3beta", Map.of("beta", "-0.5")));
    assertTrue(e.getMessage().contains("--beta"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("rp3beta", Map.of("alpha", "x")));
    assertTrue(e.getMessage().contains("--alpha"), e.getMessage());
  }
}
