package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Properties on random data from a printed seed. */
@ExtendWith(Seeds.class)
class EvaluatorPropertyTest {

  /** Random train/test over users × items, each (user, item) pair at most once; scores at random. */
  record Case(long seed, Dataset train, Ratings test, float[][] scores) {}

  static Case randomCase(long seed) {
    Rng rng = new Rng(seed);
    int users = 2 + rng.nextInt(12);
    int items = 5 + rng.nextInt(40);
    List<int[]> train = new ArrayList<>();
    List<int[]> test = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        int x = rng.nextInt(10);
        int[] row = {u, i, 1 + rng.nextInt(10)};
        if (x < 3) {
          train.add(row);
        } else if (x < 5) {
          test.add(row);
        }
      }
    }
    float[][] scores = new float[users][items];
    for (float[] row : scores) {
      for (int i = 0; i < items; i++) {
        row[i] = rng.nextInt(3) == 0 ? rng.nextInt(3) : (float) rng.nextGaussian(); // with ties
      }
    }
    return new Case(seed, Fixtures.dataset(Fixtures.ratings(users, items, train.toArray(new int[0][]))),
        Fixtures.ratings(users, items, test.toArray(new int[0][])), scores);
  }

  private static EvalOptions options(Case c) {
    int items = c.train().numItems();
    return new EvalOptions(new int[] {1, 3, 10, items}, new int[] {1, 2, 5, 10, 50}, Double.NaN, true, true);
  }

  @RepeatedTest(20)
  void aPerfectOracleRecallsEverythingAndAReversedOneNothing(@Seeds.Seed long seed) {
    Case c = randomCase(seed);
    int users = c.train().numUsers();
    int items = c.train().numItems();
    float[][] oracle = new float[users][items];
    float[][] reversed = new float[users][items];
    for (int p = 0; p < c.test().size(); p++) {
      oracle[c.test().user(p)][c.test().item(p)] = 1;
      reversed[c.test().user(p)][c.test().item(p)] = -1;
    }
    int maxTest = 0;
    int minCandidatesLeft = Integer.MAX_VALUE; // candidates that are not test movies
    for (int u = 0; u < users; u++) {
      int nTest = c.test().byUser().count(u);
      if (nTest > 0) {
        maxTest = Math.max(maxTest, nTest);
        minCandidatesLeft = Math.min(minCandidatesLeft, items - c.train().ratings().byUser().count(u) - nTest);
      }
    }
    EvalOptions opt = new EvalOptions(new int[] {Math.max(1, maxTest)}, new int[] {1}, Double.NaN, true, true);
    EvaluationReport good = new Evaluator(opt).evaluate(TableModel.of(oracle), c.train(), c.test());
    if (good.ranking().users() == 0) {
      return;
    }
    assertEquals(1.0, good.ranking().recall()[0], 1e-12, "seed " + seed);
    assertEquals(1.0, good.ranking().ndcg()[0], 1e-12, "seed " + seed);
    assertEquals(1.0, good.ranking().mrr(), 1e-12, "seed " + seed);
    if (minCandidatesLeft >= 1) {
      EvalOptions few = new EvalOptions(new int[] {minCandidatesLeft}, new int[] {1}, Double.NaN, true, true);
      EvaluationReport bad = new Evaluator(few).evaluate(TableModel.of(reversed), c.train(), c.test());
      assertEquals(0.0, bad.ranking().recall()[0], 1e-12, "seed " + seed);
      assertEquals(0.0, bad.ranking().hitRate()[0], 1e-12, "seed " + seed);
    }
  }

  @RepeatedTest(20)
  void accuracyGrowsWithKAndExcludingTrainingMoviesNeverLowersIt(@Seeds.Seed long seed) {
    Case c = randomCase(seed);
    EvaluationReport r = new Evaluator(options(c)).evaluate(TableModel.of(c.scores()), c.train(), c.test());
    double[] all = r.accuracy().all();
    double[] ex = r.accuracy().excludingTrain();
    for (int j = 0; j < all.length; j++) {
      assertTrue(ex[j] >= all[j], "seed " + seed);
      if (j > 0) {
        assertTrue(all[j] >= all[j - 1] && ex[j] >= ex[j - 1], "seed " + seed);
      }
    }
    double[] recall = r.ranking().recall();
    double[] hits = r.ranking().hitRate();
    for (int j = 1; j < recall.length; j++) {
      assertTrue(recall[j] >= recall[j - 1] && hits[j] >= hits[j - 1], "seed " + seed);
    }
    // K = number of movies: every candidate is listed, so every relevant movie is found
    assertEquals(1.0, recall[recall.length - 1], 1e-12, "seed " + seed);
  }

  @RepeatedTest(20)
  void accuracyAgreesWithCountingEveryMovieByBruteForce(@Seeds.Seed long seed) {
    Case c = randomCase(seed);
    EvalOptions opt = options(c);
    EvaluationReport r = new Evaluator(opt).evaluate(TableModel.of(c.scores()), c.train(), c.test());
    int[] ks = opt.accuracyKs();
    long[] all = new long[ks.length];
    long[] ex = new long[ks.length];
    Ratings test = c.test();
    Ratings train = c.train().ratings();
    for (int p = 0; p < test.size(); p++) {
      int u = test.user(p);
      int i = test.item(p);
      float s = c.scores()[u][i];
      int aboveAll = 0;
      int aboveEx = 0;
      for (int j = 0; j < c.scores()[u].length; j++) {
        if (c.scores()[u][j] > s) {
          aboveAll++;
          boolean trained = false;
          for (int q = 0; q < train.size(); q++) {
            trained |= train.user(q) == u && train.item(q) == j && j != i;
          }
          aboveEx += trained ? 0 : 1;
        }
      }
      for (int k = 0; k < ks.length; k++) {
        all[k] += aboveAll < ks[k] ? 1 : 0;
        ex[k] += aboveEx < ks[k] ? 1 : 0;
      }
    }
    for (int k = 0; k < ks.length; k++) {
      assertEquals((double) all[k] / test.size(), r.accuracy().all()[k], 1e-12, "seed " + seed + " K " + ks[k]);
      assertEquals((double) ex[k] / test.size(), r.accuracy().excludingTrain()[k], 1e-12, "seed " + seed + " K " + ks[k]);
    }
  }

  @RepeatedTest(5)
  void resultsDoNotDependOnHowUsersAreSplitIntoChunks(@Seeds.Seed long seed) {
    Case c = randomCase(seed);
    EvaluationReport one = new Evaluator(options(c), 1).evaluate(TableModel.of(c.scores()), c.train(), c.test());
    for (int chunks : new int[] {2, 3, 7, 64}) {
      EvaluationReport many = new Evaluator(options(c), chunks).evaluate(TableModel.of(c.scores()), c.train(), c.test());
      one.metrics().forEach((name, v) -> {
        if (!name.endsWith("_seconds")) {
          assertEquals(v, many.metrics().get(name), "seed " + seed + " chunks " + chunks + " " + name);
        }
      });
    }
  }

  @Test
  void resultsAreTheSameRunToRunAndSurviveJson() throws Exception {
    Case c = randomCase(77);
    Evaluator e = new Evaluator(options(c));
    EvaluationReport a = e.evaluate(TableModel.of(c.scores()), c.train(), c.test());
    EvaluationReport b = e.evaluate(TableModel.of(c.scores()), c.train(), c.test());
    a.metrics().forEach((name, v) -> {
      if (!name.endsWith("_seconds")) {
        assertEquals(v, b.metrics().get(name), name);
      }
    });
    ObjectMapper mapper = new ObjectMapper();
    EvaluationReport back = mapper.readValue(mapper.writeValueAsString(a), EvaluationReport.class);
    assertArrayEquals(a.ranking().ndcg(), back.ranking().ndcg());
    assertEquals(a.metrics(), back.metrics());
  }
}
