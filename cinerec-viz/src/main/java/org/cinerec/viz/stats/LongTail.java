package org.cinerec.viz.stats;

import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/**
 * The long tail of popularity: movies sorted from most to least rated, and the share of all ratings
 * that the first x% of movies receive (a Lorenz-style curve read from the top). Every movie of the
 * dataset's item vocabulary counts, rated or not.
 *
 * @param movieShare  x: share of movies (0..1), ascending, ending at 1
 * @param ratingShare y: share of ratings that the most popular {@code movieShare} of movies receive
 * @param movies      movies counted (the item vocabulary)
 * @param ratedMovies movies with at least one rating
 * @param ratings     ratings counted
 * @param half        smallest share of movies that receives half of the ratings
 * @param eighty      smallest share of movies that receives 80% of the ratings
 */
public record LongTail(double[] movieShare, double[] ratingShare, int movies, int ratedMovies, long ratings,
    double half, double eighty) {

  /** At most this many points are kept for drawing. */
  public static final int MAX_POINTS = 400;

  public static LongTail of(Ratings ratings) {
    Checks.nonEmpty(ratings, "long tail");
    CsrIndex byItem = ratings.byItem();
    int n = byItem.numKeys();
    int[] counts = new int[n];
    int rated = 0;
    for (int i = 0; i < n; i++) {
      counts[i] = byItem.count(i);
      if (counts[i] > 0) {
        rated++;
      }
    }
    Arrays.sort(counts); // ascending; walk from the end
    long total = ratings.size();
    int points = Math.min(n, MAX_POINTS);
    double[] xs = new double[points + 1];
    double[] ys = new double[points + 1];
    long cum = 0;
    int next = 1;
    double half = 1;
    double eighty = 1;
    boolean halfSet = false;
    boolean eightySet = false;
    for (int j = 0; j < n; j++) {
      cum += counts[n - 1 - j];
      double share = (double) cum / total;
      double x = (j + 1) / (double) n;
      if (!halfSet && share >= 0.5) {
        half = x;
        halfSet = true;
      }
      if (!eightySet && share >= 0.8) {
        eighty = x;
        eightySet = true;
      }
      // keep the point where x crosses each 1/points step
      if (j + 1 == n || (long) (j + 1) * points >= (long) next * n) {
        xs[next] = x;
        ys[next] = share;
        next++;
      }
    }
    return new LongTail(Arrays.copyOf(xs, next), Arrays.copyOf(ys, next), n, rated, total, half, eighty);
  }
}
