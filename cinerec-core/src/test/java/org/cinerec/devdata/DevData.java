package org.cinerec.devdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;

/**
 * Test-only data helpers for the neighbour models: tiny hand-made datasets, and a minimal MovieLens CSV
 * reader used until {@code DataSources.load} lands (not shipped; no validation beyond what tests need).
 */
public final class DevData {
  private DevData() {}

  /**
   * A tiny dataset: {@code movies} as "title|Genre1,Genre2" (item i = index), ratings as
   * {@code {user, item, rating}} triples over {@code numUsers} users. Timestamps are row numbers.
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
      t[p] = 1_000_000 + p;
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

  /** Reads {@code ratings.csv} and {@code movies.csv} of a MovieLens folder (dev use only). */
  public static Dataset movieLens(Path dir) {
    try {
      Map<String, Integer> itemIndex = new LinkedHashMap<>();
      Catalog.Builder cb = Catalog.builder();
      List<String> movieLines = Files.readAllLines(dir.resolve("movies.csv"), StandardCharsets.UTF_8);
      for (String line : movieLines.subList(1, movieLines.size())) {
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        int c1 = line.indexOf(',');
        int c2 = line.lastIndexOf(',');
        String id = line.substring(0, c1);
        String title = line.substring(c1 + 1, c2);
        if (title.startsWith("\"")) {
          title = title.substring(1, title.length() - 1).replace("\"\"", "\"");
        }
        String genres = line.substring(c2 + 1);
        itemIndex.put(id, itemIndex.size());
        cb.add(title, Catalog.NO_YEAR, genres.equals("(no genres listed)") ? new String[0] : genres.split("\\|"),
            null, null);
      }
      Map<String, Integer> userIndex = new HashMap<>();
      List<String> userIds = new ArrayList<>();
      List<String> ratingLines = Files.readAllLines(dir.resolve("ratings.csv"), StandardCharsets.UTF_8);
      int n = ratingLines.size() - 1;
      int[] u = new int[n];
      int[] it = new int[n];
      float[] r = new float[n];
      int[] t = new int[n];
      int k = 0;
      for (String line : ratingLines.subList(1, ratingLines.size())) {
        String[] f = line.strip().split(",");
        if (f.length < 4) {
          continue;
        }
        Integer ui = userIndex.get(f[0]);
        if (ui == null) {
          ui = userIds.size();
          userIndex.put(f[0], ui);
          userIds.add(f[0]);
        }
        Integer ii = itemIndex.get(f[1]);
        if (ii == null) {
          ii = itemIndex.size();
          itemIndex.put(f[1], ii);
          cb.addPlaceholder(f[1]);
        }
        u[k] = ui;
        it[k] = ii;
        r[k] = Float.parseFloat(f[2]);
        t[k] = Ratings.packTimestamp(Long.parseLong(f[3]));
        k++;
      }
      Ratings ratings = new Ratings(java.util.Arrays.copyOf(u, k), java.util.Arrays.copyOf(it, k),
          java.util.Arrays.copyOf(r, k), java.util.Arrays.copyOf(t, k), userIds.size(), itemIndex.size());
      return new Dataset(ratings, IdIndex.of(userIds), IdIndex.of(new ArrayList<>(itemIndex.keySet())), cb.build(),
          Provenance.of("movielens-csv (dev loader)", k, dir.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
