package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new user tells about themselves (age, gender, occupation) through the API: stored with the user,
 * checked against the loaded models, folded in by a model trained with {@code --user-features} (even before any
 * rating) and ignored by the others, changed, kept across a restart, copied by a backup and deleted with the
 * user. A real server with two models on the fixture data (whose users have demographics) and the SQLite store.
 */
class UserAttributesRoutesTest {
  static Path dir;
  static List<Path> models;
  static CinerecServer server;
  static Http http;

  @BeforeAll
  static void start() {
    dir = Fixture.dir("attributes");
    Path ease = Fixture.model(dir, "ease", "ease");
    Recommender mt = ModelFamilies.trainer("multitask", Map.of("user-features", "all", "epochs", "3",
        "threads", "1")).fit(Fixture.data());
    Path mtFile = dir.resolve("mt.cinerec");
    ModelFiles.save(mtFile, mt, Fixture.data().catalog());
    models = List.of(ease, mtFile);
    server = Fixture.start(models, new Fixture.Log());
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String create(String body) {
    Http.Response r = http.post("/api/v1/users", body);
    assertEquals(201, r.status(), r.text());
    return r.json().get("userId").asText();
  }

  private static JsonNode list(String user, String model) {
    Http.Response r = http.get("/api/v1/users/" + user + "/recommendations?k=5&model=" + model);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  @Test
  void theModelsSayWhatTheyTake() {
    JsonNode models = http.get("/api/v1/models").json().get("models");
    JsonNode ease = models.get(0);
    JsonNode mt = models.get(1);
    assertEquals("ease", ease.get("name").asText());
    assertEquals(0, ease.get("userAttributes").size());
    assertEquals(List.of("age", "gender", "occupation"), List.copyOf(iterable(mt.get("userAttributes"))));
    assertTrue(mt.get("userAttributes").get("gender").toString().contains("\"F\""), mt.toString());
  }

  private static List<String> iterable(JsonNode object) {
    List<String> out = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aNewUsersAttributesAreStoredAndFoldedInBeforeAnyRating() {
    Http.Response created = http.post("/api/v1/users", "{\"attributes\": {\"age\": \"34\", \"gender\": \"F\"}}");
    assertEquals(201, created.status(), created.text());
    assertEquals("{\"age\":\"34\",\"gender\":\"F\"}", created.json().get("attributes").toString());
    String told = created.json().get("userId").asText();
    String silent = create("{}");
    assertEquals("{\"age\":\"34\",\"gender\":\"F\"}",
        http.get("/api/v1/users/" + told).json().get("attributes").toString());
    assertEquals("{}", http.get("/api/v1/users/" + silent).json().get("attributes").toString());

    JsonNode mine = list(told, "mt");
    assertEquals("folded", mine.get("userState").asText(), mine.toString());
    assertEquals("fallback", list(silent, "mt").get("userState").asText());
    assertEquals("fallback", list(told, "ease").get("userState").asText(), "ease takes no attributes");
    // the same list as an anonymous request telling the same, through the one serving path
    Http.Response anonymous = http.post("/api/v1/recommendations?model=mt",
        "{\"ratings\": [], \"k\": 5, \"attributes\": {\"age\": \"34\", \"gender\": \"F\"}}");
    assertEquals(200, anonymous.status(), anonymous.text());
    assertEquals(anonymous.json().get("recommendations"), mine.get("recommendations"));
    Http.Response eased = http.post("/api/v1/recommendations?model=ease",
        "{\"ratings\": [], \"attributes\": {\"age\": \"34\"}}");
    assertTrue(eased.json().get("notes").toString().contains("the ease model uses no user attributes: age not used"),
        eased.text());

    Http.Response changed = http.put("/api/v1/users/" + told + "/attributes",
        "{\"attributes\": {\"age\": \"34\", \"gender\": \"M\"}}");
    assertEquals(200, changed.status(), changed.text());
    assertEquals("{\"age\":\"34\",\"gender\":\"M\"}", changed.json().get("attributes").toString());
    assertNotEquals(mine.get("recommendations"), list(told, "mt").get("recommendations"), "told otherwise");
    String movie = Fixture.data().items().id(3);
    assertEquals(200, http.put("/api/v1/users/" + told + "/ratings/" + movie, "{\"rating\": 5}").status());
    JsonNode rated = list(told, "mt");
    assertEquals("folded", rated.get("userState").asText());
    Http.Response withRating = http.post("/api/v1/recommendations?model=mt", "{\"ratings\": [{\"movieId\": \""
        + movie + "\", \"rating\": 5}], \"k\": 5, \"attributes\": {\"age\": \"34\", \"gender\": \"M\"}}");
    assertEquals(withRating.json().get("recommendations"), rated.get("recommendations"), "a rating and attributes");
  }

  @Test
  void whatNoModelTakesOrKnowsIsA400NamingIt() {
    Http.Response shoe = http.post("/api/v1/users", "{\"attributes\": {\"shoesize\": \"42\"}}");
    assertEquals(400, shoe.status());
    assertEquals("no loaded model takes the user attribute \"shoesize\"; they take age, gender, occupation",
        shoe.json().get("message").asText());
    Http.Response value = http.post("/api/v1/users", "{\"attributes\": {\"gender\": \"X\"}}");
    assertEquals(400, value.status());
    assertTrue(value.json().get("message").asText().startsWith("user attribute gender: the model knows no value "
        + "\"X\"; it knows "), value.text());
    Http.Response shape = http.post("/api/v1/users", "{\"age\": \"34\"}");
    assertEquals(400, shape.status(), shape.text());
    String datasetUser = Fixture.data().users().id(0);
    Http.Response dataset = http.put("/api/v1/users/" + datasetUser + "/attributes", "{\"attributes\": {}}");
    assertEquals(400, dataset.status());
    assertTrue(dataset.json().get("message").asText().contains("comes from the dataset"), dataset.text());
    Http.Response anon = http.post("/api/v1/recommendations", "{\"ratings\": [], \"attributes\": {\"gender\": \"X\"}}");
    assertEquals(400, anon.status(), anon.text());
  }

  /** Acknowledged is durable: after a restart on the same store the attributes and the list are the same. */
  @Test
  void attributesOutliveARestartAndLeaveWithTheUser() {
    String kept = create("{\"attributes\": {\"occupation\": \"lawyer\", \"age\": \"52\"}}");
    String gone = create("{\"attributes\": {\"age\": \"25\"}}");
    JsonNode before = list(kept, "mt");
    assertEquals(204, http.delete("/api/v1/users/" + gone).status());
    server.close();
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(dir.resolve("ratings.db").toString()))) {
      assertEquals(Map.of("age", "52", "occupation", "lawyer"), store.attributes(kept));
      assertEquals(Map.of(), store.attributes(gone), "deleted with the user");
    }
    server = Fixture.start(models, new Fixture.Log());
    http = new Http(server.url());
    assertEquals(before.get("recommendations"), list(kept, "mt").get("recommendations"));
  }

  /**
   * With a popularity prior ({@code serve --popularity-prior W0,N}), a user who told attributes and rated nothing
   * gets the prior at W0 over the model's guess from what she told, not popularity alone (w = 1 is for users the
   * model knows nothing of); the anonymous request telling the same gets the same list.
   */
  @Test
  void aPriorWeighsWhatAUserToldAsTheSchedulesStart() throws Exception {
    Path own = Fixture.dir("attributes-prior");
    Path mtFile = own.resolve("mt.cinerec");
    java.nio.file.Files.copy(models.get(1), mtFile);
    try (CinerecServer prior = CinerecServer.start(ServerConfig.of(List.of(mtFile)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withWatch(false)
        .withPrior(new org.cinerec.serve.PopularityPrior.Schedule(0.5, 100)), line -> { })) {
      Http h = new Http(prior.url());
      Http.Response created = h.post("/api/v1/users", "{\"attributes\": {\"gender\": \"F\"}}");
      assertEquals(201, created.status(), created.text());
      Http.Response silentCreated = h.post("/api/v1/users", "{}");
      JsonNode told = h.get("/api/v1/users/" + created.json().get("userId").asText() + "/recommendations?k=5").json();
      JsonNode silent = h.get("/api/v1/users/" + silentCreated.json().get("userId").asText()
          + "/recommendations?k=5").json();
      assertEquals("folded", told.get("userState").asText(), told.toString());
      assertTrue(told.get("notes").toString().contains("popularity weighs 0.50 of each score after 0 ratings and "
          + "what the user told"), told.toString());
      assertEquals("fallback", silent.get("userState").asText());
      assertNotEquals(silent.get("recommendations"), told.get("recommendations"), "not popularity alone");
      Http.Response anonymous = h.post("/api/v1/recommendations",
          "{\"ratings\": [], \"k\": 5, \"attributes\": {\"gender\": \"F\"}}");
      assertEquals(anonymous.json().get("recommendations"), told.get("recommendations"));
      assertEquals(anonymous.json().get("notes"), told.get("notes"));
    }
  }
}
