package org.cinerec.model;

import java.util.List;
import org.cinerec.data.Catalog;

/**
 * Implemented by models that can place a movie they were not trained on, from its metadata alone (the
 * two-tower model with movie features): item cold start for a movie added to the catalogue after training.
 * Its score for a user is what the user's {@link UserScorer#scoreMovie} gives for {@link #movieVector}.
 */
public interface NewMovies {

  /** Whether this model was trained with movie features (false: {@link #movieVector} returns null). */
  boolean hasMovieFeatures();

  /**
   * The model's representation of a movie described by title, release year (0 unknown) and genres (may be
   * empty), or null when the model has no movie features. Values the model never saw (a new genre) count
   * as unknown.
   */
  float[] movieVector(String title, int year, String[] genres);

  /**
   * As {@link #movieVector(String, int, String[])}, with the movie's {@link Catalog.Details} (original language,
   * runtime, overview; {@link Catalog.Details#NONE} or null for none): a model trained with those features places
   * the movie by them too, each unknown or unseen value as its group's unknown. The default ignores them, for a
   * model whose movie features include none of them.
   */
  default float[] movieVector(String title, int year, String[] genres, Catalog.Details details) {
    return movieVector(title, year, genres);
  }

  /**
   * The movie feature groups {@link #movieVector} uses ({@code genres}, {@code year}, {@code title},
   * {@code language}, {@code runtime}, {@code overview}, as {@code --item-features} names them), so a caller can
   * say which of a movie's fields a model ignores; empty without movie features.
   */
  default List<String> movieFeatures() {
    return List.of();
  }
}
