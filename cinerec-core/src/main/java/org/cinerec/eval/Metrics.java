package org.cinerec.eval;

/**
 * The metric formulas, each on the smallest input that defines it, so tests can check them by hand.
 *
 * <p>A ranked list is given as its relevance vector {@code rel}: {@code rel[r]} is true when the item at
 * rank {@code r + 1} is relevant; {@code nRel} is the number of relevant items the user has (retrievable
 * or not). With {@code hits@K = Σ_{r<K} rel[r]}:
 * <pre>
 *   Precision@K = hits@K / K
 *   Recall@K    = hits@K / nRel
 *   HitRate@K   = 1 if hits@K &gt; 0 else 0
 *   NDCG@K      = DCG@K / IDCG@K,  DCG@K = Σ_{r&lt;K, rel[r]} 1 / log2(r + 2),
 *                                  IDCG@K = Σ_{r&lt;min(K, nRel)} 1 / log2(r + 2)
 *   AP@K        = (1 / min(K, nRel)) · Σ_{r&lt;K, rel[r]} hits@(r+1) / (r + 1)
 *   RR          = 1 / (rank of the first relevant item in the full ranking), 0 when none is rankable
 * </pre>
 * A list shorter than K (fewer candidates than K) counts its missing ranks as not relevant; Precision@K
 * still divides by K.
 *
 * <p>Beyond accuracy, over the list's first {@code n = min(K, len)} movies L (relevance plays no part):
 * <pre>
 *   ILD@K     = mean over the pairs {a, b} of L whose movies both have genres of 1 - |G_a ∩ G_b| / |G_a ∪ G_b|
 *               (intra-list diversity with the genre Jaccard distance; NaN when fewer than two movies of L
 *               have genres: the user is then left out of the mean over users)
 *   novelty@K = (1/n) Σ_{i∈L} -log2(max(1, raters_i) / users)   (mean self-information, bits)
 * </pre>
 * with {@code raters_i} the distinct training users who rated movie i and {@code users} those with a training
 * rating; a movie nobody rated in training counts as rated by one user (the largest self-information a
 * rated movie can have), so it stays finite.
 */
final class Metrics {
  private static final double LN2 = Math.log(2);

  private Metrics() {}

  static int hits(boolean[] rel, int len, int k) {
    int h = 0;
    for (int r = 0; r < Math.min(k, len); r++) {
      if (rel[r]) {
        h++;
      }
    }
    return h;
  }

  static double precision(boolean[] rel, int len, int k) {
    return (double) hits(rel, len, k) / k;
  }

  static double recall(boolean[] rel, int len, int k, int nRel) {
    return nRel == 0 ? 0 : (double) hits(rel, len, k) / nRel;
  }

  static double hitRate(boolean[] rel, int len, int k) {
    return hits(rel, len, k) > 0 ? 1 : 0;
  }

