package org.cinerec.viz.stats;

import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;

/**
 * Counts of ratings in the bars of their scale ({@link RatingBins}: one bar per value of a stepped scale,
 * e.g. ten half-star bars 0.5 .. 5.0, else ten equal ranges). Ratings off the scale are counted apart,
 * so {@code sum(counts) + offScale == total}.
 *
 * @param bins     the bars (from the dataset's scale)
 * @param counts   ratings per bar
 * @param offScale ratings off the scale
 * @param total    all ratings looked at
 * @param mean     mean of all ratings looked at (NaN when none)
 */
public record RatingHistogram(RatingBins bins, long[] counts, long offScale, long total, double mean) {

  /** All ratings, in the bars of {@code scale}. */
  public static RatingHistogram of(Ratings ratings, RatingScale scale) {
    Checks.nonEmpty(ratings, "rating distribution");
    int[] all = null;
    float[] r = ratings.ratings();
    return count(r, all, 0, r.length, new RatingBins(scale));
  }

  /** The ratings at these positions (e.g. one movie's run of {@code ratings.byItem()}). */
  public static RatingHistogram of(float[] rating, int[] positions, int from, int to, RatingScale scale) {
    return count(rating, positions, from, to, new RatingBins(scale));
  }

  private static RatingHistogram count(float[] rating, int[] positions, int from, int to, RatingBins bins) {
    long[] counts = new long[bins.count()];
    long off = 0;
    double sum = 0;
    for (int k = from; k < to; k++) {
      float x = rating[positions == null ? k : positions[k]];
      int b = bins.bin(x);
      if (b < 0) {
        off++;
      } else {
        counts[b]++;
      }
      sum += x;
    }
    int n = to - from;
    return new RatingHistogram(bins, counts, off, n, n == 0 ? Double.NaN : sum / n);
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
