package org.cinerec.viz.stats;

import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.math.Rng;

/**
 * The ratings of a seeded random sample of users, laid out for a strip plot: users (columns) ordered
 * by their mean rating, each rating one point, jittered sideways within its column and slightly up or
 * down (ratings sit on the steps of their scale, so without jitter the points would hide each other).
 *
 * <p>Sampling: the users with at least one rating are permuted by {@code new Rng(seed)} and the first
 * {@code k} taken; then sorted by mean rating (ties by user index).
 *
 * @param userIds   external ids of the sampled users, in column order
 * @param means     each column's mean rating (ascending)
 * @param counts    each column's number of ratings
 * @param x         column of each point plus sideways jitter in ±{@link #X_JITTER}
 * @param y         rating of each point plus jitter in ±{@link #Y_JITTER}
 * @param rating    rating of each point without jitter
 * @param seed      the sampling seed
 * @param activeUsers users that could have been drawn
 */
public record UserSample(String[] userIds, double[] means, int[] counts, float[] x, float[] y, float[] rating,
    long seed, int activeUsers) {

  public static final float X_JITTER = 0.35f;
  public static final float Y_JITTER = 0.12f;

  public static UserSample of(Dataset data, int k, long seed) {
    Checks.nonEmpty(data, "user sample");
    if (k < 1) {
      throw CinerecException.usage("--sample-users must be at least 1, got " + k);
    }
    CsrIndex byUser = data.ratings().byUser();
    int[] active = new int[byUser.numKeys()];
    int n = 0;
    for (int u = 0; u < byUser.numKeys(); u++) {
      if (byUser.count(u) > 0) {
        active[n++] = u;
      }
    }
    if (k > n) {
      throw CinerecException.usage("--sample-users " + k + " is larger than the number of users with ratings ("
          + n + "); use --sample-users " + n + " or fewer");
    }
    Rng rng = new Rng(seed);
    int[] order = rng.permutation(n);
    int[] users = new int[k];
    for (int j = 0; j < k; j++) {
      users[j] = active[order[j]];
    }
    float[] r = data.ratings().ratings();
    int[] pos = byUser.positions();
    double[] mean = new double[k];
    for (int j = 0; j < k; j++) {
      int u = users[j];
      double s = 0;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        s += r[pos[p]];
      }
      mean[j] = s / byUser.count(u);
    }
    Integer[] cols = new Integer[k];
    for (int j = 0; j < k; j++) {
      cols[j] = j;
    }
    Arrays.sort(cols, (a, b) -> mean[a] != mean[b] ? Double.compare(mean[a], mean[b]) : Integer.compare(users[a], users[b]));
    int points = 0;
    for (int u : users) {
      points += byUser.count(u);
    }
    String[] ids = new String[k];
    double[] means = new double[k];
    int[] counts = new int[k];
    float[] x = new float[points];
    float[] y = new float[points];
    float[] raw = new float[points];
    Rng jitter = rng.split();
    int q = 0;
    for (int c = 0; c < k; c++) {
      int u = users[cols[c]];
      ids[c] = data.users().id(u);
      means[c] = mean[cols[c]];
      counts[c] = byUser.count(u);
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        raw[q] = r[pos[p]];
        x[q] = c + (float) ((jitter.nextDouble() * 2 - 1) * X_JITTER);
        y[q] = raw[q] + (float) ((jitter.nextDouble() * 2 - 1) * Y_JITTER);
        q++;
      }
    }
    return new UserSample(ids, means, counts, x, y, raw, seed, n);
  }

  public int size() {
    return userIds.length;
  }
}
