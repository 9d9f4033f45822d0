package org.cinerec.bench.swap;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.cinerec.bench.load.Request;
import org.cinerec.bench.load.Response;
import org.cinerec.bench.load.ResponseCheck;

/**
 * The model version never goes backwards on a connection: every 2xx response names the model that answered
 * in the header {@code Cinerec-Model: NAME@VERSION#GENERATION} (the server's generation counts the models it
 * has loaded, 1, 2, ..., and only grows; the version is the file's hash, which alternates when two files are
 * swapped in turn). Per connection and model name, a generation lower than one already seen is a failure. A
 * 2xx response without the header, or with one that does not parse, is a failure too (so a route that stops
 * naming its model cannot pass unseen). Across all connections it counts the responses per generation.
 */
final class GenerationCheck {
  /** The header the server names its model in. */
  static final String HEADER = "Cinerec-Model";

  private final Map<Long, AtomicLong> perGeneration = new ConcurrentHashMap<>();

  /** A fresh per-connection check for each connection the load generator opens. */
  Supplier<ResponseCheck> perConnection() {
    return () -> new ResponseCheck() {
      private final Map<String, Long> last = new HashMap<>();

      @Override
      public String check(Request request, Response response) {
        if (!response.ok()) {
          return null; // counted as non-2xx by the generator
        }
        String v = response.header(HEADER);
        if (v == null) {
          return "a 2xx answer to " + request.method() + " " + request.path() + " has no " + HEADER + " header";
        }
        int at = v.indexOf('@');
        int hash = v.lastIndexOf('#');
        long generation;
        try {
          generation = hash > at && at > 0 ? Long.parseLong(v.substring(hash + 1)) : -1;
        } catch (NumberFormatException e) {
          generation = -1;
        }
        if (generation < 0) {
          return HEADER + " \"" + v + "\" is not NAME@VERSION#GENERATION";
        }
        perGeneration.computeIfAbsent(generation, g -> new AtomicLong()).incrementAndGet();
        String name = v.substring(0, at);
        Long before = last.put(name, generation);
        if (before != null && generation < before) {
          return "model " + name + " went backwards on one connection: generation " + before + " then "
              + generation + " (" + v + ", " + request.method() + " " + request.path() + ")";
        }
        return null;
      }
    };
  }

  /** The generations that answered, each with its count of responses, in order. */
  Map<Long, Long> responsesPerGeneration() {
    Map<Long, Long> out = new java.util.TreeMap<>();
    perGeneration.forEach((g, n) -> out.put(g, n.get()));
    return out;
  }

  /** The generations that answered. */
  Set<Long> generations() {
    return responsesPerGeneration().keySet();
  }
}
