package org.cinerec.eval;

import java.util.Arrays;
import org.cinerec.math.Mmr;
import org.cinerec.math.TopK;

/**
 * The ranking metrics of one user, the one implementation behind {@link Evaluator}'s ranking pass and the
 * Spark {@code evaluate} job (which calls it once per user inside its partitions). Holds scratch buffers:
 * one instance per thread.
 *
 * <p>From the user's scores over every model movie: one top-K selection over the candidates (training
 * movies at -Infinity, and with {@link EvalOptions#newItemsOnly} every movie with training ratings; ties by lower model index, as {@link TopK}); TFRS accuracy of each test pair (the
 * number of movies above it among all movies is the number above it among the candidates, exact up to the
 * list length, plus the training movies above it, by binary search in their sorted scores); then the
 * metrics of {@link Metrics} on the list, with relevant movies = the distinct test movies (rated at least
 * the threshold when one is set) that are not training movies; test movies unknown to the model (index
 * -1) stay in the relevant count but can never be retrieved. Sum the results with {@link RankingTotals}.
 *
 * <p>With {@link EvalOptions#diversity} above 0 the top-max(K) list is instead the MMR order over the
 * candidates ({@link Mmr}, the service's diversity knob) and every top-N metric is taken on it; the
 * reciprocal rank too, the list being followed by the other candidates in score order. TFRS accuracy ranks
 * by score either way.
 */
public final class UserRanking {
  private final int[] ks;
  private final int[] accKs;
  private final double threshold;
  private final int maxK;
  private final int listK;
  private final int[] popularity;
  private final ItemStats stats;
  private final double[] selfInformation;
  private final int items;
  private final float[] excl;
  /** With {@link EvalOptions#newItemsOnly}: the movies that had training ratings (never candidates); else null. */
  private final boolean[] rated;
  private final int[] trainMark;
  private final int[] relMark;
  private final double lambda;
  /** Unit item vectors for MMR (with {@code lambda > 0}), else null. */
  private final float[] unit;
  private final int dim;
  private final boolean[] rel;
  private int[] relevant = new int[16];
  private float[] trainScores = new float[64];
  private int stamp;

  /** One user's results: per cut-off of {@link EvalOptions#accuracyKs} and {@link EvalOptions#ks}. */
  public record User(int testPairs, int unrankable, int[] accHitsAll, int[] accHitsExcl, boolean ranked,
      boolean cold, double[] precision, double[] recall, double[] ndcg, double[] ap, double[] hit,
      double[] popularity, double rr, double[] diversity, double[] novelty) {}

  /**
   * Without the beyond-accuracy metrics (diversity and novelty are NaN).
   *
   * @param popularity per model movie, its number of training ratings; its length is the number of model
   *                   movies
   */
  public UserRanking(EvalOptions options, int[] popularity) {
    this(options, popularity, null);
  }

  /**
   * @param popularity per model movie, its number of training ratings; its length is the number of model
   *                   movies
   * @param stats      genres and raters of each model movie for diversity and novelty ({@link Metrics}); null
   *                   leaves them NaN
   */
  public UserRanking(EvalOptions options, int[] popularity, ItemStats stats) {
    this(options, popularity, stats, null, 0);
  }

  /**
   * @param popularity per model movie, its number of training ratings; its length is the number of model
   *                   movies
   * @param stats      genres and raters of each model movie for diversity and novelty ({@link Metrics}); null
   *                   leaves them NaN
   * @param unit       row-major unit item vectors ({@link Mmr#unitRows}) of every model movie, for MMR when
   *                   {@link EvalOptions#diversity} is above 0 (then required); null otherwise
   * @param dim        their length
   */
  public UserRanking(EvalOptions options, int[] popularity, ItemStats stats, float[] unit, int dim) {
    this.ks = options.ks();
    this.accKs = options.accuracyKs();
    this.threshold = options.relevanceThreshold();
    this.maxK = options.maxK();
    this.listK = Math.max(maxK, options.maxAccuracyK());
    this.popularity = popularity;
    this.items = popularity.length;
    this.stats = stats;
    if (stats != null && stats.raters().length != items) {
      throw new IllegalArgumentException("item stats over " + stats.raters().length + " movies, popularity over "
          + items);
    }
    this.lambda = options.diversity();
    if (lambda > 0 && (unit == null || dim < 1 || unit.length != (long) items * dim)) {
      throw new IllegalArgumentException("diversity " + lambda + " needs unit vectors of " + items
          + " movies, got " + (unit == null ? "none" : unit.length + " numbers of dimension " + dim));
    }
    this.unit = lambda > 0 ? unit : null;
    this.dim = dim;
    this.selfInformation = stats == null ? null : new double[items];
    if (stats != null) {
      for (int i = 0; i < items; i++) {
        selfInformation[i] = Metrics.selfInformation(stats.raters()[i], stats.users());
      }
    }
    this.excl = new float[items];
    if (options.newItemsOnly()) {
      rated = new boolean[items];
      for (int i = 0; i < items; i++) {
        rated[i] = popularity[i] > 0;
      }
    } else {
      rated = null;
    }
    this.trainMark = new int[items];
    this.relMark = new int[items];
    this.rel = new boolean[maxK];
  }

