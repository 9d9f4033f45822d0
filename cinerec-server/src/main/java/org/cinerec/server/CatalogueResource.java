package org.cinerec.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.serve.NewMovie;
import org.cinerec.server.store.StoredMovie;

/**
 * Adding a movie to the catalogue after the models were trained (item cold start), {@code POST /api/v1/movies}
 * (admin): the movie is stored durably, then every served model is swapped for itself with the longer
 * catalogue ({@link ModelRegistry#addMovie}), so the next request lists, searches and resolves it, users can
 * rate and dismiss it, and models with movie features ({@link org.cinerec.model.NewMovies}) recommend it by
 * its metadata at once; the others list it without recommending it. Training from the store takes it into
 * the catalogue ({@link org.cinerec.server.store.StoreDataset}), after which it is one of the model's own.
 *
 * <p>The body: {@code {"movieId": "9001", "title": "Tide of Glass", "year": 2026, "genres": ["Drama"],
 * "language": "en", "runtime": 104, "overview": "..."}}, with {@code movieId}, {@code year} and the details
 * ({@code language}, {@code runtime} in minutes, {@code overview}: {@link Catalog.Details}, which models trained
 * with {@code --item-features language,runtime,overview} place the movie by) optional. Every wrong field is a
 * 400 naming it; an id the catalogue or an earlier addition has is a 409; an id left out is the largest numeric
 * id in use plus one.
 */
final class CatalogueResource {
  /** The fields of the body. */
  static final List<String> FIELDS = List.of("movieId", "title", "year", "genres", "language", "runtime",
      "overview");
  /** The ids an added movie may have: short, and safe in a URL path as they are. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MAX_TITLE = 300;
  static final int MAX_GENRES = 30;
  static final int MAX_GENRE = 64;
  static final int MIN_YEAR = 1850;
  static final int MAX_YEAR = 2200;
  /** Original languages as Kaggle (TMDB) writes them: ISO 639 codes ("en", "xx"), a region or script allowed. */
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?");
  /** The longest runtime taken, in minutes: a day (more is almost surely seconds, or a typo). */
  static final int MAX_RUNTIME = 1440;
  /** The longest overview taken, in characters (the catalogue's run to about 1,000). */
  static final int MAX_OVERVIEW = 4000;
  /** One addition at a time: the id is chosen, stored and served before the next one looks. */
  private static final Object LOCK = new Object();

  private CatalogueResource() {}

  /** A checked body: the id (null: to be chosen), title, year (0: unknown), genres and details. */
  record Body(String movieId, String title, int year, List<String> genres, Catalog.Details details) {}

