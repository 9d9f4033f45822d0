package org.cinerec.serve;

/**
 * A request for the movies most like one movie.
 *
 * @param movie   the movie: an id, else a title ({@link ServingModel#movie})
 * @param k       how many, 1..{@value RecommendRequest#MAX_K}
 * @param offset  how many of the most similar to skip first, ≥ 0
 * @param filters which movies may be listed
 */
public record SimilarRequest(String movie, int k, int offset, Filters filters) {
  public SimilarRequest {
    if (movie == null) {
      throw new IllegalArgumentException("movie is null");
    }
    RecommendRequest.checkPage(k, offset);
    filters = filters == null ? Filters.NONE : filters;
  }

  /** The k most similar, no filter. */
  public static SimilarRequest of(String movie, int k) {
    return new SimilarRequest(movie, k, 0, Filters.NONE);
  }
}
