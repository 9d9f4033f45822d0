package org.cinerec.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The service's one JSON mapper (NaN and infinities written as null, so every body is valid JSON) and the
 * bounded, strict reading of request bodies: at most {@code maxBytes} (413 past it), no unknown fields,
 * errors that say where the JSON is wrong and never echo a stack trace. {@link #send} writes an answer straight
 * into the response.
 */
final class Json {
  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper().registerModule(org.cinerec.io.JsonNumbers.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // a number or a boolean must be one: {"rating": "4"} or {"k": true} is a wrong type, not a 4 (AbuseTest)
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Integer, t == LogicalType.Boolean ? CoercionAction.Fail : CoercionAction.TryConvert)
          .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    return m;
  }

  /**
   * Answers with {@code value} as JSON written by {@code mapper}, as {@code ctx.json} does with the server's
   * mapper (same bytes, same content type), but encoded straight into the response's output buffer: no
   * intermediate String, no UTF-16 to UTF-8 copy, no copy buffer per response (the hot routes' answers are
   * kilobytes, thousands of times a second). The stream is left open: Javalin closes it, ending the response.
   */
  static void send(Context ctx, ObjectMapper mapper, Object value) {
    ctx.contentType(ContentType.APPLICATION_JSON);
    try (JsonGenerator g = mapper.getFactory().createGenerator(ctx.outputStream())) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      mapper.writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the response: " + e.getMessage(), e);
    }
  }

  /** The request body as {@code type}: 413 past the size bound, 400 naming the problem when malformed. */
  static <T> T body(Context ctx, Class<T> type, ServerConfig.Limits limits) {
    byte[] bytes = bytes(ctx, limits);
    if (bytes.length == 0) {
      throw ApiException.badRequest("the request needs a JSON body (" + type.getSimpleName() + ")");
    }
    return parse(bytes, type);
  }

  /** {@code bytes} as {@code type}; 400 naming the problem when malformed or holding unknown fields. */
  static <T> T parse(byte[] bytes, Class<T> type) {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) { // the body "null" (AbuseTest: it was a 500)
        throw ApiException.badRequest("the JSON body must be an object (" + type.getSimpleName() + "), not null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\" in the JSON body; known "
          + "fields: " + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = org.cinerec.io.JsonErrors.describe(e);
      if (what.length() > 200) {
        what = what.substring(0, 200) + "...";
      }
      throw ApiException.badRequest("malformed JSON body" + where + ": " + what);
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  /**
   * The raw body, at most {@code maxRequestBytes} whatever the Content-Length says (413 past it), all of it
   * within {@code readTimeout} (408 past it: a client sending a byte now and then, each within the idle
   * timeout, holds a thread and a slot no longer than that plus one idle timeout).
   */
  static byte[] bytes(Context ctx, ServerConfig.Limits limits) {
    long maxBytes = limits.maxRequestBytes();
    long declared = ctx.req().getContentLengthLong();
    long deadline = System.nanoTime() + limits.readTimeout().toNanos();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > maxBytes) {
        if (declared <= 16 * maxBytes) { // a lie of gigabytes is not waited for
          drain(in, maxBytes, deadline);
        }
        throw tooLarge(maxBytes);
      }
      int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
      byte[] b = new byte[(int) Math.min(cap, declared >= 0 ? declared + 1 : 8192)];
      int n = 0;
      while (true) {
        if (n == b.length) {
          if (n == cap) {
            break;
          }
          b = java.util.Arrays.copyOf(b, (int) Math.min(cap, 2L * n));
        }
        int r = in.read(b, n, b.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (System.nanoTime() - deadline > 0) {
          throw slow(limits);
        }
      }
      if (n > maxBytes) {
        drain(in, maxBytes, deadline);
        throw tooLarge(maxBytes);
      }
      return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    } catch (IOException e) {
      if (System.nanoTime() - deadline > 0) {
        throw slow(limits);
      }
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  private static ApiException slow(ServerConfig.Limits limits) {
    return new ApiException(408, "request_timeout", "the request body did not arrive within "
        + limits.readTimeout().toMillis() / 1000.0 + " s", 0);
  }

  /**
   * Reads and drops what is left of a body that is too large, up to 16 times the limit, so the 413 reaches
   * a client still sending: closing a connection with unread bytes makes TCP reset it, and the reset can
   * destroy the answer before the client reads it. A body larger still is not waited for.
   */
  private static void drain(InputStream in, long maxBytes, long deadline) throws IOException {
    byte[] sink = new byte[8192];
    long left = 16 * maxBytes;
    int n;
    while (left > 0 && System.nanoTime() - deadline < 0
        && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= n;
    }
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(413, "too_large", "the request body is larger than " + maxBytes + " bytes", 0);
  }
}