  /** POST /api/v1/movies: adds a movie; 201 with the movie and which models recommend it. */
  static void add(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    s.access().requireAdmin(ctx);
    byte[] raw = Json.bytes(ctx, s.config().limits());
    if (raw.length == 0 || new String(raw, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw ApiException.badRequest("the request needs a JSON body: {\"title\": \"...\", \"year\": 2024, "
          + "\"genres\": [\"Drama\"]} (movieId and year are optional)");
    }
    Body b = parse(Json.parse(raw, JsonNode.class));
    List<String> notes = new ArrayList<>();
    List<String> genres = canonicalGenres(s, b.genres(), notes);
    Catalog.Details details = canonicalLanguage(s, b.details(), notes);
    NewMovie movie;
    long addedAt = System.currentTimeMillis();
    synchronized (LOCK) {
      String id = b.movieId() != null ? IdIndex.key(b.movieId()) : nextId(s);
      String had = holder(s, id);
      if (had != null) {
        throw conflict(id, had);
      }
      movie = new NewMovie(id, b.title(), b.year(), genres, details);
      StoredMovie stored = new StoredMovie(id, b.title(), b.year(), genres, addedAt, details);
      boolean added = s.models().addMovie(movie, () -> s.users().addMovie(stored));
      if (!added) {
        throw conflict(id, "an earlier addition");
      }
    }
    s.users().catalogueChanged();
    List<Map<String, Object>> models = new ArrayList<>();
    for (ServedModel m : s.models().all()) {
      boolean ranks = m.serving().ranksAddedMovies();
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("model", m.name());
      one.put("kind", m.model().kind());
      one.put("recommends", ranks);
      models.add(one);
      List<String> ignored = ignoredDetails(m.model(), details);
      if (ranks && !ignored.isEmpty()) {
        notes.add("the " + m.name() + " model was trained without " + String.join(", ", ignored) + " features: it "
            + "places the movie without " + (ignored.size() == 1 ? "it" : "them") + " until retrained with "
            + "--item-features ..." + String.join(",", ignored));
      }
      if (!ranks) {
        notes.add("the " + m.name() + " model (" + m.model().kind() + ") has no movie features: it lists the movie "
            + "but recommends it only once retrained with it");
      }
    }
    if (genres.isEmpty() && b.year() == Catalog.NO_YEAR && details.isEmpty()) {
      notes.add("no genres and no year: models with movie features place it by its title words alone");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("movieId", movie.movieId());
    out.put("title", movie.title());
    out.put("year", movie.year() == Catalog.NO_YEAR ? null : movie.year());
    out.put("genres", movie.genres());
    putDetails(out, details);
    out.put("addedAt", addedAt);
    out.put("models", models);
    out.put("notes", notes);
    ctx.header("Location", "/api/v1/movies/" + movie.movieId());
    ctx.status(201).json(out);
  }

  private static ApiException conflict(String id, String where) {
    return new ApiException(409, "conflict", "movie id \"" + id + "\" is taken (" + where + "); leave movieId "
        + "out to have a free one chosen", 0);
  }

  /** What already has this id: a served model's catalogue, the seed data or an earlier addition; null: free. */
  private static String holder(Service s, String id) {
    for (ServedModel m : s.models().all()) {
      int i = m.serving().movieIndex(id);
      if (i >= 0) {
        return m.serving().isAdded(i) ? "an earlier addition: " + m.catalog().displayTitle(i)
            : "the catalogue's " + m.catalog().displayTitle(i);
      }
    }
    if (s.config().data() != null && s.config().data().items().indexOf(id) >= 0) {
      return "a movie of the data the store was seeded from";
    }
    for (NewMovie m : s.models().addedMovies()) {
      if (IdIndex.key(m.movieId()).equals(id)) {
        return "an earlier addition: " + m.title();
      }
    }
    return null;
  }

  /** One more than the largest all-digit id in use (1 when there is none), past any taken one. */
  private static String nextId(Service s) {
    BigInteger max = BigInteger.ZERO;
    List<String> ids = new ArrayList<>();
    for (ServedModel m : s.models().all()) {
      ids.addAll(List.of(m.model().items().ids())); // the added ones are below
    }
    if (s.config().data() != null) {
      ids.addAll(List.of(s.config().data().items().ids()));
    }
    for (NewMovie m : s.models().addedMovies()) {
      ids.add(m.movieId());
    }
    for (String id : ids) {
      String k = IdIndex.key(id);
      if (!k.isEmpty() && k.chars().allMatch(c -> c >= '0' && c <= '9')) {
        BigInteger v = new BigInteger(k);
        if (v.compareTo(max) > 0) {
          max = v;
        }
      }
    }
    BigInteger next = max.add(BigInteger.ONE);
    while (holder(s, next.toString()) != null) {
      next = next.add(BigInteger.ONE);
    }
    return next.toString();
  }

  /**
   * Genres spelled as the default model's catalogue spells them when they match one ignoring case ("drama" is
   * "Drama"); others are kept as given, with a note (the models count a genre they never saw as unknown).
   */
  private static List<String> canonicalGenres(Service s, List<String> given, List<String> notes) {
    Map<String, String> known = new LinkedHashMap<>();
    for (String g : s.models().get(null).catalog().allGenres()) {
      known.putIfAbsent(g.toLowerCase(Locale.ROOT), g);
    }
    List<String> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String g : given) {
      String c = known.get(g.toLowerCase(Locale.ROOT));
      if (c == null) {
        unknown.add(g);
        c = g;
      }
      if (out.stream().noneMatch(c::equalsIgnoreCase)) {
        out.add(c);
      }
    }
    if (!unknown.isEmpty()) {
      notes.add("genre" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown) + (unknown.size() == 1
          ? " is" : " are") + " not in the catalogue: the models count " + (unknown.size() == 1 ? "it" : "them")
          + " as an unknown genre until retrained");
    }
    return out;
  }

