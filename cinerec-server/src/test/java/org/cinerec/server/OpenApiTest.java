package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at /api/v1/openapi.json against the server itself: it describes exactly the routes the
 * server registered, and one example call per operation (path parameters from the fixture, the body from the
 * document's own example) answers with a documented 2xx status.
 */
class OpenApiTest {
  static CinerecServer server;
  static Http http;
  static JsonNode doc;

  @BeforeAll
  static void start() {
    Path dir = Fixture.dir("openapi");
    Path ease = Fixture.model(dir, "ease", "ease");
    Path posters = dir.resolve("posters");
    try {
      Files.createDirectories(posters);
      Files.write(posters.resolve("1.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}); // the example
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server = CinerecServer.start(ServerConfig.of(List.of(ease)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withWatch(false).withPosters(posters), line -> { });
    http = new Http(server.url());
    Http.Response r = http.get("/api/v1/openapi.json");
    assertEquals(200, r.status());
    doc = r.json();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Every (method, path) of the document. */
  static TreeSet<String> documented() {
    TreeSet<String> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> p = doc.get("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> e = p.next();
      e.getValue().fieldNames().forEachRemaining(m -> out.add(m.toUpperCase(java.util.Locale.ROOT) + " " + e.getKey()));
    }
    return out;
  }

  @Test
  void theDocumentDescribesExactlyTheRegisteredRoutes() {
    assertEquals("3.1.0", doc.get("openapi").asText());
    assertEquals(new TreeSet<>(server.routes()), documented());
  }

  @Test
  void oneExampleCallPerOperationAnswersADocumented2xx() {
    String movie = Fixture.data().items().id(5);
    String genre = Fixture.data().catalog().genres(5)[0];
    List<String> deletes = new ArrayList<>();
    int called = 0;
    for (String route : documented()) {
      if (route.startsWith("DELETE ")) {
        deletes.add(route); // after the rest, on data made for them
        continue;
      }
      called += call(route, newUser(), movie, genre);
    }
    for (String route : deletes) {
      String user = newUser();
      http.put("/api/v1/users/" + user + "/ratings/" + movie, "{\"rating\": 3}");
      http.put("/api/v1/users/" + user + "/dismissals/" + movie, "");
      called += call(route, user, movie, genre);
    }
    assertEquals(documented().size(), called);
  }

  @Test
  void theRatingsListAnswersEveryFieldItsSchemaRequires() {
    String user = newUser();
    http.put("/api/v1/users/" + user + "/ratings/1", "{\"rating\": 4}"); // movie 1 has the poster
    JsonNode list = http.get("/api/v1/users/" + user + "/ratings").json();
    JsonNode schema = doc.get("components").get("schemas").get("RatedMovie").get("allOf").get(1);
    JsonNode row = list.get("ratings").get(0);
    for (JsonNode field : schema.get("required")) {
      assertTrue(row.has(field.asText()), field + " missing from " + row);
    }
    for (String field : new String[] {"movieId", "rating", "ratedAt", "origin"}) {
      assertTrue(doc.get("components").get("schemas").get("Rating").get("properties").has(field), field);
      assertTrue(row.has(field), field + " missing from " + row);
    }
    assertEquals("/posters/1.jpg", row.get("poster").asText(), row.toString());
    assertTrue(row.get("title").isTextual() && row.get("genres").isArray(), row.toString());
  }

  static String newUser() {
    return http.post("/api/v1/users", "{}").json().get("userId").asText();
  }

  private int call(String route, String user, String movie, String genre) {
    String method = route.substring(0, route.indexOf(' '));
    String template = route.substring(route.indexOf(' ') + 1);
    JsonNode op = doc.get("paths").get(template).get(method.toLowerCase(java.util.Locale.ROOT));
    String path = template.replace("{userId}", user).replace("{movieId}", movie).replace("{name}", "ease")
        .replace("{genre}", genre);
    for (JsonNode p : op.get("parameters")) { // other path parameters: the document's example
      if ("path".equals(p.path("in").asText()) && p.has("example")) {
        path = path.replace("{" + p.get("name").asText() + "}", p.get("example").asText());
      }
    }
    StringBuilder query = new StringBuilder();
    for (JsonNode p : op.get("parameters")) {
      if (p.has("required") && p.get("required").asBoolean() && "query".equals(p.get("in").asText())) {
        query.append(query.length() == 0 ? "?" : "&").append(p.get("name").asText()).append('=')
            .append(java.net.URLEncoder.encode(p.get("example").asText(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    String body = null;
    JsonNode rb = op.get("requestBody");
    if (rb != null) {
      body = rb.get("content").get("application/json").get("example").toString();
    } else if (!method.equals("GET")) {
      body = "";
    }
    Http.Response r = switch (method) {
      case "GET" -> http.get(path + query);
      case "POST" -> http.post(path + query, body);
      case "PUT" -> http.put(path + query, body == null ? "" : body);
      case "DELETE" -> http.delete(path + query);
      default -> throw new AssertionError(method);
    };
    assertTrue(r.status() >= 200 && r.status() < 300, route + ": " + r);
    assertTrue(op.get("responses").has(Integer.toString(r.status())), route + " answered an undocumented "
        + r.status());
    return 1;
  }
}
