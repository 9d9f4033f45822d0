package org.cinerec.modeltest;

import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;

/** Tiny hand-made datasets for model tests. */
public final class TinyData {
  private TinyData() {}

  /**
   * A tiny dataset: {@code movies} as "title|Genre1,Genre2" (item i = index), ratings as
   * {@code {user, item, rating}} triples over {@code numUsers} users. Timestamps are row numbers, or a fourth
   * value when a row has one ({@code {user, item, rating, timestamp}}).
   */
  public static Dataset tiny(int numUsers, String[] movies, double[][] triples) {
    int n = triples.length;
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int p = 0; p < n; p++) {
      u[p] = (int) triples[p][0];
      it[p] = (int) triples[p][1];
      r[p] = (float) triples[p][2];
      t[p] = triples[p].length > 3 ? (int) triples[p][3] : 1_000_000 + p;
    }
    String[] userIds = new String[numUsers];
    for (int k = 0; k < numUsers; k++) {
      userIds[k] = "u" + k;
    }
    String[] itemIds = new String[movies.length];
    Catalog.Builder cb = Catalog.builder();
    for (int k = 0; k < movies.length; k++) {
      itemIds[k] = "m" + k;
      String[] parts = movies[k].split("\\|");
      cb.add(parts[0], Catalog.NO_YEAR, parts.length > 1 ? parts[1].split(",") : new String[0], null, null);
    }
    Ratings ratings = new Ratings(u, it, r, t, numUsers, movies.length);
    return new Dataset(ratings, IdIndex.of(userIds), IdIndex.of(itemIds), cb.build(),
        Provenance.of("test", n, "tiny fixture"));
  }
}
