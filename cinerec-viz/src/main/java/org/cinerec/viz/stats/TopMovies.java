package org.cinerec.viz.stats;

import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;

/**
 * The highest-rated movies by a damped (Bayesian) mean, so that a movie with one 5-star vote does not
 * top the list as it does with the raw mean:
 *
 * <pre>  damped(i) = (sum of i's ratings + m · C) / (n_i + m)</pre>
 *
 * where {@code C} is the global mean rating and {@code m} the prior weight (as if every movie had
 * {@code m} extra ratings at the global mean). Only movies with at least {@code minRatings} ratings
 * take part. Ties are broken by more ratings, then by item index.
 *
 * <p>Worked example: C = 3.5, m = 10; a movie rated 5.0 once gets (5 + 35)/11 = 3.64, one rated 4.5 by
 * 90 people gets (405 + 35)/100 = 4.40.
 *
 * @param items       item indices, best first
 * @param titles      their display titles
 * @param hasMetadata false for placeholder entries (a rated movie missing from the metadata: "movie 858")
 * @param damped      damped mean of each
 * @param mean        raw mean of each
 * @param counts      number of ratings of each
 * @param globalMean  C
 * @param priorWeight m
 * @param minRatings  the minimum number of ratings to take part
 * @param eligible    movies with at least minRatings ratings
 */
public record TopMovies(int[] items, String[] titles, boolean[] hasMetadata, double[] damped, double[] mean, int[] counts,
    double globalMean, double priorWeight, int minRatings, int eligible) {

  public static final int DEFAULT_TOP = 25;
  public static final double DEFAULT_PRIOR_WEIGHT = 10;
  public static final int DEFAULT_MIN_RATINGS = 50;

  public static TopMovies of(Dataset data, int top, double priorWeight, int minRatings) {
    Checks.nonEmpty(data, "top movies");
    if (top < 1) {
      throw CinerecException.usage("--top must be at least 1, got " + top);
    }
    if (!(priorWeight >= 0)) {
      throw CinerecException.usage("--prior-weight must be 0 or more, got " + priorWeight);
    }
    if (minRatings < 1) {
      throw CinerecException.usage("--min-ratings must be at least 1, got " + minRatings);
    }
    CsrIndex byItem = data.ratings().byItem();
    float[] r = data.ratings().ratings();
    int[] pos = byItem.positions();
    double c = data.ratings().mean();
    int numItems = byItem.numKeys();
    double[] damped = new double[numItems];
    double[] sums = new double[numItems];
    int eligible = 0;
    for (int i = 0; i < numItems; i++) {
      int n = byItem.count(i);
      if (n < minRatings) {
        damped[i] = Double.NEGATIVE_INFINITY;
        continue;
      }
      double s = 0;
      for (int p = byItem.start(i); p < byItem.end(i); p++) {
        s += r[pos[p]];
      }
      sums[i] = s;
      damped[i] = (s + priorWeight * c) / (n + priorWeight);
      eligible++;
    }
    if (eligible == 0) {
      throw CinerecException.usage("no movie has at least " + minRatings + " ratings (--min-ratings); the most rated has "
          + maxCount(byItem) + ", so lower --min-ratings");
    }
    int k = Math.min(top, eligible);
    Integer[] order = new Integer[numItems];
    for (int i = 0; i < numItems; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> damped[a] != damped[b] ? Double.compare(damped[b], damped[a])
        : byItem.count(a) != byItem.count(b) ? Integer.compare(byItem.count(b), byItem.count(a)) : Integer.compare(a, b));
    int[] items = new int[k];
    String[] titles = new String[k];
    boolean[] known = new boolean[k];
    double[] dm = new double[k];
    double[] mean = new double[k];
    int[] counts = new int[k];
    for (int j = 0; j < k; j++) {
      int i = order[j];
      items[j] = i;
      titles[j] = data.catalog().displayTitle(i);
      known[j] = data.catalog().hasMetadata(i);
      dm[j] = damped[i];
      counts[j] = byItem.count(i);
      mean[j] = sums[i] / counts[j];
    }
    return new TopMovies(items, titles, known, dm, mean, counts, c, priorWeight, minRatings, eligible);
  }

  private static int maxCount(CsrIndex index) {
    int m = 0;
    for (int i = 0; i < index.numKeys(); i++) {
      m = Math.max(m, index.count(i));
    }
    return m;
  }

  /** Entries without metadata among the top. */
  public int placeholders() {
    int n = 0;
    for (boolean b : hasMetadata) {
      if (!b) {
        n++;
      }
    }
    return n;
  }

  public int size() {
    return items.length;
  }
}