  /**
   * Ranks one user.
   *
   * @param scores      the model's scores over every model movie (not modified)
   * @param trainItems  the user's training movies as model indices, the first {@code nTrain} (-1 entries and
   *                    repeats allowed)
   * @param testItems   the user's test movies as model indices (-1: unknown to the model), the first
   *                    {@code nTest}, with their ratings in {@code testRatings}
   * @param cold        whether the user is unseen in training (counted among the cold users if ranked)
   * @param first       per model movie the best rank (0-based) at which it entered a top-max(K) list so far,
   *                    lowered here (for coverage); may be null
   * @return the user's results; {@link User#ranked} is false (and the top-N metrics zero) when the user has
   *         no relevant test movie
   */
  public User rank(float[] scores, int[] trainItems, int nTrain, int[] testItems, float[] testRatings, int nTest,
      boolean cold, int[] first) {
    if (scores.length != items) {
      throw new IllegalArgumentException("scores over " + scores.length + " movies, popularity over " + items);
    }
    if (++stamp == 0) { // after 2^32 users: start the marks afresh
      Arrays.fill(trainMark, 0);
      Arrays.fill(relMark, 0);
      stamp = 1;
    }
    System.arraycopy(scores, 0, excl, 0, items);
    if (rated != null) {
      for (int i = 0; i < items; i++) {
        if (rated[i]) {
          excl[i] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    int nt = 0;
    for (int q = 0; q < nTrain; q++) {
      int mi = trainItems[q];
      if (mi >= 0 && trainMark[mi] != stamp) {
        excl[mi] = Float.NEGATIVE_INFINITY;
        trainMark[mi] = stamp;
        if (nt == trainScores.length) {
          trainScores = Arrays.copyOf(trainScores, 2 * nt);
        }
        float x = scores[mi];
        trainScores[nt++] = Float.isNaN(x) ? Float.NEGATIVE_INFINITY : x;
      }
    }
    Arrays.sort(trainScores, 0, nt);
    int[] list = TopK.select(excl, listK);
    int[] hitsAll = new int[accKs.length];
    int[] hitsExcl = new int[accKs.length];
    int unrankable = 0;
    int nRel = 0;
    int nRelevantKnown = 0;
    for (int q = 0; q < nTest; q++) {
      int mi = testItems[q];
      boolean relevantRating = Double.isNaN(threshold) || testRatings[q] >= threshold;
      if (mi < 0) {
        unrankable++;
        nRel += relevantRating ? 1 : 0;
        continue;
      }
      float s = scores[mi];
      int aboveExcl = Metrics.countAbove(s, list, excl, listK);
      int above = Float.isNaN(s) ? listK : aboveExcl + Metrics.countAboveSorted(s, trainScores, nt);
      for (int j = 0; j < accKs.length; j++) {
        hitsAll[j] += above < accKs[j] ? 1 : 0;
        hitsExcl[j] += aboveExcl < accKs[j] ? 1 : 0;
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
    int m = ks.length;
    double[] precision = new double[m];
    double[] recall = new double[m];
    double[] ndcg = new double[m];
    double[] ap = new double[m];
    double[] hit = new double[m];
    double[] pop = new double[m];
    double[] div = new double[m];
    double[] nov = new double[m];
    if (nRel == 0) {
      return new User(nTest, unrankable, hitsAll, hitsExcl, false, cold, precision, recall, ndcg, ap, hit, pop, 0,
          div, nov);
    }
    int[] top = unit == null ? list : Mmr.select(excl, maxK, lambda, unit, dim);
    int len = Math.min(maxK, top.length);
    for (int r = 0; r < len; r++) {
      rel[r] = relMark[top[r]] == stamp;
      if (first != null) {
        first[top[r]] = Math.min(first[top[r]], r);
      }
    }
    for (int j = 0; j < m; j++) {
      int k = ks[j];
      precision[j] = Metrics.precision(rel, len, k);
      recall[j] = Metrics.recall(rel, len, k, nRel);
      ndcg[j] = Metrics.ndcg(rel, len, k, nRel);
      ap[j] = Metrics.averagePrecision(rel, len, k, nRel);
      hit[j] = Metrics.hitRate(rel, len, k);
      int shown = Math.min(k, len);
      double sum = 0;
      for (int r = 0; r < shown; r++) {
        sum += popularity[top[r]];
      }
      pop[j] = shown == 0 ? 0 : sum / shown;
      if (stats == null) {
        div[j] = Double.NaN;
        nov[j] = Double.NaN;
      } else {
        div[j] = Metrics.intraListDiversity(top, shown, stats.genres());
        nov[j] = Metrics.novelty(top, shown, selfInformation);
      }
    }
    double rr = unit == null ? reciprocalRank(list, excl, nRelevantKnown) : reciprocalRankAfter(top, len,
        nRelevantKnown);
    return new User(nTest, unrankable, hitsAll, hitsExcl, true, cold, precision, recall, ndcg, ap, hit, pop, rr,
        div, nov);
  }

  /**
   * The reciprocal rank in the order "the MMR list {@code shown}, then the other candidates by score": from
   * the list when a relevant movie is in it, else the list's length plus the best relevant movie's rank among
   * the candidates left out of it (which are then set to -Infinity in {@code excl}: its last use).
   */
  private double reciprocalRankAfter(int[] shown, int len, int n) {
    for (int r = 0; r < len; r++) {
      if (relMark[shown[r]] == stamp) {
        return 1.0 / (r + 1);
      }
    }
    for (int r = 0; r < len; r++) {
      excl[shown[r]] = Float.NEGATIVE_INFINITY;
    }
    int rank = Metrics.bestRank(excl, relevant, n);
    return rank == 0 ? 0 : 1.0 / (len + rank);
  }

  /** From the list when a relevant movie is in it (the same order), else by a full scan. */
  private double reciprocalRank(int[] list, float[] scores, int n) {
    for (int r = 0; r < list.length; r++) {
      if (relMark[list[r]] == stamp) {
        return 1.0 / (r + 1);
      }
    }
    return Metrics.reciprocalRank(scores, relevant, n);
  }
}
