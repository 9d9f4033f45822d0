package org.cinerec.model.blend;

/**
 * The blend's inputs for one (user, movie) pair, defined once for fitting and for serving. With K members,
 * d_k = p_k − μ (member k's prediction, clipped to the rating scale, minus the training mean μ), s_u =
 * ln(1 + the user's number of training ratings) and s_i = ln(1 + the movie's):
 * <pre>  x = [1, s_u, s_i, d_1 … d_K, d_1 s_u … d_K s_u, d_1 s_i … d_K s_i]</pre>
 * so a member's weight can grow or shrink with how much the user and the movie were seen (Koren's
 * "Improved neighborhood" support features; Töscher, Jahrer and Bell, "The BigChaos Solution to the Netflix
 * Grand Prize", 2009, section on blending). The prediction is w·x.
 */
final class BlendFeatures {
  private BlendFeatures() {}

  static int count(int members) {
    return 3 + 3 * members;
  }

  /** Feature names, for the model file and the training log. */
  static String[] names(String[] members) {
    int k = members.length;
    String[] out = new String[count(k)];
    out[0] = "intercept";
    out[1] = "log1p(user support)";
    out[2] = "log1p(movie support)";
    for (int m = 0; m < k; m++) {
      out[3 + m] = members[m];
      out[3 + k + m] = members[m] + " × log1p(user support)";
      out[3 + 2 * k + m] = members[m] + " × log1p(movie support)";
    }
    return out;
  }

  /** Fills {@code x} (length {@link #count}) for member predictions {@code p} (clipped) and supports. */
  static void fill(double[] x, float[] p, double mean, int userSupport, int itemSupport) {
    int k = p.length;
    double su = Math.log1p(userSupport);
    double si = Math.log1p(itemSupport);
    x[0] = 1;
    x[1] = su;
    x[2] = si;
    for (int m = 0; m < k; m++) {
      double d = p[m] - mean;
      x[3 + m] = d;
      x[3 + k + m] = d * su;
      x[3 + 2 * k + m] = d * si;
    }
  }

  /** w·x in a fixed order. */
  static double dot(double[] w, double[] x) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }
}
