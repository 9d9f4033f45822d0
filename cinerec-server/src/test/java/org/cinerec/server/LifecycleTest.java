package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.Test;

/**
 * Models swapped while serving (admin reload and a changed file), the database going away and coming back
 * (PostgreSQL: a private schema renamed away and back), metrics, and a stop that drains a request in flight
 * and closes the store.
 */
class LifecycleTest {

  /** Another mf model on the same data (another seed): same users and movies, other numbers. */
  static void overwrite(Path target, long seed) throws Exception {
    Recommender m = ModelFamilies.trainer("mf", Map.of("seed", Long.toString(seed), "epochs", "3"))
        .fit(Fixture.data());
    Path tmp = target.resolveSibling("next-" + seed + ".tmp");
    ModelFiles.save(tmp, m, Fixture.data().catalog());
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static long generation(Http.Response r) {
    String h = r.header("Cinerec-Model");
    return Long.parseLong(h.substring(h.indexOf('#') + 1));
  }

  @Test
  void reloadsSwapModelsWhileRequestsRunAndNoneFails() throws Exception {
    Path dir = Fixture.dir("reload");
    Path model = Fixture.model(dir, "mf", "mf");
    try (CinerecServer server = Fixture.start(List.of(model), new Fixture.Log())) {
      Http http = new Http(server.url());
      String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
      http.put("/api/v1/users/" + id + "/ratings/" + Fixture.data().items().id(1), "{\"rating\": 5}");
      String before = http.get("/health").json().get("models").get(0).get("version").asText();
      // the version is the file's content id, as the CLI's --json gives it
      assertEquals(org.cinerec.store.ModelFile.read(model).contentId(), before);
      assertTrue(before.matches("[0-9a-f]{12}"), before);

      AtomicBoolean run = new AtomicBoolean(true);
      AtomicInteger bad = new AtomicInteger();
      AtomicInteger backwards = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> clients = new java.util.ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int user = c;
        clients.add(pool.submit(() -> {
          long last = 0;
          while (run.get()) {
            Http.Response r = http.get("/api/v1/users/" + Fixture.data().users().id(user) + "/recommendations");
            if (r.status() != 200) {
              bad.incrementAndGet();
            } else if (generation(r) < last) {
              backwards.incrementAndGet();
            } else {
              last = generation(r);
            }
            done.incrementAndGet();
          }
        }));
      }
      for (int k = 0; k < 3; k++) {
        overwrite(model, 100 + k);
        Http.Response r = http.post("/api/v1/admin/reload", "");
        assertEquals(200, r.status(), r.text());
      }
      run.set(false);
      for (Future<?> f : clients) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(0, bad.get(), "every request during the swaps answered 200");
      assertEquals(0, backwards.get(), "the generation never goes backwards on one client");
      assertTrue(done.get() > 10, "requests ran during the swaps: " + done.get());
      JsonNode health = http.get("/health").json();
      assertNotEquals(before, health.get("models").get(0).get("version").asText());
      assertEquals(4, health.get("models").get(0).get("generation").asInt());
      // a user folded in before the swaps is rebuilt from the store
      JsonNode recs = http.get("/api/v1/users/" + id + "/recommendations").json();
      assertEquals(1, http.get("/api/v1/users/" + id + "/ratings").json().get("count").asInt());
      assertTrue(recs.get("userState").asText().matches("folded|fallback"), recs.toString());
      String metrics = http.get("/metrics").text();
      assertTrue(metrics.contains("cinerec_model_reloads_total 3.0"), metrics);
    }
  }

