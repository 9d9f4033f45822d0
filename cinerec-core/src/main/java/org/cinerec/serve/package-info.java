/**
 * The one serving path that the CLI's {@code recommend}, {@code similar} and {@code predict} and the HTTP
 * service share: a {@link org.cinerec.serve.ServingModel} (one loaded model, its catalogue, a name and a
 * version) resolves user ids, movie ids and titles, applies exclusions and filters before top-K, ranks
 * (optionally diversified by MMR; folded-in users through one fold-in,
 * {@link org.cinerec.serve.ServingModel#foldIn}, with an optional {@link org.cinerec.serve.PopularityPrior} for
 * short histories), explains, and returns typed records ({@link org.cinerec.serve.Recommendations},
 * {@link org.cinerec.serve.SimilarMovies}, {@link org.cinerec.serve.Prediction}) whose Jackson form is the one
 * JSON schema of both the CLI's {@code --json} and the API.
 *
 * <p>Errors are {@link org.cinerec.CinerecException}s: an unknown user or movie is
 * {@link org.cinerec.CinerecException.Kind#NOT_FOUND} (404), input that is wrong in itself (k out of range,
 * an ambiguous title, a rating off the scale, an unknown genre) is
 * {@link org.cinerec.CinerecException.Kind#BAD_INPUT} (400).
 */
package org.cinerec.serve;
