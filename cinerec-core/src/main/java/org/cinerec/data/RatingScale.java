package org.cinerec.data;

import java.math.BigDecimal;
import java.util.Locale;
import org.cinerec.CinerecException;

/**
 * The scale ratings are given on: the smallest and largest rating and the step between allowed values
 * (0 for a continuous scale), and where that scale came from. A property of the dataset, recorded in the
 * dataset file and the model file, and used wherever a scale is assumed: clipping predictions, relevance
 * thresholds, the bins and axes of every picture, the report.
 *
 * <ul>
 *   <li>{@link Source#FORMAT}: fixed by the input format (MovieLens CSV and Kaggle: 0.5..5 in steps of
 *   0.5; MovieLens 100K: 1..5 in whole stars). Rows off it are dropped as {@code out-of-scale}.</li>
 *   <li>{@link Source#GIVEN}: {@code --scale MIN:MAX[:STEP]}. Rows off it are dropped.</li>
 *   <li>{@link Source#INFERRED}: the format defines none (the {@code ::} layout is whole stars in
 *   MovieLens 1M and half stars in 10M; generic CSV; synthetic data), so it is read off the kept ratings
 *   ({@link #infer}). Nothing is ever dropped against an inferred scale.</li>
 * </ul>
 *
 * <p>A value is on the scale when {@code min <= r <= max} and, for a stepped scale, {@code (r - min) /
 * step} is a whole number (within 1e-4, so float noise in {@code 0.1}-steps does not count):
 * {@code 0..10:1} holds 0, 1, ..., 10; {@code 0.5..5:0.5} holds 0.5, 1.0, ..., 5.0 but not 4.25.
 *
 * @param min    smallest rating on the scale
 * @param max    largest rating on the scale ({@code >= min})
 * @param step   distance between allowed values, or 0 for any value in {@code min..max}
 * @param source where the scale came from
 */
public record RatingScale(double min, double max, double step, Source source) {

  /** Where a scale came from; {@link #id()} is what files and JSON hold. */
  public enum Source {
    /** Fixed by the input format. */
    FORMAT("format"),
    /** Given by the user ({@code --scale}). */
    GIVEN("given"),
    /** Read off the data (min, max, coarsest step). */
    INFERRED("inferred");

    private final String id;

    Source(String id) {
      this.id = id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return id;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Source of(String id) {
      for (Source s : values()) {
        if (s.id.equalsIgnoreCase(id) || s.name().equalsIgnoreCase(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown scale source \"" + id + "\" (format, given, inferred)");
    }
  }

  /** MovieLens CSV (ml-latest*, ml-25m, ml-32m) and Kaggle ratings: half stars 0.5..5. */
  public static final RatingScale HALF_STARS = new RatingScale(0.5, 5, 0.5, Source.FORMAT);
  /** MovieLens 100K: whole stars 1..5. */
  public static final RatingScale WHOLE_STARS = new RatingScale(1, 5, 1, Source.FORMAT);

  /** Tolerance, in steps, for a value to count as on a stepped scale. */
  private static final double ON_STEP = 1e-4;
  /** Largest number of decimals {@link #infer} looks for before calling a scale continuous. */
  private static final int MAX_DECIMALS = 4;

  public RatingScale {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(step)) {
      throw new IllegalArgumentException("scale bounds must be finite numbers: " + min + ".." + max + " step " + step);
    }
    if (max < min) {
      throw new IllegalArgumentException("scale max " + fmt(max) + " is below min " + fmt(min));
    }
    if (step < 0) {
      throw new IllegalArgumentException("scale step " + fmt(step) + " is negative");
    }
    if (source == null) {
      source = Source.INFERRED;
    }
  }

  /**
   * Parses {@code MIN:MAX} or {@code MIN:MAX:STEP} as the user wrote it (e.g. {@code 0:10},
   * {@code 0.5:5:0.5}), or with {@code ..} between MIN and MAX as cinerec prints a scale ({@code 1..10},
   * {@code 0.5..5:0.5}); a usage error naming {@code flag} when it is not one.
   */
  public static RatingScale parse(String text, String flag) {
    String t = text == null ? "" : text.strip();
    int dots = t.indexOf("..");
    String[] f = (dots > 0 && t.indexOf(':') < 0 || dots > 0 && dots < t.indexOf(':')
        ? t.substring(0, dots) + ":" + t.substring(dots + 2) : t).split(":", -1);
    String why = null;
    double[] v = new double[3];
    if (f.length < 2 || f.length > 3) {
      why = "expected MIN:MAX or MIN:MAX:STEP";
    } else {
      for (int k = 0; k < f.length && why == null; k++) {
        try {
          v[k] = Double.parseDouble(f[k].strip());
          if (!Double.isFinite(v[k]) || f[k].strip().matches(".*[fFdD]$")) {
            why = "\"" + f[k] + "\" is not a number";
          }
        } catch (NumberFormatException e) {
          why = "\"" + f[k] + "\" is not a number";
        }
      }
    }
    if (why == null && v[1] <= v[0]) {
      why = "MAX " + f[1].strip() + " must be above MIN " + f[0].strip();
    }
    if (why == null && f.length == 3 && v[2] <= 0) {
      why = "STEP " + f[2].strip() + " must be above 0";
    }
    if (why == null && f.length == 3) {
      double n = (v[1] - v[0]) / v[2];
      if (Math.abs(n - Math.rint(n)) > ON_STEP) {
        why = "MAX - MIN (" + fmt(v[1] - v[0]) + ") is not a whole number of steps of " + fmt(v[2]);
      }
    }
    if (why != null) {
      throw CinerecException.usage(flag + " " + t + ": " + why + " (e.g. " + flag + " 0:10 or " + flag + " 0.5:5:0.5)");
    }
    return new RatingScale(v[0], v[1], f.length == 3 ? v[2] : 0, Source.GIVEN);
  }

  /**
   * The scale of these ratings (the first {@code n}): observed min and max, and the coarsest step that
   * every value is a multiple of, found on decimal digits (up to {@value #MAX_DECIMALS} decimals, each
   * value within 1e-5 (relative) of its rounding, so a float {@code 0.1f} counts as one tenth); 0 (continuous) when
   * no such step exists. E.g. {1, 3, 5} → 1..5 step 1; {0.5, 2, 4.5} → 0.5..4.5 step 0.5;
   * {0, 10, 7.25} → 0..10 step 0.25; {0.333} → step 0.001; {1/3f} → step 0. Empty: 0..0 step 0.
   */
  public static RatingScale infer(float[] ratings, int n) {
    if (n == 0) {
      return new RatingScale(0, 0, 0, Source.INFERRED);
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, ratings[i]);
      hi = Math.max(hi, ratings[i]);
    }
    // Float.toString is the shortest decimal that reads back as the float: 0.1f is 0.1, not 0.10000000149
    return new RatingScale(Double.parseDouble(Float.toString(lo)), Double.parseDouble(Float.toString(hi)),
        inferStep(ratings, n), Source.INFERRED);
  }