  @Test
  void aChangedModelFileIsSwappedInByItself() throws Exception {
    Path dir = Fixture.dir("watch");
    Path model = Fixture.model(dir, "mf", "mf");
    ServerConfig.Limits fast = new ServerConfig.Limits(64 * 1024, 64, Duration.ofMillis(200), 32,
        Duration.ofSeconds(30), 32, Duration.ofMillis(200), 1000);
    Fixture.Log log = new Fixture.Log();
    try (CinerecServer server = CinerecServer.start(ServerConfig.of(List.of(model)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withLimits(fast).withWatch(true), log::add)) {
      Http http = new Http(server.url());
      long g0 = generation(http.get("/health"));
      overwrite(model, 7);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (generation(http.get("/health")) == g0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(g0 + 1, generation(http.get("/health")), log.toString());
      assertTrue(log.contains("swapped in"), log.toString());
    }
  }

  @Test
  void whenTheDatabaseGoesAwayReadsServeFromMemoryAndWritesGet503UntilItIsBack() throws Exception {
    String base = Services.postgres();
    String schema = "cinerec_down_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      st.execute("DROP SCHEMA IF EXISTS " + schema + "_away CASCADE");
      st.execute("CREATE SCHEMA " + schema);
    }
    Path dir = Fixture.dir("down");
    Path model = Fixture.model(dir, "ease", "ease");
    try (CinerecServer server = CinerecServer.start(ServerConfig.of(List.of(model))
        .withStore(StoreUrl.parse(base + "&currentSchema=" + schema)).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withWatch(false), line -> { })) {
      Http http = new Http(server.url());
      String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
      String movie = Fixture.data().items().id(3);
      assertEquals(200, http.put("/api/v1/users/" + id + "/ratings/" + movie, "{\"rating\": 4}").status());
      JsonNode before = http.get("/api/v1/users/" + id + "/recommendations").json();

      try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
        st.execute("ALTER SCHEMA " + schema + " RENAME TO " + schema + "_away");
      }
      Http.Response health = http.get("/health");
      assertEquals(503, health.status(), health.text());
      assertEquals(before.get("recommendations"), http.get("/api/v1/users/" + id + "/recommendations").json()
          .get("recommendations"), "reads of a user held in memory go on");
      assertEquals(200, http.get("/api/v1/movies/" + movie + "/similar").status());
      Http.Response seeded = http.get("/api/v1/users/" + Fixture.data().users().id(2) + "/recommendations");
      assertEquals(200, seeded.status(), "dataset users were read into memory at start: " + seeded.text());
      Http.Response write = http.put("/api/v1/users/" + id + "/ratings/" + Fixture.data().items().id(9),
          "{\"rating\": 2}");
      UserRoutesTest.expect(503, "cannot take writes", write);
      assertEquals("5", write.header("Retry-After"));
      assertEquals(1, http.get("/api/v1/users/" + id + "/ratings").json().get("count").asInt());

      try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
        st.execute("ALTER SCHEMA " + schema + "_away RENAME TO " + schema);
      }
      assertEquals(200, http.get("/health").status());
      assertEquals(200, http.put("/api/v1/users/" + id + "/ratings/" + Fixture.data().items().id(9),
          "{\"rating\": 2}").status());
      assertEquals(2, http.get("/api/v1/users/" + id + "/ratings").json().get("count").asInt());
      String metrics = http.get("/metrics").text();
      assertTrue(metrics.contains("cinerec_store_write_failures_total 1.0"), metrics);
    } finally {
      try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        st.execute("DROP SCHEMA IF EXISTS " + schema + "_away CASCADE");
      }
    }
  }

  @Test
  void metricsCountRoutesFoldInsStoreWritesModelsAndTheJvm() {
    Path dir = Fixture.dir("metrics");
    Path model = Fixture.model(dir, "ease", "ease");
    try (CinerecServer server = Fixture.start(List.of(model), new Fixture.Log())) {
      Http http = new Http(server.url());
      String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
      http.put("/api/v1/users/" + id + "/ratings/" + Fixture.data().items().id(3), "{\"rating\": 4}");
      http.get("/api/v1/users/" + id + "/recommendations");
      http.get("/api/v1/users/" + id + "/recommendations");
      String m = http.get("/metrics").text();
      for (String want : List.of(
          "cinerec_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/users/{userId}/recommendations\","
              + "status=\"200\"} 2",
          "cinerec_http_requests_seconds_bucket{",
          "cinerec_foldins_total 1.0",
          "cinerec_store_writes_total 2.0",
          "cinerec_model_info{kind=\"ease\",model=\"ease\",version=\"",
          "cinerec_model_generation{model=\"ease\"} 1.0",
          "jvm_memory_used_bytes")) {
        assertTrue(m.contains(want), want + " in\n" + m);
      }
      JsonNode stats = http.get("/api/v1/stats").json();
      assertEquals(1, stats.get("foldIns").asInt(), stats.toString());
      boolean seen = false;
      for (JsonNode r : stats.get("requests")) {
        if (r.get("route").asText().equals("/api/v1/users/{userId}/recommendations")) {
          seen = true;
          assertEquals(2, r.get("count").asInt());
          assertTrue(r.get("p99Ms").asDouble() > 0, r.toString());
        }
      }
      assertTrue(seen, stats.toString());
    }
  }

  @Test
  void stopDrainsARequestInFlightThenClosesTheStore() throws Exception {
    Path dir = Fixture.dir("drain");
    Path model = Fixture.model(dir, "ease", "ease");
    Fixture.Log log = new Fixture.Log();
    CinerecServer server = Fixture.start(List.of(model), log);
    Http http = new Http(server.url());
    String id = http.post("/api/v1/users", "{}").json().get("userId").asText();
    String movie = Fixture.data().items().id(6);
    // a write whose body is not all there yet: in flight when the stop begins
    java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
    String head = "PUT /api/v1/users/" + id + "/ratings/" + movie + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"rating\"";
    s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.inFlight() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, server.inFlight());
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(20)));
    Thread.sleep(300);
    assertTrue(!stopping.isDone(), "the stop waits for the request in flight");
    s.getOutputStream().write(": 3.5}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    String answer = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    s.close();
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    stopping.get(30, TimeUnit.SECONDS);
    assertTrue(log.contains("the ratings store is closed"), log.toString());
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(dir.resolve("ratings.db").toString()))) {
      assertEquals(3.5f, store.ratings(id).get(0).rating());
    }
  }
}
