package org.cinerec.server;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before any route runs (a URI it refuses, such as one holding an encoded
 * NUL or an ambiguous path segment; a malformed header), written as the API's JSON errors ({@link Errors})
 * instead of Jetty's HTML page. Found by {@code RequestFuzzTest}. It serves the servlet context as well as the
 * server (a path Javalin's servlet cannot decode, such as overlong UTF-8, is refused there). A version of HTTP
 * Jetty does not speak (505) is the client's mistake: 400 (AbuseTest).
 */
final class JettyErrors extends ErrorHandler {
  /** Every method gets the JSON body (Jetty's default writes one only for GET, POST and HEAD: a PUT got none). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws java.io.IOException {
    if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      code = 400;
      message = "this server speaks HTTP/1.0 and HTTP/1.1";
      response.setStatus(code);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", code);
    body.put("error", switch (code) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 431 -> "headers_too_large";
      default -> code >= 500 ? "internal" : "bad_request";
    });
    body.put("message", code >= 500 ? "internal error (the server's log has the details)"
        : "the request was refused before reaching the API: " + (message == null || message.isBlank()
            ? HttpStatus.getMessage(code) : message.lines().findFirst().orElse(message)));
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
