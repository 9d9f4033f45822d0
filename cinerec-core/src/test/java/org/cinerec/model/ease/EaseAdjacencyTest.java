package org.cinerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.modeltest.TinyData;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EASE with time adjacency ({@code --adjacency s}, {@link AdjacencyGram}): known answer, limits, contract. */
class EaseAdjacencyTest {

  static Recommender fit(Dataset d, String lambda, String adjacency, String solver) {
    return ModelFamilies.trainer("ease", Map.of("lambda", lambda, "adjacency", adjacency, "solver", solver)).fit(d);
  }

  /**
   * 3 users × 4 movies, {user, movie, rating, time}: user 0 rates 0, 1, 2 in turn; user 1 rates 1 and 2 in the
   * same second, then 3; user 2 rates 0, then 3, then 0 again (its first position counts).
   */
  static Dataset timeline() {
    return TinyData.tiny(3, new String[] {"A", "B", "C", "D"}, new double[][] {
        {0, 0, 4, 10}, {0, 1, 4, 20}, {0, 2, 4, 30},
        {1, 1, 4, 5}, {1, 2, 4, 5}, {1, 3, 4, 9},
        {2, 0, 4, 1}, {2, 3, 4, 2}, {2, 0, 5, 3}});
  }

  /** B = −P_ij / P_jj with P = G⁻¹ (G with λ on its diagonal), by Gauss-Jordan. */
  static double[][] bOf(double[][] g) {
    int n = g.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(g[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      double pivot = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= pivot;
      }
      for (int r = 0; r < n; r++) {
        double f = a[r][c];
        if (r != c) {
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] = i == j ? 0 : -a[i][n + j] / a[j][n + j];
      }
    }
    return b;
  }

  @Test
  void theGramMatrixWeighsEachPairByItsDistanceInTime(@TempDir Path dir) {
    double lambda = 0.5;
    double h = Math.exp(-0.5); // s = 2: one position apart
    double f = Math.exp(-1); // two positions apart
    double d = 2 + lambda; // every movie has two raters
    // by hand: (0,1) user 0 one apart; (0,2) user 0 two apart; (1,2) user 0 one apart + user 1 same second;
    // (1,3) and (2,3) user 1 two apart (positions 0, 0, 2); (0,3) user 2 one apart (the repeat of 0 ignored)
    double[][] g = {
        {d, h, f, h},
        {h, d, h + 1, f},
        {f, h + 1, d, f},
        {h, f, f, d}};
    double[][] b = bOf(g);
    Dataset data = timeline();
    Recommender m = fit(data, "0.5", "2", "auto");
    ModelChecks.assertSimilarRows(m, b, 1e-6, "B");
    // scoring is EASE's: user 1's row x = {1, 2, 3}
    float[] s = new float[4];
    m.scoreItems(1, s);
    assertEquals(b[1][0] + b[2][0] + b[3][0], s[0], 1e-6);
    ModelChecks.roundTrip(m, data, dir);
    assertArrayEquals(scores(m, 1), scores(m.foldIn(EaseFoldInTest.history(data, 1))),
        "fold-in of a training user's history gives her trained scores");
  }

