package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page over HTTP: {@code /} and the page's own URLs answer index.html with the page's security
 * headers, {@code /assets/{file}} answers the folder's files with their types, and nothing else of the
 * machine or the jar can be reached through it; the API's answers stay as they were (JSON, no-store).
 */
class PageServingTest {
  static CinerecServer server;
  static Http http;
  static String index;

  @BeforeAll
  static void start() throws IOException {
    Path dir = Fixture.dir("page");
    server = Fixture.start(List.of(Fixture.model(dir, "mf", "mf")), new Fixture.Log());
    http = new Http(server.url());
    try (var in = WebPage.class.getResourceAsStream("web/index.html")) {
      index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The answer's content type, spaces left out (Jetty writes "text/html;charset=utf-8"). */
  static String type(Http.Response r) {
    return r.header("Content-Type").replace(" ", "");
  }

  static void pageHeaders(Http.Response r) {
    assertEquals(WebPage.CSP, r.header("Content-Security-Policy"), r.toString());
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    assertEquals("no-cache", r.header("Cache-Control"));
    assertNotNull(r.header("ETag"));
  }

  @Test
  void theRootAndEveryPageUrlAnswerIndexHtmlWithThePagesHeaders() {
    List<String> urls = new java.util.ArrayList<>(List.of("/", "/start", "/movie/1", "/search?q=toy%20story",
        "/my-ratings", "/compare?models=mf,ease", "/insights", "/user/7", "/user/web-0123456789ab"));
    for (String u : WebPage.PAGE_URLS) {
      urls.add(u.replace("{movieId}", "5").replace("{userId}", "3"));
    }
    for (String u : urls) {
      Http.Response r = http.get(u);
      assertEquals(200, r.status(), u + ": " + r);
      assertEquals("text/html;charset=utf-8", type(r), u);
      assertEquals(index, r.text(), u);
      pageHeaders(r);
    }
  }

  @Test
  void everyFileOfTheFolderIsServedUnderAssetsWithItsType() throws IOException {
    List<String> names = server.pageFiles();
    assertTrue(names.contains("index.html"), names.toString());
    for (String name : names) {
      Http.Response r = http.get("/assets/" + name);
      assertEquals(200, r.status(), name + ": " + r);
      assertEquals(WebPage.typeOf(name).replace(" ", ""), type(r), name);
      try (var in = WebPage.class.getResourceAsStream("web/" + name)) {
        assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), r.text(), name);
      }
      pageHeaders(r);
    }
  }

  @Test
  void theTypesLetModulesStylesImagesAndFontsLoad() {
    assertEquals("text/javascript; charset=utf-8", WebPage.typeOf("app.js"));
    assertEquals("text/javascript; charset=utf-8", WebPage.typeOf("rows.mjs"));
    assertEquals("text/css; charset=utf-8", WebPage.typeOf("page.CSS"));
    assertEquals("image/svg+xml", WebPage.typeOf("logo.svg"));
    assertEquals("image/png", WebPage.typeOf("home.png"));
    assertEquals("font/woff2", WebPage.typeOf("inter.woff2"));
    assertEquals(null, WebPage.typeOf("run.sh"));
    assertEquals(null, WebPage.typeOf(".js"));
    assertEquals(null, WebPage.typeOf("README"));
  }

  @Test
  void aBrowserHoldingTheFileGets304() {
    Http.Response first = http.get("/assets/index.html");
    Http.Response again = http.get("/assets/index.html", "If-None-Match", first.header("ETag"));
    assertEquals(304, again.status());
    assertEquals("", again.text());
    Http.Response other = http.get("/assets/index.html", "If-None-Match", "\"0000\"");
    assertEquals(200, other.status());
  }

  @Test
  void anUnknownAssetIsAJson404NeverThePage() {
    for (String u : List.of("/assets/nope.js", "/assets/app.js.map.x", "/assets/INDEX.HTML", "/assets/openapi.json",
        "/assets/CinerecServer.class")) {
      Http.Response r = http.get(u);
      UserRoutesTest.expect(404, "", r);
      assertFalse(r.text().contains("<html"), u);
    }
    UserRoutesTest.expect(404, "no such route", http.get("/api/v1/nope"));
    UserRoutesTest.expect(404, "no such route", http.get("/nope"));
    UserRoutesTest.expect(404, "no such route", http.get("/assets/"));
  }

