package org.cinerec.viz.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.Recommender;

/**
 * A 2-D map of a model's movie vectors: the {@link #MAX_MOVIES} most popular movies (by the given
 * rating counts; movies without metadata left out unless no movie has any) projected on the first two principal components of
 * their centred vectors, each coloured by one genre and the most popular few labelled.
 *
 * <p>PCA: the covariance {@code C = XᵀX / n} of the centred d-dimensional vectors, its two leading
 * eigenvectors found by power iteration (deflating the first; a fixed start vector, 500 iterations or a
 * change below 1e-10), and every movie projected on them. {@link #explained} gives each component's
 * share of the total variance.
 *
 * <p>Colour: among the {@link #MAX_GENRES} genres most common in the shown movies, each movie takes the
 * rarest one it has (the most telling: "Animation" rather than "Comedy"); movies with none of them are
 * "other".
 *
 * @param label     the model's label
 * @param titles    display titles of the shown movies
 * @param x         first component of each
 * @param y         second component of each
 * @param group     index into {@code genres}, or -1 for "other"
 * @param genres    the colour groups, most common first
 * @param labelled  indices (into the shown movies) of those to label, most popular first
 * @param explained share of variance of the two components
 */
public record EmbeddingMap(String label, String[] titles, double[] x, double[] y, int[] group, String[] genres,
    int[] labelled, double[] explained) {

  public static final int MAX_MOVIES = 800;
  public static final int MAX_GENRES = 6;
  public static final int LABELS = 12;

  /**
   * @param popularity ratings per movie of the model's item vocabulary (null: every movie counts once)
   */
  public static EmbeddingMap of(String label, Recommender model, Catalog catalog, int[] popularity) {
    if (!(model instanceof ItemEmbeddings emb)) {
      throw new CinerecException("model " + label + " (" + model.kind() + ") has no movie vectors, so there is no "
          + "embedding map to draw");
    }
    int numItems = model.items().size();
    int d = emb.embeddingDim();
    float[] vectors = emb.itemEmbeddings();
    Integer[] order = new Integer[numItems];
    for (int i = 0; i < numItems; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int pa = popularity == null ? 0 : popularity[a];
      int pb = popularity == null ? 0 : popularity[b];
      return pa != pb ? Integer.compare(pb, pa) : Integer.compare(a, b);
    });
    // a bare ratings file has no metadata at all: then every rated movie may be shown, under its id
    boolean anyMetadata = false;
    for (int i = 0; i < Math.min(numItems, catalog.size()) && !anyMetadata; i++) {
      anyMetadata = catalog.hasMetadata(i);
    }
    List<Integer> shown = new ArrayList<>();
    for (int i : order) {
      if (shown.size() == MAX_MOVIES) {
        break;
      }
      if ((!anyMetadata || catalog.hasMetadata(i)) && (popularity == null || popularity[i] > 0)) {
        shown.add(i);
      }
    }
    int n = shown.size();
    if (n < 3 || d < 2) {
      throw new CinerecException("model " + label + ": too few movies with " + (anyMetadata ? "metadata and " : "")
          + "ratings (" + n
          + ") or dimensions (" + d + ") for an embedding map");
    }
    double[][] rows = new double[n][d];
    double[] mean = new double[d];
    for (int r = 0; r < n; r++) {
      int base = shown.get(r) * d;
      for (int k = 0; k < d; k++) {
        rows[r][k] = vectors[base + k];
        mean[k] += rows[r][k] / n;
      }
    }
    double[][] cov = new double[d][d];
    for (double[] row : rows) {
      for (int k = 0; k < d; k++) {
        row[k] -= mean[k];
      }
      for (int a = 0; a < d; a++) {
        double ra = row[a];
        for (int b = 0; b < d; b++) {
          cov[a][b] += ra * row[b] / n;
        }
      }
    }
    double trace = 0;
    for (int k = 0; k < d; k++) {
      trace += cov[k][k];
    }
    double[] v1 = leading(cov);
    double l1 = rayleigh(cov, v1);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        cov[a][b] -= l1 * v1[a] * v1[b];
      }
    }
    double[] v2 = leading(cov);
    double l2 = rayleigh(cov, v2);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < d; k++) {
        x[r] += rows[r][k] * v1[k];
        y[r] += rows[r][k] * v2[k];
      }
    }
    String[] titles = new String[n];
    for (int r = 0; r < n; r++) {
      titles[r] = catalog.displayTitle(shown.get(r));
    }
    String[] genres = topGenres(catalog, shown);
    int[] group = groups(catalog, shown, genres);
    int[] labelled = new int[Math.min(LABELS, n)];
    for (int j = 0; j < labelled.length; j++) {
      labelled[j] = j;
    }
    double[] explained = trace <= 0 ? new double[] {0, 0} : new double[] {l1 / trace, l2 / trace};
    return new EmbeddingMap(label, titles, x, y, group, genres, labelled, explained);
  }

  private static String[] topGenres(Catalog catalog, List<Integer> shown) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i : shown) {
      for (String g : catalog.genres(i)) {
        counts.merge(g, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
        .limit(MAX_GENRES).map(Map.Entry::getKey).toArray(String[]::new);
  }

  private static int[] groups(Catalog catalog, List<Integer> shown, String[] genres) {
    int[] out = new int[shown.size()];
    for (int r = 0; r < out.length; r++) {
      int best = -1;
      for (String g : catalog.genres(shown.get(r))) {
        int j = Arrays.asList(genres).indexOf(g);
        if (j > best) { // genres are ordered most common first: a larger index is rarer
          best = j;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /** Leading eigenvector of a symmetric positive semi-definite matrix by power iteration. */
  static double[] leading(double[][] m) {
    int d = m.length;
    double[] v = new double[d];
    for (int k = 0; k < d; k++) {
      v[k] = 1.0 / Math.sqrt(d) * (1 + 0.01 * k); // fixed, not orthogonal to anything in practice
    }
    normalize(v);
    double[] w = new double[d];
    for (int it = 0; it < 500; it++) {
      for (int a = 0; a < d; a++) {
        double s = 0;
        for (int b = 0; b < d; b++) {
          s += m[a][b] * v[b];
        }
        w[a] = s;
      }
      if (normalize(w) == 0) {
        return v;
      }
      double change = 0;
      for (int k = 0; k < d; k++) {
        change += Math.abs(w[k] - v[k]);
      }
      System.arraycopy(w, 0, v, 0, d);
      if (change < 1e-10) {
        break;
      }
    }
    return v;
  }

  private static double rayleigh(double[][] m, double[] v) {
    double s = 0;
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        s += v[a] * m[a][b] * v[b];
      }
    }
    return s;
  }

  private static double normalize(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    s = Math.sqrt(s);
    if (s > 0) {
      for (int k = 0; k < v.length; k++) {
        v[k] /= s;
      }
    }
    return s;
  }

  public int size() {
    return titles.length;
  }
}
