package org.cinerec.viz.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/**
 * How many ratings each user gave, as a histogram over a 1-2-5 series of bins ([1,2), [2,5), [5,10),
 * [10,20), ...) so that both light and heavy users show; only users with at least one rating count.
 * Bins from the first to the last non-empty one are kept.
 *
 * @param lower   inclusive lower edge of each bin
 * @param upper   exclusive upper edge of each bin
 * @param users   users per bin
 * @param activeUsers users with at least one rating ({@code == sum(users)})
 * @param min     fewest ratings of a user
 * @param median  median ratings per user
 * @param max     most ratings of a user
 */
public record UserActivity(long[] lower, long[] upper, long[] users, int activeUsers, int min, double median,
    int max) {

  public static UserActivity of(Ratings ratings) {
    Checks.nonEmpty(ratings, "ratings per user");
    CsrIndex byUser = ratings.byUser();
    int[] counts = new int[byUser.numKeys()];
    int n = 0;
    for (int u = 0; u < byUser.numKeys(); u++) {
      int c = byUser.count(u);
      if (c > 0) {
        counts[n++] = c;
      }
    }
    int[] active = Arrays.copyOf(counts, n);
    Arrays.sort(active);
    List<long[]> edges = new ArrayList<>();
    long lo = 1;
    int step = 0;
    while (lo <= active[n - 1]) {
      long hi = (step % 3 == 1) ? lo * 5 / 2 : lo * 2; // 1, 2, 5, 10, 20, 50, ...
      edges.add(new long[] {lo, hi});
      lo = hi;
      step++;
    }
    long[] perBin = new long[edges.size()];
    int b = 0;
    for (int c : active) {
      while (c >= edges.get(b)[1]) {
        b++;
      }
      perBin[b]++;
    }
    int first = 0;
    while (perBin[first] == 0) {
      first++;
    }
    int last = perBin.length - 1;
    while (perBin[last] == 0) {
      last--;
    }
    int bins = last - first + 1;
    long[] lower = new long[bins];
    long[] upper = new long[bins];
    long[] users = new long[bins];
    for (int i = 0; i < bins; i++) {
      lower[i] = edges.get(first + i)[0];
      upper[i] = edges.get(first + i)[1];
      users[i] = perBin[first + i];
    }
    double median = n % 2 == 1 ? active[n / 2] : (active[n / 2 - 1] + active[n / 2]) / 2.0;
    return new UserActivity(lower, upper, users, n, active[0], median, active[n - 1]);
  }

  /** Label of bin i: "20–49". */
  public String label(int i) {
    return upper[i] - lower[i] == 1 ? String.valueOf(lower[i]) : lower[i] + "–" + (upper[i] - 1);
  }
}
