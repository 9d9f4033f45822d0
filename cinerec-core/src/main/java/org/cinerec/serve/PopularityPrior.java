package org.cinerec.serve;

import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;

/**
 * A prior toward popularity for a user folded in from a short history, for any model family: the list is
 * ranked by a blend of the model's scores and log-popularity, each normalised per request to z-scores, with
 * a weight that fades as the history grows:
 *
 * <pre>
 *   s_i = (1 − w(n)) · z(p)_i + w(n) · z(log(1 + c))_i
 *   w(0) = 1;   w(n) = w₀ · max(0, 1 − n / N)  for n ≥ 1, and for n = 0 when the user told attributes
 *   z(x)_i = (x_i − mean(x)) / sd(x)          over the finite x_i (0 when sd(x) = 0)
 * </pre>
 *
 * p the model's scores for the user (its fold-in), c each movie's popularity (e.g. how many training users
 * rated it, or recent ratings weighted by age), n the history's length, w₀ = {@code weight} the prior's
 * weight the fading starts from and N = {@code fadeOut} the history length from which the prior is off.
 * So an empty history is ranked by popularity alone (unless the model folded in what the user told about
 * herself: a personal signal, weighed as the schedule's start), and from N ratings on the list is exactly the
 * model's (the scorer is returned unchanged). A movie the model scores as non-finite (unrelated, or left out) keeps
 * that score while the model has any weight. Predicted ratings are the model's: the prior changes ranking
 * scores only.
 *
 * <p>Why: for a user with few ratings a model's fold-in is little more than a guess near its mean user,
 * while popularity is a strong guess of what anyone rates next; on the cold-start curve
 * (docs/notes/cold-start.md) blending the two ranks better than either, and the blend's weights there were
 * chosen on validation users carved from the training users. Z-scores make the blend independent of a
 * family's score scale (ratings, dot products, logits); log(1 + c) keeps a few very popular movies from
 * dominating it.
 *
 * <p>Immutable and safe to share between threads; {@link #apply} makes no threads and allocates one
 * array per call. Deterministic: sums in double, in index order.
 */
public final class PopularityPrior {
  /**
   * A prior's schedule: the weight w₀ (0..1) its fading starts from and its fade-out N (≥ 1 ratings), as a
   * flag gives them ({@link #parse}).
   */
  public record Schedule(double weight, int fadeOut) {
    public Schedule {
      check(weight, fadeOut);
    }

    /**
     * "W0,N", e.g. "1,100" (w₀ = 1 fading to nothing at 100 ratings), or "off" (null); anything else is bad
     * input naming {@code flag} and the value.
     */
    public static Schedule parse(String flag, String text) {
      String t = text.strip();
      if (t.equalsIgnoreCase("off")) {
        return null;
      }
      String[] parts = t.split(",");
      try {
        if (parts.length == 2) {
          return new Schedule(Double.parseDouble(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }
      } catch (IllegalArgumentException e) { // NumberFormatException too
        throw CinerecException.usage(flag + " \"" + text + "\": " + (e instanceof NumberFormatException
            ? "W0 is a number in 0..1 and N a whole number of ratings >= 1" : e.getMessage())
            + "; give W0,N (e.g. 1,100) or off");
      }
      throw CinerecException.usage(flag + " \"" + text + "\" is not W0,N (e.g. 1,100: popularity's weight 1, "
          + "fading to nothing at 100 ratings) or off");
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s,%d", fmt(weight), fadeOut);
    }

    private static String fmt(double w) {
      return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
  }

  /** No prior: every scorer is returned unchanged. */
  public static final PopularityPrior OFF = new PopularityPrior(null, 0f, 0, 0);

  /** z(log(1 + c)) per movie; null when off. */
  private final float[] prior;
  /** z(log(1 + 0)): the prior of a movie added after training (nobody rated it in training). */
  private final float absent;
  private final double weight;
  private final int fadeOut;

  private PopularityPrior(float[] prior, float absent, double weight, int fadeOut) {
    this.prior = prior;
    this.absent = absent;
    this.weight = weight;
    this.fadeOut = fadeOut;
  }

  /**
   * A prior over these per-movie popularities (non-negative, finite; copied), with weight {@code weight} (w₀,
   * in [0, 1]) fading linearly to nothing at {@code fadeOut} (N ≥ 1) ratings. Bad values are
   * an {@link IllegalArgumentException} naming them.
   */
  public static PopularityPrior of(float[] popularity, double weight, int fadeOut) {
    check(weight, fadeOut);
    double[] logs = new double[popularity.length];
    for (int i = 0; i < logs.length; i++) {
      float c = popularity[i];
      if (!(c >= 0 && Float.isFinite(c))) {
        throw new IllegalArgumentException("popularity " + c + " of movie " + i + " is not a finite count >= 0");
      }
      logs[i] = Math.log1p(c);
    }
    float[] z = new float[logs.length];
    zScores(logs, z);
    double[] meanSd = meanSd(logs);
    float absent = meanSd[1] > 0 ? (float) ((0 - meanSd[0]) / meanSd[1]) : 0f;
    return new PopularityPrior(z, absent, weight, fadeOut);
  }

  /** A prior with this schedule over these popularities (see {@link #of(float[], double, int)}). */
  public static PopularityPrior of(float[] popularity, Schedule schedule) {
    return of(popularity, schedule.weight(), schedule.fadeOut());
  }

  /**
   * A prior with this schedule over the model's training popularity (how many training users rated each
   * movie: {@link RatedItems}); {@link #OFF} for a model that does not keep its training movies.
   */
  public static PopularityPrior ofTrainingRaters(Recommender model, Schedule schedule) {
    if (!(model instanceof RatedItems r)) {
      return OFF;
    }
    int[] raters = r.trainingItems().raters(model.items().size());
    float[] c = new float[raters.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = raters[i];
    }
    return of(c, schedule);
  }

  /** The same popularities with another weight and fade-out (see {@link #of}); OFF stays OFF. */
  public PopularityPrior withSchedule(double weight, int fadeOut) {
    check(weight, fadeOut);
    return prior == null ? OFF : new PopularityPrior(prior, absent, weight, fadeOut);
  }

  private static void check(double weight, int fadeOut) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("prior weight " + weight + " is outside 0..1");
    }
    if (fadeOut < 1) {
      throw new IllegalArgumentException("prior fade-out " + fadeOut + " is below 1 rating");
    }
  }

