package org.cinerec.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP request to send: method, path with query, extra headers and body, and optionally a request sent
 * right after it on the same connection as part of the same scheduled slot (a rating write followed by a
 * recommendation, say). The latency of a slot runs to the end of its last response.
 *
 * @param method  HTTP method, such as {@code GET}
 * @param path    origin-form target: {@code /api/v1/movies/1/similar?k=10}
 * @param headers extra header lines as name, value, name, value... ({@code Host}, {@code Content-Length}
 *                and {@code Connection} are written by the client)
 * @param body    the body bytes, empty for none
 * @param then    the request sent after this one's response in the same slot, or null
 */
public record Request(String method, String path, String[] headers, byte[] body, Request then) {
  private static final String[] NO_HEADERS = {};
  private static final byte[] NO_BODY = {};

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("request path must start with '/': " + path);
    }
    headers = headers == null ? NO_HEADERS : headers;
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come as name, value pairs; got " + headers.length + " strings");
    }
    body = body == null ? NO_BODY : body;
  }

  /** A request with no body, headers or follow-up. */
  public static Request get(String path) {
    return new Request("GET", path, null, null, null);
  }

  /** A request with a JSON body (content type {@code application/json}). */
  public static Request json(String method, String path, String json) {
    return new Request(method, path, new String[] {"Content-Type", "application/json"},
        json.getBytes(StandardCharsets.UTF_8), null);
  }

  /** This request followed by {@code next} in the same slot (appended at the end of the chain). */
  public Request andThen(Request next) {
    return new Request(method, path, headers, body, then == null ? next : then.andThen(next));
  }

  /** True for HEAD, whose response has no body whatever its headers say. */
  public boolean isHead() {
    return method.equals("HEAD");
  }

  @Override
  public String toString() {
    return method + " " + path + (then == null ? "" : " then " + then);
  }
}
