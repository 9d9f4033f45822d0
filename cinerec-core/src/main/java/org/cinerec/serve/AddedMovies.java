package org.cinerec.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.math.Vectors;
import org.cinerec.model.NewMovies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;

/**
 * The movies added to the catalogue after a model was trained ({@link NewMovie}), as one serving model sees
 * them: item indices from the model's N on (the t-th added movie the model does not know is N + t), the
 * catalogue and the id vocabulary extended by them, and, for a model that places a movie by its features
 * ({@link NewMovies} with movie features), each one's vector. The vectors are computed once, when the serving
 * model is made (and taken over from the previous one for the movies it already had), so ranking them costs a
 * request one dot product each ({@link UserScorer#scoreMovie}).
 *
 * <p>Worked example: a model of 3 movies {@code [1, 2, 5]} and added movies {@code 9 "Tide"} and {@code 2 "Two"}
 * (the model knows 2: it is one of its own, so it is left out here) give ids {@code [1, 2, 5, 9]}, "Tide" at
 * item 3, and a score array of 4 slots when the model places movies (3 otherwise: "Tide" is listed, searched and
 * resolved, but never ranked).
 *
 * <p>Immutable and safe to share between threads.
 */
final class AddedMovies {
  private final int base;
  private final List<NewMovie> movies;
  private final Catalog catalog;
  private final IdIndex ids;
  /** Per added movie its vector ({@link NewMovies#movieVector}); null when the model cannot place movies. */
  private final float[][] vectors;

  private AddedMovies(int base, List<NewMovie> movies, Catalog catalog, IdIndex ids, float[][] vectors) {
    this.base = base;
    this.movies = movies;
    this.catalog = catalog;
    this.ids = ids;
    this.vectors = vectors;
  }

  /** No added movie: the model's own catalogue and ids. */
  static AddedMovies none(Recommender model, Catalog catalog) {
    return new AddedMovies(model.items().size(), List.of(), catalog, model.items(), null);
  }

  /** True for a model that can place a movie it was not trained on by its metadata. */
  static boolean placesMovies(Recommender model) {
    return model instanceof NewMovies nm && nm.hasMovieFeatures();
  }

  /**
   * The movies of {@code all} that {@code model} does not know (an id it has, by {@link IdIndex#key}, is one of
   * its own: retrained with it), in the order given (a repeated id: the first), after its catalogue; vectors
   * taken from {@code previous} (null for none: a serving model of the same model) where it has the same movie.
   */
  static AddedMovies of(Recommender model, Catalog modelCatalog, List<NewMovie> all, AddedMovies previous) {
    IdIndex items = model.items();
    List<NewMovie> mine = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (NewMovie m : all) {
      if (items.indexOf(m.movieId()) < 0 && seen.add(IdIndex.key(m.movieId().strip()))) {
        mine.add(m);
      }
    }
    if (mine.isEmpty()) {
      return none(model, modelCatalog);
    }
    int n = items.size();
    Catalog.Builder b = Catalog.builder();
    String[] idList = new String[n + mine.size()];
    for (int i = 0; i < n; i++) {
      idList[i] = items.id(i);
      b.addFrom(modelCatalog, i, items.id(i));
    }
    for (int t = 0; t < mine.size(); t++) {
      NewMovie m = mine.get(t);
      idList[n + t] = m.movieId().strip();
      b.add(m.title(), m.year(), m.genreArray(), null, null, m.details());
    }
    float[][] vectors = null;
    if (placesMovies(model)) {
      NewMovies nm = (NewMovies) model;
      Map<NewMovie, float[]> had = previous == null ? Map.of() : previous.vectorsByMovie();
      vectors = new float[mine.size()][];
      for (int t = 0; t < vectors.length; t++) {
        NewMovie m = mine.get(t);
        float[] v = had.get(m);
        vectors[t] = v != null ? v : nm.movieVector(m.title(), m.year(), m.genreArray(), m.details());
      }
    }
    return new AddedMovies(n, List.copyOf(mine), b.build(), IdIndex.of(idList), vectors);
  }

  private Map<NewMovie, float[]> vectorsByMovie() {
    Map<NewMovie, float[]> out = new HashMap<>();
    for (int t = 0; vectors != null && t < vectors.length; t++) {
      out.put(movies.get(t), vectors[t]);
    }
    return out;
  }

  /** How many added movies the model does not know. */
  int size() {
    return movies.size();
  }

  /** The added movies the model does not know, item {@code base + t} for the t-th. */
  List<NewMovie> movies() {
    return movies;
  }

  /** True for an item index past the model's own: an added movie. */
  boolean isAdded(int item) {
    return item >= base;
  }

  /** True when these movies are ranked: there are some, and the model places them by their features. */
  boolean ranked() {
    return vectors != null && !movies.isEmpty();
  }

  /** The length of a score array: the model's movies, and the added ones when they are {@link #ranked}. */
  int width() {
    return ranked() ? base + movies.size() : base;
  }

  /** The model's catalogue, then the added movies. */
  Catalog catalog() {
    return catalog;
  }

  /** The model's ids, then the added movies'. */
  IdIndex ids() {
    return ids;
  }

  /**
   * The scorer's scores of the added movies into {@code out[base..base + size)} ({@link #ranked} only). A
   * scorer that cannot score a movie it was not trained on (one made outside the serving path) ranks none:
   * {@code -Infinity} for all of them.
   */
  void score(UserScorer scorer, float[] out) {
    for (int t = 0; t < vectors.length; t++) {
      try {
        out[base + t] = scorer.scoreMovie(vectors[t]);
      } catch (UnsupportedOperationException e) {
        java.util.Arrays.fill(out, base + t, base + vectors.length, Float.NEGATIVE_INFINITY);
        return;
      }
    }
  }

  /** The scorer's score of one added movie, NaN when it cannot say (not {@link #ranked}, or the scorer cannot). */
  float score(UserScorer scorer, int item) {
    if (vectors == null || !isAdded(item)) {
      return Float.NaN;
    }
    try {
      return scorer.scoreMovie(vectors[item - base]);
    } catch (UnsupportedOperationException e) {
      return Float.NaN;
    }
  }

  /**
   * The model's unit item vectors ({@code base} rows of {@code dim}) followed by the added movies' vectors
   * scaled to length 1 when they are {@link #ranked} (a vector of another length: a zero row), so diversity and
   * reasons compare an added movie with the others by the cosine the model's own vectors give; the base rows
   * unchanged otherwise.
   */
  float[] withUnitRows(float[] baseUnit, int dim) {
    if (!ranked()) {
      return baseUnit;
    }
    float[] out = new float[(base + vectors.length) * dim];
    System.arraycopy(baseUnit, 0, out, 0, Math.min(baseUnit.length, base * dim));
    for (int t = 0; t < vectors.length; t++) {
      float[] v = vectors[t];
      if (v.length != dim) {
        continue;
      }
      int off = (base + t) * dim;
      System.arraycopy(v, 0, out, off, dim);
      double norm = Vectors.norm(out, off, dim);
      if (norm > 0) {
        Vectors.scale((float) (1 / norm), out, off, dim);
      }
    }
    return out;
  }
}
