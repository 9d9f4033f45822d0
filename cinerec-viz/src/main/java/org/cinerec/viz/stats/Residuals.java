package org.cinerec.viz.stats;

import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.Recommender;

/**
 * Predicted against actual rating for a model on some ratings: per bar of the actual rating on the
 * data's scale ({@link RatingBins}) the number of ratings, the mean and standard deviation of the
 * predictions, RMSE and MAE over all (predictions clipped to the scale), and a seeded sample of
 * (actual, predicted) points for a scatter.
 * Users and movies are matched to the model by their external ids; a pair the model does not know gets
 * the model's fallback, as in evaluation.
 *
 * @param label       the model's label
 * @param on          what the ratings are ("held-out part of split random:0.2:42")
 * @param bins        the bars of the actual rating (the data's scale)
 * @param count       ratings per bar of the actual rating (see {@link RatingBins#bin})
 * @param meanPred    mean prediction per bin (NaN when empty)
 * @param stdPred     standard deviation of the predictions per bin
 * @param sampleX     sampled actual ratings
 * @param samplePred  their predictions
 * @param rmse        root mean squared error over all pairs
 * @param mae         mean absolute error over all pairs
 * @param pairs       pairs predicted
 */
public record Residuals(String label, String on, RatingBins bins, long[] count, double[] meanPred, double[] stdPred, float[] sampleX,
    float[] samplePred, double rmse, double mae, long pairs) {

  /** At most this many points are drawn. */
  public static final int SAMPLE = 4000;

  public static Residuals of(String label, Recommender model, Ratings ratings, IdIndex users, IdIndex items,
      RatingScale scale, String on, long seed) {
    Checks.nonEmpty(ratings, "residuals");
    if (!model.predictsRatings()) {
      throw new CinerecException("model " + label + " (" + model.kind() + ") ranks movies but does not predict "
          + "ratings, so there are no residuals to draw");
    }
    int[] userMap = map(users, model.users());
    int[] itemMap = map(items, model.items());
    int n = ratings.size();
    RatingBins layout = new RatingBins(scale);
    int bins = layout.count();
    long[] count = new long[bins];
    double[] sum = new double[bins];
    double[] sumSq = new double[bins];
    double se = 0;
    double ae = 0;
    int sampleSize = Math.min(SAMPLE, n);
    // reservoir of row positions, seeded
    int[] reservoir = new int[sampleSize];
    Rng rng = new Rng(seed);
    float[] predicted = new float[n];
    for (int p = 0; p < n; p++) {
      float actual = ratings.rating(p);
      float pred = model.predict(userMap[ratings.user(p)], itemMap[ratings.item(p)]);
      pred = scale.clip(pred);
      predicted[p] = pred;
      double err = pred - actual;
      se += err * err;
      ae += Math.abs(err);
      int b = layout.bin(actual);
      if (b >= 0) {
        count[b]++;
        sum[b] += pred;
        sumSq[b] += (double) pred * pred;
      }
      if (p < sampleSize) {
        reservoir[p] = p;
      } else {
        int j = rng.nextInt(p + 1);
        if (j < sampleSize) {
          reservoir[j] = p;
        }
      }
    }
    java.util.Arrays.sort(reservoir);
    float[] xs = new float[sampleSize];
    float[] ys = new float[sampleSize];
    for (int k = 0; k < sampleSize; k++) {
      xs[k] = ratings.rating(reservoir[k]);
      ys[k] = predicted[reservoir[k]];
    }
    double[] mean = new double[bins];
    double[] std = new double[bins];
    for (int b = 0; b < bins; b++) {
      mean[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
      std[b] = count[b] == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSq[b] / count[b] - mean[b] * mean[b]));
    }
    return new Residuals(label, on, layout, count, mean, std, xs, ys, Math.sqrt(se / n), ae / n, n);
  }

  /** For each index of {@code from}, the index of the same id in {@code to} (or -1). */
  static int[] map(IdIndex from, IdIndex to) {
    int[] out = new int[from.size()];
    boolean same = from.equals(to);
    for (int i = 0; i < out.length; i++) {
      out[i] = same ? i : to.indexOf(from.id(i));
    }
    return out;
  }
}