  /**
   * The language spelled as the default model's catalogue spells it when it matches one ignoring case ("EN" is
   * "en"); another is kept as given, with a note (the models count a language they never saw as unknown).
   */
  private static Catalog.Details canonicalLanguage(Service s, Catalog.Details given, List<String> notes) {
    String lang = given.language();
    if (lang == null) {
      return given;
    }
    Catalog c = s.models().get(null).catalog();
    for (int i = 0; i < c.size(); i++) {
      if (lang.equalsIgnoreCase(c.language(i))) {
        return new Catalog.Details(c.language(i), given.runtime(), given.overview());
      }
    }
    notes.add("language " + lang + " is not in the catalogue: the models count it as an unknown language until "
        + "retrained");
    return given;
  }

  /** The details given that a model placing movies by its features has no feature for (in feature order). */
  private static List<String> ignoredDetails(org.cinerec.model.Recommender model, Catalog.Details d) {
    List<String> used = model instanceof org.cinerec.model.NewMovies nm ? nm.movieFeatures() : List.of();
    List<String> out = new ArrayList<>();
    if (d.language() != null && !used.contains("language")) {
      out.add("language");
    }
    if (d.runtime() != Catalog.NO_RUNTIME && !used.contains("runtime")) {
      out.add("runtime");
    }
    if (d.overview() != null && !used.contains("overview")) {
      out.add("overview");
    }
    return out;
  }

  /** A movie's details as answers show them: language, runtime (minutes) and overview, each null when unknown. */
  static void putDetails(Map<String, Object> out, Catalog.Details d) {
    out.put("language", d.language());
    out.put("runtime", d.runtime() == Catalog.NO_RUNTIME ? null : d.runtime());
    out.put("overview", d.overview());
  }

