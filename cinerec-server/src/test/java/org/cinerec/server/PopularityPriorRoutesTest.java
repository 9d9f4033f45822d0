package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.serve.PopularityPrior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server with a popularity prior ({@code cinerec serve --popularity-prior 1,3}) over an ials model: a user
 * without ratings gets the most rated movies, a stored user and the same anonymous history get the same
 * blended list (both fold in through the serving path), and the models route names the prior.
 */
class PopularityPriorRoutesTest {
  static CinerecServer server;
  static Http http;

  @BeforeAll
  static void start() {
    Path dir = Fixture.dir("prior");
    Path model = Fixture.model(dir, "ials", "ials");
    server = CinerecServer.start(ServerConfig.of(List.of(model)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withWatch(false).withPrior(new PopularityPrior.Schedule(1, 3)), line -> { });
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aUserWithoutRatingsGetsTheMostRatedMovies() {
    String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
    JsonNode own = http.get("/api/v1/users/" + id + "/recommendations?k=10").json();
    assertEquals("fallback", own.get("userState").asText(), own.toString());
    assertEquals(RecommendRoutesTest.ids(http.get("/api/v1/movies/popular?k=10").json(), "movies"),
        RecommendRoutesTest.ids(own, "recommendations"), own.toString());
  }

  @Test
  void aStoredUserAndTheSameAnonymousHistoryGetTheSameBlendedList() {
    String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
    String a = Fixture.data().items().id(10);
    http.put("/api/v1/users/" + id + "/ratings/" + a, "{\"rating\": 5}");
    JsonNode stored = http.get("/api/v1/users/" + id + "/recommendations?k=10").json();
    assertEquals("folded", stored.get("userState").asText(), stored.toString());
    JsonNode anonymous = http.post("/api/v1/recommendations", "{\"ratings\": [{\"movieId\": \"" + a
        + "\", \"rating\": 5}], \"k\": 10}").json();
    assertEquals(RecommendRoutesTest.ids(anonymous, "recommendations"), RecommendRoutesTest.ids(stored,
        "recommendations"));
    String note = "ranked with a prior toward popularity (1,3): popularity weighs 0.67 of each score after 1 rating";
    assertTrue(stored.get("notes").toString().contains(note), stored.toString());
    assertTrue(anonymous.get("notes").toString().contains(note), anonymous.toString());
    assertNotEquals(RecommendRoutesTest.ids(http.get("/api/v1/movies/popular?k=10").json(), "movies"),
        RecommendRoutesTest.ids(stored, "recommendations"), "one rating: a blend, not popularity alone");
  }

  @Test
  void theModelsRouteNamesThePrior() {
    JsonNode models = http.get("/api/v1/models").json();
    assertEquals("1,3", models.get("models").get(0).get("popularityPrior").asText(), models.toString());
  }
}