  /** The scale of all these ratings ({@link #infer(float[], int)}). */
  public static RatingScale infer(Ratings r) {
    return infer(r.ratings(), r.size());
  }

  private static double inferStep(float[] ratings, int n) {
    for (int decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
      double unit = Math.pow(10, decimals);
      long g = 0;
      boolean fits = true;
      long previous = Long.MIN_VALUE;
      for (int i = 0; i < n && fits; i++) {
        double scaled = ratings[i] * unit;
        long k = Math.round(scaled);
        if (Math.abs(scaled - k) > 1e-5 * Math.max(1, Math.abs(scaled)) || Math.abs(scaled) > 1e15) {
          fits = false;
        } else if (k != previous) {
          g = gcd(g, Math.abs(k));
          previous = k;
        }
      }
      if (fits) {
        return g == 0 ? 0 : BigDecimal.valueOf(g).movePointLeft(decimals).doubleValue();
      }
    }
    return 0;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** True when ratings off this scale are dropped: a scale the format defines or the user gave. */
  public boolean checked() {
    return source != Source.INFERRED;
  }

  /** True when {@code r} is on the scale (see the class comment); NaN is not. */
  public boolean contains(double r) {
    double eps = 1e-6 * Math.max(1, Math.abs(max)); // ratings are floats: 0.1f is 0.1 + 1.5e-9
    if (!(r >= min - eps && r <= max + eps)) {
      return false;
    }
    if (step == 0) {
      return true;
    }
    double k = (r - min) / step;
    return Math.abs(k - Math.rint(k)) <= ON_STEP;
  }

  /** The span of MovieLens's 0.5..5 stars, the scale the defaults of parameters in rating units were set on. */
  public static final double REFERENCE_SPAN = 4.5;

  /**
   * How many times the span of MovieLens's 0.5..5 this scale's is ({@code (max - min) / 4.5}: 1 on 0.5..5, 2 on
   * 1..10, 2.22 on 0..10; 1 when the scale has no span). Models whose parameters are in rating units (a noise
   * precision, a regularisation weighed against squared errors) convert by it, so a parameter means the same on
   * any scale: ratings multiplied by s give the same model, its predictions multiplied by s.
   */
  public double relativeSpan() {
    double span = max - min;
    return span > 0 && Double.isFinite(span) ? span / REFERENCE_SPAN : 1.0;
  }

  /** {@code r} bounded to {@code min..max} (NaN stays NaN). */
  public float clip(float r) {
    return (float) Math.max(min, Math.min(max, r));
  }

  /** The number of allowed values of a stepped scale ((max - min) / step + 1), or 0 when continuous. */
  public int values() {
    if (step == 0) {
      return 0;
    }
    double k = Math.rint((max - min) / step) + 1;
    return k > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) k;
  }

  /** The same bounds and step with another source. */
  public RatingScale withSource(Source s) {
    return new RatingScale(min, max, step, s);
  }

  /** True when bounds and step are equal (the source is not compared). */
  public boolean sameAs(RatingScale o) {
    return o != null && min == o.min && max == o.max && step == o.step;
  }

  /** As written for {@code --scale}: "0.5:5:0.5", "0:10". */
  public String spec() {
    return fmt(min) + ":" + fmt(max) + (step > 0 ? ":" + fmt(step) : "");
  }

  /** For people: "0.5..5 in steps of 0.5 (format)", "0..10 (given)". */
  public String describe() {
    return text() + " (" + source.id() + ")";
  }

  /** "0.5..5 in steps of 0.5", "0..10": what a message about a rating off the scale says. */
  public String text() {
    return fmt(min) + ".." + fmt(max) + (step > 0 ? " in steps of " + fmt(step) : "");
  }

  /** A number without a trailing ".0": 5, 0.5, 0.25. */
  public static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
