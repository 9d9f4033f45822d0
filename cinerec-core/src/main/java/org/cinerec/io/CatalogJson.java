package org.cinerec.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import org.cinerec.data.Catalog;

/**
 * The catalog as columns for the dataset file's JSON section: one array per field, in item order.
 * {@code hasMetadata} false marks a placeholder (title "movie &lt;id&gt;"). The {@link Catalog.Details}
 * columns ({@code language}, {@code runtime}: minutes, 0 unknown; {@code overview}) are written only when
 * some movie has one ({@link Catalog#hasDetails()}), so a catalogue without them (MovieLens, every file written
 * before they existed) has the same JSON as before, and a file without them reads with none.
 */
record CatalogJson(List<String> title, int[] year, List<String[]> genres, List<String> imdb, List<String> tmdb,
    boolean[] hasMetadata, List<String> placeholderId,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> language,
    @JsonInclude(JsonInclude.Include.NON_NULL) int[] runtime,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> overview) {

  static CatalogJson of(Catalog c) {
    int n = c.size();
    String[] t = new String[n];
    int[] y = new int[n];
    String[][] g = new String[n][];
    String[] im = new String[n];
    String[] tm = new String[n];
    boolean[] has = new boolean[n];
    String[] pid = new String[n];
    String[] lang = new String[n];
    int[] run = new int[n];
    String[] over = new String[n];
    for (int i = 0; i < n; i++) {
      t[i] = c.title(i);
      y[i] = c.year(i);
      g[i] = c.genres(i);
      im[i] = c.imdbId(i);
      tm[i] = c.tmdbId(i);
      has[i] = c.hasMetadata(i);
      pid[i] = has[i] ? null : c.title(i).startsWith("movie ") ? c.title(i).substring(6) : c.title(i);
      lang[i] = c.language(i);
      run[i] = c.runtime(i);
      over[i] = c.overview(i);
    }
    boolean details = c.hasDetails();
    return new CatalogJson(Arrays.asList(t), y, Arrays.asList(g), Arrays.asList(im), Arrays.asList(tm), has,
        Arrays.asList(pid), details ? Arrays.asList(lang) : null, details ? run : null,
        details ? Arrays.asList(over) : null);
  }

  Catalog toCatalog() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < title.size(); i++) {
      if (hasMetadata[i]) {
        b.add(title.get(i), year[i], genres.get(i), imdb.get(i), tmdb.get(i), details(i));
      } else {
        b.addPlaceholder(placeholderId.get(i));
      }
    }
    return b.build();
  }

  private Catalog.Details details(int i) {
    String lang = language != null && i < language.size() ? language.get(i) : null;
    int run = runtime != null && i < runtime.length ? runtime[i] : Catalog.NO_RUNTIME;
    String over = overview != null && i < overview.size() ? overview.get(i) : null;
    return lang == null && run == Catalog.NO_RUNTIME && over == null ? Catalog.Details.NONE
        : new Catalog.Details(lang, run, over);
  }
}
