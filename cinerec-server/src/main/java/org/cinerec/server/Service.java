package org.cinerec.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Set;
import org.cinerec.data.RatingScale;
import org.cinerec.serve.MovieRef;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreLease;

/**
 * What every resource shares: the served models, the users' state, the store, the access rules, the limits,
 * the metrics, the posters and the JSON mapper that writes tiles with them ({@link Tiles}). One per server;
 * immutable references, thread-safe parts.
 */
record Service(ServerConfig config, ModelRegistry models, UserStates users, JdbcRatingStore store, StoreLease lease,
    Access access, ServerMetrics metrics, Posters posters, ObjectMapper json) {

  /** The response header naming the model that answered: {@code NAME@VERSION#GENERATION}. */
  static final String MODEL_HEADER = "Cinerec-Model";

  /**
   * The model a request asked for ({@code ?model=NAME}, else the default), taken once so the whole request
   * runs on it even if a reload swaps in a newer one meanwhile; its name and version go in a header.
   */
  ServedModel model(Context ctx, Query q) {
    ServedModel m = models.get(q.get("model"));
    ctx.header(MODEL_HEADER, m.versionHeader());
    return m;
  }

  /** Query parameters of a route that also takes {@code model}. */
  static Set<String> withModel(String... names) {
    java.util.Set<String> s = new java.util.HashSet<>(java.util.List.of(names));
    s.add("model");
    return s;
  }

  /** The scale ratings are written on: the default model's (the dataset's) scale. */
  RatingScale scale() {
    return models.get(null).model().info().scale();
  }

  /**
   * A stored movie id ({@link org.cinerec.data.IdIndex#key}: no leading zeros) as the rest of the API spells it:
   * the catalogue's spelling in the first served model that knows the movie ({@code "0114508"} for a store's
   * {@code "114508"}), else the id as given. Every answer names a movie one way, so a client may join lists by id.
   */
  String movieId(String stored) {
    MovieRef ref = movieRef(stored);
    return ref == null ? stored : ref.movieId();
  }

  /** The movie of an id as the first served model that knows it names it (movies added after training too), or null. */
  MovieRef movieRef(String id) {
    for (ServedModel m : models.all()) {
      int i = m.serving().movieIndex(id);
      if (i >= 0) {
        return m.serving().movieRef(i);
      }
    }
    return null;
  }

  /**
   * The user attributes the loaded models take, each with the values its first taker knows (name to values;
   * empty when no model has user features): what a sign-up form offers.
   */
  java.util.Map<String, java.util.List<String>> userAttributes() {
    java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
    for (ServedModel m : models.all()) {
      m.model().userAttributes().forEach(out::putIfAbsent);
    }
    return out;
  }

  /**
   * Checks what a user tells about themselves against the loaded models: every name must be one some model
   * takes, and every model that takes it must know the value (an age in years is taken by its decade); else a
   * 400 naming it and what the models know. Values are at most 200 characters, names at most 64.
   */
  java.util.Map<String, String> checkedAttributes(java.util.Map<String, String> told) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    java.util.Map<String, java.util.List<String>> known = userAttributes();
    for (java.util.Map.Entry<String, String> e : told.entrySet()) {
      String name = e.getKey() == null ? "" : e.getKey().strip();
      String value = e.getValue() == null ? "" : e.getValue().strip();
      if (name.isEmpty() || name.length() > 64 || value.length() > 200) {
        throw ApiException.badRequest("an attribute has a name of 1 to 64 characters and a value of at most 200");
      }
      if (!known.containsKey(name)) {
        throw ApiException.badRequest(known.isEmpty() ? "no loaded model takes user attributes (a model trained "
            + "with --user-features does), so \"" + name + "\" would not be used"
            : "no loaded model takes the user attribute \"" + name + "\"; they take " + String.join(", ",
            known.keySet()));
      }
      if (value.isEmpty()) {
        continue; // not told
      }
      for (ServedModel m : models.all()) {
        if (m.model().userAttributes().containsKey(name)) {
          try {
            m.model().foldIn(org.cinerec.model.History.EMPTY, java.util.Map.of(name, value));
          } catch (org.cinerec.CinerecException bad) {
            throw ApiException.badRequest(bad.getMessage());
          }
        }
      }
      out.put(name, value);
    }
    return out;
  }

  /** True when the store answers a query on its own tables now. */
  boolean storeReachable() {
    try {
      store.seededWith();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
