package org.cinerec.bench.load;

import java.util.Locale;

/** A small JSON writer for the results (no dependency): objects, arrays, strings, numbers. */
final class JsonText {
  private final StringBuilder b = new StringBuilder();
  private boolean first = true;
  private int depth;

  JsonText open() {
    comma();
    b.append('{');
    first = true;
    depth++;
    return this;
  }

  JsonText close() {
    depth--;
    newline();
    b.append('}');
    first = false;
    return this;
  }

  JsonText openArray() {
    comma();
    b.append('[');
    first = true;
    depth++;
    return this;
  }

  JsonText closeArray() {
    depth--;
    b.append(']');
    first = false;
    return this;
  }

  JsonText key(String k) {
    comma();
    newline();
    string(k);
    b.append(": ");
    first = true;
    return this;
  }

  JsonText value(String s) {
    comma();
    if (s == null) {
      b.append("null");
    } else {
      string(s);
    }
    return this;
  }

  JsonText value(long n) {
    comma();
    b.append(n);
    return this;
  }

  JsonText value(double d) {
    comma();
    if (Double.isFinite(d)) {
      b.append(String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
          .replaceFirst("\\.(e|$)", "$1"));
    } else {
      b.append("null");
    }
    return this;
  }

  JsonText value(boolean v) {
    comma();
    b.append(v);
    return this;
  }

  JsonText raw(String json) {
    comma();
    b.append(json);
    return this;
  }

  private void comma() {
    if (!first) {
      b.append(", ");
    }
    first = false;
  }

  private void newline() {
    b.append('\n');
    b.append("  ".repeat(Math.max(0, depth)));
  }

  private void string(String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
