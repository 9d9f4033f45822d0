package org.cinerec.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes what a client sends the service (Jazzer): a route, the ids in its path, its query and its JSON
 * body, against a real server (ease and mf on the fixture data, a SQLite store). Every answer must be a
 * 2xx or a 4xx with a JSON error naming the problem; a 5xx is a finding. {@code mvn test} replays the
 * saved inputs; {@code scripts/fuzz.sh requestBodies} fuzzes.
 */
class RequestFuzzTest {
  private static CinerecServer server;
  private static Http http;
  private static String viewer;

  private static synchronized Http http() {
    if (server == null) {
      Path dir = Fixture.dir("fuzz");
      server = Fixture.start(List.of(Fixture.model(dir, "ease", "ease"), Fixture.model(dir, "mf", "mf")),
          new Fixture.Log());
      http = new Http(server.url());
      viewer = http.post("/api/v1/users", "{}").json().get("userId").asText();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return http;
  }

  private static final String[] ROUTES = {
    "PUT /api/v1/users/{u}/ratings/{m}",
    "POST /api/v1/recommendations",
    "POST /api/v1/users",
    "PUT /api/v1/users/{u}/dismissals/{m}",
    "POST /api/v1/admin/reload",
    "GET /api/v1/users/{u}/recommendations?{q}",
    "GET /api/v1/movies/search?{q}",
    "DELETE /api/v1/users/{u}/ratings/{m}",
    "GET /api/v1/users/{u}/home?{q}",
    "GET /api/v1/users/{u}/movies/{m}?{q}",
    "GET /api/v1/movies/{m}/similar?{q}",
    "GET /api/v1/users/{u}/predictions/{m}?{q}",
  };

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query of name=value pairs from the input, names mostly the real ones so values get exercised. */
  private static String query(FuzzedDataProvider in) {
    String[] names = {"k", "offset", "model", "genres", "genresAll", "yearFrom", "yearTo", "exclude",
        "excludeMovies", "diversity", "explain", "q"};
    StringBuilder q = new StringBuilder();
    int n = in.consumeInt(0, 4);
    for (int i = 0; i < n; i++) {
      String name = in.consumeBoolean() ? names[in.consumeInt(0, names.length - 1)] : in.consumeString(8);
      q.append(i == 0 ? "" : "&").append(segment(name)).append('=').append(segment(in.consumeString(16)));
    }
    return q.toString();
  }

  @FuzzTest(maxDuration = "10s")
  void requestBodies(FuzzedDataProvider in) {
    Http h = http();
    String route = ROUTES[in.consumeInt(0, ROUTES.length - 1)];
    String user = in.consumeBoolean() ? viewer : (in.consumeBoolean() ? "1" : in.consumeString(12));
    String movie = in.consumeBoolean() ? Integer.toString(in.consumeInt(0, 600)) : in.consumeString(12);
    String q = route.contains("{q}") ? query(in) : "";
    String body = in.consumeRemainingAsString();
    String method = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1).replace("{u}", segment(user)).replace("{m}", segment(movie))
        .replace("{q}", q);
    String sent = method.equals("GET") || method.equals("DELETE") ? null : body;
    Http.Response r;
    try {
      r = h.send(method, path, sent, "Content-Type", "application/json");
    } catch (java.io.UncheckedIOException e) {
      // the server closes a keep-alive connection idle past its read timeout (10 s, as HTTP allows), and the
      // client may have sent on it just then: once more on a new connection; no answer twice is a finding
      try {
        r = h.send(method, path, sent, "Content-Type", "application/json");
      } catch (java.io.UncheckedIOException again) {
        throw new AssertionError(method + " " + path + " with " + body + ": no answer (" + again.getMessage() + ")",
            again);
      }
    }
    if (r.status() >= 500) {
      throw new AssertionError(method + " " + path + " with " + body + ": " + r);
    }
    if (r.status() >= 400 && (r.json() == null || !r.json().hasNonNull("message"))) {
      throw new AssertionError(method + " " + path + ": an error without a JSON message: " + r);
    }
  }
}
