package org.cinerec.viz.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;

/**
 * Per genre: movies in the catalogue, ratings they received and the mean of those ratings. A movie
 * with several genres counts in each; movies without genres are grouped as {@link #NO_GENRE}, movies
 * without any metadata (placeholder entries, e.g. Kaggle movies missing from movies_metadata.csv) as
 * {@link #NO_METADATA}. Sorted by number of ratings, most first.
 *
 * @param genres  genre names
 * @param movies  catalogue movies with the genre
 * @param ratings ratings of movies with the genre
 * @param means   mean rating of those ratings (NaN when none)
 */
public record GenreStats(String[] genres, int[] movies, long[] ratings, double[] means) {

  public static final String NO_GENRE = "(no genre)";
  public static final String NO_METADATA = "(no metadata)";

  public static GenreStats of(Dataset data) {
    Checks.nonEmpty(data, "genres");
    Catalog catalog = data.catalog();
    Map<String, Integer> index = new HashMap<>();
    int numItems = catalog.size();
    int[][] itemGenres = new int[numItems][];
    boolean anyGenre = false;
    for (int i = 0; i < numItems; i++) {
      String[] g = catalog.genres(i);
      if (!catalog.hasMetadata(i)) {
        g = new String[] {NO_METADATA};
      } else if (g.length == 0 || (g.length == 1 && g[0].equals("(no genres listed)"))) {
        g = new String[] {NO_GENRE};
      } else {
        anyGenre = true;
      }
      itemGenres[i] = new int[g.length];
      for (int k = 0; k < g.length; k++) {
        itemGenres[i][k] = index.computeIfAbsent(g[k], x -> index.size());
      }
    }
    if (!anyGenre) {
      throw new CinerecException("the catalogue has no genres (the data has no movie metadata), so there is no genre "
          + "breakdown to draw");
    }
    int ng = index.size();
    int[] movies = new int[ng];
    long[] counts = new long[ng];
    double[] sums = new double[ng];
    for (int i = 0; i < numItems; i++) {
      for (int g : itemGenres[i]) {
        movies[g]++;
      }
    }
    int[] item = data.ratings().items();
    float[] r = data.ratings().ratings();
    for (int p = 0; p < item.length; p++) {
      for (int g : itemGenres[item[p]]) {
        counts[g]++;
        sums[g] += r[p];
      }
    }
    String[] names = new String[ng];
    index.forEach((name, g) -> names[g] = name);
    Integer[] order = new Integer[ng];
    for (int g = 0; g < ng; g++) {
      order[g] = g;
    }
    Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : names[a].compareTo(names[b]));
    String[] outNames = new String[ng];
    int[] outMovies = new int[ng];
    long[] outCounts = new long[ng];
    double[] outMeans = new double[ng];
    for (int j = 0; j < ng; j++) {
      int g = order[j];
      outNames[j] = names[g];
      outMovies[j] = movies[g];
      outCounts[j] = counts[g];
      outMeans[j] = counts[g] == 0 ? Double.NaN : sums[g] / counts[g];
    }
    return new GenreStats(outNames, outMovies, outCounts, outMeans);
  }

  public int size() {
    return genres.length;
  }
}
