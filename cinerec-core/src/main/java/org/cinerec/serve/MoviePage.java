package org.cinerec.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cinerec.model.Recommender;

/**
 * One movie as a viewer sees it: what the model predicts they would rate it and why, and the movies most like
 * it that they have not rated or dismissed. Its Jackson form is the core of the API's
 * {@code GET /api/v1/users/{userId}/movies/{movieId}} (the service adds the store's figures and the viewer's
 * own rating).
 *
 * @param model            the serving model's name
 * @param kind             its family
 * @param modelVersion     its version
 * @param userId           the viewer's id (the history's label)
 * @param movie            the movie
 * @param prediction       the viewer's predicted rating of it, with reasons
 * @param similarAvailable false when the model relates no movies, or learned nothing about this one
 * @param similar          the most similar movies, the viewer's rated and dismissed ones left out, with the
 *                         viewer's predicted ratings
 * @param notes            what a person should know (a fallback, why there are no similar movies)
 */
public record MoviePage(String model, String kind, String modelVersion, String userId, MovieRef movie,
    Guess prediction, boolean similarAvailable, List<RankedMovie> similar, List<String> notes) {
  public MoviePage {
    similar = List.copyOf(similar);
    notes = List.copyOf(notes);
  }

  /**
   * The viewer's predicted rating of the movie.
   *
   * @param predictedRating on the data's scale, clipped; null for models that only rank
   * @param personal        false when it falls back (a viewer without ratings, a movie without training ratings)
   * @param fallback        what it falls back to, in words, or null
   * @param reasons         why ("because you rated ..."), best first; none when not personal
   */
  public record Guess(Float predictedRating, boolean personal, String fallback, List<Reason> reasons) {
    public Guess {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * The page of {@code movieId} (an id: NOT_FOUND when neither the model nor the movies added after training
   * have it) for {@code viewer}; the similar movies leave out {@code leftOut} (movie ids the viewer rated or
   * dismissed) and the viewer's history. A movie added after training has no predicted rating (the guess's
   * fallback says why, and whether the model ranks it by its metadata) and no similar movies.
   */
  public static MoviePage compose(ServingModel m, Subject.Scored viewer, String movieId, Set<String> leftOut,
      int k) {
    Recommender model = m.model();
    int item = m.movieById(movieId);
    String id = m.movieRef(item).movieId();
    Prediction p = m.predict(viewer, id);
    Guess guess = new Guess(p.predictedRating(), p.personal(), p.fallback(), m.reasons(viewer, item));
    List<String> notes = new ArrayList<>(p.notes());
    boolean isNew = m.isAdded(item);
    boolean available = !isNew && model.hasItemSimilarity() && model.knowsItem(item);
    List<RankedMovie> similar = List.of();
    if (available) {
      Set<String> out = new java.util.HashSet<>(leftOut);
      for (int i : viewer.history().items()) {
        out.add(model.items().id(i));
      }
      SimilarMovies s = m.similar(new SimilarRequest(id, k, 0, Filters.NONE.withExcludeMovies(out)));
      similar = m.withPredictions(viewer.scorer(), s.similar());
    } else if (isNew) {
      notes.add("the " + model.kind() + " model was trained before this movie was added, so it has no similar "
          + "movies for it until retrained with it");
    } else {
      notes.add(model.hasItemSimilarity() ? "the " + model.kind() + " model learned nothing about this movie (no "
          + "training ratings), so it has no similar movies" : "the " + model.kind() + " model does not relate "
          + "movies to each other: no similar movies");
    }
    return new MoviePage(m.name(), model.kind(), m.version(), viewer.label(), m.movieRef(item), guess, available,
        similar, notes);
  }
}
