package org.cinerec.serve;

import java.util.List;

/**
 * The answer to a {@link SimilarRequest}; its Jackson form is the JSON of {@code similar --json} and of the API.
 *
 * @param model        the serving model's name
 * @param kind         its family
 * @param modelVersion its version
 * @param movie        the movie asked about
 * @param k            as asked
 * @param offset       as asked
 * @param candidates   how many movies passed the filters (the movie itself not counted)
 * @param notes        what a person should know (which title was taken, a short list), possibly empty
 * @param similar      the movies, most similar first ({@link RankedMovie#score} is the similarity)
 */
public record SimilarMovies(String model, String kind, String modelVersion, MovieRef movie, int k, int offset,
    int candidates, List<String> notes, List<RankedMovie> similar) {
  public SimilarMovies {
    notes = List.copyOf(notes);
    similar = List.copyOf(similar);
  }
}
