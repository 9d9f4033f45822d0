package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cinerec.data.Catalog;
import org.cinerec.serve.HomeScreen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The home screen over HTTP (GET /api/v1/users/{userId}/home) with two models, ease (the default: no item
 * vectors) and mf: the rows of a training user, of a new viewer with no ratings, of a viewer who rates and
 * then lowers a rating, rated and dismissed movies left out of every row, and the errors.
 */
class HomeRoutesTest {
  static CinerecServer server;
  static Http http;

  @BeforeAll
  static void start() {
    Path dir = Fixture.dir("home");
    server = Fixture.start(List.of(Fixture.model(dir, "ease", "ease"), Fixture.model(dir, "mf", "mf")),
        new Fixture.Log());
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode home(String user, String query) {
    Http.Response r = http.get("/api/v1/users/" + user + "/home" + query);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  static JsonNode row(JsonNode home, String id) {
    for (JsonNode r : home.get("rows")) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }

  static List<String> rowIds(JsonNode home) {
    List<String> out = new ArrayList<>();
    home.get("rows").forEach(r -> out.add(r.get("id").asText()));
    return out;
  }

  static List<String> movies(JsonNode row) {
    List<String> out = new ArrayList<>();
    row.get("movies").forEach(m -> out.add(m.get("movieId").asText()));
    return out;
  }

  static String newViewer() {
    return http.post("/api/v1/users", "{}").json().get("userId").asText();
  }

  static void rate(String user, String movie, double rating) {
    Http.Response r = http.put("/api/v1/users/" + user + "/ratings/" + movie, "{\"rating\": " + rating + "}");
    assertEquals(200, r.status(), r.text());
  }

  /** The shape every row shares, and nothing rated or dismissed in any row. */
  static void wellFormed(JsonNode home, Set<String> leftOut, int k) {
    Set<String> ids = new HashSet<>();
    for (JsonNode r : home.get("rows")) {
      String id = r.get("id").asText();
      assertTrue(ids.add(id), "row ids are unique: " + id);
      assertTrue(r.get("movies").size() > 0 && r.get("movies").size() <= k, id);
      assertNotNull(r.get("title").asText());
      String kind = r.get("kind").asText();
      assertTrue(id.equals(kind) || id.startsWith(kind + "-"), id + " / " + kind);
      assertEquals(kind.equals("because"), r.has("anchor"), id);
      assertEquals(kind.equals("genre"), r.has("genre"), id);
      for (JsonNode m : r.get("movies")) {
        for (String f : List.of("movieId", "title", "genres", "predictedRating")) {
          assertTrue(m.has(f), id + ": a tile has " + f + ": " + m);
        }
        assertFalse(leftOut.contains(m.get("movieId").asText()), id + " lists a rated or dismissed movie "
            + m.get("movieId").asText());
      }
    }
    assertTrue(rowIds(home).stream().filter(i -> i.startsWith("because-")).count() <= 3);
    assertTrue(rowIds(home).stream().filter(i -> i.startsWith("genre-")).count() <= 3);
  }

  /** The user's stored ratings: movie id to [rating, ratedAt]. */
  static Map<String, double[]> ratings(String user) {
    Map<String, double[]> out = new TreeMap<>();
    for (JsonNode r : http.get("/api/v1/users/" + user + "/ratings").json().get("ratings")) {
      out.put(r.get("movieId").asText(), new double[] {r.get("rating").asDouble(), r.get("ratedAt").asDouble()});
    }
    return out;
  }

  /** The fixture's user with the most ratings (past the taste boost's 50). */
  static String mostActive() {
    org.cinerec.data.CsrIndex by = Fixture.data().ratings().byUser();
    int best = 0;
    for (int u = 1; u < Fixture.data().numUsers(); u++) {
      best = by.count(u) > by.count(best) ? u : best;
    }
    assertTrue(by.count(best) >= HomeScreen.BOOST_UNTIL_RATINGS, "ratings: " + by.count(best));
    return Fixture.data().users().id(best);
  }

  @Test
  void aTrainingUserGetsEveryKindOfRowByTheDocumentedRules() {
    String user = mostActive();
    JsonNode h = home(user, "?model=mf&k=12");
    assertEquals("trained", h.get("userState").asText(), h.toString());
    assertEquals("mf", h.get("model").asText());
    assertEquals(user, h.get("userId").asText());
    JsonNode scale = h.get("ratingScale");
    double high = HomeScreen.highRating(Fixture.data().scale());
    assertEquals(Fixture.data().scale().max(), scale.get("max").asDouble());
    assertEquals(high, h.get("highRating").asDouble());
    Map<String, double[]> rated = ratings(user);
    wellFormed(h, rated.keySet(), 12);

    // top picks are the user's recommendations (with 50 ratings or more, no taste boost)
    JsonNode recs = http.get("/api/v1/users/" + user + "/recommendations?model=mf&k=12").json();
    assertEquals(RecommendRoutesTest.ids(recs, "recommendations"), movies(row(h, "top-picks")));
    assertEquals("Top picks for you", row(h, "top-picks").get("title").asText());

    // because rows: the most recent high ratings, at most 3, most recent first
    List<String> byRecency = new ArrayList<>(rated.keySet());
    byRecency.sort(Comparator.comparingDouble((String m) -> -rated.get(m)[1])
        .thenComparingDouble(m -> -rated.get(m)[0]).thenComparing(m -> m));
    List<String> expected = byRecency.stream().filter(m -> rated.get(m)[0] >= high).limit(3)
        .map(m -> "because-" + m).toList();
    assertEquals(3, expected.size(), "the fixture user has 3 high ratings");
    assertEquals(expected, rowIds(h).stream().filter(i -> i.startsWith("because-")).toList());
    JsonNode first = row(h, expected.get(0));
    String anchor = expected.get(0).substring("because-".length());
    assertEquals(anchor, first.get("anchor").get("movieId").asText());
    assertEquals(rated.get(anchor)[0], first.get("anchor").get("rating").asDouble());
    assertEquals("Because you rated " + first.get("anchor").get("title").asText(), first.get("title").asText());
    // its movies are the anchor's similar movies, the user's rated ones left out
    JsonNode similar = http.get("/api/v1/movies/" + anchor + "/similar?model=mf&k=100").json();
    List<String> sim = RecommendRoutesTest.ids(similar, "similar").stream().filter(m -> !rated.containsKey(m))
        .limit(12).toList();
    assertEquals(sim, movies(first));

    // favourite genres from the high ratings: a genre row each, in that order
    Catalog c = Fixture.data().catalog();
    Map<String, Integer> counts = new TreeMap<>();
    for (Map.Entry<String, double[]> e : rated.entrySet()) {
      if (e.getValue()[0] >= high) {
        for (String g : c.genres(Fixture.data().items().indexOf(e.getKey()))) {
          counts.merge(g, 1, Integer::sum);
        }
      }
    }
    List<String> genres = new ArrayList<>(counts.keySet());
    genres.sort((a, b) -> counts.get(b) - counts.get(a));
    genres = genres.subList(0, Math.min(3, genres.size()));
    List<String> favourites = new ArrayList<>();
    h.get("favouriteGenres").forEach(g -> favourites.add(g.asText()));
    assertEquals(genres, favourites);
    assertEquals(genres.stream().map(g -> "genre-" + g).toList(),
        rowIds(h).stream().filter(i -> i.startsWith("genre-")).toList());
    for (String g : genres) {
      JsonNode r = row(h, "genre-" + g);
      assertEquals("Top in " + g, r.get("title").asText());
      r.get("movies").forEach(m -> assertTrue(m.get("genres").toString().contains("\"" + g + "\""), m.toString()));
    }

    // popular and something different, in the documented order
    assertNotNull(row(h, "popular"));
    JsonNode different = row(h, "different");
    assertNotNull(different);
    for (String m : movies(different)) {
      assertFalse(movies(row(h, "top-picks")).contains(m), "something different repeats no top pick");
    }
    List<String> order = List.of("top-picks", "because", "popular", "genre", "different");
    List<String> kinds = new ArrayList<>();
    h.get("rows").forEach(r -> kinds.add(r.get("kind").asText()));
    List<String> sorted = new ArrayList<>(kinds);
    sorted.sort(Comparator.comparingInt(order::indexOf));
    assertEquals(sorted, kinds, "rows in the documented order");
    assertEquals(order, List.copyOf(new LinkedHashSet<>(kinds)));
  }

  @Test
  void aNewViewerWithNoRatingsGetsPopularAndNoGenreOrBecauseRows() {
    String user = newViewer();
    JsonNode h = home(user, "");
    assertEquals("fallback", h.get("userState").asText());
    assertFalse(h.get("personal").asBoolean());
    assertEquals("ease", h.get("model").asText());
    assertEquals(0, h.get("favouriteGenres").size());
    assertEquals(List.of("top-picks", "popular", "different"), rowIds(h), h.toString());
    wellFormed(h, Set.of(), 20);
    JsonNode popular = http.get("/api/v1/movies/popular?k=20").json();
    assertEquals(RecommendRoutesTest.ids(popular, "movies"), movies(row(h, "popular")));
    assertTrue(h.get("notes").get(0).asText().contains("no ratings yet"), h.toString());
  }

  @Test
  void aRatingLoweredBelowHighLosesItsBecauseRowAndRatedMoviesLeaveEveryRow() {
    String user = newViewer();
    JsonNode popular = http.get("/api/v1/movies/popular?k=10").json();
    List<String> top = RecommendRoutesTest.ids(popular, "movies");
    double max = Fixture.data().scale().max();
    double min = Fixture.data().scale().min();
    rate(user, top.get(0), max);
    rate(user, top.get(1), HomeScreen.highRating(Fixture.data().scale()));
    rate(user, top.get(2), min);
    for (String model : List.of("ease", "mf")) {
      JsonNode h = home(user, "?model=" + model);
      assertEquals("folded", h.get("userState").asText(), h.toString());
      wellFormed(h, Set.copyOf(top.subList(0, 3)), 20);
      Set<String> because = new HashSet<>(rowIds(h).stream().filter(i -> i.startsWith("because-")).toList());
      assertEquals(Set.of("because-" + top.get(0), "because-" + top.get(1)), because, model + ": " + rowIds(h));
      assertTrue(h.get("favouriteGenres").size() > 0);
      assertNotNull(row(h, "different"), model + " (ease has no item vectors: genres diversify)");
    }

    rate(user, top.get(0), min); // lowered below high
    JsonNode after = home(user, "?model=mf");
    assertNull(row(after, "because-" + top.get(0)), rowIds(after).toString());
    assertNotNull(row(after, "because-" + top.get(1)));

    http.delete("/api/v1/users/" + user + "/ratings/" + top.get(1));
    JsonNode none = home(user, "?model=mf");
    assertTrue(rowIds(none).stream().noneMatch(i -> i.startsWith("because-") || i.startsWith("genre-")),
        rowIds(none).toString());
    wellFormed(none, Set.of(top.get(0), top.get(2)), 20);
  }

  @Test
  void aDismissedMovieLeavesEveryRowAndComesBackOnUndo() {
    String user = newViewer();
    JsonNode popular = http.get("/api/v1/movies/popular?k=10").json();
    List<String> top = RecommendRoutesTest.ids(popular, "movies");
    rate(user, top.get(0), Fixture.data().scale().max());
    JsonNode h = home(user, "?model=mf");
    Set<String> shown = new HashSet<>();
    h.get("rows").forEach(r -> shown.addAll(movies(r)));
    String a = movies(row(h, "top-picks")).get(0);
    String b = movies(row(h, "popular")).get(0);
    http.put("/api/v1/users/" + user + "/dismissals/" + a, "");
    http.put("/api/v1/users/" + user + "/dismissals/" + b, "");
    JsonNode after = home(user, "?model=mf");
    wellFormed(after, Set.of(top.get(0), a, b), 20);
    http.delete("/api/v1/users/" + user + "/dismissals/" + a);
    assertEquals(a, movies(row(home(user, "?model=mf"), "top-picks")).get(0));
    assertTrue(shown.size() > 20);
  }

  @Test
  void aFewRatingsOfOneGenreLeanTheTopPicksTowardIt() {
    Catalog c = Fixture.data().catalog();
    Map<String, Integer> movies = new TreeMap<>();
    for (int i = 0; i < c.size(); i++) {
      for (String g : c.genres(i)) {
        movies.merge(g, 1, Integer::sum);
      }
    }
    int checked = 0;
    for (String genre : movies.keySet()) {
      if (movies.get(genre) < 40) {
        continue;
      }
      String user = newViewer();
      JsonNode five = http.get("/api/v1/movies/popular?k=5&model=mf&genres=" + genre).json().get("movies");
      for (JsonNode m : five) {
        rate(user, m.get("movieId").asText(), Fixture.data().scale().max());
      }
      JsonNode top = row(home(user, "?model=mf&k=10"), "top-picks");
      JsonNode plain = http.get("/api/v1/users/" + user + "/recommendations?model=mf&k=10").json()
          .get("recommendations");
      int boosted = 0;
      int unboosted = 0;
      for (int i = 0; i < 10; i++) {
        boosted += top.get("movies").get(i).get("genres").toString().contains("\"" + genre + "\"") ? 1 : 0;
        unboosted += plain.get(i).get("genres").toString().contains("\"" + genre + "\"") ? 1 : 0;
      }
      assertTrue(boosted >= 5 && boosted >= unboosted, genre + ": " + boosted + " of 10 in the top picks, "
          + unboosted + " in the plain recommendations");
      checked++;
    }
    assertTrue(checked >= 3, "genres checked: " + checked);
  }

  @Test
  void unknownUsersModelsAndBadParametersAreClearErrors() {
    UserRoutesTest.expect(404, "unknown user", http.get("/api/v1/users/no-such-user/home"));
    UserRoutesTest.expect(404, "", http.get("/api/v1/users/" + newViewer() + "/home?model=nope"));
    UserRoutesTest.expect(400, "k=0", http.get("/api/v1/users/" + newViewer() + "/home?k=0"));
    UserRoutesTest.expect(400, "k=101", http.get("/api/v1/users/" + newViewer() + "/home?k=101"));
    UserRoutesTest.expect(400, "unknown query parameter \"genre\"", http.get("/api/v1/users/" + newViewer()
        + "/home?genre=Drama"));
  }
}