  @Test
  void noPathTrickReachesAFileOutsideTheFolder() {
    for (String path : List.of("/assets/../openapi.json", "/assets/..%2fopenapi.json", "/assets/..%2Fopenapi.json",
        "/assets/%2e%2e%2fopenapi.json", "/assets/%2e%2e/openapi.json", "/assets/..%5copenapi.json",
        "/assets/..\\openapi.json", "/assets/%2fetc%2fpasswd", "/assets//etc/passwd", "/assets/%2Fetc%2Fhostname",
        "/assets/web%2findex.html", "/assets/./index.html/..", "/assets/index.html%00.js",
        "/assets/%252e%252e%252fopenapi.json", "/assets/../../../../etc/passwd",
        "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd", "/assets/file:%2f%2f%2fetc%2fpasswd")) {
      Http.Response r = Http.raw(server.port(), "GET", path, "127.0.0.1:" + server.port(), null, -1);
      assertTrue(r.status() == 400 || r.status() == 404, path + ": " + r.status() + " " + r.text());
      assertFalse(r.text().contains("\"openapi\""), path);
      assertFalse(r.text().contains("root:"), path);
    }
  }

  @Test
  void thePageKeepsTheHostRuleAndTheApiKeepsItsHeaders() {
    UserRoutesTest.expect(403, "DNS rebinding", Http.raw(server.port(), "GET", "/", "evil.example:" + server.port(),
        null, -1));
    UserRoutesTest.expect(403, "DNS rebinding", Http.raw(server.port(), "GET", "/assets/index.html",
        "evil.example", null, -1));
    assertEquals(200, Http.raw(server.port(), "GET", "/", "localhost:" + server.port(), null, -1).status());
    Http.Response api = http.get("/api/v1/genres");
    assertEquals(200, api.status());
    assertEquals("no-store", api.header("Cache-Control"));
    assertEquals("nosniff", api.header("X-Content-Type-Options"));
    assertTrue(api.header("Content-Type").startsWith("application/json"));
  }

  @Test
  void aBrowserOnEitherLoopbackNameMayWriteFromThePagesOrigin() {
    for (String host : List.of("127.0.0.1", "localhost")) {
      String origin = "http://" + host + ":" + server.port();
      Http.Response created = Http.raw(server.port(), "POST", "/api/v1/users", host + ":" + server.port(), "{}", 2,
          "Origin", origin, "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin");
      assertEquals(201, created.status(), host + ": " + created.text());
      String user = created.json().get("userId").asText();
      String movie = Fixture.data().items().id(3);
      String body = "{\"rating\": 4.5}";
      Http.Response put = Http.raw(server.port(), "PUT", "/api/v1/users/" + user + "/ratings/" + movie,
          host + ":" + server.port(), body, body.length(), "Origin", origin, "Content-Type", "application/json",
          "Sec-Fetch-Site", "same-origin");
      assertEquals(200, put.status(), host + ": " + put.text());
      Http.Response dismiss = Http.raw(server.port(), "PUT", "/api/v1/users/" + user + "/dismissals/"
          + Fixture.data().items().id(4), host + ":" + server.port(), "", 0, "Origin", origin, "Content-Type",
          "application/json");
      assertEquals(200, dismiss.status(), host + ": " + dismiss.text());
      Http.Response gone = Http.raw(server.port(), "DELETE", "/api/v1/users/" + user, host + ":" + server.port(),
          null, -1, "Origin", origin, "Content-Type", "application/json");
      assertEquals(204, gone.status(), host + ": " + gone.text());
      // the other loopback name's origin is another site to the browser, so it is refused
      String other = "http://" + (host.equals("localhost") ? "127.0.0.1" : "localhost") + ":" + server.port();
      Http.Response cross = Http.raw(server.port(), "POST", "/api/v1/users", host + ":" + server.port(), "{}", 2,
          "Origin", other, "Content-Type", "application/json");
      assertNotEquals(201, cross.status());
    }
  }

  @Test
  void theFilesAreReadFromAJarAsFromAFolder() throws IOException {
    Path jar = Fixture.dir("page-jar").resolve("page.jar");
    try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f)) {
      for (String name : List.of("org/cinerec/server/web/index.html", "org/cinerec/server/web/app.js",
          "org/cinerec/server/web/deep/x.js", "org/cinerec/server/web/run.sh", "org/cinerec/server/other.js")) {
        out.putNextEntry(new JarEntry(name));
        out.write(("// " + name).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    URL index = new URL("jar:" + jar.toUri() + "!/org/cinerec/server/web/index.html");
    WebPage page = WebPage.load(index);
    assertEquals(List.of("app.js", "index.html"), page.names());
    assertEquals(List.of(), WebPage.load(null).names());
  }
}
