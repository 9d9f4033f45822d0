package org.cinerec.bench.load;

import java.util.function.Supplier;

/**
 * A check on each response of one connection; the generator makes a new one (from a {@code Supplier}) for
 * every TCP connection it opens, so a check may keep per-connection state, such as the last model version
 * seen. A failed check is counted and its first messages kept; it does not change the latency.
 */
@FunctionalInterface
public interface ResponseCheck {
  /** Null when {@code response} to {@code request} is fine, else what is wrong with it. */
  String check(Request request, Response response);

  /** A check that accepts everything. */
  static Supplier<ResponseCheck> none() {
    return () -> (q, r) -> null;
  }

  /**
   * Per connection, the header {@code name} never goes backwards: each 2xx response that carries it has a
   * value at least the last one seen on that connection (as numbers when both are integers, else as text).
   */
  static Supplier<ResponseCheck> nonDecreasingHeader(String name) {
    return () -> new ResponseCheck() {
      private String last;

      @Override
      public String check(Request request, Response response) {
        String v = response.ok() ? response.header(name) : null;
        if (v == null) {
          return null;
        }
        if (last != null && compareVersions(v, last) < 0) {
          String was = last;
          last = v;
          return name + " went backwards on one connection: " + was + " then " + v + " (" + request.method()
              + " " + request.path() + ")";
        }
        last = v;
        return null;
      }
    };
  }

  /** Numeric comparison when both are integers (of any length), otherwise lexicographic. */
  static int compareVersions(String a, String b) {
    if (!a.isEmpty() && !b.isEmpty() && a.chars().allMatch(c -> c >= '0' && c <= '9')
        && b.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String x = a.replaceFirst("^0+(?=.)", "");
      String y = b.replaceFirst("^0+(?=.)", "");
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
    return a.compareTo(b);
  }
}
