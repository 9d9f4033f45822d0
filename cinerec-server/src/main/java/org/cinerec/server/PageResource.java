package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.serve.Home;
import org.cinerec.serve.HomeRequest;
import org.cinerec.serve.HomeScreen;
import org.cinerec.serve.MoviePage;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.Subject;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoredRating;

/**
 * What the web page asks for in one request each: a viewer's home screen (rows composed by core's
 * {@link HomeScreen}, where the rules live) and a movie's page for a viewer. The viewer is the user's current
 * view ({@link UserStates#view}: trained, folded in or the fallback), their stored ratings (for the order of
 * the "because you rated" rows) and their dismissals.
 */
final class PageResource {
  private PageResource() {}

  /** GET /api/v1/users/{userId}/home?k=20: the rows of a viewer's home screen. */
  static void home(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel("k"));
    ServedModel m = s.model(ctx, q);
    String user = UserResource.checkedId(ctx.pathParam("userId"), "user");
    int k = q.integer("k", HomeRequest.DEFAULT_K, 1, HomeRequest.MAX_K);
    requireReader(s, ctx, user);
    UserView v = s.users().view(user, m);
    Home home = HomeScreen.compose(m.serving(), new HomeRequest(new Subject.Scored(v.scorer(), v.history(),
        v.userId()), recentFirst(s, v), ratedBeyondHistory(m, v), RecommendResource.dismissedIds(m, v), k));
    Map<String, Object> out = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> all = s.json().convertValue(home, Map.class);
    for (String key : List.of("model", "kind", "modelVersion", "userId")) {
      out.put(key, all.get(key));
    }
    out.put("userState", v.state());
    out.put("personal", home.personal());
    out.put("ratingScale", scale(m.model().info().scale()));
    out.put("highRating", home.highRating());
    out.put("favouriteGenres", home.favouriteGenres());
    out.put("notes", notes(v));
    out.put("rows", all.get("rows"));
    ctx.json(out);
  }

  /**
   * GET /api/v1/users/{userId}/movies/{movieId}?k=20: a movie's page for a viewer: the movie with the store's
   * rating count and mean, the viewer's own rating and dismissal, their predicted rating with reasons, and the
   * similar movies they have not rated or dismissed.
   */
  static void movie(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel("k"));
    ServedModel m = s.model(ctx, q);
    String user = UserResource.checkedId(ctx.pathParam("userId"), "user");
    String id = UserResource.checkedId(ctx.pathParam("movieId"), "movie");
    int k = q.integer("k", HomeRequest.DEFAULT_K, 1, HomeRequest.MAX_K);
    requireReader(s, ctx, user);
    UserView v = s.users().view(user, m);
    Set<String> leftOut = new HashSet<>(ratedBeyondHistory(m, v));
    leftOut.addAll(RecommendResource.dismissedIds(m, v));
    MoviePage page = MoviePage.compose(m.serving(), new Subject.Scored(v.scorer(), v.history(), v.userId()), id,
        leftOut, k);
    String movieId = page.movie().movieId();
    int i = m.serving().movieIndex(movieId);
    Catalog c = m.catalog();
    List<String> notes = new ArrayList<>(notes(v));
    notes.addAll(page.notes());

    Map<String, Object> movie = new LinkedHashMap<>();
    movie.put("movieId", movieId);
    movie.put("title", page.movie().title());
    movie.put("year", page.movie().year());
    movie.put("genres", page.movie().genres());
    CatalogueResource.putDetails(movie, c.details(i));
    movie.put("predictedRating", page.prediction().predictedRating());
    movie.put("poster", s.posters().url(movieId));
    movie.put("imdbId", c.imdbId(i));
    movie.put("tmdbId", c.tmdbId(i));
    movie.put("trainingRatings", m.raters()[i]);
    movie.put("addedAfterTraining", m.serving().isAdded(i));
    try {
      JdbcRatingStore.MovieStats st = s.store().movieStats(movieId);
      movie.put("count", st.count());
      movie.put("mean", st.mean());
    } catch (RuntimeException storeAway) {
      movie.put("count", null);
      movie.put("mean", null);
      notes.add("the ratings store is unavailable: no rating count or mean now");
    }

    Float yours = null;
    boolean dismissed = false;
    String stored = IdIndex.key(movieId); // the store's spelling ("114508" for the catalogue's "0114508")
    try {
      for (StoredRating r : s.users().ratings(v.userId())) {
        if (r.movieId().equals(stored)) {
          yours = r.rating();
        }
      }
      dismissed = s.users().dismissals(v.userId()).contains(stored);
    } catch (ApiException notHeld) {
      // a training user the store does not hold: no stored rating or dismissal (the view's note says why)
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", page.model());
    out.put("kind", page.kind());
    out.put("modelVersion", page.modelVersion());
    out.put("userId", v.userId());
    out.put("userState", v.state());
    out.put("ratingScale", scale(m.model().info().scale()));
    out.put("movie", movie);
    out.put("yourRating", yours);
    out.put("dismissed", dismissed);
    out.put("prediction", page.prediction());
    out.put("similarAvailable", page.similarAvailable());
    out.put("similar", page.similar());
    out.put("notes", notes);
    ctx.json(out);
  }

  /**
   * These answers show the viewer's ratings (the "because you rated" anchors, "yourRating"), so they follow the
   * rule of the ratings listing: off loopback, a user created through the API must send their key; a dataset
   * user's are public, as their ratings are. A user the store does not hold is left to the view (a training
   * user of an unseeded store, else 404).
   */
  static void requireReader(Service s, Context ctx, String user) {
    JdbcRatingStore.User u;
    try {
      u = s.users().user(user).orElse(null);
    } catch (ApiException storeAway) {
      return; // the view answers from the trained model or says the store is unavailable
    }
    if (u != null && u.origin() == StoredRating.Origin.API) {
      s.access().requireUser(ctx, u);
    }
  }

  /**
   * The viewer's stored ratings, most recent first (ties, as within one second: the higher rating first, then
   * by movie id). None for a training user the store does not hold or cannot be read now (their view says so
   * in its note): such a viewer gets no "because you rated" rows.
   */
  static List<MovieRating> recentFirst(Service s, UserView v) {
    List<StoredRating> rows;
    try {
      rows = new ArrayList<>(s.users().ratings(v.userId()));
    } catch (ApiException notHeld) {
      return List.of();
    }
    rows.sort(Comparator.comparingLong(StoredRating::ratedAt).reversed()
        .thenComparing(Comparator.comparingDouble(StoredRating::rating).reversed())
        .thenComparing(StoredRating::movieId));
    List<MovieRating> out = new ArrayList<>(rows.size());
    for (StoredRating r : rows) {
      out.add(new MovieRating(r.movieId(), r.rating()));
    }
    return out;
  }

  /**
   * Ids of rated movies beyond the view's history: a training user's training movies the store does not hold,
   * and movies added to the catalogue after the model was trained.
   */
  static Set<String> ratedBeyondHistory(ServedModel m, UserView v) {
    Set<String> out = v.rated().length == v.history().size() ? new HashSet<>() : RecommendResource.ids(m, v.rated());
    out.addAll(v.addedRated());
    return out;
  }

  /** The scale as JSON: {@code {"min": 0.5, "max": 5, "step": 0.5}}. */
  static Map<String, Object> scale(RatingScale scale) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("min", scale.min());
    out.put("max", scale.max());
    out.put("step", scale.step());
    return out;
  }

  /** The view's note and the rated movies the model does not know, as sentences (possibly none). */
  static List<String> notes(UserView v) {
    List<String> notes = new ArrayList<>();
    if (v.note() != null) {
      notes.add(v.note());
    }
    if (!v.unknownMovies().isEmpty()) {
      notes.add("left out " + v.unknownMovies().size() + " rated movie(s) this model does not know: "
          + String.join(", ", v.unknownMovies().subList(0, Math.min(10, v.unknownMovies().size()))));
    }
    if (!v.addedRated().isEmpty()) {
      notes.add(v.addedRated().size() + " rated movie(s) were added to the catalogue after this model was trained: "
          + "they are left out of your lists, and the model learns from those ratings once retrained ("
          + String.join(", ", v.addedRated().subList(0, Math.min(10, v.addedRated().size()))) + ")");
    }
    return notes;
  }
}
