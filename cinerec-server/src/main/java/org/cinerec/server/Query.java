package org.cinerec.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's query parameters, checked once at the entry: a parameter the route does not take is a 400
 * naming it and the ones it takes (a misspelt {@code ?genre=} must not be silently ignored), a parameter
 * given twice is a 400, and typed getters say which parameter is wrong and why.
 */
final class Query {
  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  /** The query of {@code ctx}, which may hold only {@code allowed} parameters. */
  static Query of(Context ctx, Set<String> allowed) {
    strict(ctx.queryString());
    Map<String, List<String>> p = ctx.queryParamMap();
    for (Map.Entry<String, List<String>> e : p.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest("unknown query parameter \"" + clip(e.getKey()) + "\""
            + (allowed.isEmpty() ? ": this route takes none" : "; this route takes " + new TreeSet<>(allowed)));
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badRequest("query parameter \"" + e.getKey() + "\" is given " + e.getValue().size()
            + " times; give it once (lists are comma-separated)");
      }
    }
    return new Query(p);
  }

  /**
   * Refuses a query that is not percent-encoded UTF-8 ({@code %zz}, a lone {@code %}, overlong or surrogate
   * bytes): the lenient decoder behind {@code queryParamMap} drops or replaces such a parameter, so a misspelt
   * one would be silently ignored (AbuseTest).
   */
  static void strict(String query) {
    if (query == null || query.isEmpty()) {
      return;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '%') {
        int hi = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(query.charAt(i + 2), 16);
        if (lo < 0) {
          throw ApiException.badRequest("the query string holds a bad percent escape at character " + (i + 1)
              + " (\"%\" must be followed by two hex digits)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ApiException.badRequest("the query string is not percent-encoded UTF-8");
    }
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** The value, or null when absent. */
  String get(String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** An integer in {@code min..max}, or {@code dflt} when absent. */
  int integer(String name, int dflt, int min, int max) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + "=" + clip(v) + " is not a whole number");
    }
    if (n < min || n > max) {
      throw ApiException.badRequest(name + "=" + n + " is outside " + min + ".." + max);
    }
    return n;
  }

  /** A number in {@code min..max}, or {@code dflt} when absent. */
  double number(String name, double dflt, double min, double max) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    double x;
    try {
      x = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + "=" + clip(v) + " is not a number");
    }
    if (!(x >= min && x <= max)) {
      throw ApiException.badRequest(name + "=" + clip(v) + " is outside " + min + ".." + max);
    }
    return x;
  }

  /** A boolean ({@code true}/{@code false}), or {@code dflt} when absent. */
  boolean bool(String name, boolean dflt) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest(name + "=" + clip(v) + " is not true or false");
    };
  }

  /** A comma-separated list (blank items dropped), empty when absent. */
  List<String> list(String name) {
    String v = get(name);
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    if (out.size() > 1000) {
      throw ApiException.badRequest(name + " lists " + out.size() + " values; at most 1000");
    }
    return out;
  }
}
