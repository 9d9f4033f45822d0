package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.CinerecException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local posters ({@code --posters DIR}): the folder is indexed at start by movie id, every tile names its
 * poster (or null), GET /posters/{file} serves indexed files only, and no path trick (.., encoded slashes,
 * absolute paths, links out of the folder) reaches anything else.
 */
class PostersTest {
  static Path dir;
  static Path folder;
  static CinerecServer server;
  static CinerecServer plain;
  static Http http;
  static Http without;
  static String a;
  static String b;
  static String c;

  static void write(Path p, String text) throws IOException {
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void start() throws IOException {
    dir = Fixture.dir("posters");
    folder = Files.createDirectories(dir.resolve("posters"));
    a = Fixture.data().items().id(0);
    b = Fixture.data().items().id(1);
    c = Fixture.data().items().id(2);
    write(folder.resolve(a + ".jpg"), "poster of " + a);
    write(folder.resolve(a + ".png"), "a second poster of " + a); // jpg first
    write(folder.resolve(b + ".WEBP"), "poster of " + b);
    write(dir.resolve("secret.jpg"), "outside the folder");
    Files.createSymbolicLink(folder.resolve(c + ".jpg"), dir.resolve("secret.jpg")); // a link out: left out
    Files.createSymbolicLink(folder.resolve("inside.png"), folder.resolve(a + ".jpg")); // a link in: served
    Files.createSymbolicLink(folder.resolve("dangling.jpg"), folder.resolve("nothing-here.jpg"));
    Files.createDirectories(folder.resolve("sub"));
    write(folder.resolve("sub").resolve(c + ".jpg"), "in a sub-folder");
    Files.createDirectories(folder.resolve("dir.jpg"));
    write(folder.resolve("bad id!.jpg"), "not an id");
    write(folder.resolve(c + ".gif"), "not a served type");
    Path model = Fixture.model(dir, "mf", "mf");
    Fixture.Log log = new Fixture.Log();
    server = CinerecServer.start(ServerConfig.of(List.of(model)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withWatch(false).withPosters(folder), log::add);
    assertTrue(log.contains("posters: 3 in "), log.toString());
    assertTrue(log.contains("(3 left out"), log.toString());
    http = new Http(server.url());
    Path other = Fixture.dir("posters-none");
    plain = Fixture.start(List.of(Fixture.model(other, "mf", "mf")), new Fixture.Log());
    without = new Http(plain.url());
  }

  @AfterAll
  static void stop() {
    for (CinerecServer s : new CinerecServer[] {server, plain}) {
      if (s != null) {
        s.close();
      }
    }
  }

  static String expectedPoster(String movieId) {
    return movieId.equals(a) ? "/posters/" + a + ".jpg" : movieId.equals(b) ? "/posters/" + b + ".WEBP" : null;
  }

  /** Every tile under {@code node} (an object with movieId, title and genres) has the poster it should. */
  static int checkTiles(JsonNode node, boolean withPosters) {
    int n = 0;
    if (node.isObject()) {
      if (node.has("movieId") && node.has("title") && node.has("genres")) {
        assertTrue(node.has("poster"), "a tile has a poster field: " + node);
        String want = withPosters ? expectedPoster(node.get("movieId").asText()) : null;
        assertEquals(want, node.get("poster").isNull() ? null : node.get("poster").asText(), node.toString());
        n++;
      }
      for (JsonNode child : node) {
        n += checkTiles(child, withPosters);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        n += checkTiles(child, withPosters);
      }
    }
    return n;
  }

  static List<String> routes(Http h) {
    String user = h.post("/api/v1/users", "{}").json().get("userId").asText();
    h.put("/api/v1/users/" + user + "/ratings/" + Fixture.data().items().id(7), "{\"rating\": 5}");
    String trained = Fixture.data().users().id(3);
    String title = Fixture.data().catalog().title(0);
    return List.of("/api/v1/users/" + user + "/home?k=100", "/api/v1/users/" + trained + "/home?k=100",
        "/api/v1/users/" + user + "/movies/" + a, "/api/v1/users/" + user + "/movies/" + c + "?k=100",
        "/api/v1/users/" + trained + "/recommendations?k=500", "/api/v1/movies/popular?k=500",
        "/api/v1/movies/" + c + "/similar?k=100", "/api/v1/starter?k=50",
        "/api/v1/movies/search?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8),
        "/api/v1/users/" + user + "/predictions/" + a, "/api/v1/genres/"
            + Fixture.data().catalog().genres(0)[0] + "/top?k=500");
  }

  @Test
  void everyTileNamesItsPosterOrNull() {
    int tiles = 0;
    boolean sawA = false;
    for (String route : routes(http)) {
      Http.Response r = http.get(route);
      assertEquals(200, r.status(), route + ": " + r);
      tiles += checkTiles(r.json(), true);
      sawA |= r.text().contains("\"/posters/" + a + ".jpg\"");
    }
    assertTrue(tiles > 500, "tiles checked: " + tiles);
    assertTrue(sawA);
    for (String route : routes(without)) {
      Http.Response r = without.get(route);
      assertEquals(200, r.status(), route + ": " + r);
      checkTiles(r.json(), false);
    }
  }

  @Test
  void indexedPostersAreServedWithTheirType() {
    Http.Response jpg = http.get("/posters/" + a + ".jpg");
    assertEquals(200, jpg.status());
    assertEquals("poster of " + a, jpg.text());
    assertEquals("image/jpeg", jpg.header("Content-Type"));
    assertEquals("nosniff", jpg.header("X-Content-Type-Options"));
    Http.Response webp = http.get("/posters/" + b + ".WEBP");
    assertEquals("image/webp", webp.header("Content-Type"));
    Http.Response link = http.get("/posters/inside.png");
    assertEquals(200, link.status(), "a link to a file inside the folder is served");
    assertEquals("poster of " + a, link.text());
    UserRoutesTest.expect(404, "started without --posters", without.get("/posters/" + a + ".jpg"));
  }

  @Test
  void noPathTrickReachesAFileOutsideTheIndex() {
    for (String path : List.of("/posters/" + c + ".jpg", "/posters/secret.jpg", "/posters/../secret.jpg",
        "/posters/..%2fsecret.jpg", "/posters/..%2Fsecret.jpg", "/posters/%2e%2e%2fsecret.jpg",
        "/posters/%2e%2e/secret.jpg", "/posters/..%5csecret.jpg", "/posters/sub%2f" + c + ".jpg",
        "/posters/sub/" + c + ".jpg", "/posters/" + a + ".png", "/posters/dangling.jpg", "/posters/dir.jpg",
        "/posters/bad%20id!.jpg", "/posters/" + c + ".gif", "/posters/%2f" + dir.resolve("secret.jpg"),
        "/posters/" + dir.resolve("secret.jpg"), "/posters//etc/passwd", "/posters/%2Fetc%2Fpasswd",
        "/posters/..%2f..%2f..%2f..%2fetc%2fpasswd", "/posters/%252e%252e%252fsecret.jpg",
        "/posters/" + a + ".jpg%00.png", "/posters/" + a + ".jpg/..", "/posters/")) {
      Http.Response r = Http.raw(server.port(), "GET", path, "127.0.0.1:" + server.port(), null, -1);
      assertTrue(r.status() == 400 || r.status() == 404, path + ": " + r.status() + " " + r.text());
      assertFalse(r.text().contains("outside the folder"), path);
      assertFalse(r.text().contains("root:"), path);
    }
  }

  @Test
  void theIndexMatchesIdsByTheirKeyAndRefusesAMissingFolder() throws IOException {
    Path f = Files.createDirectories(Fixture.dir("posters-keys").resolve("p"));
    write(f.resolve("0042.jpg"), "x");
    write(f.resolve("tt0114709.png"), "y");
    Posters p = Posters.index(f);
    assertEquals("/posters/0042.jpg", p.url("42"));
    assertEquals("/posters/0042.jpg", p.url("0042"));
    assertEquals("/posters/tt0114709.png", p.url("tt0114709"));
    assertNull(p.url("43"));
    assertNull(p.url("../0042"));
    assertNull(Posters.NONE.url("42"));
    CinerecException e = assertThrows(CinerecException.class, () -> Posters.index(f.resolve("missing")));
    assertTrue(e.getMessage().startsWith("--posters "), e.getMessage());
    assertEquals(CinerecException.Kind.USAGE, e.kind());
  }
}
