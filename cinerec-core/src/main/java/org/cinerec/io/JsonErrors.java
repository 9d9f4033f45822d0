package org.cinerec.io;

import com.fasterxml.jackson.core.JsonProcessingException;

/** What the JSON parser found wrong, said for people: JSON lines' rows and the HTTP API's request bodies. */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * Jackson's message in one line and without its internals: the {@code [Source: REDACTED (...); line: 1,
   * column: 1]} of an opening marker becomes {@code line 1, column 1}; "not valid JSON" when it says nothing.
   */
  public static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null || m.isBlank()) {
      return "not valid JSON";
    }
    return m.lines().findFirst().orElse(m)
        .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
  }
}
