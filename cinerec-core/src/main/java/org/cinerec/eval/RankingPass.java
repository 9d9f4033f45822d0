package org.cinerec.eval;

import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;

/**
 * One pass over the test users for {@link Evaluator}: scores each user once and ranks them with
 * {@link UserRanking} (one per chunk of users). Each user's result goes to a slot owned by that user; the
 * totals are summed afterwards in user order ({@link RankingTotals}), so the figures do not depend on the
 * thread count.
 */
final class RankingPass {
  private final Evaluator.Context c;
  private final EvalOptions options;
  private final int[] testUsers;
  private final UserRanking.User[] results;
  private final int chunkCount;
  /** The model's unit item vectors for MMR lists (diversity above 0), shared read-only by the chunks; else null. */
  private final float[] unit;
  private RankingTotals totals;

  RankingPass(Evaluator.Context c, EvalOptions options, int chunks) {
    this.c = c;
    this.options = options;
    this.chunkCount = chunks;
    this.unit = Evaluator.unitVectors(c.model, options);
    CsrIndex byUser = c.test.byUser();
    int n = 0;
    for (int u = 0; u < byUser.numKeys(); u++) {
      n += byUser.count(u) > 0 ? 1 : 0;
    }
    testUsers = new int[n];
    n = 0;
    for (int u = 0; u < byUser.numKeys(); u++) {
      if (byUser.count(u) > 0) {
        testUsers[n++] = u;
      }
    }
    results = new UserRanking.User[n];
  }

  void run() {
    int n = testUsers.length;
    int chunks = Math.min(n, chunkCount > 0 ? chunkCount : Parallel.threads() * 4);
    int[][] firstRanks = new int[Math.max(1, chunks)][];
    Parallel.forEachChunk(n, chunks, (chunk, from, to) -> firstRanks[chunk] = runChunk(from, to));
    totals = new RankingTotals(options, c.numModelItems);
    for (UserRanking.User r : results) {
      totals.add(r);
    }
    for (int[] f : firstRanks) {
      if (f != null) {
        totals.addFirstRanks(f);
      }
    }
  }

  private int[] runChunk(int from, int to) {
    int items = c.numModelItems;
    UserRanking ranking = new UserRanking(options, c.popularity, c.itemStats, unit,
        unit == null ? 0 : ((org.cinerec.model.ItemEmbeddings) c.model).embeddingDim());
    float[] scores = new float[items];
    int[] first = RankingTotals.firstRanks(items);
    Ratings test = c.test;
    Ratings train = c.train;
    CsrIndex testByUser = test.byUser();
    CsrIndex trainByUser = train.byUser();
    int[] testPos = testByUser.positions();
    int[] trainPos = trainByUser.positions();
    int[] trainItems = new int[16];
    int[] testItems = new int[16];
    float[] testRatings = new float[16];
    for (int t = from; t < to; t++) {
      int u = testUsers[t];
      int mu = c.userMap[u];
      boolean cold = mu < 0 || !c.model.knowsUser(mu);
      c.model.scoreItems(mu, scores);
      int nTrain = trainByUser.count(u);
      if (nTrain > trainItems.length) {
        trainItems = new int[Math.max(nTrain, 2 * trainItems.length)];
      }
      for (int q = trainByUser.start(u), j = 0; q < trainByUser.end(u); q++, j++) {
        trainItems[j] = c.itemMap[train.item(trainPos[q])];
      }
      int nTest = testByUser.count(u);
      if (nTest > testItems.length) {
        testItems = new int[Math.max(nTest, 2 * testItems.length)];
        testRatings = new float[testItems.length];
      }
      for (int q = testByUser.start(u), j = 0; q < testByUser.end(u); q++, j++) {
        int p = testPos[q];
        testItems[j] = c.itemMap[test.item(p)];
        testRatings[j] = test.rating(p);
      }
      results[t] = ranking.rank(scores, trainItems, nTrain, testItems, testRatings, nTest, cold, first);
    }
    return first;
  }

  EvaluationReport.TopKAccuracy accuracy() {
    return totals.accuracy();
  }

  EvaluationReport.RankingMetrics ranking() {
    return totals.ranking(c.train.size());
  }
}