  /** The body checked field by field: every problem is a 400 naming the field. */
  static Body parse(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object such as {\"title\": \"...\", \"genres\": "
          + "[\"Drama\"]}");
    }
    for (Iterator<String> f = body.fieldNames(); f.hasNext(); ) {
      String name = f.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("unknown field \"" + clip(name) + "\" in the JSON body; known fields: " + FIELDS);
      }
    }
    return new Body(movieId(body.get("movieId")), title(body.get("title")), year(body.get("year")),
        genres(body.get("genres")), new Catalog.Details(language(body.get("language")), runtime(body.get("runtime")),
        overview(body.get("overview"))));
  }

  private static String language(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest("language must be a string (the original language's ISO 639 code, e.g. \"en\") "
          + "or null, got " + clip(v.toString()));
    }
    String l = v.asText().strip();
    if (!LANGUAGE.matcher(l).matches()) {
      throw ApiException.badRequest("language \"" + clip(l) + "\" must be an ISO 639 code of 2 or 3 letters such as "
          + "\"en\" or \"fr\" (a region or script may follow: \"pt-BR\")");
    }
    return l;
  }

  private static int runtime(JsonNode v) {
    return wholeNumber(v, "runtime", "of minutes (e.g. 104)", Catalog.NO_RUNTIME, 1, MAX_RUNTIME, " minutes");
  }

  /**
   * An optional whole-number field: {@code absent} when missing or null, else a whole number in {@code
   * min..max}; a 400 naming the field otherwise.
   */
  private static int wholeNumber(JsonNode v, String field, String what, int absent, int min, int max,
      String unit) {
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.badRequest(field + " must be a whole number " + what + " or null, got "
          + clip(v.toString()));
    }
    int n = v.intValue();
    if (n < min || n > max) {
      throw ApiException.badRequest(field + " " + n + " is outside " + min + ".." + max + unit);
    }
    return n;
  }

  private static String overview(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest("overview must be a string (the plot summary, plain text) or null, got "
          + clip(v.toString()));
    }
    String o = v.asText().strip();
    if (o.isEmpty()) {
      throw ApiException.badRequest("overview must not be empty (leave it out, or null, when there is none)");
    }
    if (o.length() > MAX_OVERVIEW) {
      throw ApiException.badRequest("overview has " + o.length() + " characters; at most " + MAX_OVERVIEW);
    }
    if (o.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
      throw ApiException.badRequest("overview must not contain control characters (line breaks and tabs are "
          + "allowed)");
    }
    return o;
  }

  private static String movieId(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    String id;
    if (v.isTextual()) {
      id = v.asText().strip();
    } else if (v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
      id = v.bigIntegerValue().toString();
    } else {
      throw ApiException.badRequest("movieId must be a string (or a whole number), got " + clip(v.toString()));
    }
    if (!ID.matcher(id).matches()) {
      throw ApiException.badRequest("movieId \"" + clip(id) + "\" must be 1 to 64 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit (or leave it out to have one chosen)");
    }
    return id;
  }

  private static String title(JsonNode v) {
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("title is required: the movie's title, e.g. \"title\": \"Tide of Glass\"");
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest("title must be a string, got " + clip(v.toString()));
    }
    String t = v.asText().strip();
    if (t.isEmpty()) {
      throw ApiException.badRequest("title must not be empty");
    }
    if (t.length() > MAX_TITLE) {
      throw ApiException.badRequest("title has " + t.length() + " characters; at most " + MAX_TITLE);
    }
    if (t.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("title must not contain control characters (line breaks, tabs)");
    }
    return t;
  }

  private static int year(JsonNode v) {
    return wholeNumber(v, "year", "(the release year, e.g. 2024)", Catalog.NO_YEAR, MIN_YEAR, MAX_YEAR, "");
  }

  private static List<String> genres(JsonNode v) {
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("genres is required: a list of genre names such as [\"Drama\", \"Sci-Fi\"] "
          + "(it may be empty)");
    }
    if (!v.isArray()) {
      throw ApiException.badRequest("genres must be a list of genre names such as [\"Drama\"], got "
          + clip(v.toString()));
    }
    if (v.size() > MAX_GENRES) {
      throw ApiException.badRequest("genres lists " + v.size() + " genres; at most " + MAX_GENRES);
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < v.size(); k++) {
      JsonNode g = v.get(k);
      String where = "genres[" + k + "]";
      if (!g.isTextual() || g.asText().isBlank()) {
        throw ApiException.badRequest(where + " must be a genre name (a non-empty string), got " + clip(g.toString()));
      }
      String name = g.asText().strip();
      if (name.length() > MAX_GENRE) {
        throw ApiException.badRequest(where + " has " + name.length() + " characters; at most " + MAX_GENRE);
      }
      if (name.contains(StoredMovie.GENRE_SEPARATOR)) {
        throw ApiException.badRequest(where + " \"" + clip(name) + "\" must not contain '|': give each genre as "
            + "its own string");
      }
      if (name.chars().anyMatch(Character::isISOControl)) {
        throw ApiException.badRequest(where + " must not contain control characters");
      }
      out.add(name);
    }
    return out;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** The stored movies as the serving path takes them. */
  static List<NewMovie> served(List<StoredMovie> stored) {
    List<NewMovie> out = new ArrayList<>(stored.size());
    for (StoredMovie m : stored) {
      out.add(new NewMovie(m.movieId(), m.title(), m.year(), m.genres(), m.details()));
    }
    return out;
  }
}
