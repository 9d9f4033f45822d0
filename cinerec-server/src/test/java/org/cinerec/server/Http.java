package org.cinerec.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small JSON client over the JDK's HttpClient for the functional tests. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(String base) {
    this.base = base;
  }

  /** One answer: status, the body as text and (when JSON) parsed, and the response. */
  record Response(int status, String text, JsonNode json, HttpResponse<String> raw) {
    String header(String name) {
      return raw == null ? null : raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Response post(String path, String body, String... headers) {
    return send("POST", path, body, json(headers));
  }

  Response put(String path, String body, String... headers) {
    return send("PUT", path, body, json(headers));
  }

  Response delete(String path, String... headers) {
    return send("DELETE", path, null, json(headers));
  }

  /** Headers with Content-Type: application/json unless one is given. */
  private static String[] json(String[] headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        return headers;
      }
    }
    List<String> h = new ArrayList<>(List.of(headers));
    h.add("Content-Type");
    h.add("application/json");
    return h.toArray(new String[0]);
  }

  /**
   * A request written by hand on a socket (for what the JDK client will not send, such as a foreign Host
   * header); returns the status and the body. {@code body} may be shorter than {@code contentLength}.
   */
  static Response raw(int port, String method, String path, String host, String body, int contentLength,
      String... headers) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      if (contentLength >= 0) {
        req.append("Content-Length: ").append(contentLength).append("\r\n");
      }
      req.append("\r\n").append(body == null ? "" : body);
      s.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      String text = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String payload = text.substring(split + 4);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        payload = unchunk(payload);
      }
      JsonNode node = payload.startsWith("{") ? JSON.readTree(payload) : null;
      return new Response(status, payload, node, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String unchunk(String s) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < s.length()) {
      int eol = s.indexOf("\r\n", at);
      int n = Integer.parseInt(s.substring(at, eol).strip(), 16);
      if (n == 0) {
        break;
      }
      out.append(s, eol + 2, eol + 2 + n);
      at = eol + 2 + n + 2;
    }
    return out.toString();
  }

  /** Any request; headers as name, value pairs. */
  Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = null;
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith("application/json") && !r.body().isEmpty()) {
        node = JSON.readTree(r.body());
      }
      return new Response(r.statusCode(), r.body(), node, r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
