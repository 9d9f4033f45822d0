package org.cinerec.model.baseline;

import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/** Small datasets for the baseline models' tests. */
final class Tiny {
  private Tiny() {}

  /** Rows {user, item, rating}. */
  static Dataset of(int users, int items, double[]... rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = (int) rows[k][0];
      it[k] = (int) rows[k][1];
      r[k] = (float) rows[k][2];
      t[k] = k;
    }
    String[] uid = new String[users];
    for (int k = 0; k < users; k++) {
      uid[k] = Integer.toString(k + 1);
    }
    String[] iid = new String[items];
    Catalog.Builder b = Catalog.builder();
    for (int k = 0; k < items; k++) {
      iid[k] = Integer.toString(100 + k);
      b.add("Movie " + k, 1990 + k, new String[] {"Drama"}, null, null);
    }
    return new Dataset(new Ratings(u, it, r, t, users, items), IdIndex.of(uid), IdIndex.of(iid), b.build(),
        Provenance.of("test", n, null));
  }

  /** Random ratings (about a third of the pairs) from the seed; ratings 0.5..5 in half stars. */
  static Dataset random(long seed, int users, int items) {
    Rng rng = new Rng(seed);
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int u = 0; u < users; u++) {
      double bias = rng.nextGaussian() * 0.5;
      for (int i = 0; i < items; i++) {
        if (rng.nextInt(3) == 0) {
          double r = Math.round(2 * Math.max(0.5, Math.min(5, 3.5 + bias + 0.3 * (i % 5) - 0.6 + rng.nextGaussian()))) / 2.0;
          rows.add(new double[] {u, i, r});
        }
      }
    }
    return of(users, items, rows.toArray(new double[0][]));
  }
}