  /** With a floor f every pair weighs (1 − f) k + f: the same hand-built matrix, off the diagonal. */
  @Test
  void aFloorLiftsFarApartPairsTowardPlainEase() {
    double lambda = 0.5;
    double fl = 0.25;
    double h = 0.75 * Math.exp(-0.5) + fl; // s = 2: one position apart
    double f = 0.75 * Math.exp(-1) + fl; // two positions apart
    double d = 2 + lambda; // the diagonal stays the rater count
    double[][] g = {
        {d, h, f, h},
        {h, d, h + 1, f},
        {f, h + 1, d, f},
        {h, f, f, d}};
    Recommender m = ModelFamilies.trainer("ease", Map.of("lambda", "0.5", "adjacency", "2",
        "adjacency-floor", "0.25")).fit(timeline());
    ModelChecks.assertSimilarRows(m, bOf(g), 1e-6, "B");
    Recommender floorOne = ModelFamilies.trainer("ease", Map.of("lambda", "0.5", "adjacency", "2",
        "adjacency-floor", "1")).fit(timeline());
    Recommender plain = EaseModelTest.fit(timeline(), "0.5", "item-gram");
    for (int u = 0; u < 3; u++) {
      assertArrayEquals(scores(plain, u), scores(floorOne, u), 1e-5f, "floor 1 is plain EASE, user " + u);
    }
    CinerecException alone = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("ease",
        Map.of("adjacency-floor", "0.2")).fit(timeline()));
    assertTrue(alone.getMessage().contains("--adjacency-floor") && alone.getMessage().contains("give --adjacency"),
        alone.getMessage());
    CinerecException above = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("ease",
        Map.of("adjacency", "2", "adjacency-floor", "1.5")));
    assertTrue(above.getMessage().contains("--adjacency-floor"), above.getMessage());
  }

  @Test
  void aVeryWideKernelIsPlainEase() {
    Dataset data = timeline();
    Recommender plain = EaseModelTest.fit(data, "0.5", "item-gram");
    Recommender wide = fit(data, "0.5", "1e9", "item-gram");
    for (int u = 0; u < 3; u++) {
      float[] a = scores(plain, u);
      float[] w = scores(wide, u);
      for (int j = 0; j < a.length; j++) {
        assertEquals(a[j], w[j], 1e-5, "user " + u + " movie " + j);
      }
    }
  }

  /** Deterministic (each column of the Gram matrix is summed by one task in a fixed order), and not plain EASE. */
  @Test
  void twoFitsGiveTheSameModelAndItIsNotPlainEase() {
    Dataset data = SyntheticData.generate(Preset.TINY.resized("adjacency", 120, 300, 6_000), 3,
        org.cinerec.Progress.NONE);
    Recommender one = fit(data, "50", "5", "auto");
    Recommender two = fit(data, "50", "5", "auto");
    Recommender plain = EaseModelTest.fit(data, "50", "item-gram");
    int differ = 0;
    for (int u = 0; u < 120; u++) {
      assertArrayEquals(scores(one, u), scores(two, u), "user " + u);
      differ += java.util.Arrays.equals(scores(one, u), scores(plain, u)) ? 0 : 1;
    }
    assertEquals(120, differ, "the times change every user's scores");
  }

  @Test
  void theUserGramSolverIsRefusedWithTheFix() {
    CinerecException e = assertThrows(CinerecException.class, () -> fit(timeline(), "1", "10", "user-gram"));
    assertTrue(e.getMessage().contains("--adjacency") && e.getMessage().contains("--solver item-gram or auto"),
        e.getMessage());
    CinerecException negative = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("ease", Map.of("adjacency", "-1")));
    assertTrue(negative.getMessage().contains("--adjacency"), negative.getMessage());
  }

  @Test
  void dataWithoutTimesIsRefusedNamingTheFlag() {
    Dataset untimed = TinyData.tiny(2, new String[] {"A", "B"}, new double[][] {{0, 0, 4, 7}, {0, 1, 4, 7},
        {1, 1, 3, 7}});
    CinerecException e = assertThrows(CinerecException.class, () -> fit(untimed, "1", "10", "auto"));
    assertTrue(e.getMessage().contains("--adjacency") && e.getMessage().contains("no times"), e.getMessage());
    fit(untimed, "1", "0", "auto"); // plain EASE is fine
  }

  /** A catalogue too large for the item Gram form fails before allocating, saying what to do instead. */
  @Test
  void anItemGramTooLargeIsRefusedWithWhatToDoInstead() {
    CinerecException tooLong = assertThrows(CinerecException.class,
        () -> EaseTrainer.requireItemGramFits(50_000, 600, true));
    assertTrue(tooLong.getMessage().contains("50,000 rated movies") && tooLong.getMessage().contains("46,340")
        && tooLong.getMessage().contains("leave it at 0"), tooLong.getMessage());
    CinerecException heap = assertThrows(CinerecException.class,
        () -> EaseTrainer.requireItemGramFits(46_000, 100_000, false)); // 25 GB: past any heap here
    assertTrue(heap.getMessage().contains("this JVM may use") && heap.getMessage().contains("JAVA_OPTS=-Xmx")
        && heap.getMessage().contains("use a model that scales") && !heap.getMessage().contains("user-gram"),
        heap.getMessage());
    EaseTrainer.requireItemGramFits(1_000, 10, true); // 12 MB
  }

  static float[] scores(Recommender m, int u) {
    float[] s = new float[m.items().size()];
    m.scoreItems(u, s);
    return s;
  }

  static float[] scores(org.cinerec.model.UserScorer s) {
    return EaseFoldInTest.scores(s, 4);
  }
}
