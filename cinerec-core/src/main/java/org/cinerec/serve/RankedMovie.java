package org.cinerec.serve;

import java.util.List;

/**
 * One row of a ranked list (recommendations or similar movies).
 *
 * @param rank            1-based position in the whole ranking (offset included)
 * @param movieId         the movie's id
 * @param title           its title as in the data
 * @param year            release year, or null
 * @param genres          genres, possibly empty
 * @param score           the model's ranking score (for similar movies: its similarity to the movie asked about)
 * @param predictedRating the predicted rating on the data's scale (clipped to it) for models that predict
 *                        ratings; null for models that only rank, and in similar-movie lists
 * @param reasons         why, best first (empty unless asked for and the model can say)
 */
public record RankedMovie(int rank, String movieId, String title, Integer year, List<String> genres, float score,
    Float predictedRating, List<Reason> reasons) {
  public RankedMovie {
    genres = List.copyOf(genres);
    reasons = List.copyOf(reasons);
  }
}