  static double ndcg(boolean[] rel, int len, int k, int nRel) {
    double dcg = 0;
    for (int r = 0; r < Math.min(k, len); r++) {
      if (rel[r]) {
        dcg += discount(r);
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(k, nRel); r++) {
      idcg += discount(r);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  static double averagePrecision(boolean[] rel, int len, int k, int nRel) {
    double sum = 0;
    int h = 0;
    for (int r = 0; r < Math.min(k, len); r++) {
      if (rel[r]) {
        h++;
        sum += (double) h / (r + 1);
      }
    }
    int denom = Math.min(k, nRel);
    return denom == 0 ? 0 : sum / denom;
  }

  /**
   * Mean pairwise genre Jaccard distance over the movies {@code list[0..n)} that have genres
   * ({@code genres[i]} sorted ascending, empty for none); NaN when fewer than two have genres.
   */
  static double intraListDiversity(int[] list, int n, int[][] genres) {
    double sum = 0;
    long pairs = 0;
    for (int a = 0; a < n; a++) {
      int[] ga = genres[list[a]];
      if (ga.length == 0) {
        continue;
      }
      for (int b = a + 1; b < n; b++) {
        int[] gb = genres[list[b]];
        if (gb.length == 0) {
          continue;
        }
        int common = intersection(ga, gb);
        sum += 1.0 - (double) common / (ga.length + gb.length - common);
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /** Size of the intersection of two ascending arrays of distinct numbers. */
  static int intersection(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int c = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        c++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return c;
  }

  /** {@code -log2(max(1, raters) / users)}: the self-information of a movie, in bits (0 when no users). */
  static double selfInformation(int raters, long users) {
    return users == 0 ? 0 : -Math.log((double) Math.max(1, raters) / users) / LN2;
  }

  /** Mean of {@code selfInformation} over {@code list[0..n)}; 0 for an empty list. */
  static double novelty(int[] list, int n, double[] selfInformation) {
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += selfInformation[list[r]];
    }
    return n == 0 ? 0 : sum / n;
  }

  /** 1 / log2(r + 2): the gain of rank r + 1. */
  static double discount(int r) {
    return LN2 / Math.log(r + 2);
  }

  /**
   * Whether {@code a} ranks before {@code b}: higher score first, equal scores by lower index (the order of
   * {@link org.cinerec.math.TopK}). NaN ranks last.
   */
  static boolean before(float sa, int a, float sb, int b) {
    if (sa > sb) {
      return true;
    }
    if (sa < sb || Float.isNaN(sa)) {
      return false;
    }
    return Float.isNaN(sb) || a < b;
  }

  /**
   * Reciprocal rank of the best-ranked relevant item among the candidates (items whose score is not
   * {@code -Infinity}) in the TopK order; {@code relevant} lists item indices (-1 entries and excluded
   * items are skipped). 0 when no relevant item is a candidate.
   */
  static double reciprocalRank(float[] scores, int[] relevant, int nRelevant) {
    int rank = bestRank(scores, relevant, nRelevant);
    return rank == 0 ? 0 : 1.0 / rank;
  }

  /**
   * The 1-based rank of the best-ranked relevant item among the candidates, as {@link #reciprocalRank}
   * orders them; 0 when no relevant item is a candidate.
   */
  static int bestRank(float[] scores, int[] relevant, int nRelevant) {
    int best = -1;
    for (int j = 0; j < nRelevant; j++) {
      int i = relevant[j];
      if (i < 0 || !(scores[i] > Float.NEGATIVE_INFINITY)) {
        continue;
      }
      if (best < 0 || before(scores[i], i, scores[best], best)) {
        best = i;
      }
    }
    if (best < 0) {
      return 0;
    }
    float s = scores[best];
    int ahead = 0;
    for (int i = 0; i < scores.length; i++) {
      float x = scores[i];
      if (x > s || (x == s && i < best)) {
        ahead++; // -Infinity never passes: s is finite or +Infinity
      }
    }
    return ahead + 1;
  }

  /**
   * The number of items scoring strictly higher than {@code s}, capped at {@code top.length}: exact when
   * it is below {@code top.length}, where {@code top} holds the indices of the {@code top.length} best
   * finite scores (from {@link org.cinerec.math.TopK#select}). If fewer than {@code top.length} of those
   * beat {@code s}, no other item can. A NaN {@code s} returns the cap (a miss at every K).
   *
   * @param cap the K the list was selected for (the list may be shorter when few items are candidates)
   */
  static int countAbove(float s, int[] top, float[] scores, int cap) {
    if (Float.isNaN(s)) {
      return cap;
    }
    int c = 0;
    for (int t : top) {
      if (scores[t] > s) {
        c++;
      } else {
        break; // best first: the rest are not higher
      }
    }
    return c;
  }

  /** Number of entries of {@code sorted[0..n)} (ascending, no NaN) strictly greater than {@code s}. */
  static int countAboveSorted(float s, float[] sorted, int n) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return n - lo;
  }
}
