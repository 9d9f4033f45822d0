package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.split.SplitSpec;
import org.junit.jupiter.api.Test;

/** Item cold start: with {@link EvalOptions#newItemsOnly} only movies without training ratings are ranked. */
class NewItemsOnlyTest {
  private static final double EPS = 1e-12;
  // 2 users x 5 movies; training: u0 rated m0, m1; u1 rated m2 -> m3, m4 are new (no training ratings)
  private static final Ratings TRAIN = Fixtures.ratings(2, 5, new int[] {0, 0, 8}, new int[] {0, 1, 6},
      new int[] {1, 2, 10});
  private static final Ratings TEST = Fixtures.ratings(2, 5, new int[] {0, 4, 8}, new int[] {1, 3, 6});
  private static final float[][] SCORES = {
      {9, 8, 7, 1, 2},  // u0: m2 (rated by u1, not new) outranks the new m4
      {1, 1, 9, 5, 0}}; // u1: m3 first among the candidates either way

  private static EvaluationReport.RankingMetrics rank(boolean newOnly) {
    EvalOptions o = new EvalOptions(new int[] {1, 2}, new int[] {1}, Double.NaN, false, true)
        .withNewItemsOnly(newOnly);
    Dataset train = Fixtures.dataset(TRAIN);
    return new Evaluator(o).evaluate(TableModel.of(SCORES), train, TEST).ranking();
  }

  @Test
  void onlyMoviesNobodyRatedInTrainingAreCandidates() {
    // all candidates: u0's list m2 m4 m3 (m0, m1 are hers) -> hit at 2; u1's list m3 m0 ... -> hit at 1
    // precision@1: (0 + 1) / 2; precision@2: (1/2 + 1/2) / 2
    assertArrayEquals(new double[] {0.5, 0.5}, rank(false).precision(), EPS);
    // new movies only: u0's list m4 m3 -> hit at 1; u1's list m3 m4 -> hit at 1
    assertArrayEquals(new double[] {1, 0.5}, rank(true).precision(), EPS);
    assertArrayEquals(new double[] {1, 1}, rank(true).ndcg(), EPS);
  }

  @Test
  void anItemsSplitTurnsItOnAndOthersDoNot() {
    EvalOptions d = EvalOptions.defaults();
    assertTrue(d.forSplit(SplitSpec.parse("items:0.1:42")).newItemsOnly());
    assertFalse(d.forSplit(SplitSpec.parse("random:0.2:42")).newItemsOnly());
    assertFalse(d.forSplit(SplitSpec.parse("stratified:0.25:42")).newItemsOnly());
    assertFalse(d.newItemsOnly());
  }
}
