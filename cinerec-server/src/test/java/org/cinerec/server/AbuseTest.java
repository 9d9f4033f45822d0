package org.cinerec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service stays up under abuse: a corpus of bad requests, written by hand on real sockets to a real
 * server (so nothing is tidied by a client library), gets a 4xx with a JSON error, never a 5xx: wrong methods
 * on every route, huge and deep JSON, wrong types, unicode oddities (overlong UTF-8, lone surrogates, NUL,
 * right-to-left marks) in paths, parameters and bodies, path tricks, header floods, request smuggling shapes,
 * and slow clients (headers dribbled a byte at a time, a body sent slowly, a client that never reads its
 * answer, idle connections). Past the concurrency bound the answer is 503. Afterwards the JVM's thread count
 * and open file descriptors ({@code /proc/self/fd}) are back to what they were before the corpus.
 *
 * <p>The server runs with short timeouts (2 s) so the slow clients take seconds, not minutes; the defaults
 * are in docs/reliability.md, which {@link #theBoundsInTheDocsAreTheCodes} checks against the code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final ServerConfig.Limits LIMITS = new ServerConfig.Limits(64 * 1024, 8, Duration.ofMillis(100), 32,
      TIMEOUT, 48, Duration.ofSeconds(2), 1_000, TIMEOUT);
  static CinerecServer server;
  static String host;
  static String viewer;
  static String movie;
  static int threadsBefore;
  static int fdsBefore;
  static List<String> fdTargetsBefore;
  static final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  static int requests;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Fixture.dir("abuse");
    server = CinerecServer.start(ServerConfig.of(List.of(Fixture.model(dir, "mf", "mf"))).withStore(
        org.cinerec.server.store.StoreUrl.parse(dir.resolve("s.db").toString())).withAddress("127.0.0.1", 0)
        .withData(Fixture.data(), "tiny").withLimits(LIMITS).withWatch(false), line -> { });
    host = "127.0.0.1:" + server.port();
    movie = Fixture.data().items().id(3);
    viewer = newUser(); // deleted by the warm-up's DELETE /api/v1/users/{userId}
    // warm: every route once, an error of each kind once, so that classes and jars are loaded before counting
    for (String route : server.routes()) {
      send(request(route.substring(0, route.indexOf(' ')), path(route.substring(route.indexOf(' ') + 1)),
          route.startsWith("GET") ? null : "{}"));
    }
    send(request("PATCH", "/api/v1/models", null));
    send(raw("GET /%00 HTTP/1.1\r\nHost: " + host + "\r\n\r\n"));
    send(request("PUT", "/api/v1/users/" + viewer + "/ratings/" + movie, "x".repeat(70_000)));
    viewer = newUser();
    settle(Duration.ofSeconds(5), 0, 0);
    threadsBefore = threads();
    fdsBefore = fds();
    fdTargetsBefore = fdTargets();
  }

  static String newUser() {
    Answer created = send(request("POST", "/api/v1/users", "{}"));
    assertEquals(201, created.status, created.toString());
    return created.body.replaceAll("(?s).*\"userId\":\"([^\"]+)\".*", "$1");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A route's path with its parameters filled in with real ids. */
  static String path(String route) {
    return route.replace("{userId}", viewer).replace("{movieId}", movie).replace("{name}", "mf")
        .replace("{genre}", "Drama").replace("{file}", "app.js").replace("*", "x");
  }

  @Test
  @Order(1)
  void wrongMethodsOnEveryRoute() {
    Set<String> registered = Set.copyOf(server.routes());
    for (String route : registered) {
      String p = route.substring(route.indexOf(' ') + 1);
      for (String m : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO",
          "get", "PROPFIND")) {
        if (!registered.contains(m + " " + p)) {
          expect4xx(m + " " + p, request(m, path(p), m.equals("GET") ? null : "{}"));
        }
      }
    }
  }

  @Test
  @Order(2)
  void hugeDeepAndWrongJsonBodies() {
    String rating = "/api/v1/users/" + viewer + "/ratings/" + movie;
    List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "\"5\"", "5", "{", "}", "{\"rating\":}",
        "{\"rating\":\"5\"}", "{\"rating\":true}", "{\"rating\":[5]}", "{\"rating\":{}}", "{\"rating\":null}",
        "{\"rating\":1e400}", "{\"rating\":-1e400}", "{\"rating\":NaN}", "{\"rating\":Infinity}",
        "{\"rating\":0x10}", "{\"rating\":9}", "{\"rating\":-3}", "{\"rating\":4}{\"rating\":4}",
        "{\"rating\":4,\"extra\":1}", "{\"Rating\":4}", "{\"rating\":4,}", "{'rating':4}", "{rating:4}",
        "{\"rating\":4 /* c */}", "{\"rating\":1" + "0".repeat(5000) + "}", "{\"rating\":0." + "1".repeat(30000) + "}",
        "{\"rating\":\"" + "\\u0000".repeat(10) + "\"}", "{\"rating\":\"\\ud800\"}", "{\"\\u202e\":4}",
        "{\"rating\":\"\u202e4\"}", "{\"ra\u0000ting\":4}", "\ufeff{\"rating\":4, \"x\":1}",
        "[".repeat(60_000), "[".repeat(60_000) + "]".repeat(60_000), "{\"a\":".repeat(10_000) + "1"
            + "}".repeat(10_000), "{\"rating\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
        "{\"" + "k".repeat(60_000) + "\":1}"));
    for (String b : bodies) {
      expect4xx("PUT rating " + clip(b), request("PUT", rating, b));
    }
    List<String> anonymous = List.of("{\"ratings\":\"x\"}", "{\"ratings\":[{\"movieId\":[],\"rating\":4}]}",
        "{\"ratings\":[{\"movieId\":\"" + movie + "\",\"rating\":\"4\"}]}", "{\"k\":-1}", "{\"k\":1e9}",
        "{\"k\":\"10\"}", "{\"genres\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"ratings\":[" + ("{\"movieId\":\""
            + movie + "\",\"rating\":4},").repeat(1500) + "{}]}", "{\"ratings\":[null]}", "{\"offset\":-5}",
        "{\"ratings\":[{\"movieId\":\"" + movie + "\",\"rating\":4, \"x\":1}]}");
    for (String b : anonymous) {
      expect4xx("POST recommendations " + clip(b), request("POST", "/api/v1/recommendations", b));
    }
    // a movie the model does not know is left out of an anonymous history (the answer's notes say so)
    for (String id : List.of("\\u0000", "\\udfff", "\u202e1", "../1")) {
      expectNot5xx("POST recommendations of movie " + id, request("POST", "/api/v1/recommendations",
          "{\"ratings\":[{\"movieId\":\"" + id + "\",\"rating\":4}]}"));
    }
    for (String b : List.of("{\"models\":\"mf\"}", "{\"models\":[\"../../etc/passwd\"]}", "{\"models\":[1]}",
        "{\"models\":[\"\\u0000\"]}", "x")) {
      expect4xx("POST reload " + clip(b), request("POST", "/api/v1/admin/reload", b));
    }
    expect4xx("POST users with a body", request("POST", "/api/v1/users", "{\"userId\":\"1\"}"));
    expectNot5xx("PUT dismissal with a body it does not read", request("PUT", "/api/v1/users/" + viewer + "/dismissals/" + movie,
        "{\"x\":1}"));
    // larger than the bound: declared, chunked, 100k nested arrays, a lie of a length
    byte[] big = "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    expect4xx("100k nested arrays", request("POST", "/api/v1/recommendations", new String(big,
        StandardCharsets.US_ASCII)));
    expect4xx("1 MB declared", request("PUT", rating, "{\"rating\":\"" + "x".repeat(1 << 20) + "\"}"));
    expect4xx("chunked 200 KB", chunked("PUT", rating, "{\"rating\":\"" + "x".repeat(200_000) + "\"}"));
    expect4xx("Content-Length 2 GB", raw("PUT " + rating + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: "
        + "application/json\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n{\"rating\":4}"));
    expect4xx("a body as text/plain", raw("PUT " + rating + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: "
        + "text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"rating\":4}"));
    expect4xx("UTF-16 body", rawBytes(("PUT " + rating + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: "
        + "application/json; charset=utf-16\r\nContent-Length: 26\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII), "{\"rating\":4}".getBytes(StandardCharsets.UTF_16BE)));
    for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {0})) {
      byte[] body = concat("{\"rating\":\"".getBytes(StandardCharsets.US_ASCII), bad,
          "\"}".getBytes(StandardCharsets.US_ASCII));
      expect4xx("invalid UTF-8 in a body " + java.util.HexFormat.of().formatHex(bad), rawBytes(("PUT " + rating
          + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body));
    }
  }

  @Test
  @Order(3)
  void unicodeOdditiesAndPathTricks() {
    List<String> odd = List.of("%C0%AF", "%E0%80%AF", "%ED%A0%80", "%ED%BF%BF", "%00", "%E2%80%AE", "%E2%80%8F",
        "%EF%BB%BF", "%FF", "%F4%90%80%80", "%F0%9F%8E%AC", "%C0%80", "%", "%%", "%zz", "%2", "%u202e", "\u202e1");
    for (String o : odd) {
      expect4xx("user id " + o, request("GET", "/api/v1/users/" + o + "/recommendations", null));
      expect4xx("movie id " + o, request("GET", "/api/v1/movies/" + o + "/similar", null));
      expect4xx("rating of movie " + o, request("PUT", "/api/v1/users/" + viewer + "/ratings/" + o, "{\"rating\":4}"));
      expect4xx("query value " + o, request("GET", "/api/v1/users/" + viewer + "/recommendations?k=" + o, null));
      expect4xx("query name " + o, request("GET", "/api/v1/movies/popular?" + o + "=1", null));
      expect4xx("search " + o, request("GET", "/api/v1/movies/search?q=" + o + "&k=-1", null));
      expect4xx("genre " + o, request("GET", "/api/v1/genres/" + o + "/top", null));
      expect4xx("asset " + o, request("GET", "/assets/" + o, null));
    }
    for (byte[] raw : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF}, new byte[] {0},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\u202e".getBytes(StandardCharsets.UTF_8),
        new byte[] {0x7F}, new byte[] {0x1B, '[', '2', 'J'})) {
      byte[] line = concat("GET /api/v1/users/".getBytes(StandardCharsets.US_ASCII), raw,
          ("/recommendations HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      expect4xxOrClosed("raw bytes in the path " + java.util.HexFormat.of().formatHex(raw), line);
      // bytes 0x80-0xFF in a header value are obs-text, which HTTP allows (an unknown header is ignored)
      byte[] header = concat(("GET /api/v1/models HTTP/1.1\r\nHost: " + host + "\r\nX-Odd: a")
          .getBytes(StandardCharsets.US_ASCII), raw, "b\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      if ((raw[0] & 0x80) != 0) {
        expectNot5xx("raw bytes in a header " + java.util.HexFormat.of().formatHex(raw), header);
      } else {
        expect4xxOrClosed("raw bytes in a header " + java.util.HexFormat.of().formatHex(raw), header);
      }
    }
    List<String> tricks = List.of("/assets/../../pom.xml", "/assets/..%2f..%2fpom.xml", "/assets/%2e%2e/%2e%2e/pom.xml",
        "/assets/%252e%252e%252fpom.xml", "/assets/..\\..\\pom.xml", "/assets/.%2e/.%2e/pom.xml",
        "/posters/..%2f..%2f..%2fetc%2fpasswd", "/posters/%2e%2e/%2e%2e/etc/passwd", "/api/v1/users/..%2f..%2fmodels",
        "/api/v1/users/%2e%2e/recommendations", "/api/v1/users/" + viewer + "%2fratings", "/api/v1/movies/%252F/similar",
        "/api/v1/models/mf;jsessionid=1/../x", "/api/v1/../../../etc/passwd", "/..", "/.%00./", "/api/v1/models/mf%00",
        "/api/v1/models/" + "a".repeat(6000), "/" + "a/".repeat(3000), "/api/v1/users/" + "%2e%2e/".repeat(300),
        "/api/v1/movies/search?q=" + "x".repeat(6000), "/api/v1/movies/search?" + "a=1&".repeat(1500),
        "/api/v1/movies/search?q=a&q=b", "/api/v1/models?=",
        "/api/v1/users/" + viewer + "/recommendations?k=99999999999999999999",
        "/api/v1/users/" + viewer + "/recommendations?diversity=NaN", "/api/v1/users/" + viewer
            + "/recommendations?exclude=" + "1,".repeat(1500), "http://evil.example/api/v1/models",
        "*", "api/v1/models", "/api/v1/MODELS");
    for (String t : tricks) {
      Answer a = send(raw("GET " + t + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"));
      check4xx("path " + clip(t), a, false);
      if (a.body.contains("<project") || a.body.contains("root:")) {
        failures.add("path " + clip(t) + " served a file from outside: " + clip(a.body));
      }
    }
    // what HTTP lets a server read leniently: an empty query, a fragment
    for (String t : List.of("/api/v1/models?", "/api/v1/models?&&&", "/api/v1/models#x")) {
      expectNot5xx("path " + t, raw("GET " + t + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"));
    }
  }

  @Test
  @Order(4)
  void headerFloodsAndMalformedFraming() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    List<String[]> cases = List.of(
        new String[] {"2000 headers", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\n" + many + "Connection: close\r\n\r\n"},
        new String[] {"a 100 KB header", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nX-Big: " + "v".repeat(100_000)
            + "\r\nConnection: close\r\n\r\n"},
        new String[] {"a 9 KB cookie", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nCookie: " + "a=b; ".repeat(1800)
            + "\r\nConnection: close\r\n\r\n"},
        new String[] {"a 10 KB header name", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\n" + "X".repeat(10_000)
            + ": v\r\nConnection: close\r\n\r\n"},
        new String[] {"two Hosts", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nHost: evil.example\r\n"
            + "Connection: close\r\n\r\n"},
        new String[] {"no Host", "GET /api/v1/models HTTP/1.1\r\nConnection: close\r\n\r\n"},
        new String[] {"an empty Host", "GET /api/v1/models HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n"},
        new String[] {"a folded header", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nX-A: a\r\n b\r\n"
            + "Connection: close\r\n\r\n"},
        new String[] {"a header without a colon", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nNoColon\r\n"
            + "Connection: close\r\n\r\n"},
        new String[] {"a space before the colon", "GET /api/v1/models HTTP/1.1\r\nHost : H\r\nConnection: close\r\n\r\n"},
        new String[] {"Content-Length and chunked", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "2\r\n{}\r\n0\r\n\r\n"},
        new String[] {"two Content-Lengths", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{}"},
        new String[] {"a negative Content-Length", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nContent-Length: -2\r\nConnection: close\r\n\r\n{}"},
        new String[] {"a 30-digit Content-Length", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nContent-Length: 999999999999999999999999999999\r\nConnection: close\r\n\r\n{}"},
        new String[] {"a bad chunk size", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"},
        new String[] {"a huge chunk size", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFF\r\n{}"},
        new String[] {"Transfer-Encoding gzip", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}"},
        new String[] {"Content-Encoding gzip, not gzip", "POST /api/v1/users HTTP/1.1\r\nHost: H\r\nContent-Type: "
            + "application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"},
        new String[] {"Expect: 100-continue, then nothing", "PUT /api/v1/users/V/ratings/M HTTP/1.1\r\nHost: H\r\n"
            + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"},
        new String[] {"an unknown Expect", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nExpect: 200-ok\r\n"
            + "Connection: close\r\n\r\n"},
        new String[] {"HTTP/1.7", "GET /api/v1/models HTTP/1.7\r\nHost: H\r\nConnection: close\r\n\r\n"},
        new String[] {"a bare LF request", "GET /api/v1/models HTTP/1.1\nHost: H\nX-A: a\rb\nConnection: close\n\n"},
        new String[] {"an Upgrade to websocket", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"},
        new String[] {"a 8,500-byte request line", "GET /api/v1/models?" + "a".repeat(8_500) + " HTTP/1.1\r\n"
            + "Host: H\r\nConnection: close\r\n\r\n"},
        new String[] {"a 70 KB request line", "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: H\r\n\r\n"});
    for (String[] c : cases) {
      expect4xxOrClosed(c[0], c[1].replace("Host: H", "Host: " + host).replace("/V/", "/" + viewer + "/")
          .replace("/M ", "/" + movie + " ").getBytes(StandardCharsets.ISO_8859_1));
    }
    // read leniently, as HTTP allows: a lower-case version, extra spaces, an upgrade the server ignores
    for (String[] c : List.of(
        new String[] {"a lower-case version", "GET /api/v1/models http/1.1\r\nHost: H\r\nConnection: close\r\n\r\n"},
        new String[] {"two spaces", "GET  /api/v1/models  HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n"},
        new String[] {"an Upgrade to h2c", "GET /api/v1/models HTTP/1.1\r\nHost: H\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: Upgrade, HTTP2-Settings, close\r\n\r\n"})) {
      expectNot5xx(c[0], c[1].replace("Host: H", "Host: " + host).getBytes(StandardCharsets.ISO_8859_1));
    }
    // not HTTP/1 (Jetty answers the HTTP/2 preface with a bare 426)
    Answer h2 = send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (h2.status >= 500 || (h2.status >= 0 && h2.status < 400)) {
      failures.add("the HTTP/2 preface in clear: " + h2);
    }
    // garbage that is not HTTP: TLS's first bytes, an HTTP/0.9 line, nothing but line ends, a NUL flood
    for (byte[] g : List.of(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03},
        "GET /\r\n".getBytes(StandardCharsets.US_ASCII), "\r\n".repeat(5000).getBytes(StandardCharsets.US_ASCII),
        new byte[20_000])) {
      expect4xxOrClosed("garbage " + g.length + " bytes", g);
    }
  }

  @Test
  @Order(5)
  void slowClientsHoldNothingAndPastTheBoundTheAnswerIs503() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      long slack = TIMEOUT.toMillis() * 2 + 2_000; // the read timeout, one idle timeout, the sweep and a loaded CI
      // slowloris: a header byte every 300 ms (each within the idle timeout) for up to 20 s
      List<Future<Long>> lorises = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lorises.add(pool.submit(() -> dribbleHeaders(20_000)));
      }
      // slow bodies: a byte every 300 ms; eight of them hold every slot
      List<Future<Answer>> slowBodies = new ArrayList<>();
      for (int i = 0; i < LIMITS.maxConcurrent(); i++) {
        slowBodies.add(pool.submit(() -> slowBody(20_000)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.inFlight() < LIMITS.maxConcurrent() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (server.inFlight() < LIMITS.maxConcurrent()) {
        failures.add("the slow bodies held " + server.inFlight() + " of " + LIMITS.maxConcurrent() + " slots");
      }
      Answer busy = send(request("GET", "/api/v1/models", null));
      if (busy.status != 503) {
        failures.add("every slot held by a slow body, yet GET /api/v1/models answered " + busy);
      }
      if (busy.status == 503 && !busy.head.toLowerCase(Locale.ROOT).contains("retry-after: ")) {
        failures.add("503 without Retry-After: " + busy);
      }
      Answer live = send(request("GET", "/health/live", null));
      if (live.status != 200) {
        failures.add("liveness while every slot is held: " + live);
      }
      // a client that never reads: 300 pipelined requests for the OpenAPI document into a small window
      Future<Long> neverReads = pool.submit(AbuseTest::neverReads);
      // idle connections that say nothing
      List<Socket> idle = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        idle.add(s);
      }
      for (Future<Long> f : lorises) {
        long held = f.get(60, TimeUnit.SECONDS);
        if (held > TIMEOUT.toMillis() + slack) {
          failures.add("a slowloris kept its connection " + held + " ms (read timeout " + TIMEOUT.toMillis() + " ms)");
        }
      }
      for (Future<Answer> f : slowBodies) {
        Answer a = f.get(60, TimeUnit.SECONDS);
        if (a.status != 408 && a.status != -1) {
          failures.add("a slow body: " + a);
        }
        if (a.millis > TIMEOUT.toMillis() + slack) {
          failures.add("a slow body held its request " + a.millis + " ms (read timeout " + TIMEOUT.toMillis() + " ms)");
        }
      }
      long reset = neverReads.get(60, TimeUnit.SECONDS);
      if (reset > TIMEOUT.toMillis() + slack + 5_000) {
        failures.add("a client that never reads kept its connection " + reset + " ms");
      }
      for (Socket s : idle) {
        s.setSoTimeout(15_000);
        long t0 = System.nanoTime();
        try {
          if (s.getInputStream().read() >= 0) {
            failures.add("an idle connection was sent bytes unasked");
          }
        } catch (SocketTimeoutException e) {
          failures.add("an idle connection was still open after 15 s (idle timeout " + TIMEOUT.toMillis() + " ms)");
        } catch (IOException e) {
          // reset: closed
        }
        s.close();
        assertTrue((System.nanoTime() - t0) < TimeUnit.SECONDS.toNanos(16));
      }
      assertEquals(200, send(request("GET", "/api/v1/models", null)).status, "the server answers after the slow clients");
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(6)
  void neverA5xxAndNoThreadOrDescriptorLeft() throws Exception {
    settle(Duration.ofSeconds(20), threadsBefore, fdsBefore);
    int threads = threads();
    int fds = fds();
    System.out.printf(Locale.ROOT, "abuse: %d bad requests and 4 slowloris, %d slow bodies, 1 non-reader, 50 idle "
        + "connections; threads %d -> %d, file descriptors %d -> %d; failures %d%n", requests, LIMITS.maxConcurrent(),
        threadsBefore, threads, fdsBefore, fds, failures.size());
    assertTrue(failures.isEmpty(), () -> failures.size() + " failures:\n" + String.join("\n",
        failures.subList(0, Math.min(60, failures.size()))));
    assertTrue(threads <= threadsBefore, "threads " + threadsBefore + " before the corpus, " + threads + " after:\n"
        + threadNames());
    // the count is the process's: other tests of this JVM may still open and close things (a connection pool's
    // socket to PostgreSQL, a jar opened on a first class load); what counts is what this server holds
    List<String> grown = grown(fdTargetsBefore, fdTargets());
    List<String> held = grown.stream().filter(t -> !notThisServers(t)).toList();
    assertTrue(fds <= fdsBefore || held.isEmpty(), "open file descriptors " + fdsBefore + " before the corpus, " + fds
        + " after; new: " + describe(grown));
    assertEquals(0, server.inFlight());
  }

  /** The bounds table of docs/reliability.md says what {@link ServerConfig.Limits#DEFAULT} and the server do. */
  @Test
  void theBoundsInTheDocsAreTheCodes() throws IOException {
    Path doc = Path.of("..", "docs", "reliability.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    ServerConfig.Limits d = ServerConfig.Limits.DEFAULT;
    for (String row : List.of(
        "| request body | " + d.maxRequestBytes() / 1024 + " KiB |",
        "| request line and headers | " + CinerecServer.MAX_HEADER_BYTES / 1024 + " KiB |",
        "| requests handled at once | " + d.maxConcurrent() + " |",
        "| wait for a free slot | " + d.queueWait().toMillis() + " ms |",
        "| rating writes waiting for the store | " + d.maxWritesWaiting() + " |",
        "| server threads | " + d.maxThreads() + " |",
        "| idle timeout | " + d.idleTimeout().toSeconds() + " s |",
        "| read timeout | " + d.readTimeout().toSeconds() + " s |")) {
      assertTrue(text.contains(row), doc + " should hold the row " + row);
    }
  }

  // ---- the client: requests written by hand on sockets -----------------------------------------------------

  /** An answer: status (-1 when the server closed without one, -2 when none came in time), head, body. */
  record Answer(int status, String head, String body, long millis) {
    @Override
    public String toString() {
      return (status == -1 ? "closed without an answer" : status == -2 ? "no answer in time" : status + " " + clip(body))
          + " after " + millis + " ms";
    }
  }

  static byte[] request(String method, String path, String body) {
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
    if (body == null) {
      return (head + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat((head + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8), b);
  }

  static byte[] chunked(String method, String path, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Type: "
        + "application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int at = 0; at < b.length; at += 4096) {
      int n = Math.min(4096, b.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] rawBytes(byte[] head, byte[] body) {
    return concat(head, body);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Sends the bytes (a write the server cuts short is fine), reads the whole answer until the server closes. */
  static Answer send(byte[] request) {
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(15_000);
      try {
        OutputStream out = s.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server refused early and closed; its answer may still be readable
      }
      return read(s.getInputStream(), t0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Answer read(InputStream in, long t0) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int status = -1;
    try {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      status = -2;
    } catch (IOException e) {
      // a reset after (or instead of) the answer
    }
    String text = got.toString(StandardCharsets.ISO_8859_1);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) { // 100 Continue: the answer follows
      int skip = text.indexOf("\r\n\r\n") + 4;
      text = text.substring(skip);
      byte[] rest = java.util.Arrays.copyOfRange(got.toByteArray(), skip, got.size());
      got.reset();
      got.writeBytes(rest);
    }
    if (text.startsWith("HTTP/1.") && text.length() >= 12) {
      status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : new String(got.toByteArray(), split + 4, got.size() - split - 4,
          StandardCharsets.UTF_8);
      return new Answer(status, head, body, ms);
    }
    return new Answer(status, "", text, ms);
  }

  static void expect4xx(String what, byte[] request) {
    check4xx(what, send(request), false);
  }

  /** For what HTTP allows a server to read leniently: a 2xx, or a 4xx with a JSON message; never a 5xx. */
  static void expectNot5xx(String what, byte[] request) {
    Answer a = send(request);
    if (a.status >= 200 && a.status < 300) {
      synchronized (AbuseTest.class) {
        requests++;
      }
      return;
    }
    check4xx(what, a, false);
  }

  /** For what is not HTTP enough to answer: a 4xx, or the connection closed without an answer. */
  static void expect4xxOrClosed(String what, byte[] request) {
    check4xx(what, send(request), true);
  }

  static synchronized void check4xx(String what, Answer a, boolean closedIsFine) {
    requests++;
    if (a.status == -1 && closedIsFine) {
      return;
    }
    if (a.status < 400 || a.status >= 500) {
      failures.add(what + ": " + a);
      return;
    }
    String type = a.head.toLowerCase(Locale.ROOT);
    if (!type.contains("content-type: application/json") || !a.body.contains("\"message\"")) {
      failures.add(what + ": a " + a.status + " without a JSON message: " + clip(a.head.replace("\r\n", " | "))
          + " || " + clip(a.body));
    }
  }

  static String clip(String s) {
    String c = s.length() > 100 ? s.substring(0, 100) + "...(" + s.length() + " chars)" : s;
    return c.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
  }

  /** Sends a request's headers a byte every 300 ms; returns how long the server kept the connection. */
  static long dribbleHeaders(long maxMillis) throws IOException {
    byte[] head = ("GET /api/v1/models HTTP/1.1\r\nHost: " + host + "\r\n" + "X-Slow: abcdefghij\r\n".repeat(200))
        .getBytes(StandardCharsets.US_ASCII);
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(300);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < head.length && (System.nanoTime() - t0) / 1_000_000 < maxMillis; i++) {
        out.write(head[i]);
        out.flush();
        try {
          if (in.read() < 0) {
            break; // closed by the server
          }
          break; // an answer (a 408 is fine)
        } catch (SocketTimeoutException e) {
          // still open: the next byte
        }
      }
    } catch (IOException e) {
      // reset by the server: closed
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** A rating write whose 13-byte body comes a byte every 300 ms. */
  static Answer slowBody(long maxMillis) throws IOException {
    byte[] body = "{\"rating\": 4}".getBytes(StandardCharsets.US_ASCII);
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(300);
      OutputStream out = s.getOutputStream();
      out.write(("PUT /api/v1/users/" + viewer + "/ratings/" + movie + " HTTP/1.1\r\nHost: " + host
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length * 100) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      for (int i = 0; (System.nanoTime() - t0) / 1_000_000 < maxMillis; i++) {
        try {
          out.write(body[i % body.length]);
          out.flush();
        } catch (IOException e) {
          break;
        }
        try {
          int b = in.read();
          if (b < 0) {
            return new Answer(-1, "", "", (System.nanoTime() - t0) / 1_000_000);
          }
          s.setSoTimeout(5_000);
          return read(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) b}), in), t0);
        } catch (SocketTimeoutException e) {
          // nothing yet: the next byte
        }
      }
      return new Answer(-2, "", "", (System.nanoTime() - t0) / 1_000_000);
    } catch (IOException e) {
      return new Answer(-1, "", e.toString(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Pipelines requests for a large answer into a 4 KB receive window and never reads; how long until closed. */
  static long neverReads() throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      OutputStream out = s.getOutputStream();
      byte[] one = ("GET /api/v1/openapi.json HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 300; i++) {
          out.write(one);
        }
        out.flush();
        // the server stops reading once its answers fill the window; the idle timeout then closes the
        // connection: writing more finds it closed
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < giveUp) {
          Thread.sleep(250);
          out.write(one);
          out.flush();
        }
      } catch (IOException e) {
        return (System.nanoTime() - t0) / 1_000_000;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  // ---- what the process holds -------------------------------------------------------------------------------

  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static int fds() {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.count() - 1; // less the listing's own
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What each open file descriptor of this process points at ({@code socket:[123]}, a path, {@code pipe:[4]}). */
  static List<String> fdTargets() {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : s.toList()) {
        try {
          out.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException gone) {
          // closed meanwhile (the listing's own among them)
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /** The targets in {@code after} beyond those in {@code before} (as multisets). */
  static List<String> grown(List<String> before, List<String> after) {
    List<String> left = new ArrayList<>(after);
    for (String t : before) {
      left.remove(t);
    }
    return left;
  }

  /**
   * A descriptor this server cannot be holding: a jar or a JDK file (opened once, on a first class load), or
   * a TCP socket whose ports do not include the server's (another test's connection, e.g. to PostgreSQL).
   */
  static boolean notThisServers(String target) {
    if (target.endsWith(".jar") || target.startsWith(System.getProperty("java.home"))) {
      return true;
    }
    if (!target.startsWith("socket:[")) {
      return false;
    }
    String ports = socketPorts().get(target.substring("socket:[".length(), target.length() - 1));
    return ports != null && !List.of(ports.split(":")).contains(Integer.toString(server.port()));
  }

  /** inode -> "localPort:remotePort" of every TCP socket of this machine (/proc/net/tcp and tcp6). */
  static java.util.Map<String, String> socketPorts() {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].contains(":")) {
            int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
            out.put(f[9], local + ":" + remote);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such table here: every socket then counts
      }
    }
    return out;
  }

  static String describe(List<String> targets) {
    java.util.Map<String, String> ports = socketPorts();
    return targets.stream().map(t -> t.startsWith("socket:[")
        ? t + " (ports " + ports.getOrDefault(t.substring(8, t.length() - 1), "?") + ")" : t).toList().toString();
  }

  static String threadNames() {
    List<String> names = new ArrayList<>();
    for (var e : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] st = e.getValue();
      names.add(e.getKey().getName() + (e.getKey().isDaemon() ? " (daemon)" : "") + (st.length == 0 ? ""
          : " at " + st[Math.min(st.length - 1, 3)]));
    }
    Collections.sort(names);
    return String.join("\n", names);
  }

  /** Waits (up to {@code max}) until threads and descriptors are down to the given counts (0: for quiet). */
  static void settle(Duration max, int threads, int fds) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    int lastT = -1;
    int lastF = -1;
    while (System.nanoTime() < deadline) {
      System.gc(); // closes what only a finalizer or cleaner would
      int t = threads();
      int f = fds();
      if (threads > 0 ? t <= threads && f <= fds : t == lastT && f == lastF) {
        return;
      }
      lastT = t;
      lastF = f;
      Thread.sleep(500);
    }
  }
}
