package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cinerec.math.TopK;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double EPS = 1e-9;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  // list: relevant, not, relevant, not, not; the user has 3 relevant movies
  private static final boolean[] REL = {true, false, true, false, false};

  @Test
  void precisionCountsHitsOverK() {
    assertEquals(1.0, Metrics.precision(REL, 5, 1), EPS);       // 1/1
    assertEquals(2.0 / 3, Metrics.precision(REL, 5, 3), EPS);   // 2/3
    assertEquals(0.4, Metrics.precision(REL, 5, 5), EPS);       // 2/5
  }

  @Test
  void recallCountsHitsOverTheUsersRelevantMovies() {
    assertEquals(1.0 / 3, Metrics.recall(REL, 5, 1, 3), EPS);   // 1/3
    assertEquals(2.0 / 3, Metrics.recall(REL, 5, 5, 3), EPS);   // 2/3: the third relevant movie is not listed
  }

  @Test
  void ndcgDiscountsByLogOfTheRank() {
    // DCG@3 = 1/log2(2) + 1/log2(4) = 1.5; IDCG@3 = 1 + 1/log2(3) + 1/log2(4) = 2.130930
    assertEquals(1.5 / (1 + 1 / LOG2_3 + 0.5), Metrics.ndcg(REL, 5, 3, 3), EPS);
    assertEquals(0.7039180890341348, Metrics.ndcg(REL, 5, 3, 3), 1e-12);
    assertEquals(1.0, Metrics.ndcg(REL, 5, 1, 3), EPS);          // the first movie is relevant
  }

  @Test
  void averagePrecisionAveragesPrecisionAtEachHitOverMinOfKAndRelevant() {
    // hits at ranks 1 and 3: (1/1 + 2/3) / min(5, 3) = 0.555...
    assertEquals((1 + 2.0 / 3) / 3, Metrics.averagePrecision(REL, 5, 5, 3), EPS);
    assertEquals(1.0, Metrics.averagePrecision(REL, 5, 1, 3), EPS); // 1/1 over min(1,3)
    // K = 2: only rank 1 hits: 1 / min(2, 3) = 0.5
    assertEquals(0.5, Metrics.averagePrecision(REL, 5, 2, 3), EPS);
  }

  @Test
  void hitRateIsOneWhenAnyListedMovieIsRelevant() {
    boolean[] rel = {false, true};
    assertEquals(0.0, Metrics.hitRate(rel, 2, 1), EPS);
    assertEquals(1.0, Metrics.hitRate(rel, 2, 2), EPS);
  }

  @Test
  void aListShorterThanKCountsMissingRanksAsNotRelevant() {
    boolean[] rel = {false, true, false, false, false};
    // only 2 candidates; K = 5; one relevant movie at rank 2
    assertEquals(0.2, Metrics.precision(rel, 2, 5), EPS);             // 1/5
    assertEquals(1.0, Metrics.recall(rel, 2, 5, 1), EPS);             // 1/1
    assertEquals(1 / LOG2_3, Metrics.ndcg(rel, 2, 5, 1), EPS);        // (1/log2 3) / 1 = 0.6309
    assertEquals(0.5, Metrics.averagePrecision(rel, 2, 5, 1), EPS);   // (1/2) / min(5,1)
  }

  @Test
  void reciprocalRankUsesTheBestRankedRelevantCandidateWithTiesByIndex() {
    float[] scores = {0.1f, 0.9f, Float.NEGATIVE_INFINITY, 0.5f, 0.5f};
    // relevant: items 4 and 0; item 4 (0.5) ranks after item 1 (0.9) and item 3 (0.5, lower index): rank 3
    assertEquals(1.0 / 3, Metrics.reciprocalRank(scores, new int[] {4, 0}, 2), EPS);
    // the excluded item 2 is not a candidate: no relevant candidate gives 0
    assertEquals(0.0, Metrics.reciprocalRank(scores, new int[] {2}, 1), EPS);
    assertEquals(1.0, Metrics.reciprocalRank(scores, new int[] {1}, 1), EPS);
  }

  @Test
  void countAboveIsExactBelowTheCapAndCountsTiesAsNotAbove() {
    float[] scores = {3, 1, 2, 2, 0};
    int[] top = TopK.select(scores, 3); // items 0, 2, 3
    assertEquals(1, Metrics.countAbove(2f, top, scores, 3));  // only 3 > 2: items 2 and 3 tie, both in top-2
    assertEquals(0, Metrics.countAbove(3f, top, scores, 3));
    assertEquals(3, Metrics.countAbove(1f, top, scores, 3));  // 3, 2, 2 are above: capped at 3 (true count 3)
    assertEquals(3, Metrics.countAbove(0f, top, scores, 3));  // true count 4, capped
    assertEquals(3, Metrics.countAbove(Float.NaN, top, scores, 3));
  }

  @Test
  void countAboveSortedCountsStrictlyGreaterEntriesOfASortedPrefix() {
    float[] sorted = {-1f, 0.5f, 0.5f, 2f, 9f}; // only the first 4 are in use
    assertEquals(3, Metrics.countAboveSorted(0.4f, sorted, 4));  // 0.5, 0.5, 2
    assertEquals(1, Metrics.countAboveSorted(0.5f, sorted, 4));  // 2 (ties are not above)
    assertEquals(0, Metrics.countAboveSorted(2f, sorted, 4));    // 9 is outside the prefix
    assertEquals(4, Metrics.countAboveSorted(Float.NEGATIVE_INFINITY, sorted, 4));
    assertEquals(0, Metrics.countAboveSorted(1f, sorted, 0));
  }
}
