package org.cinerec.server;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cinerec.data.IdIndex;
import org.cinerec.serve.Filters;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.Prediction;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.Recommendations;
import org.cinerec.serve.Subject;

/**
 * Recommendations for a stored user (their history from the store, folded in), for an anonymous history in
 * the request body, and predicted ratings, all through core's serving path ({@link org.cinerec.serve}): this
 * class only turns HTTP parameters into requests and results into JSON (the same schema as the CLI's).
 */
final class RecommendResource {
  /** The filter parameters every list route takes. */
  static final Set<String> FILTERS = Set.of("genres", "genresAll", "yearFrom", "yearTo", "excludeMovies");
  private static final Set<String> USER_PARAMS = params("k", "offset", "exclude", "diversity", "explain");

  private RecommendResource() {}

  static Set<String> params(String... names) {
    Set<String> s = new HashSet<>(Service.withModel(names));
    s.addAll(FILTERS);
    return s;
  }

  /** The filters of a query ({@code genres}, {@code genresAll}: comma lists; {@code yearFrom}/{@code yearTo}). */
  static Filters filters(Query q) {
    Integer from = q.get("yearFrom") == null ? null : q.integer("yearFrom", 0, -10_000, 10_000);
    Integer to = q.get("yearTo") == null ? null : q.integer("yearTo", 0, -10_000, 10_000);
    return new Filters(new LinkedHashSet<>(q.list("genres")), new LinkedHashSet<>(q.list("genresAll")), from, to,
        new LinkedHashSet<>(q.list("excludeMovies")));
  }

  /** GET /api/v1/users/{userId}/recommendations. */
  static void forUser(Service s, Context ctx) {
    Query q = Query.of(ctx, USER_PARAMS);
    ServedModel m = s.model(ctx, q);
    String user = UserResource.checkedId(ctx.pathParam("userId"), "user");
    UserView v = s.users().view(user, m);
    Set<String> exclude = new HashSet<>(q.get("exclude") == null ? List.of("rated", "dismissed") : q.list("exclude"));
    for (String e : exclude) {
      if (!Set.of("rated", "dismissed", "none").contains(e)) {
        throw ApiException.badRequest("exclude=" + e + " is not one of rated, dismissed, none (comma-separated)");
      }
    }
    RecommendRequest request = RecommendRequest.builder(new Subject.Scored(v.scorer(), v.history(), v.userId()))
        .k(q.integer("k", RecommendRequest.DEFAULT_K, 1, RecommendRequest.MAX_K))
        .offset(q.integer("offset", 0, 0, 1_000_000))
        .filters(filters(q))
        .excludeRated(exclude.contains("rated"))
        // the history's movies are left out by the serving path itself; ids only for rated movies beyond it
        .rated(PageResource.ratedBeyondHistory(m, v))
        .dismissed(exclude.contains("dismissed") ? dismissedIds(m, v) : Set.of())
        .diversity(q.number("diversity", 0, 0, 1))
        .explain(q.bool("explain", true))
        .build();
    Recommendations r = m.serving().recommend(request);
    boolean noted = v.note() != null || !v.unknownMovies().isEmpty() || !v.addedRated().isEmpty();
    Json.send(ctx, s.json(), new WithState(noted ? r.withNotes(notes(r.notes(), v)) : r, v.state()));
  }

  /** The body of an anonymous recommendation: the ratings and the list's settings. */
  record AnonymousBody(List<MovieRating> ratings, Integer k, Integer offset, List<String> genres,
      List<String> genresAll, Integer yearFrom, Integer yearTo, List<String> excludeMovies, Double diversity,
      Boolean explain, java.util.Map<String, String> attributes) {}

  /** POST /api/v1/recommendations: for a history given in the body, folded in on the fly (nothing stored). */
  static void anonymous(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel());
    ServedModel m = s.model(ctx, q);
    AnonymousBody b = Json.body(ctx, AnonymousBody.class, s.config().limits());
    if (b.ratings() == null) {
      throw ApiException.badRequest("the body needs ratings: {\"ratings\": [{\"movieId\": \"1\", \"rating\": 4.5}]}");
    }
    if (b.ratings().size() > 10_000) {
      throw ApiException.badRequest("a history holds at most 10000 ratings, got " + b.ratings().size());
    }
    for (MovieRating r : b.ratings()) {
      if (r == null || r.movieId() == null) {
        throw ApiException.badRequest("each rating needs a movieId and a rating");
      }
    }
    Filters f = new Filters(set(b.genres()), set(b.genresAll()), b.yearFrom(), b.yearTo(), set(b.excludeMovies()));
    java.util.Map<String, String> told = b.attributes() == null ? java.util.Map.of()
        : s.checkedAttributes(b.attributes());
    // a model with user attributes gets those it takes; one without gets them all, and its list says so
    RecommendRequest request = RecommendRequest.builder(new Subject.Anonymous(b.ratings(),
            m.model().userAttributes().isEmpty() ? told : UserStates.usedBy(m.model(), told)))
        .k(b.k() == null ? RecommendRequest.DEFAULT_K : b.k())
        .offset(b.offset() == null ? 0 : b.offset())
        .filters(f)
        .diversity(b.diversity() == null ? 0 : b.diversity())
        .explain(b.explain() == null || b.explain())
        .build();
    Json.send(ctx, s.json(), m.serving().recommend(request));
  }

  /** GET /api/v1/users/{userId}/predictions/{movieId}: the predicted rating, with the fallback when there is one. */
  static void predict(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel());
    ServedModel m = s.model(ctx, q);
    String user = UserResource.checkedId(ctx.pathParam("userId"), "user");
    String movie = UserResource.checkedId(ctx.pathParam("movieId"), "movie");
    UserView v = s.users().view(user, m);
    Prediction p = m.serving().predict(new Subject.Scored(v.scorer(), v.history(), v.userId()), movie);
    boolean noted = v.note() != null || !v.unknownMovies().isEmpty() || !v.addedRated().isEmpty();
    Json.send(ctx, s.json(), new WithState(noted ? p.withNotes(notes(p.notes(), v)) : p, v.state()));
  }

  private static Set<String> set(List<String> l) {
    return l == null ? Set.of() : new LinkedHashSet<>(l);
  }

  /** Ids of every movie the viewer dismissed: the model's, and those added after it was trained. */
  static Set<String> dismissedIds(ServedModel m, UserView v) {
    Set<String> out = ids(m, v.dismissed());
    out.addAll(v.addedDismissed());
    return out;
  }

  /** Movie ids of item indices of this model. */
  static Set<String> ids(ServedModel m, int[] items) {
    Set<String> out = new HashSet<>(items.length * 2);
    IdIndex ids = m.model().items();
    for (int i : items) {
      out.add(ids.id(i));
    }
    return out;
  }

  /**
   * A result with the user's state ("trained", "folded", "fallback") after the result's own fields: written
   * as one JSON object, the result's fields unwrapped into it (no intermediate map).
   */
  record WithState(@JsonUnwrapped Object result, String userState) {}

  /** The result's notes, then the view's ({@link PageResource#notes}). */
  private static List<String> notes(List<String> own, UserView v) {
    List<String> notes = new ArrayList<>(own);
    notes.addAll(PageResource.notes(v));
    return notes;
  }
}
