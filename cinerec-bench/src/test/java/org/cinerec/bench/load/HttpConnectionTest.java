package org.cinerec.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

  private static HttpConnection connect(TinyServer s) {
    return new HttpConnection(new InetSocketAddress("127.0.0.1", s.port()), "127.0.0.1:" + s.port(), 5000);
  }

  /** Writes {@code text} in pieces of {@code piece} bytes with a flush and a pause between them. */
  private static void dribble(OutputStream out, String text, int piece) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i += piece) {
      out.write(b, i, Math.min(piece, b.length - i));
      out.flush();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
  }

  @Test
  void contentLengthBodiesAreReadExactlyAndTheConnectionIsKeptAlive() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.ok(out, "body of " + q.path() + " é", "X-Model-Version: 7", "Content-Type: text/plain");
      return true;
    }); HttpConnection c = connect(s)) {
      for (int i = 0; i < 5; i++) {
        Response r = c.exchange(Request.get("/a/" + i));
        assertEquals(200, r.status());
        assertEquals("body of /a/" + i + " é", r.bodyText());
        assertEquals("7", r.header("x-model-version"));
        assertEquals("text/plain", r.header("CONTENT-TYPE"));
        assertNull(r.header("X-Missing"));
      }
      assertEquals(1, s.connections(), "five requests on one kept-alive connection");
      assertEquals("127.0.0.1:" + s.port(), s.requests.get(0).header("Host"));
    }
  }

  @Test
  void chunkedBodiesWithExtensionsAndTrailersAreReassembledEvenWhenTheyArriveInPieces() throws Exception {
    String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
        + "5\r\nhello\r\n" + "1;name=value\r\n,\r\n" + "0007\r\n world!\r\n" + "A\r\n0123456789\r\n"
        + "0\r\nX-Trailer: t\r\n\r\n";
    try (TinyServer s = new TinyServer((q, out) -> {
      dribble(out, wire, q.path().equals("/small") ? 3 : wire.length());
      return true;
    }); HttpConnection c = connect(s)) {
      for (String path : new String[] {"/small", "/whole", "/small"}) {
        Response r = c.exchange(Request.get(path));
        assertEquals(200, r.status());
        assertEquals("hello, world!0123456789", r.bodyText(), path);
        assertEquals("1", r.header("X-A"));
      }
      assertEquals(1, s.connections(), "chunked responses keep the connection");
    }
  }

  @Test
  void largeBodiesGrowTheBuffers() throws Exception {
    String big = "x".repeat(200_000);
    try (TinyServer s = new TinyServer((q, out) -> {
      if (q.path().equals("/chunked")) {
        dribble(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n", 50_000);
      } else {
        TinyServer.ok(out, q.body().toUpperCase(java.util.Locale.ROOT));
      }
      return true;
    }); HttpConnection c = connect(s)) {
      assertEquals(big, c.exchange(Request.get("/chunked")).bodyText());
      Response r = c.exchange(Request.json("POST", "/echo", "{\"a\":\"" + big + "\"}"));
      assertEquals("{\"A\":\"" + big.toUpperCase(java.util.Locale.ROOT) + "\"}", r.bodyText());
    }
  }

  @Test
  void responsesWithoutBodiesAndInterimResponsesAreFramedCorrectly() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      String wire = switch (q.path()) {
        case "/204" -> "HTTP/1.1 204 No Content\r\nX-A: a\r\n\r\n";
        case "/head" -> "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
        case "/continue" -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        case "/lf" -> "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc";
        case "/repeated" -> "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nhi";
        default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      };
      out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return true;
    }); HttpConnection c = connect(s)) {
      assertEquals(204, c.exchange(Request.get("/204")).status());
      Response head = c.exchange(new Request("HEAD", "/head", null, null, null));
      assertEquals(200, head.status());
      assertEquals(0, head.bodyLength());
      Response cont = c.exchange(Request.get("/continue"));
      assertEquals(201, cont.status());
      assertEquals("ok", cont.bodyText());
      assertEquals("abc", c.exchange(Request.get("/lf")).bodyText());
      assertEquals("hi", c.exchange(Request.get("/repeated")).bodyText());
      Response missing = c.exchange(Request.get("/nothing"));
      assertEquals(404, missing.status());
      assertFalse(missing.ok());
      assertEquals(1, s.connections(), "none of these ends the connection");
    }
  }

  @Test
  void aBodyWithoutLengthRunsToTheCloseAndConnectionCloseIsHonoured() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      if (q.path().equals("/http10")) {
        dribble(out, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", 4);
        return false;
      }
      TinyServer.ok(out, "bye", "Connection: close");
      return false;
    }); HttpConnection c = connect(s)) {
      assertEquals("until the end", c.exchange(Request.get("/http10")).bodyText());
      assertFalse(c.isOpen());
      assertEquals("bye", c.exchange(Request.get("/close")).bodyText());
      assertFalse(c.isOpen());
      assertEquals("bye", c.exchange(Request.get("/close")).bodyText());
      assertEquals(3, s.connections());
      assertEquals(3, c.opened());
    }
  }

  @Test
  void requestsCarryTheirBodyLengthAndHeaders() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.ok(out, q.method() + " " + q.header("Content-Length") + " " + q.header("Content-Type") + " "
          + q.header("X-Token") + " " + q.body());
      return true;
    }); HttpConnection c = connect(s)) {
      Request put = new Request("PUT", "/r", new String[] {"Content-Type", "application/json", "X-Token", "t"},
          "{\"rating\":4.5}".getBytes(StandardCharsets.UTF_8), null);
      assertEquals("PUT 14 application/json t {\"rating\":4.5}", c.exchange(put).bodyText());
      assertEquals("POST 0 null null ", c.exchange(new Request("POST", "/p", null, null, null)).bodyText());
      assertEquals("GET null null null ", c.exchange(Request.get("/g")).bodyText());
    }
  }

  @Test
  void malformedResponsesAreProtocolErrorsAndCloseTheConnection() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      String wire = switch (q.path()) {
        case "/status" -> "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n";
        case "/notHttp" -> "SSH-2.0-OpenSSH\r\n\r\n";
        case "/length" -> "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n";
        case "/conflict" -> "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n";
        case "/space" -> "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n";
        case "/empty" -> "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n";
        case "/chunk" -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        default -> "HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n";
      };
      out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return true;
    }); HttpConnection c = connect(s)) {
      for (String p : new String[] {"/status", "/notHttp", "/length", "/conflict", "/space", "/empty", "/chunk",
          "/header"}) {
        assertThrows(HttpConnection.ProtocolException.class, () -> c.exchange(Request.get(p)), p);
        assertFalse(c.isOpen(), p);
      }
    }
  }

  @Test
  void aConnectionClosedMidBodyIsAnErrorNotAShortBody() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return false;
    }); HttpConnection c = connect(s)) {
      IOException e = assertThrows(IOException.class, () -> c.exchange(Request.get("/short")));
      assertTrue(e.getMessage().contains("7 body bytes"), e.getMessage());
    }
  }

  @Test
  void anIdempotentRequestIsSentAgainOnceWhenAnIdleConnectionWasClosed() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      // answers, then closes silently without "Connection: close", as an idle timeout would
      TinyServer.ok(out, "r" + q.connection());
      return false;
    }); HttpConnection c = connect(s)) {
      assertEquals("r0", c.exchange(Request.get("/1")).bodyText());
      Thread.sleep(50);
      assertEquals("r1", c.exchange(Request.get("/2")).bodyText());
      assertEquals(1, c.retries());
      Thread.sleep(50);
      assertThrows(IOException.class, () -> c.exchange(Request.json("POST", "/3", "{}")),
          "a POST is never sent twice");
    }
  }
}
