package org.cinerec.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The service's API called from the test (to set a scene up or to check what the page did). */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  Api(String base) {
    this.base = base;
  }

  /** A status and a JSON body (null when there was none). */
  record Answer(int status, JsonNode json) {}

  Answer call(String method, String path, String body) {
    return call(method, path, body, null);
  }

  /** A call carrying a user's key ({@code Authorization: Bearer KEY}) when {@code key} is not null. */
  Answer call(String method, String path, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (!method.equals("GET")) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode get(String path) {
    Answer a = call("GET", path, null);
    if (a.status() != 200) {
      throw new AssertionError("GET " + path + ": " + a.status() + " " + a.json());
    }
    return a.json();
  }

  /** A new viewer: {"userId", "key"}. */
  JsonNode newViewer() {
    return call("POST", "/api/v1/users", "{}").json();
  }

  void rate(String user, String movie, double rating) {
    Answer a = call("PUT", "/api/v1/users/" + user + "/ratings/" + movie, "{\"rating\": " + rating + "}");
    if (a.status() != 200) {
      throw new AssertionError("rating " + movie + ": " + a.status() + " " + a.json());
    }
  }
}
