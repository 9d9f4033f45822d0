package org.cinerec.eval;

import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.math.TopK;

/**
 * One pass over the test users for {@link Evaluator}: scores each user once, then computes TFRS top-K
 * accuracy for each of the user's test pairs and the top-N metrics of the user's list. One top-K
 * selection per user, over the candidates (training movies at -Infinity): the number of movies above a
 * test movie among all movies is the number above it among the candidates (exact up to the list
 * length) plus the number of the user's training movies above it (binary search in their sorted
 * scores). Each user's
 * results go to slots owned by that user; totals are summed afterwards in user order (deterministic for
 * any thread count).
 */
final class RankingPass {
  private final Evaluator.Context c;
  private final int[] ks;
  private final int[] accKs;
  private final double threshold;
  private final int maxK;
  private final int listK;
  private final int[] testUsers;
  // per test user (index into testUsers)
  private final int[][] accHitsAll;
  private final int[][] accHitsExcl;
  private final double[][] precision;
  private final double[][] recall;
  private final double[][] ndcg;
  private final double[][] ap;
  private final double[][] hit;
  private final double[][] popularity;
  private final double[] rr;
  private final boolean[] ranked;
  private final boolean[] cold;
  private final int[] unrankable;
  private final int chunkCount;
  private int[] firstRank;

  RankingPass(Evaluator.Context c, EvalOptions options, int chunks) {
    this.c = c;
    this.chunkCount = chunks;
    this.ks = options.ks();
    this.accKs = options.accuracyKs();
    this.threshold = options.relevanceThreshold();
    this.maxK = options.maxK();
    this.listK = Math.max(maxK, options.maxAccuracyK());
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
    accHitsAll = new int[accKs.length][n];
    accHitsExcl = new int[accKs.length][n];
    precision = new double[ks.length][n];
    recall = new double[ks.length][n];
    ndcg = new double[ks.length][n];
    ap = new double[ks.length][n];
    hit = new double[ks.length][n];
    popularity = new double[ks.length][n];
    rr = new double[n];
    ranked = new boolean[n];
    cold = new boolean[n];
    unrankable = new int[n];
  }

  void run() {
    int n = testUsers.length;
    int chunks = Math.min(n, chunkCount > 0 ? chunkCount : Parallel.threads() * 4);
    int[][] firstRanks = new int[Math.max(1, chunks)][];
    Parallel.forEachChunk(n, chunks, (chunk, from, to) -> firstRanks[chunk] = runChunk(from, to));
    firstRank = new int[c.numModelItems];
    Arrays.fill(firstRank, Integer.MAX_VALUE);
    for (int[] f : firstRanks) {
      if (f != null) {
        for (int i = 0; i < f.length; i++) {
          firstRank[i] = Math.min(firstRank[i], f[i]);
        }
      }
    }
  }

