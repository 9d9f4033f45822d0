package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.NewMovies;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreDataset;
import org.cinerec.server.store.StoreUrl;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item cold start through the service: {@code POST /api/v1/movies} adds a movie, a multitask model trained
 * with movie features recommends it at once (at the rank its score {@code scoreMovie(movieVector(...))} gives
 * among the user's unrated movies), a model without features lists it but never recommends it; it is durable
 * (a restart on SQLite and on PostgreSQL keeps it), can be rated and dismissed, and training from the store
 * takes it in, after which it is one of the model's own movies. Bad bodies are 400s naming the field; a taken id
 * is 409; off loopback the route needs the admin token. A movie added with details (language, runtime, overview)
 * is placed by them too by a model trained with those features, and keeps them over a restart.
 */
class AddedMoviesRoutesTest {
  /** A title whose words no catalogue title has: the movie is placed by its genres and year. */
  static final String TITLE = "Zyxwv Qrstuvw";
  static Recommender features;
  static Dataset data;

  @BeforeAll
  static void train() {
    data = Fixture.data();
    features = ModelFamilies.trainer("multitask", Map.of("item-features", "genres,year,title", "epochs", "10"))
        .fit(data);
  }

  static Path save(Path dir, Recommender m, String name) {
    Path p = dir.resolve(name + ".cinerec");
    ModelFiles.save(p, m, data.catalog());
    return p;
  }

  /** A server on loopback over the feature model (the default) and mf, the store beside them unless given. */
  static CinerecServer start(Path dir, StoreUrl store) {
    Path f = dir.resolve("features.cinerec");
    if (!f.toFile().exists()) {
      save(dir, features, "features");
      Fixture.model(dir, "mf", "mf");
    }
    ServerConfig c = ServerConfig.of(List.of(f, dir.resolve("mf.cinerec"))).withAddress("127.0.0.1", 0)
        .withData(data, "tiny").withWatch(false);
    return CinerecServer.start(store == null ? c : c.withStore(store), line -> { });
  }

  /** Metadata the user likes: the year and genres of the catalogue movie whose metadata alone scores highest. */
  record Pick(int year, List<String> genres, float score) {}

  static Pick favourite(int u) {
    NewMovies nm = (NewMovies) features;
    Pick best = null;
    for (int i = 0; i < data.catalog().size(); i++) {
      String[] g = data.catalog().genres(i);
      float s = features.scorer(u).scoreMovie(nm.movieVector(TITLE, data.catalog().year(i), g));
      if (best == null || s > best.score()) {
        best = new Pick(data.catalog().year(i), List.of(g), s);
      }
    }
    return best;
  }

  /** The rank an added movie of this score takes among u's unrated movies (ties: the catalogue's first). */
  static int rankOf(int u, float score) {
    float[] s = new float[features.items().size()];
    features.scoreItems(u, s);
    int before = 0;
    for (int i = 0; i < s.length; i++) {
      before += !((RatedItems) features).trainingItems().contains(u, i) && s[i] >= score ? 1 : 0;
    }
    return before + 1;
  }

  static String body(String movieId, String title, Integer year, List<String> genres) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (movieId != null) {
      m.put("movieId", movieId);
    }
    m.put("title", title);
    m.put("year", year);
    m.put("genres", genres);
    try {
      return Http.JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One more than the largest numeric id of the fixture's catalogue. */
  static String nextId() {
    long max = 0;
    for (String id : data.items().ids()) {
      max = Math.max(max, Long.parseLong(id));
    }
    return Long.toString(max + 1);
  }

  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(r -> out.add(r.get("movieId").asText()));
    return out;
  }

  @Test
  void theFeatureModelRecommendsAnAddedMovieAtOnceAtTheRankItsScoreGivesAndMfNever() {
    Path dir = Fixture.dir("added");
    int u = 3;
    String user = data.users().id(u);
    Pick pick = favourite(u);
    int rank = rankOf(u, pick.score());
    assertTrue(rank <= 10, "a movie of the user's favourite genres and year is among their ten best: rank " + rank);
    String web;
    try (CinerecServer server = start(dir, null)) {
      Http http = new Http(server.url());
      List<String> before = ids(http.get("/api/v1/users/" + user + "/recommendations?k=10").json()
          .get("recommendations"));
      Http.Response added = http.post("/api/v1/movies", body(null, TITLE, pick.year(), pick.genres()));
      assertEquals(201, added.status(), added.text());
      String id = added.json().get("movieId").asText();
      assertEquals(nextId(), id, "the largest id plus one");
      assertEquals("/api/v1/movies/" + id, added.header("Location"));
      assertEquals(List.of(true, false), List.of(added.json().get("models").get(0).get("recommends").asBoolean(),
          added.json().get("models").get(1).get("recommends").asBoolean()));

      JsonNode recs = http.get("/api/v1/users/" + user + "/recommendations?k=10").json();
      List<String> after = ids(recs.get("recommendations"));
      assertEquals(id, after.get(rank - 1), "at once, at rank " + rank + ": " + after);
      JsonNode row = recs.get("recommendations").get(rank - 1);
      assertEquals(pick.score(), (float) row.get("score").asDouble(), 1e-5f);
      assertTrue(row.get("predictedRating").isNull(), row.toString());
      assertEquals(TITLE, row.get("title").asText());
      List<String> shifted = new ArrayList<>(before);
      shifted.add(rank - 1, id);
      assertEquals(shifted.subList(0, 10), after, "the rest of the list as before");

      JsonNode mf = http.get("/api/v1/users/" + user + "/recommendations?k=1000&model=mf").json();
      assertFalse(ids(mf.get("recommendations")).contains(id), "mf has no movie features: never recommended");
      assertEquals(data.items().size() - ((RatedItems) features).trainingItems().items(u).length,
          mf.get("candidates").asInt(), "the catalogue's unrated movies only");

      // filters and exclusions apply to it as to any movie
      String other = data.catalog().allGenres().stream().filter(g -> !pick.genres().contains(g)).findFirst()
          .orElseThrow();
      assertFalse(ids(http.get("/api/v1/users/" + user + "/recommendations?k=1000&genres="
          + java.net.URLEncoder.encode(other, java.nio.charset.StandardCharsets.UTF_8)).json()
          .get("recommendations")).contains(id));
      assertFalse(ids(http.get("/api/v1/users/" + user + "/recommendations?k=1000&yearFrom=" + (pick.year() + 1))
          .json().get("recommendations")).contains(id));
      assertEquals(200, http.put("/api/v1/users/" + user + "/dismissals/" + id, "").status());
      assertFalse(ids(http.get("/api/v1/users/" + user + "/recommendations?k=1000").json()
          .get("recommendations")).contains(id), "dismissed");
      assertEquals(200, http.delete("/api/v1/users/" + user + "/dismissals/" + id).status());
      assertEquals(id, ids(http.get("/api/v1/users/" + user + "/recommendations?k=10").json()
          .get("recommendations")).get(rank - 1), "back after the undo");

      // listed, searched and shown like any movie; the movie page says why there is no predicted rating
      JsonNode details = http.get("/api/v1/movies/" + id).json();
      assertEquals(TITLE, details.get("title").asText());
      assertTrue(details.get("addedAfterTraining").asBoolean());
      assertEquals(0, details.get("trainingRatings").asInt());
      assertFalse(details.get("similarAvailable").asBoolean());
      assertEquals(id, http.get("/api/v1/movies/search?q=zyxwv").json().get("movies").get(0).get("movieId").asText());
      JsonNode page = http.get("/api/v1/users/" + user + "/movies/" + id + "?model=mf").json();
      assertTrue(page.get("prediction").get("predictedRating").isNull());
      assertTrue(page.get("prediction").get("fallback").asText().contains("was added after the mf model was "
          + "trained"), page.toString());
      assertTrue(page.get("movie").get("addedAfterTraining").asBoolean());
      JsonNode own = http.get("/api/v1/users/" + user + "/movies/" + id).json();
      assertTrue(own.get("prediction").get("fallback").asText().contains("metadata"), own.toString());
      UserRoutesTest.expect(400, "was added to the catalogue after the multitask model was trained",
          http.get("/api/v1/movies/" + id + "/similar"));

      // a new user rates it: stored, listed with its title, and left out of their lists
      web = http.post("/api/v1/users", "{}").json().get("userId").asText();
      assertEquals(200, http.put("/api/v1/users/" + web + "/ratings/" + id, "{\"rating\": 5}").status());
      assertEquals(200, http.put("/api/v1/users/" + web + "/ratings/" + data.items().id(0), "{\"rating\": 4}")
          .status());
      JsonNode ratings = http.get("/api/v1/users/" + web + "/ratings").json();
      assertTrue(ratings.toString().contains(TITLE), ratings.toString());
      JsonNode mine = http.get("/api/v1/users/" + web + "/recommendations?k=1000").json();
      assertFalse(ids(mine.get("recommendations")).contains(id), "rated: left out");
      assertTrue(mine.get("notes").toString().contains("added to the catalogue after this model was trained"),
          mine.get("notes").toString());
      JsonNode home = http.get("/api/v1/users/" + web + "/home").json();
      assertFalse(home.get("rows").toString().contains("\"movieId\":\"" + id + "\""), "not on their home screen");
    }
    // durable: a restart serves it again, with the rating
    try (CinerecServer again = start(dir, null)) {
      Http http = new Http(again.url());
      assertEquals(TITLE, http.get("/api/v1/movies/" + nextId()).json().get("title").asText());
      assertEquals(nextId(), ids(http.get("/api/v1/users/" + user + "/recommendations?k=10").json()
          .get("recommendations")).get(rank - 1));
      JsonNode kept = http.get("/api/v1/users/" + web + "/ratings").json();
      assertTrue(kept.toString().contains("\"movieId\":\"" + nextId() + "\""), kept.toString());
      assertTrue(kept.toString().contains(TITLE), "listed with its title after the restart: " + kept);
    }
  }

  /**
   * The fixture data with Kaggle-like details made from each movie's genres (its first genre's language, a
   * runtime, overview words), every seventh movie without them: a catalogue movies_metadata.csv gives.
   */
  static Dataset withDetails(Dataset d) {
    Catalog c = d.catalog();
    Catalog.Builder b = Catalog.builder();
    String[] languages = {"en", "fr", "de", "ja"};
    for (int i = 0; i < c.size(); i++) {
      String[] g = c.genres(i);
      String first = g.length == 0 ? "none" : g[0];
      Catalog.Details more = i % 7 == 0 ? Catalog.Details.NONE
          : new Catalog.Details(languages[Math.floorMod(first.hashCode(), 4)], 70 + 10 * (i % 12),
              "A story of " + String.join(" and ", g) + " told by " + languages[i % 4] + " voices.");
      b.add(c.title(i), c.year(i), g, c.imdbId(i), c.tmdbId(i), more);
    }
    return new Dataset(d.ratings(), d.users(), d.items(), b.build(), d.provenance(), d.scale(), d.userAttributes());
  }

  /** The score of a movie of this metadata for user u by a feature model (details: null for none). */
  static float scoreOf(Recommender m, int u, int year, String[] genres, Catalog.Details details) {
    return m.scorer(u).scoreMovie(((NewMovies) m).movieVector(TITLE, year, genres, details));
  }

  /** The row of this movie in a recommendations list, or null. */
  static JsonNode rowOf(JsonNode list, String id) {
    for (JsonNode r : list) {
      if (r.get("movieId").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }

  @Test
  void aMovieAddedWithDetailsIsRankedByThemTooAndKeepsThemOverARestart() {
    Dataset detailed = withDetails(data);
    Recommender six = ModelFamilies.trainer("multitask", Map.of("item-features",
        "genres,year,title,language,runtime,overview", "epochs", "10")).fit(detailed);
    Path dir = Fixture.dir("added-details");
    Path file = dir.resolve("details.cinerec");
    ModelFiles.save(file, six, detailed.catalog());
    int u = 3;
    String user = data.users().id(u);
    // the details of the catalogue movie whose metadata scores highest, and those that score lowest with them
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < detailed.numItems(); i++) {
      float sc = scoreOf(six, u, detailed.catalog().year(i), detailed.catalog().genres(i), detailed.catalog()
          .details(i));
      if (!detailed.catalog().details(i).isEmpty() && sc > bestScore) {
        best = i;
        bestScore = sc;
      }
    }
    Catalog.Details liked = detailed.catalog().details(best);
    int year = detailed.catalog().year(best);
    String[] genres = detailed.catalog().genres(best);
    Catalog.Details worst = null;
    float worstScore = Float.POSITIVE_INFINITY;
    for (int i = 0; i < detailed.numItems(); i++) {
      float sc = scoreOf(six, u, year, genres, detailed.catalog().details(i));
      if (sc < worstScore) {
        worst = detailed.catalog().details(i);
        worstScore = sc;
      }
    }
    assertTrue(bestScore - worstScore > 1e-3f, "the details move the score: " + bestScore + " vs " + worstScore);
    String overview = liked.overview() + " <script>alert(1)</script>";
    Catalog.Details given = new Catalog.Details(liked.language(), liked.runtime(), overview);
    float want = scoreOf(six, u, year, genres, given);
    float bare = scoreOf(six, u, year, genres, Catalog.Details.NONE);
    float low = scoreOf(six, u, year, genres, worst);
    assertTrue(Math.abs(want - bare) > 1e-4f && Math.abs(want - low) > 1e-4f, want + " " + bare + " " + low);
    ServerConfig config = ServerConfig.of(List.of(file)).withAddress("127.0.0.1", 0).withData(detailed, "details")
        .withWatch(false);
    Map<String, Float> scores = new java.util.HashMap<>();
    try (CinerecServer server = CinerecServer.start(config, line -> { })) {
      Http http = new Http(server.url());
      Map<String, Object> b = new java.util.LinkedHashMap<>();
      b.put("movieId", "d-1");
      b.put("title", TITLE);
      b.put("year", year);
      b.put("genres", List.of(genres));
      b.put("language", liked.language().toUpperCase(java.util.Locale.ROOT));
      b.put("runtime", liked.runtime());
      b.put("overview", overview);
      Http.Response added = http.post("/api/v1/movies", json(b));
      assertEquals(201, added.status(), added.text());
      assertEquals(liked.language(), added.json().get("language").asText(), "the catalogue's spelling");
      assertEquals(liked.runtime(), added.json().get("runtime").asInt());
      assertEquals(overview, added.json().get("overview").asText());
      assertFalse(added.json().get("notes").toString().contains("trained without"), added.text());
      b.put("movieId", "d-2");
      b.put("language", worst.language());
      b.put("runtime", worst.runtime() == Catalog.NO_RUNTIME ? null : worst.runtime());
      b.put("overview", worst.overview());
      assertEquals(201, http.post("/api/v1/movies", json(b)).status());
      b.put("movieId", "d-3");
      b.remove("language");
      b.remove("runtime");
      b.remove("overview");
      assertEquals(201, http.post("/api/v1/movies", json(b)).status());

      JsonNode recs = http.get("/api/v1/users/" + user + "/recommendations?k=1000").json().get("recommendations");
      float[] expected = {want, low, bare};
      for (int t = 1; t <= 3; t++) {
        JsonNode row = rowOf(recs, "d-" + t);
        assertTrue(row != null, "d-" + t + " is ranked");
        assertEquals(expected[t - 1], (float) row.get("score").asDouble(), 1e-5f, "d-" + t + " by its details");
        scores.put("d-" + t, (float) row.get("score").asDouble());
      }
      JsonNode details = http.get("/api/v1/movies/d-1").json();
      assertEquals(liked.language(), details.get("language").asText());
      assertEquals(liked.runtime(), details.get("runtime").asInt());
      assertEquals(overview, details.get("overview").asText(), "the overview as data, verbatim");
      assertTrue(http.get("/api/v1/movies/d-3").json().get("runtime").isNull());
      JsonNode page = http.get("/api/v1/users/" + user + "/movies/d-1").json().get("movie");
      assertEquals(overview, page.get("overview").asText());
      assertEquals(detailed.catalog().language(best), http.get("/api/v1/movies/" + detailed.items().id(best)).json()
          .get("language").asText(), "the catalogue's own movies show theirs");
    }
    try (CinerecServer again = CinerecServer.start(config, line -> { })) {
      Http http = new Http(again.url());
      JsonNode details = http.get("/api/v1/movies/d-1").json();
      assertEquals(liked.runtime(), details.get("runtime").asInt(), "kept over the restart");
      assertEquals(overview, details.get("overview").asText());
      JsonNode recs = http.get("/api/v1/users/" + user + "/recommendations?k=1000").json().get("recommendations");
      for (String id : scores.keySet()) {
        assertEquals(scores.get(id), (float) rowOf(recs, id).get("score").asDouble(), 0f, id + ": the same vector");
      }
    }
  }

  static String json(Map<String, Object> body) {
    try {
      return Http.JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void badBodiesAre400sNamingTheFieldAndATakenIdIs409() {
    Path dir = Fixture.dir("added-bad");
    try (CinerecServer server = start(dir, null)) {
      Http http = new Http(server.url());
      String[][] cases = {
          {"{\"genres\": []}", "title is required"},
          {"{\"title\": 5, \"genres\": []}", "title must be a string"},
          {"{\"title\": \"  \", \"genres\": []}", "title must not be empty"},
          {"{\"title\": \"A\\nB\", \"genres\": []}", "title must not contain control characters"},
          {"{\"title\": \"A\"}", "genres is required"},
          {"{\"title\": \"A\", \"genres\": \"Drama\"}", "genres must be a list"},
          {"{\"title\": \"A\", \"genres\": [\"Drama\", 3]}", "genres[1] must be a genre name"},
          {"{\"title\": \"A\", \"genres\": [\"Drama|Comedy\"]}", "genres[0] \"Drama|Comedy\" must not contain '|'"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": \"1999\"}", "year must be a whole number"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": 1999.5}", "year must be a whole number"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": 99999}", "year 99999 is outside 1850..2200"},
          {"{\"title\": \"A\", \"genres\": [], \"movieId\": \"a b\"}", "movieId \"a b\" must be 1 to 64 letters"},
          {"{\"title\": \"A\", \"genres\": [], \"movieId\": true}", "movieId must be a string"},
          {"{\"title\": \"A\", \"genres\": [], \"director\": \"x\"}", "unknown field \"director\""},
          {"{\"title\": \"A\", \"genres\": [], \"language\": 5}", "language must be a string"},
          {"{\"title\": \"A\", \"genres\": [], \"language\": \"English\"}", "language \"English\" must be an ISO 639"},
          {"{\"title\": \"A\", \"genres\": [], \"runtime\": \"90\"}", "runtime must be a whole number of minutes"},
          {"{\"title\": \"A\", \"genres\": [], \"runtime\": 90.5}", "runtime must be a whole number of minutes"},
          {"{\"title\": \"A\", \"genres\": [], \"runtime\": 0}", "runtime 0 is outside 1..1440 minutes"},
          {"{\"title\": \"A\", \"genres\": [], \"runtime\": 5400}", "runtime 5400 is outside 1..1440 minutes"},
          {"{\"title\": \"A\", \"genres\": [], \"overview\": [\"x\"]}", "overview must be a string"},
          {"{\"title\": \"A\", \"genres\": [], \"overview\": \" \"}", "overview must not be empty"},
          {"{\"title\": \"A\", \"genres\": [], \"overview\": \"" + "x".repeat(4001) + "\"}",
              "overview has 4001 characters; at most 4000"},
          {"{\"title\": \"A\", \"genres\": [], \"overview\": \"a\\u0007b\"}", "overview must not contain control"},
          {"[1, 2]", "the body must be a JSON object"},
          {"{\"title\": ", "malformed JSON body"},
          {"", "the request needs a JSON body"},
      };
      for (String[] c : cases) {
        UserRoutesTest.expect(400, c[1], http.post("/api/v1/movies", c[0]));
      }
      assertEquals(404, http.get("/api/v1/movies/" + nextId()).status(), "nothing was added by a bad body");
      Http.Response ok = http.post("/api/v1/movies", body("tt-new.1", "Kept", 2001, List.of("drama", "Zarzuela")));
      assertEquals(201, ok.status(), ok.text());
      assertEquals("tt-new.1", ok.json().get("movieId").asText());
      assertTrue(ok.json().get("notes").toString().contains("Zarzuela is not in the catalogue"), ok.text());
      if (data.catalog().allGenres().contains("Drama")) {
        assertEquals("Drama", ok.json().get("genres").get(0).asText(), "the catalogue's spelling");
      }
      Http.Response detailed = http.post("/api/v1/movies", "{\"title\": \"Runs Long\", \"genres\": [], "
          + "\"runtime\": 200, \"overview\": \"Long.\"}");
      assertEquals(201, detailed.status(), detailed.text());
      assertTrue(detailed.json().get("notes").toString().contains("the features model was trained without runtime, "
          + "overview features: it places the movie without them until retrained with --item-features ...runtime,"
          + "overview"), detailed.text());
      UserRoutesTest.expect(409, "movie id \"tt-new.1\" is taken", http.post("/api/v1/movies",
          body("tt-new.1", "Again", null, List.of())));
      UserRoutesTest.expect(409, "is taken (the catalogue's", http.post("/api/v1/movies",
          body(data.items().id(0), "Clash", null, List.of())));
      UserRoutesTest.expect(409, "is taken", http.post("/api/v1/movies",
          "{\"movieId\": " + data.items().id(1) + ", \"title\": \"Numeric clash\", \"genres\": []}"));
      UserRoutesTest.expect(415, "application/json", http.post("/api/v1/movies", body(null, "x", null, List.of()),
          "Content-Type", "text/plain"));
    }
  }

  @Test
  void offLoopbackAddingAMovieNeedsTheAdminToken() {
    Path dir = Fixture.dir("added-token");
    save(dir, features, "features");
    String token = "added-movies-token-1";
    try (CinerecServer open = CinerecServer.start(ServerConfig.of(List.of(dir.resolve("features.cinerec")))
        .withAddress("0.0.0.0", 0).withData(data, "tiny").withAdminToken(token).withWatch(false), line -> { })) {
      Http remote = new Http("http://127.0.0.1:" + open.port());
      String b = body(null, "Guarded", 2020, List.of());
      UserRoutesTest.expect(401, "admin token", remote.post("/api/v1/movies", b));
      UserRoutesTest.expect(401, "admin token", remote.post("/api/v1/movies", b, "Authorization", "Bearer nope"));
      String key = remote.post("/api/v1/users", "{}").json().get("key").asText();
      UserRoutesTest.expect(401, "admin token", remote.post("/api/v1/movies", b, "Authorization", "Bearer " + key));
      assertEquals(201, remote.post("/api/v1/movies", b, "Authorization", "Bearer " + token).status());
      UserRoutesTest.expect(403, "origin", remote.post("/api/v1/movies", body(null, "Cross", null, List.of()),
          "Authorization", "Bearer " + token, "Origin", "http://evil.example"));
    }
  }

  @Test
  void trainingFromTheStoreTakesTheAddedMovieInAndTheRetrainedModelKnowsItAsItsOwn() throws Exception {
    Path dir = Fixture.dir("added-retrain");
    String id;
    String web;
    try (CinerecServer server = start(dir, null)) {
      Http http = new Http(server.url());
      id = http.post("/api/v1/movies", body("7777", "Retrained Tide", 2020, List.of(data.catalog().genres(0))))
          .json().get("movieId").asText();
      web = http.post("/api/v1/users", "{}").json().get("userId").asText();
      assertEquals(200, http.put("/api/v1/users/" + web + "/ratings/" + id, "{\"rating\": 4.5}").status());
      assertEquals(200, http.put("/api/v1/users/" + web + "/ratings/" + data.items().id(3), "{\"rating\": 2}")
          .status());
    }
    Dataset fromStore;
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(dir.resolve("ratings.db").toString()))) {
      fromStore = StoreDataset.read(store, data);
    }
    int item = fromStore.items().indexOf(id);
    assertEquals(data.items().size(), item, "after the seed's movies");
    assertEquals("Retrained Tide", fromStore.catalog().title(item));
    assertEquals(Arrays.asList(data.catalog().genres(0)), Arrays.asList(fromStore.catalog().genres(item)));
    assertEquals(data.ratings().size() + 2, fromStore.ratings().size());
    assertTrue(fromStore.provenance().dropped().isEmpty(), fromStore.provenance().dropped().toString());
    Recommender retrained = ModelFamilies.trainer("multitask", Map.of("item-features", "genres,year,title",
        "epochs", "3")).fit(fromStore);
    ModelFiles.save(dir.resolve("features.cinerec"), retrained, fromStore.catalog());
    try (CinerecServer server = start(dir, null)) {
      Http http = new Http(server.url());
      JsonNode details = http.get("/api/v1/movies/" + id).json();
      assertFalse(details.get("addedAfterTraining").asBoolean(), "one of the model's own now");
      assertEquals(1, details.get("trainingRatings").asInt());
      assertTrue(http.get("/api/v1/movies/" + id + "?model=mf").json().get("addedAfterTraining").asBoolean(),
          "mf was not retrained");
      JsonNode models = http.get("/api/v1/models/features").json();
      assertEquals(data.items().size() + 1, models.get("movies").asInt());
    }
  }

  static String schema;

  @Test
  void onPostgreSqlAnAddedMovieOutlivesARestart() throws Exception {
    String base = Services.postgres();
    schema = "cinerec_added_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      st.execute("CREATE SCHEMA " + schema);
    }
    StoreUrl url = StoreUrl.parse(base + "&currentSchema=" + schema);
    Path dir = Fixture.dir("added-pg");
    try (CinerecServer server = start(dir, url)) {
      Http http = new Http(server.url());
      assertEquals(201, http.post("/api/v1/movies", body("pg-1", "Harbour of Rain", 1999,
          List.of(data.catalog().genres(2)))).status());
      assertEquals(201, http.post("/api/v1/movies", "{\"movieId\": \"pg-2\", \"title\": \"Rain Details\", "
          + "\"genres\": [], \"language\": \"pt-BR\", \"runtime\": 1440, \"overview\": \"Ærø\\nline two\"}").status());
    }
    try (CinerecServer server = start(dir, url)) {
      Http http = new Http(server.url());
      JsonNode d = http.get("/api/v1/movies/pg-1").json();
      assertEquals("Harbour of Rain", d.get("title").asText());
      assertEquals(1999, d.get("year").asInt());
      assertTrue(d.get("addedAfterTraining").asBoolean());
      UserRoutesTest.expect(409, "is taken", http.post("/api/v1/movies", body("pg-1", "Again", null, List.of())));
      JsonNode more = http.get("/api/v1/movies/pg-2").json();
      assertEquals(List.of("pt-BR", "1440", "Ærø\nline two"), List.of(more.get("language").asText(),
          more.get("runtime").asText(), more.get("overview").asText()), more.toString());
      assertTrue(d.get("language").isNull() && d.get("runtime").isNull() && d.get("overview").isNull(), d.toString());
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (schema == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(Services.postgres()); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
