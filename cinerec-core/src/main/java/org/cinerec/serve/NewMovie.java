package org.cinerec.serve;

import java.util.List;
import org.cinerec.data.Catalog;

/**
 * A movie added to the catalogue after the served models were trained (item cold start): what a serving model
 * knows of it is this metadata alone. {@link ServingModel#withAddedMovies} lists, searches and resolves such
 * movies like the catalogue's own, and ranks them for models that can place a movie by its features
 * ({@link org.cinerec.model.NewMovies} with movie features); once a model is retrained with the movie in its
 * data, the movie is one of the model's own and this record is ignored for that model.
 *
 * @param movieId the id, unique among the catalogue's and the other added movies' (by
 *                {@link org.cinerec.data.IdIndex#key})
 * @param title   the title as people see it
 * @param year    release year, or {@link Catalog#NO_YEAR} when unknown
 * @param genres  genres, possibly empty
 * @param details original language, runtime and overview ({@link Catalog.Details}; {@link Catalog.Details#NONE}
 *                when none is known), which models with detail features place the movie by as well
 */
public record NewMovie(String movieId, String title, int year, List<String> genres, Catalog.Details details) {
  /** A movie without details. */
  public NewMovie(String movieId, String title, int year, List<String> genres) {
    this(movieId, title, year, genres, Catalog.Details.NONE);
  }

  public NewMovie {
    if (movieId == null || movieId.isBlank()) {
      throw new IllegalArgumentException("an added movie needs an id");
    }
    if (title == null) {
      throw new IllegalArgumentException("added movie " + movieId + " needs a title");
    }
    genres = genres == null ? List.of() : List.copyOf(genres);
    details = details == null ? Catalog.Details.NONE : details;
  }

  /** The genres as the catalogue and the models take them. */
  public String[] genreArray() {
    return genres.toArray(new String[0]);
  }
}
