package org.cinerec.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.cinerec.CinerecException;

/**
 * Every error answer, in one place: a JSON body {@code {"status": 404, "error": "not_found", "message": "..."}}
 * naming the problem, the status its kind maps to (bad input 400, not found 404, a bound 429/503 with
 * {@code Retry-After}), and never a stack trace: an unexpected exception is a 500 whose body says only that,
 * and the server's log gets the trace.
 */
final class Errors {
  private Errors() {}

  static void write(Context ctx, int status, String code, String message, int retryAfter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", code);
    body.put("message", message);
    ctx.status(status);
    if (retryAfter > 0) {
      ctx.header("Retry-After", Integer.toString(retryAfter));
    }
    ctx.json(body);
  }

  static void api(ApiException e, Context ctx) {
    write(ctx, e.status, e.code, e.getMessage(), e.retryAfter);
  }

  static void cinerec(CinerecException e, Context ctx) {
    switch (e.kind()) {
      case NOT_FOUND -> write(ctx, 404, "not_found", e.getMessage(), 0);
      case BAD_INPUT, USAGE -> write(ctx, 400, "bad_request", e.getMessage(), 0);
      // a failure outside the request (the store, a file): try again later
      case FAILURE -> write(ctx, 503, "unavailable", e.getMessage(), 5);
    }
  }

  static void javalin(HttpResponseException e, Context ctx) {
    int s = e.getStatus();
    if (s == 404 || s == 405) {
      ctx.status(s);
      noRoute(ctx);
      return;
    }
    String code = switch (s) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      default -> s >= 500 ? "internal" : "bad_request";
    };
    write(ctx, s, code, e.getMessage() == null ? "status " + s : e.getMessage(), 0);
  }

  static void unexpected(Exception e, Context ctx, Consumer<String> log) {
    if (e instanceof IllegalArgumentException bad) { // core's argument checks name the value
      write(ctx, 400, "bad_request", bad.getMessage(), 0);
      return;
    }
    StringBuilder trace = new StringBuilder("internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
    for (StackTraceElement el : e.getStackTrace()) {
      trace.append("\n  at ").append(el);
    }
    log.accept(trace.toString());
    write(ctx, 500, "internal", "internal error (the server's log has the details)", 0);
  }

  /** 404 and 405 without a route: a JSON body instead of Javalin's text. */
  static void noRoute(Context ctx) {
    String type = ctx.res().getContentType();
    if (type != null && type.startsWith("application/json")) {
      return; // a route's own error
    }
    if (ctx.statusCode() == 405) {
      write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), 0);
    } else {
      write(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path()
          + " (the API is described at /api/v1/openapi.json)", 0);
    }
  }
}
