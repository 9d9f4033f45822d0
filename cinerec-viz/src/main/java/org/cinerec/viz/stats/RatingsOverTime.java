package org.cinerec.viz.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.cinerec.CinerecException;
import org.cinerec.data.Ratings;

/**
 * Ratings per period (UTC calendar years, or months when the data spans less than four years) and the
 * mean rating given in each period. Ratings with timestamp 0 (unknown) are left out and counted.
 *
 * @param start    start of each period as a fractional year (2015.0, 2015.5 for July)
 * @param labels   "2015" or "2015-07"
 * @param counts   ratings in each period (periods from the first to the last with ratings)
 * @param means    mean rating in each period (NaN when empty)
 * @param monthly  true when periods are months
 * @param undated  ratings without a timestamp
 */
public record RatingsOverTime(double[] start, String[] labels, long[] counts, double[] means, boolean monthly,
    long undated) {

  public static RatingsOverTime of(Ratings ratings) {
    Checks.nonEmpty(ratings, "ratings over time");
    int[] t = ratings.packedTimestamps();
    float[] r = ratings.ratings();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    long undated = 0;
    for (int p : t) {
      long s = Integer.toUnsignedLong(p);
      if (s == 0) {
        undated++;
        continue;
      }
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    if (undated == t.length) {
      throw new CinerecException("the ratings have no timestamps, so there is no time line to draw (a CSV's time "
          + "column is read with --time-col NAME)");
    }
    ZonedDateTime first = Instant.ofEpochSecond(lo).atZone(ZoneOffset.UTC);
    ZonedDateTime last = Instant.ofEpochSecond(hi).atZone(ZoneOffset.UTC);
    boolean monthly = last.getYear() - first.getYear() < 4;
    int firstPeriod = period(first, monthly);
    int periods = period(last, monthly) - firstPeriod + 1;
    long[] counts = new long[periods];
    double[] sums = new double[periods];
    for (int i = 0; i < t.length; i++) {
      long s = Integer.toUnsignedLong(t[i]);
      if (s == 0) {
        continue;
      }
      int p = period(Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC), monthly) - firstPeriod;
      counts[p]++;
      sums[p] += r[i];
    }
    double[] start = new double[periods];
    String[] labels = new String[periods];
    double[] means = new double[periods];
    for (int p = 0; p < periods; p++) {
      int abs = p + firstPeriod;
      start[p] = monthly ? abs / 12 + (abs % 12) / 12.0 : abs;
      labels[p] = monthly ? String.format(java.util.Locale.ROOT, "%d-%02d", abs / 12, abs % 12 + 1) : String.valueOf(abs);
      means[p] = counts[p] == 0 ? Double.NaN : sums[p] / counts[p];
    }
    return new RatingsOverTime(start, labels, counts, means, monthly, undated);
  }

  private static int period(ZonedDateTime d, boolean monthly) {
    return monthly ? d.getYear() * 12 + d.getMonthValue() - 1 : d.getYear();
  }
}