  /** True when this prior changes nothing. */
  public boolean isOff() {
    return prior == null;
  }

  /** The schedule, or null when off. */
  public Schedule schedule() {
    return prior == null ? null : new Schedule(weight, fadeOut);
  }

  /** w₀: the weight the fading starts from (w(n) = w₀ (1 − n/N) for n ≥ 1). */
  public double weight() {
    return weight;
  }

  /** N: the history length from which the prior is off. */
  public int fadeOut() {
    return fadeOut;
  }

  /** w(n): the prior's share of the blend for a history of n ratings (see the class comment). */
  public double weight(int n) {
    return weight(n, false);
  }

  /**
   * w(n) for a user who {@code told} attributes the model folded in: with no rating, w₀ rather than 1 (her list
   * starts from the model's guess from what she told, blended as the schedule says), else as {@link #weight(int)}.
   */
  public double weight(int n, boolean told) {
    if (n < 0) {
      throw new IllegalArgumentException("history length " + n + " is negative");
    }
    if (prior == null) {
      return 0;
    }
    return n == 0 && !told ? 1 : weight * Math.max(0, 1 - (double) n / fadeOut);
  }

  /**
   * The scorer of a user folded in from n ratings with this prior applied: {@code scorer} itself when w(n) is
   * 0, else one whose {@link UserScorer#scoreItems} gives the blend and whose predictions and
   * {@link UserScorer#personal()} are the scorer's. The number of movies must match this prior's. On the
   * serving path ({@link WideScorer}) the blend takes in the movies added after training too, each with the
   * prior of a movie nobody rated.
   */
  public UserScorer apply(UserScorer scorer, int n) {
    return apply(scorer, n, false);
  }

  /** {@link #apply(UserScorer, int)} with {@link #weight(int, boolean)}: for a user who told attributes. */
  public UserScorer apply(UserScorer scorer, int n, boolean told) {
    double w = weight(n, told);
    if (w == 0) {
      return scorer;
    }
    return new Blended() {
      @Override
      public void scoreWide(ServingModel m, float[] out) {
        m.scoreWide(scorer, out);
        blend(out, w);
      }

      @Override
      public void scoreItems(float[] out) {
        if (out.length != prior.length) {
          throw new IllegalArgumentException("output length " + out.length + " != the prior's movies "
              + prior.length);
        }
        scorer.scoreItems(out);
        blend(out, w);
      }

      @Override
      public float predict(int item) {
        return scorer.predict(item);
      }

      @Override
      public boolean personal() {
        return scorer.personal();
      }
    };
  }

  /** {@link #apply}'s scorer: one of the serving path's, blending the added movies too. */
  private interface Blended extends UserScorer, WideScorer {}

  /**
   * scores ← (1 − w) z(scores) + w z(log(1 + c)), in place; non-finite scores stay while w < 1. Slots past this
   * prior's movies (movies added after training) take the prior of a movie nobody rated.
   */
  void blend(float[] scores, double w) {
    if (w >= 1) {
      System.arraycopy(prior, 0, scores, 0, Math.min(prior.length, scores.length));
      java.util.Arrays.fill(scores, Math.min(prior.length, scores.length), scores.length, absent);
      return;
    }
    double[] x = new double[scores.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = scores[i];
    }
    float[] z = new float[x.length];
    zScores(x, z);
    for (int i = 0; i < scores.length; i++) {
      if (Float.isFinite(scores[i])) {
        scores[i] = (float) ((1 - w) * z[i] + w * (i < prior.length ? prior[i] : absent));
      }
    }
  }

  /** z-scores of the finite values of x into out (non-finite ones: NaN); all 0 when they do not vary. */
  static void zScores(double[] x, float[] out) {
    double[] meanSd = meanSd(x);
    double mean = meanSd[0];
    double sd = meanSd[1];
    for (int i = 0; i < x.length; i++) {
      out[i] = !Double.isFinite(x[i]) ? Float.NaN : sd > 0 ? (float) ((x[i] - mean) / sd) : 0f;
    }
  }

  /** {mean, population standard deviation} of the finite values of x (0, 0 when none). */
  private static double[] meanSd(double[] x) {
    double sum = 0;
    int m = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        sum += v;
        m++;
      }
    }
    double mean = m == 0 ? 0 : sum / m;
    double sq = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        sq += (v - mean) * (v - mean);
      }
    }
    return new double[] {mean, m == 0 ? 0 : Math.sqrt(sq / m)};
  }

  @Override
  public String toString() {
    return prior == null ? "PopularityPrior[off]" : "PopularityPrior[weight " + weight + ", fade-out " + fadeOut
        + " ratings, " + prior.length + " movies]";
  }
}
