package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalogue that writes its ids with leading zeros ({@code 0000007}, as MovieTweetings' IMDb numbers) and
 * ratings that do not ({@code 7}): one movie, so every answer names it the catalogue's way, whichever spelling
 * a request used and however the store keeps it, and a rating or dismissal made under one spelling is found
 * under the other (the movie page's "yourRating" and "dismissed" were null and false before).
 */
class PaddedIdsRoutesTest {
  static CinerecServer server;
  static Http http;

  @BeforeAll
  static void start() throws IOException {
    Path data = Fixture.dir("padded-data");
    StringBuilder movies = new StringBuilder();
    for (int m = 1; m <= 20; m++) {
      movies.append(padded(m)).append("::Picture ").append(m).append(" (").append(1990 + m).append(")::")
          .append(m % 2 == 0 ? "Drama" : "Comedy").append('\n');
    }
    StringBuilder ratings = new StringBuilder();
    SplittableRandom random = new SplittableRandom(3);
    for (int u = 1; u <= 40; u++) {
      BitSet seen = new BitSet();
      for (int i = 0; i < 8; i++) {
        int m = 1 + random.nextInt(20);
        if (!seen.get(m)) {
          seen.set(m);
          ratings.append(u).append("::").append(m).append("::").append(1 + random.nextInt(10)).append("::")
              .append(1_400_000_000L + u * 100L + m).append('\n');
        }
      }
    }
    Files.writeString(data.resolve("movies.dat"), movies, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("ratings.dat"), ratings, StandardCharsets.UTF_8);
    Dataset d = DataSources.load(data);
    Path model = Fixture.dir("padded").resolve("ease.cinerec");
    ModelFiles.save(model, ModelFamilies.trainer("ease", Map.of()).fit(d), d.catalog());
    server = CinerecServer.start(ServerConfig.of(List.of(model)).withAddress("127.0.0.1", 0)
        .withData(d, data.toString()).withWatch(false), line -> { });
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String padded(int m) {
    return String.format(java.util.Locale.ROOT, "%07d", m);
  }

  static JsonNode ok(Http.Response r) {
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  static List<String> movieIds(JsonNode ratings) {
    List<String> out = new ArrayList<>();
    ratings.get("ratings").forEach(r -> out.add(r.get("movieId").asText()));
    return out;
  }

  @Test
  void aDatasetUsersRatingsAreNamedAsTheCatalogueNamesThem() {
    List<String> ids = movieIds(ok(http.get("/api/v1/users/1/ratings")));
    assertFalse(ids.isEmpty());
    for (String id : ids) {
      assertEquals(7, id.length(), "movie " + id + " as the catalogue spells it");
    }
    // the same spelling as the recommendations' (a client may join the two lists by id)
    JsonNode recs = ok(http.get("/api/v1/users/1/recommendations?k=5"));
    recs.get("recommendations").forEach(r -> assertEquals(7, r.get("movieId").asText().length()));
  }

  @Test
  void aRatingAndADismissalUnderEitherSpellingAreOneMovieNamedOneWay() {
    Http.Response created = http.post("/api/v1/users", "{}");
    assertEquals(201, created.status(), created.text());
    String user = created.json().get("userId").asText();
    String base = "/api/v1/users/" + user;
    assertEquals(padded(5), ok(http.put(base + "/ratings/5", "{\"rating\": 9}")).get("movieId").asText());
    assertEquals(padded(7), ok(http.put(base + "/ratings/0000007", "{\"rating\": 2}")).get("movieId").asText());
    assertEquals(padded(7), ok(http.put(base + "/ratings/07", "{\"rating\": 3}")).get("movieId").asText());
    JsonNode listed = ok(http.get(base + "/ratings"));
    assertEquals(2, listed.get("count").asInt(), "07 and 0000007 are one movie: " + listed);
    assertEquals(List.of(padded(5), padded(7)), movieIds(listed).stream().sorted().toList());

    // the movie page finds the rating under the catalogue's spelling (it compared two spellings before)
    JsonNode page = ok(http.get(base + "/movies/" + padded(5)));
    assertEquals(9.0, page.get("yourRating").asDouble(), page.toString());
    assertEquals(padded(5), page.get("movie").get("movieId").asText());
    assertEquals(3.0, ok(http.get(base + "/movies/7")).get("yourRating").asDouble());

    assertEquals(padded(12), ok(http.put(base + "/dismissals/12", "")).get("movieId").asText());
    assertEquals(List.of(padded(12)), Http.JSON.convertValue(ok(http.get(base + "/dismissals")).get("movieIds"),
        List.class));
    assertTrue(ok(http.get(base + "/movies/" + padded(12))).get("dismissed").asBoolean());
    JsonNode recs = ok(http.get(base + "/recommendations?k=20"));
    recs.get("recommendations").forEach(r -> assertFalse(
        List.of(padded(5), padded(7), padded(12)).contains(r.get("movieId").asText()), recs.toString()));
    assertEquals(padded(12), ok(http.delete(base + "/dismissals/0000012")).get("movieId").asText());

    assertEquals(204, http.delete(base + "/ratings/0000005").status());
    Http.Response again = http.delete(base + "/ratings/5");
    assertEquals(404, again.status());
    assertTrue(again.text().contains("has no rating of movie " + padded(5)), again.text());
  }
}
