package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.serve.MovieRef;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoredRating;

/**
 * Users, their ratings and their dismissals ("not interested"), all in the ratings store: create a user (an id
 * and a secret key), delete one with all their data, list / put / delete ratings, dismiss and undo. A write
 * answers only after the store committed it, and the user's next recommendation reflects it.
 */
final class UserResource {
  private UserResource() {}

  /** The body of a rating write. */
  record RatingBody(Float rating) {}

  /** The body of a sign-up, and of an attributes write: what the user tells about themselves. */
  record AttributesBody(Map<String, String> attributes) {}

  /**
   * POST /api/v1/users: a new user; the key is shown once and must be kept by the client. The body is empty,
   * {@code {}}, or {@code {"attributes": {"age": "34", "gender": "F"}}}: what the user tells about themselves,
   * which models trained with user features fold in ({@link Service#checkedAttributes}).
   */
  static void create(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    byte[] body = Json.bytes(ctx, s.config().limits());
    Map<String, String> attributes = Map.of();
    if (body.length > 0) {
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
      if (!text.isEmpty() && !text.equals("{}")) {
        AttributesBody b = Json.parse(body, AttributesBody.class);
        if (b.attributes() == null) {
          throw ApiException.badRequest("POST /api/v1/users takes {} or {\"attributes\": {\"age\": \"34\"}} (the "
              + "server picks the id)");
        }
        attributes = s.checkedAttributes(b.attributes());
      }
    }
    String key = Access.newKey();
    for (int attempt = 0; attempt < 5; attempt++) {
      String id = Access.newUserId();
      if (s.users().createUser(id, Access.keyHash(key))) {
        if (!attributes.isEmpty()) {
          s.users().setAttributes(id, attributes);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", id);
        out.put("key", key);
        out.put("keyUse", "send it as Authorization: Bearer KEY with this user's writes; it is not shown again");
        out.put("attributes", attributes);
        ctx.status(201).json(out);
        return;
      }
    }
    throw ApiException.unavailable("could not pick a free user id; try again", 1);
  }

  /** GET /api/v1/users/{userId}: where the user came from and how much they rated. */
  static void get(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", u.userId());
    out.put("origin", u.origin().id());
    out.put("readOnly", !s.access().demo() && u.origin() == StoredRating.Origin.DATASET);
    out.put("ratings", s.users().ratingCount(u.userId()));
    out.put("dismissals", s.users().dismissals(u.userId()).size());
    out.put("attributes", s.users().attributes(u.userId()));
    ctx.json(out);
  }

  /**
   * PUT /api/v1/users/{userId}/attributes with {"attributes": {...}}: replaces what the user told about
   * themselves ({} clears it); the next list folds it in. A dataset user's attributes are the data's.
   */
  static void putAttributes(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    s.access().requireUser(ctx, u);
    if (u.origin() == StoredRating.Origin.DATASET) {
      throw ApiException.badRequest("user " + u.userId() + " comes from the dataset: their attributes are the "
          + "data's (users created with POST /api/v1/users tell their own)");
    }
    AttributesBody b = Json.body(ctx, AttributesBody.class, s.config().limits());
    if (b.attributes() == null) {
      throw ApiException.badRequest("the body needs attributes, e.g. {\"attributes\": {\"age\": \"34\"}}");
    }
    Map<String, String> attributes = s.checkedAttributes(b.attributes());
    s.users().setAttributes(u.userId(), attributes);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", u.userId());
    out.put("attributes", s.users().attributes(u.userId()));
    ctx.json(out);
  }

  /** DELETE /api/v1/users/{userId}: the user with every rating, dismissal and attribute (what they told). */
  static void delete(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    s.access().requireUser(ctx, u);
    s.users().deleteUser(u.userId());
    ctx.status(204);
  }

  /**
   * GET /api/v1/users/{userId}/ratings: each rating with its movie's title, year, genres and poster (as a tile
   * names them, from the first served model that knows the movie; null when none does), so a list of ratings
   * is drawn from one request.
   */
  static void ratings(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    if (u.origin() == StoredRating.Origin.API) {
      s.access().requireUser(ctx, u);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StoredRating r : s.users().ratings(u.userId())) {
      MovieRef ref = s.movieRef(r.movieId());
      Map<String, Object> row = row(r, ref == null ? r.movieId() : ref.movieId());
      row.put("title", ref == null ? null : ref.title());
      row.put("year", ref == null ? null : ref.year());
      row.put("genres", ref == null ? List.of() : ref.genres());
      row.put("poster", s.posters().url(r.movieId()));
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", u.userId());
    out.put("count", rows.size());
    out.put("ratings", rows);
    ctx.json(out);
  }

  /** PUT /api/v1/users/{userId}/ratings/{movieId} with {"rating": R}: create or change. */
  static void putRating(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    s.access().requireUser(ctx, u);
    String movie = movie(s, ctx);
    RatingBody body = Json.body(ctx, RatingBody.class, s.config().limits());
    if (body.rating() == null) {
      throw ApiException.badRequest("the body needs a rating, e.g. {\"rating\": 4.5}");
    }
    float r = body.rating();
    RatingScale scale = s.scale();
    if (!Float.isFinite(r) || (scale.max() > scale.min() && !scale.contains(r))) {
      throw ApiException.badRequest("rating " + r + " is off the dataset's scale " + scale.text());
    }
    StoredRating stored = s.users().putRating(u.userId(), movie, r);
    ctx.json(row(stored, s.movieId(stored.movieId())));
  }

  /** DELETE /api/v1/users/{userId}/ratings/{movieId}. */
  static void deleteRating(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    s.access().requireUser(ctx, u);
    String movie = IdIndex.key(ctx.pathParam("movieId"));
    if (!s.users().deleteRating(u.userId(), movie)) {
      throw ApiException.notFound("user " + u.userId() + " has no rating of movie " + s.movieId(movie));
    }
    ctx.status(204);
  }

  /** GET /api/v1/users/{userId}/dismissals. */
  static void dismissals(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    if (u.origin() == StoredRating.Origin.API) {
      s.access().requireUser(ctx, u);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", u.userId());
    out.put("movieIds", s.users().dismissals(u.userId()).stream().map(s::movieId).toList());
    ctx.json(out);
  }

  /** PUT /api/v1/users/{userId}/dismissals/{movieId}: not interested (idempotent). */
  static void dismiss(Service s, Context ctx) {
    dismiss(s, ctx, true);
  }

  /** DELETE /api/v1/users/{userId}/dismissals/{movieId}: undo (idempotent). */
  static void undismiss(Service s, Context ctx) {
    dismiss(s, ctx, false);
  }

  private static void dismiss(Service s, Context ctx, boolean dismiss) {
    Query.of(ctx, Set.of());
    JdbcRatingStore.User u = stored(s, ctx);
    s.access().requireUser(ctx, u);
    String movie = dismiss ? movie(s, ctx) : IdIndex.key(ctx.pathParam("movieId"));
    boolean changed = s.users().dismiss(u.userId(), movie, dismiss);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", u.userId());
    out.put("movieId", s.movieId(movie));
    out.put("dismissed", dismiss);
    out.put("changed", changed);
    ctx.json(out);
  }

  /** The stored user of the path, else 404. */
  static JdbcRatingStore.User stored(Service s, Context ctx) {
    String id = checkedId(ctx.pathParam("userId"), "user");
    return s.users().user(id).orElseThrow(() -> s.users().notFound(IdIndex.key(id)));
  }

  /** The movie of the path, which some served model's catalogue must have (added movies too), else 404. */
  static String movie(Service s, Context ctx) {
    String id = IdIndex.key(checkedId(ctx.pathParam("movieId"), "movie"));
    if (s.movieRef(id) != null) {
      return id;
    }
    throw ApiException.notFound("unknown movie \"" + id + "\": no served model knows it (search by title with "
        + "GET /api/v1/movies/search?q=...)");
  }

  /** An id from a path: at most 200 characters, no control characters (400 otherwise). */
  static String checkedId(String id, String what) {
    if (id.isEmpty() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("a " + what + " id has 1 to 200 characters and no control characters");
    }
    return id;
  }

  /** A stored rating as answers show it, its movie named {@code movieId} (the catalogue's spelling). */
  private static Map<String, Object> row(StoredRating r, String movieId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("movieId", movieId);
    m.put("rating", r.rating());
    m.put("ratedAt", r.ratedAt());
    m.put("origin", r.origin().id());
    return m;
  }
}
