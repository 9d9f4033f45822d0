package org.cinerec.model.baseline;

import org.cinerec.data.Ratings;

/** Small shared arithmetic of the baseline models: damped means and RMSE of a predictor. */
final class Biases {
  private Biases() {}

  /** A rating predictor over dense indices. */
  @FunctionalInterface
  interface Predictor {
    float predict(int user, int item);
  }

  /** RMSE of the predictor on these ratings, predictions clipped to [lo, hi]; NaN when empty. */
  static double rmse(Predictor p, Ratings ratings, float lo, float hi) {
    double se = 0;
    for (int k = 0; k < ratings.size(); k++) {
      float pred = Math.max(lo, Math.min(hi, p.predict(ratings.user(k), ratings.item(k))));
      double e = pred - ratings.rating(k);
      se += e * e;
    }
    return ratings.size() == 0 ? Double.NaN : Math.sqrt(se / ratings.size());
  }

  /** Smallest and largest rating, or {-inf, +inf} when empty. */
  static float[] scale(Ratings ratings) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float r : ratings.ratings()) {
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    return ratings.size() == 0 ? new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY} : new float[] {lo, hi};
  }
}
