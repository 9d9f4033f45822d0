package org.cinerec.viz.stats;

import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;

/**
 * How ratings on a {@link RatingScale} fall into the bars of a histogram: one bar per allowed value of a
 * stepped scale with at most {@link #MAX_VALUE_BINS} values (0.5..5 in halves: ten bars 0.5, 1.0, ...,
 * 5.0; 0..10 in whole numbers: eleven bars), else {@link #EVEN_BINS} bars of equal width over
 * {@code min..max} (a continuous scale, or one with too many values). A rating goes to the bar of the
 * nearest allowed value (stepped) or the bar whose range holds it (the top value in the last bar); a
 * rating more than half a step outside the scale is off it ({@code bin} returns -1).
 *
 * <p>Example: 1..5 step 1 → bars centred on 1, 2, 3, 4, 5; 3.4 goes to bar 2 (centre 3). 0..10 continuous
 * → bars [0, 1), [1, 2), ..., [9, 10]; 7.25 goes to bar 7, labelled "7–8".
 *
 * @param scale the scale
 */
public record RatingBins(RatingScale scale) {

  /** Largest number of allowed values that still gets a bar each. */
  public static final int MAX_VALUE_BINS = 21;
  /** Bars of a continuous scale. */
  public static final int EVEN_BINS = 10;

  /**
   * The scale to draw these ratings on: {@code scale} itself, or for a continuous one (a {@code --scale 1:5}
   * given without a step) whose ratings all sit on a step with at most {@link #MAX_VALUE_BINS} values in it,
   * that step: whole stars are drawn as five bars, not ten ranges with every other one empty. The step is
   * {@link RatingScale#infer}'s, the range the multiples of it within {@code scale}.
   */
  public static RatingScale drawn(RatingScale scale, Ratings ratings) {
    if (scale.step() > 0 || ratings.size() == 0) {
      return scale;
    }
    double step = RatingScale.infer(ratings).step();
    if (!(step > 0)) {
      return scale;
    }
    double lo = Math.ceil(scale.min() / step - 1e-9) * step;
    double hi = Math.floor(scale.max() / step + 1e-9) * step;
    if (!(hi > lo) || (hi - lo) / step + 1 > MAX_VALUE_BINS) {
      return scale;
    }
    return new RatingScale(lo, hi, step, scale.source());
  }

  /** True when each bar is one allowed value. */
  public boolean perValue() {
    int v = scale.values();
    return v > 0 && v <= MAX_VALUE_BINS;
  }

  /** Number of bars. */
  public int count() {
    return perValue() ? scale.values() : scale.max() > scale.min() ? EVEN_BINS : 1;
  }

  private double width() {
    return perValue() ? scale.step() : (scale.max() - scale.min()) / count();
  }

  /** Centre of bar b on the rating axis. */
  public double centre(int b) {
    return perValue() || count() == 1 ? scale.min() + b * width() : scale.min() + (b + 0.5) * width();
  }

  /** The bar of a rating, or -1 when it is off the scale. */
  public int bin(float rating) {
    if (Float.isNaN(rating)) {
      return -1;
    }
    int n = count();
    double w = width();
    int b;
    if (perValue() || n == 1) {
      double k = n == 1 || w == 0 ? (Math.abs(rating - scale.min()) <= 0.5 ? 0 : -1) : (rating - scale.min()) / w;
      b = (int) Math.floor(k + 0.5);
    } else {
      double k = (rating - scale.min()) / w;
      b = rating == scale.max() ? n - 1 : (int) Math.floor(k);
    }
    return b < 0 || b >= n ? -1 : b;
  }

  /** Label of bar b: the value ("3.5", "7") or the range ("7–8"). */
  public String label(int b) {
    if (perValue() || count() == 1) {
      double c = centre(b);
      return scale.step() > 0 && scale.step() < 1 || c != Math.rint(c) ? trim(c, 1) : RatingScale.fmt(c);
    }
    double lo = scale.min() + b * width();
    return RatingScale.fmt(round(lo)) + "–" + RatingScale.fmt(round(lo + width()));
  }

  /** The axis from half a bar below the scale to half a bar above it. */
  public double axisMin() {
    return scale.min() - (perValue() ? width() / 2 : 0);
  }

  /** See {@link #axisMin()}. */
  public double axisMax() {
    return scale.max() + (perValue() ? width() / 2 : 0);
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  private static String trim(double v, int decimals) {
    String s = String.format(java.util.Locale.ROOT, "%." + Math.max(decimals, decimalsOf(v)) + "f", v);
    return s;
  }

  private static int decimalsOf(double v) {
    String s = RatingScale.fmt(round(v));
    int dot = s.indexOf('.');
    return dot < 0 ? 0 : s.length() - dot - 1;
  }
}
