package org.cinerec.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static LoadResult run(TinyServer s, double rate, double warmup, double duration, int connections,
      RequestSource source, java.util.function.Supplier<ResponseCheck> checks) throws IOException {
    LoadSettings settings = LoadSettings.of(s.url(), rate, warmup, duration, connections);
    return new LoadGenerator(settings, source, checks).run(null, 0);
  }

  @Test
  void everyScheduledSlotIsSentOnceAndCountedAtTheRate() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.ok(out, "{}");
      return true;
    })) {
      long t = System.nanoTime();
      LoadResult r = run(s, 500, 0.2, 1.0, 4, i -> Request.get("/slot/" + i), null);
      double seconds = (System.nanoTime() - t) / 1e9;
      PhaseResult m = r.measure();
      assertEquals(500, m.slots());
      assertEquals(500, m.sent());
      assertEquals(500, m.completed());
      assertEquals(500, m.ok());
      assertEquals(0, m.failures());
      assertEquals(500, m.latency().getTotalCount());
      assertEquals(100, r.warmup().completed());
      assertEquals(java.util.Map.of(200, 500L), m.statusCounts());
      assertTrue(m.throughput() > 450 && m.throughput() <= 505, "throughput " + m.throughput());
      assertTrue(seconds >= 1.19 && seconds < 3, "a 1.2 s schedule took " + seconds + " s");
      assertEquals(4, r.connectionsOpened(), "one socket per connection, kept alive");
      Set<String> paths = new HashSet<>();
      s.requests.forEach(q -> paths.add(q.path()));
      assertEquals(600, s.requests.size());
      for (int i = 0; i < 600; i++) {
        assertTrue(paths.contains("/slot/" + i), "slot " + i + " was sent");
      }
      assertTrue(r.toJson("test").contains("\"completed\": 500"), r.toJson("test"));
    }
  }

  @Test
  void aServerStallShowsInTheLatencyOfEverySlotScheduledDuringIt() throws Exception {
    AtomicLong stallAt = new AtomicLong(Long.MAX_VALUE);
    try (TinyServer s = new TinyServer((q, out) -> {
      if (q.path().equals("/0")) {
        stallAt.set(System.nanoTime() + 800_000_000L);
      }
      // the whole server stops for 200 ms once, 0.8 s after the first request (a GC pause, a lock)
      long wait = stallAt.get() + 200_000_000L - System.nanoTime();
      if (System.nanoTime() >= stallAt.get() && wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      TinyServer.ok(out, "ok");
      return true;
    })) {
      LoadResult r = run(s, 1000, 0, 2.0, 4, i -> Request.get("/" + i), null);
      PhaseResult m = r.measure();
      assertEquals(2000, m.ok(), m.summary());
      // slots due during the stall wait for it: ~200 of them, the first ~100 by more than 100 ms
      long slow = m.latency().getCountBetweenValues(100_000, Long.MAX_VALUE);
      assertTrue(slow >= 80, slow + " slots over 100 ms: " + m.summary());
      assertTrue(m.latencyMs(99) >= 150, "p99 " + m.latencyMs(99) + " ms hides the 200 ms stall");
      assertTrue(m.maxMs() >= 190, "max " + m.maxMs());
      // what a closed-loop client would have seen: only the few requests in flight waited
      long slowService = m.serviceTime().getCountBetweenValues(100_000, Long.MAX_VALUE);
      assertTrue(slowService <= 8, slowService + " requests had a service time over 100 ms");
    }
  }

  @Test
  void nonSuccessStatusesAreCountedPerSlotAndPerCode() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      int i = Integer.parseInt(q.path().substring(1));
      TinyServer.respond(out, i % 10 == 0 ? 503 : i % 10 == 1 ? 404 : 200, "{}");
      return true;
    })) {
      LoadResult r = run(s, 400, 0, 1.0, 2, i -> Request.get("/" + i), null);
      PhaseResult m = r.measure();
      assertEquals(400, m.completed());
      assertEquals(80, m.non2xx());
      assertEquals(320, m.ok());
      assertEquals(java.util.Map.of(200, 320L, 404, 40L, 503, 40L), m.statusCounts());
      assertEquals(80, m.failures());
      assertEquals(400, m.latency().getTotalCount(), "non-2xx answers are latencies too");
    }
  }

  @Test
  void aChainStopsAtItsFirstFailureAndItsLatencyRunsToItsLastResponse() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      if (q.method().equals("PUT")) {
        int i = Integer.parseInt(q.path().substring(3));
        TinyServer.respond(out, i % 4 == 0 ? 500 : 204, "");
      } else {
        TinyServer.ok(out, "[]");
      }
      return true;
    })) {
      LoadResult r = run(s, 200, 0, 1.0, 2,
          i -> Request.json("PUT", "/r/" + i, "{\"rating\":4}").andThen(Request.get("/recs")), null);
      PhaseResult m = r.measure();
      assertEquals(200, m.completed());
      assertEquals(50, m.non2xx());
      assertEquals(java.util.Map.of(204, 150L, 500, 50L, 200, 150L), m.statusCounts());
      assertEquals(350, s.requests.size(), "no GET after a failed PUT");
    }
  }

  @Test
  void connectionErrorsAreCountedAndTheConnectionReopens() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      int i = Integer.parseInt(q.path().substring(1));
      if (i % 50 == 7) {
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        return false;
      }
      TinyServer.ok(out, "fine");
      return true;
    })) {
      LoadResult r = run(s, 300, 0, 1.0, 3, i -> Request.json("POST", "/" + i, "{}"), null);
      PhaseResult m = r.measure();
      assertEquals(6, m.errors(), m.summary());
      assertEquals(java.util.Map.of("io", 6L), m.errorKinds());
      assertEquals(294, m.ok());
      assertEquals(3 + 6, r.connectionsOpened());
      assertTrue(m.messages().get(0).contains("POST /"), m.messages().toString());
    }
  }

  @Test
  void aHeaderCheckSeesEachConnectionOnItsOwnAndStartsAgainOnANewOne() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      // per connection: 1, 2, 2, 10, then 9 (backwards) on the first connection only and 11 on the others,
      // then 12 with Connection: close; the next connection starts at 1 again, which is no failure
      int n = q.index();
      String version = switch (n) {
        case 0 -> "1";
        case 1, 2 -> "2";
        case 3 -> "10";
        case 4 -> q.connection() == 0 ? "9" : "11";
        default -> "12";
      };
      TinyServer.ok(out, "", "X-Model-Version: " + version, n == 5 ? "Connection: close" : "X-Keep: 1");
      return n != 5;
    })) {
      LoadResult r = run(s, 200, 0, 0.5, 1, i -> Request.get("/" + i),
          ResponseCheck.nonDecreasingHeader("X-Model-Version"));
      PhaseResult m = r.measure();
      assertEquals(100, m.ok());
      assertEquals(17, r.connectionsOpened(), "six requests per connection");
      assertEquals(1, m.checkFailures(), m.messages().toString());
      assertEquals(1, m.failures());
      assertTrue(m.messages().get(0).contains("10 then 9"), m.messages().toString());
    }
  }

  @Test
  void aServerThatIsNotThereFailsTheRunAtOnceNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    LoadSettings settings = LoadSettings.of("http://127.0.0.1:" + port, 100, 0, 1, 2);
    IOException e = assertThrows(IOException.class,
        () -> new LoadGenerator(settings, i -> Request.get("/"), null).run(null, 0));
    assertTrue(e.getMessage().contains("--url http://127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void badSettingsNameTheirFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadSettings.of("http://h:1", 0, 0, 1, 1))
        .getMessage().contains("--rate"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadSettings.of("https://h:1", 1, 0, 1, 1))
        .getMessage().contains("--url"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadSettings.of("http://h:1", 1, 0, 1, 0))
        .getMessage().contains("--connections"));
  }

  @Test
  void versionsCompareAsNumbersWhenTheyAreNumbers() {
    assertTrue(ResponseCheck.compareVersions("10", "9") > 0);
    assertTrue(ResponseCheck.compareVersions("009", "10") < 0);
    assertEquals(0, ResponseCheck.compareVersions("7", "007"));
    assertTrue(ResponseCheck.compareVersions("b", "a") > 0);
  }
}
