package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A movie's page for a viewer over HTTP (GET /api/v1/users/{userId}/movies/{movieId}): the movie with the
 * store's count and mean, the viewer's rating and dismissal, the prediction with reasons, and similar movies
 * without the viewer's rated or dismissed ones.
 */
class MoviePageRoutesTest {
  static CinerecServer server;
  static Http http;

  @BeforeAll
  static void start() {
    Path dir = Fixture.dir("movie-page");
    server = Fixture.start(List.of(Fixture.model(dir, "mf", "mf"), Fixture.model(dir, "ease", "ease")),
        new Fixture.Log());
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode page(String user, String movie, String query) {
    Http.Response r = http.get("/api/v1/users/" + user + "/movies/" + movie + query);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  static String newViewer() {
    return http.post("/api/v1/users", "{}").json().get("userId").asText();
  }

  static void rate(String user, String movie, double rating) {
    Http.Response r = http.put("/api/v1/users/" + user + "/ratings/" + movie, "{\"rating\": " + rating + "}");
    assertEquals(200, r.status(), r.text());
  }

  /** The user's stored ratings: movie id to [rating, ratedAt]. */
  static Map<String, double[]> ratings(String user) {
    Map<String, double[]> out = new java.util.TreeMap<>();
    for (JsonNode r : http.get("/api/v1/users/" + user + "/ratings").json().get("ratings")) {
      out.put(r.get("movieId").asText(), new double[] {r.get("rating").asDouble(), r.get("ratedAt").asDouble()});
    }
    return out;
  }

  static List<String> similar(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("similar").forEach(m -> out.add(m.get("movieId").asText()));
    return out;
  }

  @Test
  void aTrainingUsersPageOfAMovieTheyRated() {
    String user = Fixture.data().users().id(4);
    Map<String, double[]> rated = ratings(user);
    String movie = rated.keySet().iterator().next();
    JsonNode p = page(user, movie, "?k=8");
    assertEquals("mf", p.get("model").asText());
    assertEquals("trained", p.get("userState").asText());
    JsonNode m = p.get("movie");
    assertEquals(movie, m.get("movieId").asText());
    JsonNode details = http.get("/api/v1/movies/" + movie).json();
    for (String f : List.of("title", "year", "genres", "imdbId", "tmdbId", "trainingRatings")) {
      assertEquals(details.get(f), m.get(f), f);
    }
    assertEquals(details.get("ratings").get("count"), m.get("count"));
    assertEquals(details.get("ratings").get("mean").asDouble(), m.get("mean").asDouble(), 1e-6);
    assertEquals(rated.get(movie)[0], p.get("yourRating").asDouble());
    assertFalse(p.get("dismissed").asBoolean());
    assertTrue(p.get("prediction").get("personal").asBoolean());
    double predicted = p.get("prediction").get("predictedRating").asDouble();
    assertEquals(predicted, m.get("predictedRating").asDouble());
    JsonNode direct = http.get("/api/v1/users/" + user + "/predictions/" + movie).json();
    assertEquals(direct.get("predictedRating").asDouble(), predicted, 1e-6);
    assertTrue(p.get("similarAvailable").asBoolean());
    assertEquals(8, p.get("similar").size());
    for (String s : similar(p)) {
      assertFalse(rated.containsKey(s), "a rated movie among the similar: " + s);
    }
    assertTrue(p.get("similar").get(0).has("predictedRating"));
  }

  @Test
  void aNewViewerSeesReasonsTheirDismissalAndNoRatedOrDismissedMovieAmongTheSimilar() {
    String user = newViewer();
    String liked = Fixture.data().items().id(10);
    List<String> near = RecommendRoutesTest.ids(http.get("/api/v1/movies/" + liked + "/similar?k=5").json(),
        "similar");
    String target = near.get(0);
    String notInterested = near.get(1);
    rate(user, liked, Fixture.data().scale().max());
    http.put("/api/v1/users/" + user + "/dismissals/" + notInterested, "");

    JsonNode p = page(user, target, "");
    assertEquals("folded", p.get("userState").asText());
    assertTrue(p.get("yourRating").isNull());
    assertFalse(p.get("dismissed").asBoolean());
    JsonNode reasons = p.get("prediction").get("reasons");
    assertTrue(reasons.size() > 0, p.toString());
    assertEquals(liked, reasons.get(0).get("movieId").asText());
    assertTrue(reasons.get(0).get("text").asText().startsWith("because you rated"), reasons.toString());
    assertFalse(similar(p).contains(liked));
    assertFalse(similar(p).contains(notInterested));
    assertFalse(similar(p).contains(target));

    JsonNode dismissedPage = page(user, notInterested, "?model=ease");
    assertTrue(dismissedPage.get("dismissed").asBoolean());
    assertEquals("ease", dismissedPage.get("model").asText());
    JsonNode likedPage = page(user, liked, "?model=ease");
    assertEquals(Fixture.data().scale().max(), likedPage.get("yourRating").asDouble());
    assertFalse(similar(likedPage).contains(notInterested));
  }

  @Test
  void aViewerWithoutRatingsGetsTheFallbackWithoutReasons() {
    String user = newViewer();
    JsonNode p = page(user, Fixture.data().items().id(3), "");
    assertEquals("fallback", p.get("userState").asText());
    assertFalse(p.get("prediction").get("personal").asBoolean());
    assertNotNull(p.get("prediction").get("fallback").asText());
    assertEquals(0, p.get("prediction").get("reasons").size());
    assertEquals(20, p.get("similar").size());
  }

  @Test
  void unknownUsersAndMoviesAre404() {
    String user = newViewer();
    UserRoutesTest.expect(404, "unknown movie", http.get("/api/v1/users/" + user + "/movies/no-such-movie"));
    UserRoutesTest.expect(404, "unknown user", http.get("/api/v1/users/nobody-here/movies/"
        + Fixture.data().items().id(3)));
    UserRoutesTest.expect(400, "unknown query parameter", http.get("/api/v1/users/" + user + "/movies/"
        + Fixture.data().items().id(3) + "?genres=Drama"));
  }
}
