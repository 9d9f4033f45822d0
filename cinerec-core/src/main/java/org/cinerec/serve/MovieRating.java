package org.cinerec.serve;

/**
 * One rating of an anonymous history as a caller gives it: the movie's external id (as in the data, compared
 * as {@link org.cinerec.data.IdIndex#key(String)} does) and the rating on the data's scale.
 *
 * @param movieId the movie's id, e.g. {@code "318"}
 * @param rating  the rating, e.g. {@code 4.5}
 */
public record MovieRating(String movieId, float rating) {
  public MovieRating {
    if (movieId == null) {
      throw new IllegalArgumentException("movieId is null");
    }
  }
}
