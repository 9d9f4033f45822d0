package org.cinerec.split;

import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/** Small random datasets for split tests: distinct (user, item) pairs, ties in timestamps on purpose. */
final class Fixtures {
  private Fixtures() {}

  static Ratings randomRatings(long seed) {
    Rng rng = new Rng(seed);
    int users = 1 + rng.nextInt(12);
    int items = 1 + rng.nextInt(15);
    int n = rng.nextInt(users * items + 1);
    int[] cells = rng.permutation(users * items);
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = cells[k] / items;
      it[k] = cells[k] % items;
      r[k] = 0.5f * (1 + rng.nextInt(10));
      t[k] = 1_000_000 + rng.nextInt(8); // few distinct times: many ties
    }
    return new Ratings(u, it, r, t, users, items);
  }

  /** A dataset whose user ids are "u0".."uN" and movie ids "10", "11", .... */
  static Dataset dataset(Ratings r) {
    String[] users = new String[r.numUsers()];
    for (int i = 0; i < users.length; i++) {
      users[i] = "u" + i;
    }
    String[] items = new String[r.numItems()];
    Catalog.Builder cat = Catalog.builder();
    for (int i = 0; i < items.length; i++) {
      items[i] = Integer.toString(10 + i);
      cat.add("Movie " + i, 2000, new String[] {"Drama"}, null, null);
    }
    return new Dataset(r, IdIndex.of(users), IdIndex.of(items), cat.build(), Provenance.of("test", r.size(), null));
  }
}
