package org.cinerec.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    return new ObjectMapper().registerModule(org.cinerec.io.JsonNumbers.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

  /** The request body as {@code type}: 413 past {@code maxBytes}, 400 naming the problem when malformed. */
  static <T> T body(Context ctx, Class<T> type, long maxBytes) {
    byte[] bytes = bytes(ctx, maxBytes);
    if (bytes.length == 0) {
      throw ApiException.badRequest("the request needs a JSON body (" + type.getSimpleName() + ")");
    }
    return parse(bytes, type);
  }

  /** {@code bytes} as {@code type}; 400 naming the problem when malformed or holding unknown fields. */
  static <T> T parse(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\" in the JSON body; known "
          + "fields: " + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = e.getOriginalMessage();
      what = what == null ? "not valid JSON" : what.lines().findFirst().orElse(what);
      if (what.length() > 200) {
        what = what.substring(0, 200) + "...";
      }
      throw ApiException.badRequest("malformed JSON body" + where + ": " + what);
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  /** The raw body, at most {@code maxBytes} whatever the Content-Length says (413 past it). */
  static byte[] bytes(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (b.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return b;
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
    }
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(413, "too_large", "the request body is larger than " + maxBytes + " bytes", 0);
  }
}
