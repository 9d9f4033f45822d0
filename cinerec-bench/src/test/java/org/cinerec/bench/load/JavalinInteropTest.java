package org.cinerec.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator against a real HTTP stack (Javalin on Jetty 12). */
class JavalinInteropTest {

  @Test
  void jettysContentLengthChunkedAndErrorResponsesAreAllReadOnKeptAliveConnections() throws Exception {
    Javalin app = TrivialJavalinServer.start(0);
    try (HttpConnection c = new HttpConnection(new InetSocketAddress("127.0.0.1", app.port()),
        "127.0.0.1:" + app.port(), 5000)) {
      Response hello = c.exchange(Request.get("/hello"));
      assertEquals(200, hello.status());
      assertEquals("{\"hello\":\"world\"}", hello.bodyText());
      Response big = c.exchange(Request.get("/big"));
      assertEquals("chunked", big.header("Transfer-Encoding"), "Jetty streams an InputStream result chunked");
      assertEquals(new String(TrivialJavalinServer.BIG, StandardCharsets.US_ASCII), big.bodyText());
      assertEquals("{\"a\":1}", c.exchange(Request.json("POST", "/echo", "{\"a\":1}")).bodyText());
      assertEquals(404, c.exchange(Request.get("/nowhere")).status());
      assertEquals(503, c.exchange(Request.get("/status/503")).status());
      assertEquals(1, c.opened(), "one connection for all of them");
    } finally {
      app.stop();
    }
  }

  @Test
  void aShortRunAtARateCompletesEverySlot() throws Exception {
    Javalin app = TrivialJavalinServer.start(0);
    try {
      Scenario mix = Scenario.parse("mix", """
          4 GET /hello
          1 GET /big
          1 POST /echo {"n": {seq}}
          """, null, 1, List.of());
      LoadSettings settings = LoadSettings.of("http://127.0.0.1:" + app.port(), 400, 0.3, 1.0, 4);
      LoadResult r = new LoadGenerator(settings, mix, null).run(null, 0);
      assertEquals(400, r.measure().ok(), r.measure().summary());
      assertEquals(0, r.measure().failures(), r.measure().messages().toString());
      assertTrue(r.connectionsOpened() == 4, "kept alive: " + r.connectionsOpened());
    } finally {
      app.stop();
    }
  }
}
