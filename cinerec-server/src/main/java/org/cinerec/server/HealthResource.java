package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /health} (ready: every model loaded and warmed, the store reachable; 503 otherwise, with the reason),
 * {@code /health/live} (the process answers), and {@code /metrics} (Prometheus text).
 */
final class HealthResource {
  private HealthResource() {}

  static void live(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    ctx.json(Map.of("status", "live"));
  }

  static void ready(Service s, Context ctx, boolean draining) {
    Query.of(ctx, Set.of());
    boolean store = s.storeReachable();
    Map<String, Object> storeInfo = new LinkedHashMap<>();
    storeInfo.put("reachable", store);
    storeInfo.put("at", s.store().describe());
    // this server's claim to the store (one server per store): "lost" only on PostgreSQL, after its session
    // went away and until it is taken again
    storeInfo.put("lease", s.lease().held() ? "held" : "lost");
    if (store) {
      try {
        storeInfo.put("durability", s.store().settings()); // read back from a live connection
      } catch (RuntimeException e) {
        storeInfo.put("durability", null);
      }
    }
    List<Map<String, Object>> models = new ArrayList<>();
    for (ServedModel m : s.models().all()) {
      models.add(m.summary());
    }
    ctx.header(Service.MODEL_HEADER, s.models().get(null).versionHeader());
    Map<String, Object> out = new LinkedHashMap<>();
    boolean ready = store && !draining;
    out.put("status", ready ? "ready" : "unavailable");
    if (!store) {
      out.put("reason", "the ratings store does not answer: reads are served from memory, writes get 503");
    } else if (draining) {
      out.put("reason", "the server is shutting down");
    }
    out.put("mode", s.access().demo() ? "loopback demo" : "protected");
    out.put("store", storeInfo);
    out.put("defaultModel", s.models().defaultName());
    out.put("models", models);
    out.put("usersInMemory", s.users().held());
    ctx.status(ready ? 200 : 503).json(out);
    if (!ready) {
      ctx.header("Retry-After", "5");
    }
  }

  /** GET /api/v1/stats: live request and latency figures as JSON, for people (the page's insights). */
  static void stats(Service s, Context ctx, long startedAtMillis) {
    Query.of(ctx, Set.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000.0);
    out.put("usersInMemory", s.users().held());
    out.putAll(s.metrics().stats());
    ctx.json(out);
  }

  static void metrics(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape());
  }
}
