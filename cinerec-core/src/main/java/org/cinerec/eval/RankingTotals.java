package org.cinerec.eval;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Sums of {@link UserRanking.User} results and the report records made from them: accuracy over every
 * test pair, top-N metrics averaged over the users with a relevant test movie, coverage from each
 * movie's best rank, diversity over the users whose list has two movies with genres, novelty over the
 * users. {@link Evaluator} adds its users in user order (so results do not depend on the
 * thread count); the Spark {@code evaluate} job sums per partition and {@link #merge}s (Serializable
 * for that transport only).
 */
public final class RankingTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] ks;
  private final int[] accKs;
  private final double threshold;
  private final double lambda; // the MMR diversity of the lists (0: plain)
  private final long[] accAll;
  private final long[] accExcl;
  private final double[][] sums; // precision, recall, ndcg, ap, hit, popularity; each per k
  private final double[] diversity; // per k: sum over the users whose list has a genre pair
  private final long[] diversityUsers;
  private final double[] novelty;
  private boolean beyondMeasured = true; // false once a ranked user came without diversity and novelty
  private final int[] first;
  private double rr;
  private long pairs;
  private long unrankable;
  private long users;
  private long coldUsers;

  /** Empty totals over {@code numItems} model movies. */
  public RankingTotals(EvalOptions options, int numItems) {
    this.ks = options.ks();
    this.accKs = options.accuracyKs();
    this.threshold = options.relevanceThreshold();
    this.lambda = options.diversity();
    this.accAll = new long[accKs.length];
    this.accExcl = new long[accKs.length];
    this.sums = new double[6][ks.length];
    this.diversity = new double[ks.length];
    this.diversityUsers = new long[ks.length];
    this.novelty = new double[ks.length];
    this.first = new int[numItems];
    Arrays.fill(first, Integer.MAX_VALUE);
  }

  /** A per-movie best-rank array for {@link UserRanking#rank}'s {@code first}: all {@code MAX_VALUE}. */
  public static int[] firstRanks(int numItems) {
    int[] f = new int[numItems];
    Arrays.fill(f, Integer.MAX_VALUE);
    return f;
  }

  /** Adds one user's results. */
  public RankingTotals add(UserRanking.User u) {
    pairs += u.testPairs();
    unrankable += u.unrankable();
    for (int j = 0; j < accKs.length; j++) {
      accAll[j] += u.accHitsAll()[j];
      accExcl[j] += u.accHitsExcl()[j];
    }
    if (u.ranked()) {
      users++;
      coldUsers += u.cold() ? 1 : 0;
      double[][] per = {u.precision(), u.recall(), u.ndcg(), u.ap(), u.hit(), u.popularity()};
      for (int m = 0; m < sums.length; m++) {
        for (int j = 0; j < ks.length; j++) {
          sums[m][j] += per[m][j];
        }
      }
      rr += u.rr();
      for (int j = 0; j < ks.length; j++) {
        if (Double.isNaN(u.novelty()[j])) {
          beyondMeasured = false;
        } else {
          novelty[j] += u.novelty()[j];
        }
        if (!Double.isNaN(u.diversity()[j])) {
          diversity[j] += u.diversity()[j];
          diversityUsers[j]++;
        }
      }
    }
    return this;
  }

  /** Lowers each movie's best rank to {@code f}'s (from {@link UserRanking#rank}). */
  public RankingTotals addFirstRanks(int[] f) {
    if (f.length != first.length) {
      throw new IllegalArgumentException("best ranks over " + f.length + " movies, totals over " + first.length);
    }
    for (int i = 0; i < f.length; i++) {
      first[i] = Math.min(first[i], f[i]);
    }
    return this;
  }

  /** Adds another partial sum into this one. */
  public RankingTotals merge(RankingTotals o) {
    pairs += o.pairs;
    unrankable += o.unrankable;
    users += o.users;
    coldUsers += o.coldUsers;
    rr += o.rr;
    beyondMeasured &= o.beyondMeasured;
    for (int j = 0; j < ks.length; j++) {
      diversity[j] += o.diversity[j];
      diversityUsers[j] += o.diversityUsers[j];
      novelty[j] += o.novelty[j];
    }
    for (int j = 0; j < accKs.length; j++) {
      accAll[j] += o.accAll[j];
      accExcl[j] += o.accExcl[j];
    }
    for (int m = 0; m < sums.length; m++) {
      for (int j = 0; j < ks.length; j++) {
        sums[m][j] += o.sums[m][j];
      }
    }
    return addFirstRanks(o.first);
  }

  /** TFRS top-K accuracy over every test pair added. */
  public EvaluationReport.TopKAccuracy accuracy() {
    double[] all = new double[accKs.length];
    double[] ex = new double[accKs.length];
    for (int j = 0; j < accKs.length; j++) {
      all[j] = pairs == 0 ? Double.NaN : (double) accAll[j] / pairs;
      ex[j] = pairs == 0 ? Double.NaN : (double) accExcl[j] / pairs;
    }
    return new EvaluationReport.TopKAccuracy(accKs.clone(), all, ex, pairs, unrankable);
  }

  /** The top-N metrics; {@code trainRatings} gives the catalogue's mean popularity. */
  public EvaluationReport.RankingMetrics ranking(long trainRatings) {
    int n = first.length;
    double[] cov = new double[ks.length];
    for (int j = 0; j < ks.length; j++) {
      int distinct = 0;
      for (int f : first) {
        distinct += f < ks[j] ? 1 : 0;
      }
      cov[j] = n == 0 ? 0 : (double) distinct / n;
    }
    double[] div = null;
    double[] nov = null;
    long[] divUsers = null;
    if (beyondMeasured) {
      div = new double[ks.length];
      nov = new double[ks.length];
      divUsers = diversityUsers.clone();
      for (int j = 0; j < ks.length; j++) {
        div[j] = diversityUsers[j] == 0 ? Double.NaN : diversity[j] / diversityUsers[j];
        nov[j] = users == 0 ? Double.NaN : novelty[j] / users;
      }
    }
    return new EvaluationReport.RankingMetrics(Double.isNaN(threshold) ? null : threshold, users, coldUsers,
        ks.clone(), mean(0), mean(1), mean(2), mean(3), mean(4), cov, mean(5),
        users == 0 ? Double.NaN : rr / users, n == 0 ? 0 : (double) trainRatings / n, div, divUsers, nov,
        lambda > 0 ? lambda : null);
  }

  private double[] mean(int m) {
    double[] out = new double[ks.length];
    for (int j = 0; j < ks.length; j++) {
      out[j] = users == 0 ? Double.NaN : sums[m][j] / users;
    }
    return out;
  }
}
