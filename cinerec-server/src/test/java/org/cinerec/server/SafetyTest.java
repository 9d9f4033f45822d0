package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cinerec.CinerecException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Safe by default: the loopback demo refuses DNS-rebinding Hosts and cross-site writes; bound elsewhere, the
 * admin token and user keys are required and dataset users are read-only; a server past its concurrency bound
 * answers 503 with Retry-After.
 */
class SafetyTest {
  static Path dir;
  static Path model;
  static CinerecServer demo;
  static CinerecServer open;
  static Http local;
  static Http remote;
  static final String TOKEN = "test-admin-token-123";

  @BeforeAll
  static void start() {
    dir = Fixture.dir("safety");
    model = Fixture.model(dir, "mf", "mf");
    demo = Fixture.start(List.of(model), new Fixture.Log());
    local = new Http(demo.url());
    // bound to every address (the tests still talk to it over loopback only)
    open = CinerecServer.start(ServerConfig.of(List.of(model)).withStore(
        org.cinerec.server.store.StoreUrl.parse(dir.resolve("open.db").toString())).withAddress("0.0.0.0", 0)
        .withData(Fixture.data(), "tiny").withAdminToken(TOKEN).withWatch(false), line -> { });
    remote = new Http("http://127.0.0.1:" + open.port());
  }

  @AfterAll
  static void stop() {
    for (CinerecServer s : new CinerecServer[] {demo, open}) {
      if (s != null) {
        s.close();
      }
    }
  }

  /** RequestFuzzTest's finding: a URI Jetty refuses itself (an encoded NUL) answered an HTML page. */
  @Test
  void whatJettyRefusesBeforeAnyRouteIsAJsonErrorToo() {
    for (String path : new String[] {"/api/v1/users/%00%00/movies/", "/api/v1/movies/%2e%2e/similar", "/%"}) {
      Http.Response r = Http.raw(demo.port(), "GET", path, "127.0.0.1:" + demo.port(), null, -1);
      assertTrue(r.status() >= 400 && r.status() < 500, path + ": " + r);
      assertTrue(r.json() != null && r.json().get("status").asInt() == r.status(), path + ": " + r);
      assertTrue(r.json().get("message").asText().length() > 0, path + ": " + r);
    }
  }

  @Test
  void theLoopbackDemoRefusesAForeignHostHeaderDnsRebinding() {
    Http.Response r = Http.raw(demo.port(), "GET", "/health", "evil.example:" + demo.port(), null, -1);
    UserRoutesTest.expect(403, "DNS rebinding", r);
    UserRoutesTest.expect(403, "DNS rebinding", Http.raw(demo.port(), "GET", "/health", "127.0.0.1.evil.example",
        null, -1));
    assertEquals(200, Http.raw(demo.port(), "GET", "/health", "localhost:" + demo.port(), null, -1).status());
  }

  @Test
  void crossSiteWritesAreRefusedAndWritesMustBeJson() {
    UserRoutesTest.expect(403, "origin \"http://evil.example\"", local.post("/api/v1/users", "{}", "Origin",
        "http://evil.example"));
    UserRoutesTest.expect(403, "cross-site", local.post("/api/v1/users", "{}", "Sec-Fetch-Site", "cross-site"));
    UserRoutesTest.expect(415, "application/json", local.send("POST", "/api/v1/users", "{}", "Content-Type",
        "text/plain"));
    UserRoutesTest.expect(415, "application/json", local.send("POST", "/api/v1/users", "userId=1",
        "Content-Type", "application/x-www-form-urlencoded"));
    Http.Response same = local.post("/api/v1/users", "{}", "Origin", "http://127.0.0.1:" + demo.port());
    assertEquals(201, same.status(), same.text());
  }

  @Test
  void boundElsewhereTheServerNeedsAnAdminToken() {
    CinerecException e = assertThrows(CinerecException.class, () -> CinerecServer.start(ServerConfig.of(
        List.of(model)).withStore(org.cinerec.server.store.StoreUrl.parse(dir.resolve("x.db").toString()))
        .withAddress("0.0.0.0", 0).withWatch(false), line -> { }));
    assertTrue(e.getMessage().contains("CINEREC_ADMIN_TOKEN"), e.getMessage());
  }

