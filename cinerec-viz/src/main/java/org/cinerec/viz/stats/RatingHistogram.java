package org.cinerec.viz.stats;

import org.cinerec.data.Ratings;

/**
 * Counts of ratings on the half-star scale: ten bins of width 0.5 centred on 0.5, 1.0, ..., 5.0. A
 * rating is counted in the bin of the nearest half star; ratings below 0.25 or at or above 5.25 are
 * off the scale and counted apart, so {@code sum(counts) + offScale == total}.
 *
 * @param counts   ratings per bin, bin b centred on {@code 0.5 * (b + 1)}
 * @param offScale ratings outside 0.25..5.25
 * @param total    all ratings looked at
 * @param mean     mean of all ratings looked at (NaN when none)
 */
public record RatingHistogram(long[] counts, long offScale, long total, double mean) {

  /** Number of bins. */
  public static final int BINS = 10;

  /** Centre of bin b (stars). */
  public static double centre(int bin) {
    return 0.5 * (bin + 1);
  }

  /** Label of bin b: "0.5", "1.0", ..., "5.0". */
  public static String label(int bin) {
    return String.format(java.util.Locale.ROOT, "%.1f", centre(bin));
  }

  /** The bin of a rating, or -1 when it is off the scale. */
  public static int bin(float rating) {
    double b = Math.floor(rating * 2.0 + 0.5) - 1; // nearest half star
    if (!(rating >= 0.25f) || rating >= 5.25f) {
      return -1;
    }
    return (int) b;
  }

  /** All ratings. */
  public static RatingHistogram of(Ratings ratings) {
    Checks.nonEmpty(ratings, "rating distribution");
    float[] r = ratings.ratings();
    long[] counts = new long[BINS];
    long off = 0;
    double sum = 0;
    for (float x : r) {
      int b = bin(x);
      if (b < 0) {
        off++;
      } else {
        counts[b]++;
      }
      sum += x;
    }
    return new RatingHistogram(counts, off, r.length, sum / r.length);
  }

  /** The ratings at these positions (e.g. one movie's run of {@code ratings.byItem()}). */
  public static RatingHistogram of(float[] rating, int[] positions, int from, int to) {
    long[] counts = new long[BINS];
    long off = 0;
    double sum = 0;
    for (int k = from; k < to; k++) {
      float x = rating[positions[k]];
      int b = bin(x);
      if (b < 0) {
        off++;
      } else {
        counts[b]++;
      }
      sum += x;
    }
    int n = to - from;
    return new RatingHistogram(counts, off, n, n == 0 ? Double.NaN : sum / n);
  }

  /** Sum of the bar heights. */
  public long binned() {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
