package org.cinerec.io;

import java.util.List;
import org.cinerec.data.Catalog;

/**
 * The catalog as columns for the dataset file's JSON section: one array per field, in item order.
 * {@code hasMetadata} false marks a placeholder (title "movie &lt;id&gt;").
 */
record CatalogJson(List<String> title, int[] year, List<String[]> genres, List<String> imdb, List<String> tmdb,
    boolean[] hasMetadata, List<String> placeholderId) {

  static CatalogJson of(Catalog c) {
    int n = c.size();
    String[] t = new String[n];
    int[] y = new int[n];
    String[][] g = new String[n][];
    String[] im = new String[n];
    String[] tm = new String[n];
    boolean[] has = new boolean[n];
    String[] pid = new String[n];
    for (int i = 0; i < n; i++) {
      t[i] = c.title(i);
      y[i] = c.year(i);
      g[i] = c.genres(i);
      im[i] = c.imdbId(i);
      tm[i] = c.tmdbId(i);
      has[i] = c.hasMetadata(i);
      pid[i] = has[i] ? null : c.title(i).startsWith("movie ") ? c.title(i).substring(6) : c.title(i);
    }
    return new CatalogJson(java.util.Arrays.asList(t), y, java.util.Arrays.asList(g), java.util.Arrays.asList(im),
        java.util.Arrays.asList(tm), has, java.util.Arrays.asList(pid));
  }

  Catalog toCatalog() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < title.size(); i++) {
      if (hasMetadata[i]) {
        b.add(title.get(i), year[i], genres.get(i), imdb.get(i), tmdb.get(i));
      } else {
        b.addPlaceholder(placeholderId.get(i));
      }
    }
    return b.build();
  }
}
