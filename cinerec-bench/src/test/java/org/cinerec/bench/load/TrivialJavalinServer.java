package org.cinerec.bench.load;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Javalin server with trivial endpoints, to measure what the load generator itself sustains (the client's
 * capacity, with the cheapest server there is on the other side) and to test it against a real HTTP stack:
 * {@code GET /hello} (a small JSON body with Content-Length), {@code GET /big} (40 kB, chunked), {@code POST
 * /echo} (the body back), {@code GET /status/{code}}.
 *
 * <pre>
 * java -cp "$(cat cp.txt):cinerec-bench/target/classes:cinerec-bench/target/test-classes" \
 *     org.cinerec.bench.load.TrivialJavalinServer 8099
 * </pre>
 */
public final class TrivialJavalinServer {
  static final byte[] BIG = "0123456789abcdef".repeat(2500).getBytes(StandardCharsets.US_ASCII);

  private TrivialJavalinServer() {}

  static Javalin start(int port) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/hello", ctx -> ctx.contentType("application/json").result("{\"hello\":\"world\"}"));
      cfg.routes.get("/big", ctx -> ctx.contentType("text/plain").result(new ByteArrayInputStream(BIG)));
      cfg.routes.post("/echo", ctx -> ctx.contentType("application/json").result(ctx.bodyAsBytes()));
      cfg.routes.get("/status/{code}", ctx -> ctx.status(Integer.parseInt(ctx.pathParam("code"))).result("s"));
    }).start("127.0.0.1", port);
  }

  public static void main(String[] args) {
    Javalin app = start(args.length > 0 ? Integer.parseInt(args[0]) : 8099);
    System.out.println("listening on http://127.0.0.1:" + app.port());
  }
}