  @Test
  void boundElsewhereAdminRoutesNeedTheTokenAndWritesTheUsersKey() {
    UserRoutesTest.expect(401, "admin token", remote.post("/api/v1/admin/reload", ""));
    UserRoutesTest.expect(401, "admin token", remote.post("/api/v1/admin/reload", "", "Authorization",
        "Bearer wrong"));
    assertEquals(200, remote.post("/api/v1/admin/reload", "", "Authorization", "Bearer " + TOKEN).status());

    Http.Response created = remote.post("/api/v1/users", "{}");
    String id = created.json().get("userId").asText();
    String key = created.json().get("key").asText();
    String movie = Fixture.data().items().id(2);
    String path = "/api/v1/users/" + id + "/ratings/" + movie;
    UserRoutesTest.expect(401, "needs their key", remote.put(path, "{\"rating\": 3}"));
    UserRoutesTest.expect(403, "not user " + id, remote.put(path, "{\"rating\": 3}", "Authorization",
        "Bearer " + key + "x"));
    assertEquals(200, remote.put(path, "{\"rating\": 3}", "Authorization", "Bearer " + key).status());
    UserRoutesTest.expect(401, "needs their key", remote.get("/api/v1/users/" + id + "/ratings"));
    assertEquals(1, remote.get("/api/v1/users/" + id + "/ratings", "Authorization", "Bearer " + key).json()
        .get("count").asInt());
    // the page's views of a user show their ratings: the same rule
    for (String view : List.of("/home", "/movies/" + movie)) {
      UserRoutesTest.expect(401, "needs their key", remote.get("/api/v1/users/" + id + view));
      UserRoutesTest.expect(403, "not user " + id, remote.get("/api/v1/users/" + id + view, "Authorization",
          "Bearer " + key + "x"));
      assertEquals(200, remote.get("/api/v1/users/" + id + view, "Authorization", "Bearer " + key).status());
      assertEquals(200, remote.get("/api/v1/users/" + Fixture.data().users().id(1) + view).status());
    }

    String datasetUser = Fixture.data().users().id(1);
    UserRoutesTest.expect(403, "read-only", remote.put("/api/v1/users/" + datasetUser + "/ratings/" + movie,
        "{\"rating\": 3}"));
    UserRoutesTest.expect(403, "read-only", remote.delete("/api/v1/users/" + datasetUser));
    assertEquals(200, remote.get("/api/v1/users/" + datasetUser + "/ratings").status());
    // any Host is fine off loopback (the keys protect), and the demo needs no key at all
    assertEquals(200, Http.raw(open.port(), "GET", "/health/live", "recs.example", null, -1).status());
    String demoUser = local.post("/api/v1/users", "{}").json().get("userId").asText();
    assertEquals(200, local.put("/api/v1/users/" + demoUser + "/ratings/" + movie, "{\"rating\": 3}").status());
  }

  @Test
  void pastTheConcurrencyBoundTheAnswerIs503WithRetryAfter() throws Exception {
    Path d = Fixture.dir("busy");
    ServerConfig.Limits one = new ServerConfig.Limits(64 * 1024, 1, Duration.ZERO, 4, Duration.ofSeconds(10), 16,
        Duration.ofSeconds(2), 100);
    try (CinerecServer busy = CinerecServer.start(ServerConfig.of(List.of(model)).withStore(
        org.cinerec.server.store.StoreUrl.parse(d.resolve("s.db").toString())).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withLimits(one).withWatch(false), line -> { })) {
      Http http = new Http(busy.url());
      String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
      // a write whose body has not all arrived holds the one slot
      CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> Http.raw(busy.port(), "PUT",
          "/api/v1/users/" + id + "/ratings/" + Fixture.data().items().id(4), "127.0.0.1:" + busy.port(),
          "{\"rating\"", 200, "Content-Type", "application/json"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (busy.inFlight() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, busy.inFlight());
      Http.Response r = http.get("/api/v1/models");
      UserRoutesTest.expect(503, "busy", r);
      assertEquals("1", r.header("Retry-After"));
      assertEquals(200, http.get("/health/live").status(), "liveness answers while every slot is busy");
      // the idle timeout ends the stalled write (its connection is closed), freeing the slot
      held.handle((ok, failed) -> null).get(60, TimeUnit.SECONDS);
      assertEquals(200, http.get("/api/v1/models").status());
    }
  }

  @Test
  void pastTheBoundOnWritesWaitingForTheStoreTheAnswerIs429WithRetryAfter() {
    Path d = Fixture.dir("writes");
    ServerConfig.Limits none = new ServerConfig.Limits(64 * 1024, 8, Duration.ofMillis(200), 0,
        Duration.ofSeconds(30), 16, Duration.ofSeconds(2), 100);
    try (CinerecServer s = CinerecServer.start(ServerConfig.of(List.of(model)).withStore(
        org.cinerec.server.store.StoreUrl.parse(d.resolve("s.db").toString())).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withLimits(none).withWatch(false), line -> { })) {
      Http http = new Http(s.url());
      String user = Fixture.data().users().id(3);
      Http.Response r = http.put("/api/v1/users/" + user + "/ratings/" + Fixture.data().items().id(4),
          "{\"rating\": 4}");
      UserRoutesTest.expect(429, "too many writes", r);
      assertEquals("1", r.header("Retry-After"));
      assertEquals(200, http.get("/api/v1/users/" + user + "/recommendations").status(), "reads are not bounded by it");
      assertTrue(http.get("/metrics").text().contains("cinerec_requests_rejected_total 1.0"));
    }
  }
}
