package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final double EPS = 1e-6;

  // 2 users × 5 movies. Training: u0 rated m0 (4.0) and m1 (3.0); u1 rated m2 (5.0). Training counts
  // (popularity): m0 1, m1 1, m2 1, m3 0, m4 0; rating scale of training: 3..5.
  static final Ratings TRAIN = Fixtures.ratings(2, 5, new int[] {0, 0, 8}, new int[] {0, 1, 6}, new int[] {1, 2, 10});
  // Test: u0 m2 (5.0), u0 m3 (2.0), u1 m0 (1.0)
  static final Ratings TEST = Fixtures.ratings(2, 5, new int[] {0, 2, 10}, new int[] {0, 3, 4}, new int[] {1, 0, 2});
  static final float[][] SCORES = {
      {5, 4, 3.5f, 1, 0},
      {2, 3, 9, 2.5f, 1},
  };

  private static EvaluationReport evaluate(EvalOptions options) {
    Dataset train = Fixtures.dataset(TRAIN);
    return new Evaluator(options).evaluate(TableModel.of(SCORES), train, TEST);
  }

  private static EvalOptions options() {
    return new EvalOptions(new int[] {1, 2, 3}, new int[] {1, 3, 5}, Double.NaN, true, true);
  }

  @Test
  void ratingErrorClipsPredictionsToTheTrainingScale() {
    EvaluationReport r = evaluate(options());
    // predictions 3.5, 1 -> 3 (clipped), 2 -> 3 (clipped); against 5, 2, 1: errors -1.5, +1, +2
    // RMSE = sqrt((2.25 + 1 + 4) / 3) = sqrt(2.416667) = 1.554563; MAE = 4.5 / 3 = 1.5
    assertEquals(Math.sqrt(7.25 / 3), r.rating().rmse(), EPS);
    assertEquals(1.5, r.rating().mae(), EPS);
    assertEquals(3.0, r.rating().clipMin());
    assertEquals(5.0, r.rating().clipMax());
    assertEquals(3, r.rating().pairs());
  }

  @Test
  void topKAccuracyCountsStrictlyHigherMoviesWithAndWithoutTrainingMovies() {
    EvaluationReport.TopKAccuracy a = evaluate(options()).accuracy();
    // movies above the true one, all / excluding training movies:
    //   (u0, m2) score 3.5: 5, 4 above -> 2 / training m0, m1 removed -> 0
    //   (u0, m3) score 1:   5, 4, 3.5 -> 3 / 3.5 -> 1
    //   (u1, m0) score 2:   3, 9, 2.5 -> 3 / m2 removed: 3, 2.5 -> 2
    // hit at K when above < K.  all: K=1 0/3, K=3 1/3, K=5 3/3; excluding: K=1 1/3, K=3 3/3, K=5 3/3
    assertArrayEquals(new int[] {1, 3, 5}, a.ks());
    assertArrayEquals(new double[] {0, 1.0 / 3, 1}, a.all(), EPS);
    assertArrayEquals(new double[] {1.0 / 3, 1, 1}, a.excludingTrain(), EPS);
    assertEquals(3, a.pairs());
  }

  @Test
  void topNMetricsRankUnratedMoviesAndAverageOverUsers() {
    EvaluationReport.RankingMetrics m = evaluate(options()).ranking();
    // u0 candidates m2 3.5, m3 1, m4 0 -> list m2 m3 m4, relevant {m2, m3}: rel = T T F
    // u1 candidates m0 2, m1 3, m3 2.5, m4 1 -> list m1 m3 m0 m4, relevant {m0}: rel = F F T
    // precision@1,2,3: u0 1, 1, 2/3; u1 0, 0, 1/3 -> 0.5, 0.5, 0.5
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, m.precision(), EPS);
    // recall: u0 1/2, 1, 1; u1 0, 0, 1 -> 0.25, 0.5, 1
    assertArrayEquals(new double[] {0.25, 0.5, 1}, m.recall(), EPS);
    // NDCG: u0 1, 1, 1; u1 0, 0, (1/log2 4)/1 = 0.5 -> 0.5, 0.5, 0.75
    assertArrayEquals(new double[] {0.5, 0.5, 0.75}, m.ndcg(), EPS);
    // AP: u0 1, (1+1)/2, (1+1)/2 ; u1 0, 0, (1/3)/1 -> 0.5, 0.5, 2/3
    assertArrayEquals(new double[] {0.5, 0.5, 2.0 / 3}, m.map(), EPS);
    assertArrayEquals(new double[] {0.5, 0.5, 1}, m.hitRate(), EPS);
    // MRR: u0 1, u1 1/3 -> 2/3
    assertEquals(2.0 / 3, m.mrr(), EPS);
    // coverage: top-1 {m2, m1} 2/5; top-2 {m2, m3, m1} 3/5; top-3 all five
    assertArrayEquals(new double[] {0.4, 0.6, 1.0}, m.coverage(), EPS);
    // popularity: @1 u0 1, u1 1 -> 1; @2 u0 (1+0)/2, u1 (1+0)/2 -> 0.5; @3 u0 1/3, u1 2/3 -> 0.5
    assertArrayEquals(new double[] {1, 0.5, 0.5}, m.avgPopularity(), EPS);
    assertEquals(3.0 / 5, m.catalogMeanPopularity(), EPS); // 3 training ratings over 5 movies
    assertEquals(2, m.users());
    assertNull(m.relevanceThreshold());
  }

  @Test
  void aRelevanceThresholdDropsLowRatedTestMoviesAndUsersLeftWithNone() {
    EvaluationReport.RankingMetrics m = evaluate(options().withRelevanceThreshold(3.0)).ranking();
    // u0 keeps m2 (5.0) only, list m2 m3 m4: precision@1 1, recall@1 1; u1's only test rating is 1.0
    assertEquals(1, m.users());
    assertEquals(1.0, m.precision()[0], EPS);
    assertEquals(1.0, m.recall()[0], EPS);
    assertEquals(1.0 / 3, m.precision()[2], EPS);
    assertEquals(3.0, m.relevanceThreshold());
  }

  @Test
  void coldUsersAndMoviesAreCountedAsFallbacks() {
    // a third user with no training ratings; test: u2 m4 (m4 has no training ratings either), u0 m3
    Ratings train = Fixtures.ratings(3, 5, new int[] {0, 0, 8}, new int[] {1, 2, 10});
    Ratings test = Fixtures.ratings(3, 5, new int[] {2, 4, 6}, new int[] {0, 3, 6}, new int[] {0, 1, 6});
    float[][] table = {{5, 4, 3, 2, 1}, {1, 2, 3, 4, 5}, {9, 9, 9, 9, 9}};
    TableModel model = new TableModel(table, new float[] {1, 1, 1, 1, 1}, new boolean[] {true, true, false},
        true, Fixtures.ids("u", 3), Fixtures.ids("m", 5));
    EvaluationReport r = new Evaluator(options()).evaluate(model, Fixtures.dataset(train), test);
    // cold users: (u2, m4); cold movies (no training ratings): m4, m3, m1 -> 3; either: 3
    assertEquals(1, r.coldUserPairs());
    assertEquals(3, r.coldItemPairs());
    assertEquals(3, r.fallbackPairs());
    assertEquals(1, r.ranking().coldUsers());
    // u2 is scored by the fallback row (all 1): m4 ties with everything, so it is a hit at every K
    // (ties count as hits) in the accuracy, but 5th in the tie-broken top-N list
  }

  @Test
  void aBatchPredictorGetsEveryPairInOneCallAndTheSameErrors() {
    TableModel table = TableModel.of(SCORES);
    int[] calls = {0};
    TableModel.Batched batched = new TableModel.Batched(table, calls);
    EvaluationReport r = new Evaluator(options()).evaluate(batched, Fixtures.dataset(TRAIN), TEST);
    assertEquals(1, calls[0]);
    assertEquals(Math.sqrt(7.25 / 3), r.rating().rmse(), EPS); // as ratingErrorClipsPredictionsToTheTrainingScale
  }

  @Test
  void aTestMovieAlsoRatedInTrainingIsNeverExcludedFromItsOwnAccuracyButIsNotRelevant() {
    // u0 rated m0 and m1 in training, and m1 again in test (a duplicate pair); scores 5, 4, 3.5, 1, 0
    Ratings train = Fixtures.ratings(2, 5, new int[] {0, 0, 8}, new int[] {0, 1, 6}, new int[] {1, 2, 10});
    Ratings test = Fixtures.ratings(2, 5, new int[] {0, 1, 8});
    EvaluationReport r = new Evaluator(options()).evaluate(TableModel.of(SCORES), Fixtures.dataset(train), test);
    // all movies: only m0 (5) is above m1 (4) -> miss at K=1, hit at K=3
    assertArrayEquals(new double[] {0, 1, 1}, r.accuracy().all(), EPS);
    // excluding training movies: m0 goes, m1 itself stays -> nothing above -> hit at K=1
    assertArrayEquals(new double[] {1, 1, 1}, r.accuracy().excludingTrain(), EPS);
    // m1 cannot be recommended to u0 (rated in training), so u0 has no relevant movie and is not ranked
    assertEquals(0, r.ranking().users());
  }

  @Test
  void aModelThatOnlyRanksHasNoRatingMetrics() {
    TableModel ranker = new TableModel(SCORES, new float[5], new boolean[] {true, true}, false,
        Fixtures.ids("u", 2), Fixtures.ids("m", 5));
    EvaluationReport r = new Evaluator(options()).evaluate(ranker, Fixtures.dataset(TRAIN), TEST);
    assertNull(r.rating());
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, r.ranking().precision(), EPS);
  }

  @Test
  void testIdsAreMappedThroughNamesWhenTheDataVocabularyDiffersFromTheModels() {
    // the data lists the users in the other order: data u0 = model "u1", data u1 = model "u0"
    Ratings train = Fixtures.ratings(2, 5, new int[] {1, 0, 8}, new int[] {1, 1, 6}, new int[] {0, 2, 10});
    Ratings test = Fixtures.ratings(2, 5, new int[] {1, 2, 10}, new int[] {1, 3, 4}, new int[] {0, 0, 2});
    Dataset base = Fixtures.dataset(train);
    Dataset swapped = new Dataset(train, org.cinerec.data.IdIndex.of("u1", "u0"), base.items(), base.catalog(),
        base.provenance());
    EvaluationReport r = new Evaluator(options()).evaluate(TableModel.of(SCORES), swapped, test);
    EvaluationReport expected = evaluate(options());
    assertEquals(expected.rating().rmse(), r.rating().rmse(), EPS);
    assertArrayEquals(expected.ranking().ndcg(), r.ranking().ndcg(), EPS);
    assertArrayEquals(expected.accuracy().all(), r.accuracy().all(), EPS);
  }

  @Test
  void theFlatMetricsAndTheTableNameEveryNumber() {
    EvaluationReport r = evaluate(options());
    assertEquals(0.75, r.metrics().get("ndcg@3"), EPS);
    assertEquals(1.0 / 3, r.metrics().get("top3_accuracy"), EPS);
    assertEquals(1.0, r.metrics().get("top3_accuracy_excl"), EPS);
    String table = r.toTable();
    org.junit.jupiter.api.Assertions.assertTrue(table.contains("RMSE 1.5546"), table);
    org.junit.jupiter.api.Assertions.assertTrue(table.contains("excluding training movies"), table);
  }
}
