package org.cinerec.eval;

import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;

/** Small hand-written datasets for evaluation tests. */
final class Fixtures {
  private Fixtures() {}

  static IdIndex ids(String prefix, int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = prefix + i;
    }
    return IdIndex.of(ids);
  }

  /** Ratings from rows {user, item, rating×2} (half stars as integers), timestamps = row number. */
  static Ratings ratings(int users, int items, int[]... rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = rows[k][0];
      it[k] = rows[k][1];
      r[k] = rows[k][2] / 2f;
      t[k] = k;
    }
    return new Ratings(u, it, r, t, users, items);
  }

  static Dataset dataset(Ratings ratings) {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < ratings.numItems(); i++) {
      b.add("Movie " + i, 2000 + i, new String[] {"Drama"}, null, null);
    }
    return new Dataset(ratings, ids("u", ratings.numUsers()), ids("m", ratings.numItems()), b.build(),
        Provenance.of("test", ratings.size(), null));
  }
}
