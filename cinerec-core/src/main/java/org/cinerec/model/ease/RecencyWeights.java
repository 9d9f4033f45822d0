package org.cinerec.model.ease;

import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/**
 * Recency weights of each user's history for scoring (time-weighted collaborative filtering, Ding &amp; Li,
 * "Time weight collaborative filtering", CIKM 2005, with the age counted in ratings instead of days):
 *
 * <pre>
 *   w_ui = 0.5^(age_ui / h),   age_ui = #{ratings of u strictly newer than u's rating of i}
 * </pre>
 *
 * so the user's newest rating weighs 1, the h-th newest 1/2, the 2h-th newest 1/4. Counting ratings rather
 * than seconds makes one half-life fit both a user who rates 20 movies in an evening and one who rates
 * one a month. Ratings with equal timestamps share an age; a movie rated twice keeps its newest weight.
 */
final class RecencyWeights {
  private RecencyWeights() {}

  /** One weight per rating of {@code r} (same positions); half-life {@code h > 0} in ratings. */
  static float[] of(Ratings r, double h) {
    float[] w = new float[r.size()];
    eachRating(r, (p, times, n) -> w[p] = (float) Math.pow(0.5, (n - upperBound(times, n, r.timestamp(p))) / h));
    return w;
  }

  /**
   * The time position of each rating of {@code r} in its user's history (same positions): how many of her ratings
   * are strictly older, so her first rating is 0 and ratings with equal timestamps share a position
   * ({@link AdjacencyGram}).
   */
  static int[] olderCounts(Ratings r) {
    int[] older = new int[r.size()];
    eachRating(r, (p, times, n) -> older[p] = lowerBound(times, n, r.timestamp(p)));
    return older;
  }

  /** Called for rating {@code p} with its user's {@code n} timestamps sorted in {@code times[0..n)}. */
  private interface PerRating {
    void accept(int p, long[] times, int n);
  }

  private static void eachRating(Ratings r, PerRating f) {
    CsrIndex byUser = r.byUser();
    int[] pos = byUser.positions();
    long[] times = new long[0];
    for (int u = 0; u < byUser.numKeys(); u++) {
      int n = byUser.count(u);
      if (times.length < n) {
        times = new long[n];
      }
      for (int q = 0; q < n; q++) {
        times[q] = r.timestamp(pos[byUser.start(u) + q]);
      }
      Arrays.sort(times, 0, n);
      for (int q = 0; q < n; q++) {
        f.accept(pos[byUser.start(u) + q], times, n);
      }
    }
  }

  /** First index in sorted {@code a[0..n)} whose value is at least {@code t}. */
  private static int lowerBound(long[] a, int n, long t) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index in sorted {@code a[0..n)} whose value exceeds {@code t}. */
  private static int upperBound(long[] a, int n, long t) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
