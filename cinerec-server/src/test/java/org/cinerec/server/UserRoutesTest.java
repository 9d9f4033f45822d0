package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server on a free loopback port with an mf model on the fixture data and the default SQLite store:
 * startup and seeding, users, ratings and dismissals, and the errors of those routes.
 */
class UserRoutesTest {
  static Path dir;
  static Path model;
  static CinerecServer server;
  static Http http;
  static final Fixture.Log LOG = new Fixture.Log();

  @BeforeAll
  static void start() {
    dir = Fixture.dir("users");
    model = Fixture.model(dir, "mf", "mf");
    server = Fixture.start(List.of(model), LOG);
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String movie(int item) {
    return Fixture.data().items().id(item);
  }

  @Test
  void startsReadyWithTheDefaultStoreBesideTheModelNamedInTheLog() {
    assertTrue(LOG.contains("ratings store: SQLite " + dir.resolve("ratings.db")), LOG.toString());
    assertTrue(LOG.contains("seeded the store from tiny"), LOG.toString());
    Http.Response h = http.get("/health");
    assertEquals(200, h.status(), h.text());
    assertEquals("ready", h.json().get("status").asText());
    assertEquals("mf", h.json().get("defaultModel").asText());
    assertTrue(h.header("Cinerec-Model").startsWith("mf@"), h.header("Cinerec-Model"));
    assertEquals(200, http.get("/health/live").status());
    JsonNode durability = h.json().get("store").get("durability");
    assertEquals("wal", durability.get("journal_mode").asText(), h.text());
    assertEquals("2", durability.get("synchronous").asText(), "FULL, read back from the live connection");
    assertEquals("held", h.json().get("store").get("lease").asText(), "one server per store: this one holds it");
  }

  @Test
  void aUserRatesDismissesAndIsDeletedWithAllTheirData() {
    Http.Response created = http.post("/api/v1/users", "{}");
    assertEquals(201, created.status(), created.text());
    String id = created.json().get("userId").asText();
    assertNotNull(created.json().get("key").asText());
    String base = "/api/v1/users/" + id;

    Http.Response put = http.put(base + "/ratings/" + movie(3), "{\"rating\": 4}");
    assertEquals(200, put.status(), put.text());
    assertEquals("api", put.json().get("origin").asText());
    http.put(base + "/ratings/" + movie(5), "{\"rating\": 2}");
    http.put(base + "/ratings/" + movie(3), "{\"rating\": 1}"); // changed, not added
    JsonNode ratings = http.get(base + "/ratings").json();
    assertEquals(2, ratings.get("count").asInt(), ratings.toString());
    assertEquals(1.0, rating(ratings, movie(3)), 1e-6);
    for (JsonNode r : ratings.get("ratings")) { // each with its movie as a tile names it: one request draws the list
      int i = Fixture.data().items().indexOf(r.get("movieId").asText());
      org.cinerec.data.Catalog c = Fixture.data().catalog();
      assertEquals(c.title(i), r.get("title").asText(), r.toString());
      assertEquals(c.year(i) == org.cinerec.data.Catalog.NO_YEAR ? null : c.year(i),
          r.get("year").isNull() ? null : r.get("year").asInt(), r.toString());
      assertEquals(java.util.Arrays.toString(c.genres(i)), r.get("genres").toString().replace("\"", "")
          .replace(",", ", "), r.toString());
      assertTrue(r.has("poster") && r.get("poster").isNull(), "no poster folder: " + r);
    }

    assertEquals(204, http.delete(base + "/ratings/" + movie(5)).status());
    assertEquals(404, http.delete(base + "/ratings/" + movie(5)).status());
    assertEquals(1, http.get(base + "/ratings").json().get("count").asInt());

    Http.Response dismissed = http.put(base + "/dismissals/" + movie(7), "");
    assertEquals(200, dismissed.status(), dismissed.text());
    assertTrue(dismissed.json().get("changed").asBoolean());
    assertFalse(http.put(base + "/dismissals/" + movie(7), "").json().get("changed").asBoolean());
    assertEquals(movie(7), http.get(base + "/dismissals").json().get("movieIds").get(0).asText());
    assertTrue(http.delete(base + "/dismissals/" + movie(7)).json().get("changed").asBoolean());
    assertEquals(0, http.get(base + "/dismissals").json().get("movieIds").size());

    assertEquals(204, http.delete(base).status());
    Http.Response gone = http.get(base + "/ratings");
    assertEquals(404, gone.status());
    assertEquals("not_found", gone.json().get("error").asText());
  }

  static double rating(JsonNode list, String movieId) {
    for (JsonNode r : list.get("ratings")) {
      if (r.get("movieId").asText().equals(movieId)) {
        return r.get("rating").asDouble();
      }
    }
    return Double.NaN;
  }

  @Test
  void aDatasetUserHasTheirSeededRatings() {
    String user = Fixture.data().users().id(0);
    JsonNode r = http.get("/api/v1/users/" + user + "/ratings").json();
    int expected = Fixture.data().ratings().byUser().end(0) - Fixture.data().ratings().byUser().start(0);
    assertEquals(expected, r.get("count").asInt());
    assertEquals("dataset", http.get("/api/v1/users/" + user).json().get("origin").asText());
  }

  @Test
  void badRequestsGetA4xxWithAJsonErrorNamingTheProblem() {
    String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
    String base = "/api/v1/users/" + id;
    expect(400, "off the dataset's scale", http.put(base + "/ratings/" + movie(1), "{\"rating\": 99}"));
    expect(400, "malformed JSON", http.put(base + "/ratings/" + movie(1), "{\"rating\": "));
    Http.Response cut = http.put(base + "/ratings/" + movie(1), "{\"rating\": 4");
    expect(400, "malformed JSON body at line 1, column 13: Unexpected end-of-input: expected close marker for Object "
        + "(start marker at line 1, column 1)", cut);
    assertFalse(cut.text().contains("Source"), "none of the parser's internals: " + cut.text());
    expect(400, "unknown field \"stars\"", http.put(base + "/ratings/" + movie(1), "{\"stars\": 3}"));
    expect(400, "needs a rating", http.put(base + "/ratings/" + movie(1), "{}"));
    expect(404, "unknown movie \"no-such-movie\"", http.put(base + "/ratings/no-such-movie", "{\"rating\": 3}"));
    expect(404, "unknown user \"nobody\"", http.get("/api/v1/users/nobody/ratings"));
    String known = Fixture.data().users().id(0);
    expect(404, "did you mean \"" + known + "\"", http.get("/api/v1/users/" + known + "x/ratings"));
    // a web user (not in the model's training data) active lately is found too, before the dataset's users
    assertEquals(200, http.get(base).status());
    String typo = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");
    expect(404, "did you mean \"" + id + "\"?", http.get("/api/v1/users/" + typo + "/ratings"));
    expect(400, "unknown query parameter \"colour\"", http.get(base + "/ratings?colour=red"));
    expect(404, "no such route", http.get("/api/v1/nothing-here"));
    expect(413, "larger than", http.put(base + "/ratings/" + movie(1), "{\"rating\": 3" + " ".repeat(70_000) + "}"));
    expect(415, "application/json", http.put(base + "/ratings/" + movie(1), "{\"rating\": 3}",
        "Content-Type", "text/plain"));
  }

  static void expect(int status, String text, Http.Response r) {
    assertEquals(status, r.status(), r.text());
    assertNotNull(r.json(), "a JSON body: " + r.text());
    assertEquals(status, r.json().get("status").asInt());
    assertTrue(r.json().get("message").asText().contains(text), r.text());
    assertFalse(r.text().contains("at org."), "no stack trace: " + r.text());
    assertNull(r.header("X-Powered-By"));
  }

  @Test
  void aStoreSeededFromOneDatasetRefusesAnother() {
    // the running server's store is its own (one server per store), so a store of this test's, seeded once
    ServerConfig once = ServerConfig.of(List.of(model)).withAddress("127.0.0.1", 0).withWatch(false)
        .withStore(org.cinerec.server.store.StoreUrl.parse(dir.resolve("seeded-once.db").toString()));
    CinerecServer.start(once.withData(Fixture.data(), "tiny"), line -> { }).close();
    var other = SyntheticData.generate(Preset.TINY, 8, Progress.NONE);
    CinerecException e = assertThrows(CinerecException.class, () -> CinerecServer.start(once.withData(other,
        "other"), line -> { }));
    assertTrue(e.getMessage().contains("seeded from another dataset"), e.getMessage());
    CinerecException busy = assertThrows(CinerecException.class, () -> CinerecServer.start(ServerConfig.of(
        List.of(model)).withAddress("127.0.0.1", 0).withWatch(false), line -> { }));
    assertTrue(busy.getMessage().contains("is served by another cinerec serve"), busy.getMessage());
  }

  @Test
  void textComesBackAsJsonDataNeverAsMarkup() {
    String markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    Http.Response r = http.get("/api/v1/movies/search?q=" + java.net.URLEncoder.encode(markup,
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(200, r.status(), r.text());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals(markup, r.json().get("query").asText(), "the text as given, as a JSON string");
    Http.Response e = http.get("/api/v1/users/" + java.net.URLEncoder.encode(markup,
        java.nio.charset.StandardCharsets.UTF_8) + "/ratings");
    assertEquals(404, e.status());
    assertTrue(e.header("Content-Type").startsWith("application/json"));
  }
}
