package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.data.Catalog;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/dataset: the data's summary from the dataset the server was given (or, without one, from the
 * default model's file), and the store's live counts.
 */
class DatasetRouteTest {
  static CinerecServer withData;
  static CinerecServer withoutData;
  static Http data;
  static Http noData;

  @BeforeAll
  static void start() {
    Path dir = Fixture.dir("dataset");
    Path mf = Fixture.model(dir, "mf", "mf");
    withData = Fixture.start(List.of(mf), new Fixture.Log());
    data = new Http(withData.url());
    Path other = Fixture.dir("dataset-no-data");
    withoutData = CinerecServer.start(ServerConfig.of(List.of(Fixture.model(other, "mf", "mf")))
        .withAddress("127.0.0.1", 0).withWatch(false), line -> { });
    noData = new Http(withoutData.url());
  }

  @AfterAll
  static void stop() {
    for (CinerecServer s : new CinerecServer[] {withData, withoutData}) {
      if (s != null) {
        s.close();
      }
    }
  }

  static JsonNode get(Http http) {
    Http.Response r = http.get("/api/v1/dataset");
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  @Test
  void theGivenDataIsSummarisedAndTheStoreCountedLive() {
    Dataset d = Fixture.data();
    JsonNode s = get(data);
    assertEquals("data", s.get("source").asText());
    assertEquals("tiny", s.get("name").asText());
    assertEquals(DataFingerprint.hex(DataFingerprint.of(d)), s.get("fingerprint").asText());
    assertEquals(d.numUsers(), s.get("users").asInt());
    assertEquals(d.numItems(), s.get("movies").asInt());
    assertEquals(d.ratings().size(), s.get("ratings").asLong());
    assertEquals(d.scale().max(), s.get("ratingScale").get("max").asDouble());
    assertTrue(s.get("firstRating").asText().compareTo(s.get("lastRating").asText()) < 0, s.toString());

    // the histogram: every value of the scale, ascending, summing to the ratings
    JsonNode hist = s.get("ratingHistogram");
    assertEquals(d.scale().values(), hist.size());
    long total = 0;
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode b : hist) {
      assertTrue(b.get("rating").asDouble() > last);
      last = b.get("rating").asDouble();
      total += b.get("count").asLong();
    }
    assertEquals(d.ratings().size(), total);

    // genres: the catalogue's movies per genre, and ratings per genre counted by hand
    Catalog c = d.catalog();
    Map<String, long[]> expected = new TreeMap<>();
    for (int i = 0; i < c.size(); i++) {
      for (String g : c.genres(i)) {
        expected.computeIfAbsent(g, x -> new long[2])[0]++;
      }
    }
    for (int k = 0; k < d.ratings().size(); k++) {
      for (String g : c.genres(d.ratings().item(k))) {
        expected.get(g)[1]++;
      }
    }
    assertEquals(expected.size(), s.get("genres").size());
    long previous = Long.MAX_VALUE;
    for (JsonNode g : s.get("genres")) {
      long[] e = expected.get(g.get("genre").asText());
      assertEquals(e[0], g.get("movies").asLong(), g.toString());
      assertEquals(e[1], g.get("ratings").asLong(), g.toString());
      assertTrue(e[1] <= previous, "most rated first");
      previous = e[1];
    }

    JsonNode per = s.get("ratingsPerUser");
    assertTrue(per.get("min").asInt() <= per.get("median").asInt() && per.get("median").asInt()
        <= per.get("p90").asInt() && per.get("p90").asInt() <= per.get("max").asInt(), per.toString());
    assertEquals((double) d.ratings().size() / d.numUsers(), per.get("mean").asDouble(), 1e-9);
    int most = 0; // the page's example user id: the most active user, the first of them on ties
    for (int u = 1; u < d.numUsers(); u++) {
      if (d.ratings().byUser().count(u) > d.ratings().byUser().count(most)) {
        most = u;
      }
    }
    assertEquals(d.users().id(most), s.get("sampleUser").asText());

    // the store, live: the seeded users and ratings, then one new user with two ratings
    JsonNode store = s.get("store");
    long users = store.get("users").asLong();
    long ratings = store.get("ratings").asLong();
    long newUsers = store.get("newUsers").asLong();
    long newRatings = store.get("newRatings").asLong();
    assertEquals(d.numUsers(), users - newUsers);
    assertEquals(d.ratings().size(), ratings - newRatings);
    String user = data.post("/api/v1/users", "{}").json().get("userId").asText();
    data.put("/api/v1/users/" + user + "/ratings/" + d.items().id(1), "{\"rating\": 4}");
    data.put("/api/v1/users/" + user + "/ratings/" + d.items().id(2), "{\"rating\": 3}");
    data.put("/api/v1/users/" + d.users().id(0) + "/ratings/" + d.items().id(2), "{\"rating\": 3}");
    JsonNode after = get(data).get("store");
    assertEquals(users + 1, after.get("users").asLong());
    assertEquals(newUsers + 1, after.get("newUsers").asLong());
    assertTrue(after.get("ratings").asLong() >= ratings + 2, after.toString());
    assertTrue(after.get("newRatings").asLong() >= newRatings + 3, after.toString());
    assertEquals(s.get("genres"), get(data).get("genres"), "the data's part does not move");
  }

  @Test
  void withoutDataTheModelFilesRecordIsSummarised() {
    JsonNode s = get(noData);
    JsonNode given = get(data);
    assertEquals("model", s.get("source").asText());
    assertTrue(s.get("note").asText().contains("no data was given"), s.toString());
    assertEquals("synthetic", s.get("format").asText());
    assertEquals("synthetic data", s.get("name").asText(), "generated data has no path, and says so");
    for (String f : List.of("users", "movies", "moviesRated", "ratings", "fingerprint", "genres", "ratingScale")) {
      assertEquals(given.get(f), s.get(f), f);
    }
    JsonNode per = s.get("ratingsPerUser");
    for (String f : List.of("min", "median", "p90", "max")) {
      assertEquals(given.get("ratingsPerUser").get(f), per.get(f), f);
    }
    assertTrue(s.get("sampleUser").isTextual() && !s.get("sampleUser").asText().isEmpty(), s.toString());
    assertTrue(s.get("ratingHistogram").isNull());
    assertTrue(s.get("firstRating").isNull());
    assertEquals(0, s.get("store").get("ratings").asLong(), "an unseeded store");
  }
}
