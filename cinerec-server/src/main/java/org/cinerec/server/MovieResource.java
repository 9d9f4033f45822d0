package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cinerec.data.Catalog;
import org.cinerec.model.History;
import org.cinerec.serve.Filters;
import org.cinerec.serve.MovieRef;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.Recommendations;
import org.cinerec.serve.SimilarRequest;
import org.cinerec.serve.Subject;
import org.cinerec.server.store.JdbcRatingStore;

/**
 * Movies: details (with the rating count and mean from the store, which move as people rate), similar movies,
 * title search, popular and top-in-genre lists, the genres, and a starter set for a new viewer to rate. Lists
 * go through core's serving path (filters, top-K, the one result schema).
 */
final class MovieResource {
  private MovieResource() {}

  /** GET /api/v1/movies/{movieId}. */
  static void details(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel());
    ServedModel m = s.model(ctx, q);
    String id = UserResource.checkedId(ctx.pathParam("movieId"), "movie");
    int i = m.serving().movieById(id);
    MovieRef ref = m.serving().movieRef(i);
    Catalog c = m.catalog();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("movieId", ref.movieId());
    out.put("title", ref.title());
    out.put("year", ref.year());
    out.put("genres", ref.genres());
    CatalogueResource.putDetails(out, c.details(i));
    out.put("imdbId", c.imdbId(i));
    out.put("tmdbId", c.tmdbId(i));
    out.put("trainingRatings", m.raters()[i]);
    out.put("similarAvailable", m.model().hasItemSimilarity() && m.model().knowsItem(i));
    out.put("addedAfterTraining", m.serving().isAdded(i));
    Map<String, Object> stats = new LinkedHashMap<>();
    try {
      JdbcRatingStore.MovieStats st = s.store().movieStats(ref.movieId());
      stats.put("count", st.count());
      stats.put("mean", st.mean());
    } catch (RuntimeException e) {
      stats.put("count", null);
      stats.put("mean", null);
      stats.put("note", "the ratings store is unavailable");
    }
    out.put("ratings", stats);
    ctx.json(out);
  }

  /** GET /api/v1/movies/{movieId}/similar. */
  static void similar(Service s, Context ctx) {
    Query q = Query.of(ctx, RecommendResource.params("k", "offset"));
    ServedModel m = s.model(ctx, q);
    String id = UserResource.checkedId(ctx.pathParam("movieId"), "movie");
    m.serving().movieById(id); // by id only here (titles: search first)
    Json.send(ctx, s.json(), m.serving().similar(new SimilarRequest(id, q.integer("k", RecommendRequest.DEFAULT_K, 1,
        RecommendRequest.MAX_K), q.integer("offset", 0, 0, 1_000_000), RecommendResource.filters(q))));
  }

  /** GET /api/v1/movies/search?q=TITLE: typo-tolerant title search. */
  static void search(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel("q", "k"));
    ServedModel m = s.model(ctx, q);
    String text = q.get("q");
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("q is required: the title (or part of it) to search for");
    }
    if (text.length() > 200) {
      throw ApiException.badRequest("q is longer than 200 characters");
    }
    int k = q.integer("k", 10, 1, 100);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", m.name());
    out.put("query", text);
    out.put("movies", m.serving().searchTitles(text, k));
    ctx.json(out);
  }

  /**
   * GET /api/v1/movies/popular: the movies most rated in the model's training data (ties: lower index),
   * filtered as asked; the same list for everyone.
   */
  static void popular(Service s, Context ctx) {
    Query q = Query.of(ctx, RecommendResource.params("k", "offset"));
    ServedModel m = s.model(ctx, q);
    Recommendations r = m.serving().recommend(RecommendRequest.builder(new Subject.Scored(m.serving().popularity(),
        History.EMPTY, null)).k(q.integer("k", RecommendRequest.DEFAULT_K, 1, RecommendRequest.MAX_K))
        .offset(q.integer("offset", 0, 0, 1_000_000)).filters(RecommendResource.filters(q)).excludeRated(false)
        .explain(false).build());
    ctx.json(list(s, r, "popular", "the movies most rated in the model's training data"));
  }

  /**
   * GET /api/v1/genres/{genre}/top: the model's non-personal ranking within one genre (what it recommends to
   * someone it knows nothing about), e.g. "Top in Drama".
   */
  static void topInGenre(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel("k", "offset", "yearFrom", "yearTo", "excludeMovies"));
    ServedModel m = s.model(ctx, q);
    String genre = ctx.pathParam("genre");
    Filters f = RecommendResource.filters(q).withGenresAny(Set.of(genre));
    Recommendations r = m.serving().recommend(RecommendRequest.builder(new Subject.Scored(m.model().scorer(-1),
        History.EMPTY, null)).k(q.integer("k", RecommendRequest.DEFAULT_K, 1, RecommendRequest.MAX_K))
        .offset(q.integer("offset", 0, 0, 1_000_000)).filters(f).excludeRated(false).explain(false).build());
    ctx.json(list(s, r, "top in " + genre, "the " + m.model().kind() + " model's non-personal ranking in " + genre));
  }

  /** GET /api/v1/genres: every genre of the catalogue with its number of movies. */
  static void genres(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel());
    ServedModel m = s.model(ctx, q);
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < m.catalog().size(); i++) {
      for (String g : m.catalog().genres(i)) {
        counts.merge(g, 1, Integer::sum);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach((g, n) -> out.add(Map.of("genre", g, "movies", n)));
    ctx.json(Map.of("model", m.name(), "genres", out));
  }

  /** GET /api/v1/starter: movies for a new viewer to rate first ({@link StarterSet}). */
  static void starter(Service s, Context ctx) {
    Query q = Query.of(ctx, Service.withModel("k"));
    ServedModel m = s.model(ctx, q);
    int k = q.integer("k", 24, 1, 200);
    List<MovieRef> movies = new ArrayList<>();
    for (int i : StarterSet.pick(m.catalog(), m.raters(), k)) {
      movies.add(m.serving().movieRef(i));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", m.name());
    out.put("about", "well-known movies spread over genres, in a fixed order: rate the ones you have seen");
    out.put("movies", movies);
    ctx.json(out);
  }

  /** A list answer: the serving path's result without per-user fields, named. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> list(Service s, Recommendations r, String name, String about) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("list", name);
    out.put("about", about);
    Map<String, Object> all = s.json().convertValue(r, Map.class);
    for (String key : List.of("model", "kind", "modelVersion", "k", "offset", "candidates", "recommendations")) {
      out.put(key.equals("recommendations") ? "movies" : key, all.get(key));
    }
    return out;
  }
}