  private int[] runChunk(int from, int to) {
    int items = c.numModelItems;
    float[] scores = new float[items];
    float[] excl = new float[items];
    int[] trainMark = new int[items];
    int[] relMark = new int[items];
    int[] relevant = new int[16];
    boolean[] rel = new boolean[maxK];
    int[] first = new int[items];
    Arrays.fill(first, Integer.MAX_VALUE);
    Ratings test = c.test;
    Ratings train = c.train;
    CsrIndex testByUser = test.byUser();
    CsrIndex trainByUser = train.byUser();
    int[] testPos = testByUser.positions();
    int[] trainPos = trainByUser.positions();
    float[] trainScores = new float[64];
    for (int t = from; t < to; t++) {
      int u = testUsers[t];
      int stamp = t + 1;
      int mu = c.userMap[u];
      cold[t] = mu < 0 || !c.model.knowsUser(mu);
      c.model.scoreItems(mu, scores);
      System.arraycopy(scores, 0, excl, 0, items);
      int nTrain = 0;
      for (int q = trainByUser.start(u); q < trainByUser.end(u); q++) {
        int mi = c.itemMap[train.item(trainPos[q])];
        if (mi >= 0 && trainMark[mi] != stamp) {
          excl[mi] = Float.NEGATIVE_INFINITY;
          trainMark[mi] = stamp;
          if (nTrain == trainScores.length) {
            trainScores = Arrays.copyOf(trainScores, 2 * nTrain);
          }
          float x = scores[mi];
          trainScores[nTrain++] = Float.isNaN(x) ? Float.NEGATIVE_INFINITY : x;
        }
      }
      Arrays.sort(trainScores, 0, nTrain);
      int[] list = TopK.select(excl, listK);
      // TFRS accuracy, one test pair at a time; relevant set on the way
      int nRel = 0;
      int nRelevantKnown = 0;
      for (int q = testByUser.start(u); q < testByUser.end(u); q++) {
        int p = testPos[q];
        int mi = c.itemMap[test.item(p)];
        boolean relevantRating = Double.isNaN(threshold) || test.rating(p) >= threshold;
        if (mi < 0) {
          unrankable[t]++;
          nRel += relevantRating ? 1 : 0;
          continue;
        }
        float s = scores[mi];
        // above among all movies = above among the candidates + training movies above (exact below listK)
        int aboveExcl = Metrics.countAbove(s, list, excl, listK);
        int above = Float.isNaN(s) ? listK : aboveExcl + Metrics.countAboveSorted(s, trainScores, nTrain);
        for (int j = 0; j < accKs.length; j++) {
          accHitsAll[j][t] += above < accKs[j] ? 1 : 0;
          accHitsExcl[j][t] += aboveExcl < accKs[j] ? 1 : 0;
        }
        if (relevantRating && trainMark[mi] != stamp && relMark[mi] != stamp) {
          relMark[mi] = stamp;
          if (nRelevantKnown == relevant.length) {
            relevant = Arrays.copyOf(relevant, relevant.length * 2);
          }
          relevant[nRelevantKnown++] = mi;
          nRel++;
        }
      }
      if (nRel == 0) {
        continue;
      }
      ranked[t] = true;
      int len = Math.min(maxK, list.length);
      for (int r = 0; r < len; r++) {
        rel[r] = relMark[list[r]] == stamp;
        first[list[r]] = Math.min(first[list[r]], r);
      }
      for (int j = 0; j < ks.length; j++) {
        int k = ks[j];
        precision[j][t] = Metrics.precision(rel, len, k);
        recall[j][t] = Metrics.recall(rel, len, k, nRel);
        ndcg[j][t] = Metrics.ndcg(rel, len, k, nRel);
        ap[j][t] = Metrics.averagePrecision(rel, len, k, nRel);
        hit[j][t] = Metrics.hitRate(rel, len, k);
        int m = Math.min(k, len);
        double pop = 0;
        for (int r = 0; r < m; r++) {
          pop += c.popularity[list[r]];
        }
        popularity[j][t] = m == 0 ? 0 : pop / m;
      }
      rr[t] = reciprocalRank(list, relMark, stamp, excl, relevant, nRelevantKnown);
    }
    return first;
  }

  /** From the list when a relevant movie is in it (the same order), else by a full scan. */
  private static double reciprocalRank(int[] list, int[] relMark, int stamp, float[] excl, int[] relevant, int n) {
    for (int r = 0; r < list.length; r++) {
      if (relMark[list[r]] == stamp) {
        return 1.0 / (r + 1);
      }
    }
    return Metrics.reciprocalRank(excl, relevant, n);
  }

  EvaluationReport.TopKAccuracy accuracy() {
    long pairs = c.test.size();
    double[] all = new double[accKs.length];
    double[] ex = new double[accKs.length];
    for (int j = 0; j < accKs.length; j++) {
      long ha = 0;
      long he = 0;
      for (int t = 0; t < testUsers.length; t++) {
        ha += accHitsAll[j][t];
        he += accHitsExcl[j][t];
      }
      all[j] = pairs == 0 ? Double.NaN : (double) ha / pairs;
      ex[j] = pairs == 0 ? Double.NaN : (double) he / pairs;
    }
    long unr = 0;
    for (int x : unrankable) {
      unr += x;
    }
    return new EvaluationReport.TopKAccuracy(accKs.clone(), all, ex, pairs, unr);
  }

  EvaluationReport.RankingMetrics ranking() {
    long users = 0;
    long coldUsers = 0;
    for (int t = 0; t < testUsers.length; t++) {
      if (ranked[t]) {
        users++;
        coldUsers += cold[t] ? 1 : 0;
      }
    }
    double[] cov = new double[ks.length];
    for (int j = 0; j < ks.length; j++) {
      int distinct = 0;
      for (int f : firstRank) {
        distinct += f < ks[j] ? 1 : 0;
      }
      cov[j] = c.numModelItems == 0 ? 0 : (double) distinct / c.numModelItems;
    }
    double mrr = users == 0 ? Double.NaN : mean(new double[][] {rr}, 0, users);
    return new EvaluationReport.RankingMetrics(Double.isNaN(threshold) ? null : threshold, users, coldUsers,
        ks.clone(), means(precision, users), means(recall, users), means(ndcg, users), means(ap, users),
        means(hit, users), cov, means(popularity, users), mrr,
        c.numModelItems == 0 ? 0 : (double) c.train.size() / c.numModelItems);
  }

  private double[] means(double[][] perUser, long users) {
    double[] out = new double[perUser.length];
    for (int j = 0; j < perUser.length; j++) {
      out[j] = users == 0 ? Double.NaN : mean(perUser, j, users);
    }
    return out;
  }

  private double mean(double[][] perUser, int j, long users) {
    double sum = 0;
    for (int t = 0; t < testUsers.length; t++) {
      if (ranked[t]) {
        sum += perUser[j][t];
      }
    }
    return sum / users;
  }
}
