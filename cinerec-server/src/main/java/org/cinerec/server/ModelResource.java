package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The loaded models: summaries and evaluation figures ({@code GET /api/v1/models}), and admin reload. */
final class ModelResource {
  private ModelResource() {}

  /** GET /api/v1/models: every served model's summary and evaluation figures; the default first. */
  static void list(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServedModel m : s.models().all()) {
      out.add(describe(m));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("defaultModel", s.models().defaultName());
    body.put("models", out);
    ctx.json(body);
  }

  /** GET /api/v1/models/{name}. */
  static void get(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    ServedModel m = s.models().get(ctx.pathParam("name"));
    ctx.header(Service.MODEL_HEADER, m.versionHeader());
    ctx.json(describe(m));
  }

  private static Map<String, Object> describe(ServedModel m) {
    Map<String, Object> d = m.summary();
    d.put("evaluation", m.evaluation());
    return d;
  }

  /** The body of a reload: which models (all when absent or empty). */
  record ReloadBody(List<String> models) {}

  /**
   * POST /api/v1/admin/reload: reads, warms and swaps in the named models (all by default) from their files;
   * requests in flight finish on the old ones. Folded-in users are rebuilt from the store at their next
   * request.
   */
  static void reload(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    s.access().requireAdmin(ctx);
    byte[] raw = Json.bytes(ctx, s.config().limits());
    List<String> names = List.of();
    if (raw.length > 0 && !new String(raw, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      ReloadBody b = Json.parse(raw, ReloadBody.class);
      names = b.models() == null ? List.of() : b.models();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServedModel m : s.models().reload(names)) {
      out.add(m.summary());
    }
    ctx.json(Map.of("reloaded", out));
  }
}
