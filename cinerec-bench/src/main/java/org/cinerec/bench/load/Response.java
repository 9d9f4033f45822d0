package org.cinerec.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last response read on a connection: status, headers and body. One instance per connection is reused
 * for every response, so a {@link ResponseCheck} must copy what it wants to keep.
 */
public final class Response {
  private int status;
  private byte[] head = new byte[1024];
  private int headLength;
  /** name start, name end, value start, value end per header, into {@link #head}. */
  private int[] fields = new int[64];
  private int fieldCount;
  private byte[] body = new byte[8192];
  private int bodyLength;

  Response() {}

  /** The status code, such as 200. */
  public int status() {
    return status;
  }

  /** True for a 2xx status. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The value of the first header named {@code name} (case-insensitive), trimmed, or null when absent. */
  public String header(String name) {
    int f = find(name, 0);
    return f < 0 ? null : new String(head, fields[f + 2], fields[f + 3] - fields[f + 2], StandardCharsets.ISO_8859_1);
  }

  /** The number of header lines. */
  public int headerCount() {
    return fieldCount;
  }

  /** The body length in bytes (after removing any chunked framing). */
  public int bodyLength() {
    return bodyLength;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /** A copy of the body bytes. */
  public byte[] bodyBytes() {
    return Arrays.copyOf(body, bodyLength);
  }

  // ---- filled by HttpConnection ----

  void reset(int status) {
    this.status = status;
    headLength = 0;
    fieldCount = 0;
    bodyLength = 0;
  }

  /** Adds one header whose name and value are {@code src[ns..ne)} and {@code src[vs..ve)} (value trimmed). */
  void addHeader(byte[] src, int ns, int ne, int vs, int ve) {
    while (vs < ve && (src[vs] == ' ' || src[vs] == '\t')) {
      vs++;
    }
    while (ve > vs && (src[ve - 1] == ' ' || src[ve - 1] == '\t')) {
      ve--;
    }
    int need = headLength + (ne - ns) + (ve - vs);
    if (need > head.length) {
      head = Arrays.copyOf(head, Math.max(need, head.length * 2));
    }
    if (fieldCount * 4 + 4 > fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
    }
    int f = fieldCount * 4;
    System.arraycopy(src, ns, head, headLength, ne - ns);
    fields[f] = headLength;
    headLength += ne - ns;
    fields[f + 1] = headLength;
    System.arraycopy(src, vs, head, headLength, ve - vs);
    fields[f + 2] = headLength;
    headLength += ve - vs;
    fields[f + 3] = headLength;
    fieldCount++;
  }

  void appendBody(byte[] src, int off, int len) {
    if (bodyLength + len > body.length) {
      body = Arrays.copyOf(body, Math.max(bodyLength + len, body.length * 2));
    }
    System.arraycopy(src, off, body, bodyLength, len);
    bodyLength += len;
  }

  /** The field offset of the first header named {@code name} from field offset {@code from}, or -1. */
  int find(String name, int from) {
    int n = name.length();
    for (int f = from; f < fieldCount * 4; f += 4) {
      if (fields[f + 1] - fields[f] != n) {
        continue;
      }
      int p = fields[f];
      int i = 0;
      while (i < n && lower(head[p + i]) == lower((byte) name.charAt(i))) {
        i++;
      }
      if (i == n) {
        return f;
      }
    }
    return -1;
  }

  /** True when some header named {@code name} has a comma-separated token equal to {@code token}, ignoring case. */
  boolean hasToken(String name, String token) {
    for (int f = find(name, 0); f >= 0; f = find(name, f + 4)) {
      String v = new String(head, fields[f + 2], fields[f + 3] - fields[f + 2], StandardCharsets.ISO_8859_1);
      for (String t : v.split(",")) {
        if (t.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The last comma-separated token of the last header named {@code name}, or null. */
  String lastToken(String name) {
    String last = null;
    for (int f = find(name, 0); f >= 0; f = find(name, f + 4)) {
      last = new String(head, fields[f + 2], fields[f + 3] - fields[f + 2], StandardCharsets.ISO_8859_1);
    }
    if (last == null) {
      return null;
    }
    int c = last.lastIndexOf(',');
    return (c < 0 ? last : last.substring(c + 1)).trim();
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  @Override
  public String toString() {
    return "HTTP " + status + " (" + fieldCount + " headers, " + bodyLength + " body bytes)";
  }
}
