package org.cinerec.server;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoredRating;

/**
 * Per-user state of the service: each user's stored ratings and dismissals (read from the store once, then
 * kept in step with every write), and per model version the {@link UserView} built from them. A write goes to
 * the store first and is acknowledged only after it commits; then, under the same per-user lock, the user's
 * rows change and their views are dropped, so the next read folds the new history in. Reads of a user held
 * here keep working when the store is down; writes then fail with 503.
 *
 * <p>A user's view depends only on their stored history: a training user whose stored ratings are exactly
 * their training movies (none added, changed or deleted) gets {@code model.scorer(u)}, exactly what the
 * trained model gives; anyone else is folded in from the whole history by the serving path
 * ({@link org.cinerec.serve.ServingModel#foldIn}: the model's {@link Recommender#foldIn}, with the popularity
 * prior when the server has one).
 *
 * <p>At most {@code capacity} users are held (least recently used leave first); the others are read from the
 * store again when next asked for.
 */
final class UserStates {
  private final JdbcRatingStore store;
  private final ServerMetrics metrics;
  private final Semaphore writes;
  private final Map<String, Entry> entries;
  private volatile java.util.function.Supplier<IdIndex> knownIds = () -> IdIndex.of();
  /** One instance of each movie id the held ratings name (their id columns share them). */
  private final ConcurrentHashMap<String, String> movieIds = new ConcurrentHashMap<>();

  /** A user held in memory: the stored rows and the views built from them, guarded by the entry itself. */
  private static final class Entry {
    final JdbcRatingStore.User user;
    HeldRatings rows;                // by movie id
    List<String> dismissed;          // by movie id
    Map<String, String> attributes;  // what the user told (name to value), by name
    final Map<String, UserView> views = new HashMap<>();

    Entry(JdbcRatingStore.User user, HeldRatings rows, List<String> dismissed, Map<String, String> attributes) {
      this.user = user;
      this.rows = rows;
      this.dismissed = dismissed;
      this.attributes = attributes;
    }
  }

  UserStates(JdbcRatingStore store, ServerMetrics metrics, int capacity, int maxWritesWaiting) {
    this.store = store;
    this.metrics = metrics;
    this.writes = new Semaphore(maxWritesWaiting);
    this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Thrown to stop streaming the store's ratings once there are more than {@link #preload} takes. */
  private static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads every user with ratings into memory when the store holds at most {@code maxRatings} ratings and
   * at most the held capacity of users (so first requests are fast, and reads of every user go on when the
   * store goes away); returns how many users were read, 0 when the store is larger. Called before serving.
   */
  int preload(long maxRatings, int capacity) {
    Map<String, List<StoredRating>> byUser = new LinkedHashMap<>();
    long[] n = {0};
    try {
      store.forEachRating(r -> {
        if (++n[0] > maxRatings) {
          throw new TooMany();
        }
        byUser.computeIfAbsent(r.userId(), k -> new ArrayList<>()).add(r);
        if (byUser.size() > capacity) {
          throw new TooMany();
        }
      });
    } catch (TooMany e) {
      return 0;
    }
    int loaded = 0;
    Map<String, Map<String, String>> told = store.allAttributes();
    for (Map.Entry<String, List<StoredRating>> e : byUser.entrySet()) {
      Optional<JdbcRatingStore.User> u = store.user(e.getKey());
      if (u.isEmpty()) {
        continue;
      }
      Entry entry = new Entry(u.get(), held(e.getKey(), e.getValue()), store.dismissals(e.getKey()),
          told.getOrDefault(e.getKey(), Map.of()));
      synchronized (entries) {
        entries.putIfAbsent(e.getKey(), entry);
      }
      loaded++;
    }
    return loaded;
  }

  // ---- reads

  /** The user as stored (origin, key hash), or empty when the store has no such user. */
  Optional<JdbcRatingStore.User> user(String userId) {
    Entry e = entry(IdIndex.key(userId));
    return e == null ? Optional.empty() : Optional.of(e.user);
  }

  /** The user's stored ratings, by movie id; NOT_FOUND when the store has no such user. */
  List<StoredRating> ratings(String userId) {
    Entry e = require(userId);
    HeldRatings rows;
    synchronized (e) {
      rows = e.rows;
    }
    return rows.toList();
  }

  /** How many ratings the user has stored; NOT_FOUND when the store has no such user. */
  int ratingCount(String userId) {
    Entry e = require(userId);
    synchronized (e) {
      return e.rows.size();
    }
  }

  /** What the user told about themselves (name to value), by name; NOT_FOUND when the store has no such user. */
  Map<String, String> attributes(String userId) {
    Entry e = require(userId);
    synchronized (e) {
      return e.attributes;
    }
  }

  /** The movies the user dismissed, by id; NOT_FOUND when the store has no such user. */
  List<String> dismissals(String userId) {
    Entry e = require(userId);
    synchronized (e) {
      return List.copyOf(e.dismissed);
    }
  }

  /**
   * The user as {@code m} sees them now. A training user the store does not hold (an unseeded store) gets
   * the trained model; anyone else unknown is NOT_FOUND.
   */
  UserView view(String userId, ServedModel m) {
    String id = IdIndex.key(userId);
    Entry e;
    try {
      e = entry(id);
    } catch (ApiException unavailable) {
      int u = m.model().users().indexOf(id);
      if (u < 0) {
        throw unavailable;
      }
      return trained(id, m, u, "the ratings store is unavailable and this user is not held in memory: these "
          + "are the trained model's recommendations");
    }
    if (e == null) {
      int u = m.model().users().indexOf(id);
      if (u < 0) {
        throw notFound(id);
      }
      return trained(id, m, u, "user " + id + " is not in the ratings store: these are the trained model's "
          + "recommendations");
    }
    synchronized (e) {
      UserView v = e.views.get(m.versionHeader());
      if (v == null) {
        v = build(id, m, e.rows, e.dismissed, e.attributes);
        e.views.put(m.versionHeader(), v);
      }
      return v;
    }
  }

  private UserView trained(String id, ServedModel m, int u, String note) {
    Recommender model = m.model();
    int[] rated = model instanceof RatedItems r ? r.trainingItems().items(u) : new int[0];
    return new UserView(id, model.scorer(u), model.knowsUser(u) ? "trained" : "fallback", History.EMPTY, rated,
        new int[0], List.of(), List.of(), List.of(), note);
  }

  /** The view of a stored history: trained when it is exactly the training ratings, else folded in. */
  private UserView build(String id, ServedModel m, HeldRatings rows, List<String> dismissedIds,
      Map<String, String> told) {
    Recommender model = m.model();
    IdIndex items = model.items();
    int[] it = new int[rows.size()];
    float[] r = new float[rows.size()];
    int n = 0;
    boolean allSeeded = true;
    List<String> unknown = new ArrayList<>();
    List<String> addedRated = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      String movie = rows.movie(k);
      int i = items.indexOf(movie);
      if (i < 0) {
        (m.serving().movieIndex(movie) >= 0 ? addedRated : unknown).add(movie);
        allSeeded = false;
        continue;
      }
      allSeeded &= rows.origin(k) == StoredRating.Origin.DATASET;
      it[n] = i;
      r[n] = rows.rating(k);
      n++;
    }
    History history = History.of(Arrays.copyOf(it, n), Arrays.copyOf(r, n));
    int[] rated = history.items();
    int[] dismissed = dismissedIds.stream().mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
    List<String> addedDismissed = dismissedIds.stream()
        .filter(d -> items.indexOf(d) < 0 && m.serving().movieIndex(d) >= 0).toList();
    int u = model.users().indexOf(id);
    if (u >= 0 && allSeeded && model instanceof RatedItems ri && Arrays.equals(ri.trainingItems().items(u), rated)) {
      return new UserView(id, model.scorer(u), model.knowsUser(u) ? "trained" : "fallback", history, rated,
          dismissed, unknown, addedRated, addedDismissed, null);
    }
    Map<String, String> attributes = usedBy(model, told);
    if (history.size() == 0 && attributes.isEmpty()) {
      return new UserView(id, m.serving().foldIn(history), "fallback", history, rated, dismissed, unknown,
          addedRated, addedDismissed, "no ratings yet: these are " + (m.serving().prior().isOff() ? "the " + model.kind()
              + " model's non-personal recommendations" : "the movies most rated in the model's training data")
              + "; rate a few movies to make them yours");
    }
    Folded folded;
    try {
      // the model's fold-in with the serving path's prior, if any, and with what the user told
      folded = foldIn(m, history, attributes);
    } catch (UnsupportedOperationException e) {
      if (u >= 0) {
        return new UserView(id, model.scorer(u), model.knowsUser(u) ? "trained" : "fallback", history, rated,
            dismissed, unknown, addedRated, addedDismissed, "the " + model.kind() + " model cannot fold in new ratings yet: these are its "
                + "trained recommendations (movies rated since are still left out)");
      }
      return new UserView(id, model.scorer(-1), "fallback", history, rated, dismissed, unknown, addedRated,
          addedDismissed, "the " + model.kind() + " model cannot fold in new ratings yet: these are its non-personal recommendations");
    }
    metrics.foldIn();
    return new UserView(id, folded.scorer(), folded.scorer().personal() ? "folded" : "fallback", history, rated,
        dismissed, unknown, addedRated, addedDismissed, m.serving().priorNote(history.size(), folded.told()));
  }

  /**
   * The serving fold-in with the user's attributes; when this model does not know one of their values (one
   * swapped in since they told it), without them, rather than failing every request of theirs.
   */
  private static Folded foldIn(ServedModel m, History history, Map<String, String> attributes) {
    try {
      return new Folded(m.serving().foldIn(history, attributes), m.serving().tells(attributes));
    } catch (CinerecException e) {
      if (attributes.isEmpty() || e.kind() != CinerecException.Kind.USAGE) {
        throw e;
      }
      return new Folded(m.serving().foldIn(history), false);
    }
  }

  /** A user's serving fold-in, and whether what she told went into it. */
  private record Folded(UserScorer scorer, boolean told) {}

  /**
   * The attributes a user told that this model takes (its {@link Recommender#userAttributes} names, values it
   * knows): another model loaded beside it may take others, and a model swapped in may know fewer values.
   */
  static Map<String, String> usedBy(Recommender model, Map<String, String> told) {
    Map<String, List<String>> known = model.userAttributes();
    if (known.isEmpty() || told.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    told.forEach((name, value) -> {
      if (known.containsKey(name)) {
        out.put(name, value);
      }
    });
    return out;
  }

  // ---- writes: store first, then memory, under the user's lock

  /** Stores what the user told about themselves (replacing what they told before), then folds it in. */
  void setAttributes(String userId, Map<String, String> attributes) {
    String id = IdIndex.key(userId);
    Entry e = require(id);
    synchronized (e) {
      boolean stored = write(() -> store.setAttributes(id, attributes));
      if (!stored) {
        throw notFound(id);
      }
      e.attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
      e.views.clear();
    }
  }

  /** Creates an API user with this key hash; false when the id is taken. */
  boolean createUser(String userId, String keyHash) {
    return write(() -> store.createUser(userId, keyHash));
  }

  /** Deletes the user with all their data; NOT_FOUND when there is no such user. */
  void deleteUser(String userId) {
    String id = IdIndex.key(userId);
    Entry e = require(id);
    synchronized (e) {
      boolean deleted = write(() -> store.deleteUser(id));
      synchronized (entries) {
        entries.remove(id);
      }
      if (!deleted) {
        throw notFound(id);
      }
    }
  }

  /** Stores the rating (create or change), then folds it in at the next read. Returns the stored row. */
  StoredRating putRating(String userId, String movieId, float rating) {
    String id = IdIndex.key(userId);
    String movie = IdIndex.key(movieId);
    Entry e = require(id);
    synchronized (e) {
      long now = System.currentTimeMillis() / 1000;
      write(() -> {
        store.putRating(id, movie, rating, now);
        return null;
      });
      StoredRating row = new StoredRating(id, canonical(movie), rating, now, StoredRating.Origin.API);
      e.rows = e.rows.with(row);
      e.views.clear();
      return row;
    }
  }

  /** Deletes the user's rating of the movie; false when there was none. */
  boolean deleteRating(String userId, String movieId) {
    String id = IdIndex.key(userId);
    String movie = IdIndex.key(movieId);
    Entry e = require(id);
    synchronized (e) {
      boolean deleted = write(() -> store.deleteRating(id, movie));
      if (deleted) {
        e.rows = e.rows.without(movie);
        e.views.clear();
      }
      return deleted;
    }
  }

  /** Dismisses ("not interested") or un-dismisses the movie; false when nothing changed. */
  boolean dismiss(String userId, String movieId, boolean dismiss) {
    String id = IdIndex.key(userId);
    String movie = IdIndex.key(movieId);
    Entry e = require(id);
    synchronized (e) {
      boolean changed = write(() -> dismiss ? store.dismiss(id, movie) : store.undismiss(id, movie));
      if (changed) {
        List<String> next = new ArrayList<>(e.dismissed);
        if (dismiss) {
          next.add(movie);
          next.sort(null);
        } else {
          next.remove(movie);
        }
        e.dismissed = next;
        e.views.clear();
      }
      return changed;
    }
  }

  /**
   * Stores a movie added to the catalogue ({@link JdbcRatingStore#addMovie}) as every write goes: bounded in
   * number waiting, 503 when the store cannot take it. False when the id was taken.
   */
  boolean addMovie(org.cinerec.server.store.StoredMovie movie) {
    return write(() -> store.addMovie(movie));
  }

  /**
   * Forgets every view, keeping the held rows (a movie was added: a rating or dismissal of that id, if any,
   * now names a movie of the catalogue).
   */
  void catalogueChanged() {
    synchronized (entries) {
      for (Entry e : entries.values()) {
        synchronized (e) {
          e.views.clear();
        }
      }
    }
  }

  /** Forgets every view (a model was swapped in) and, when the store answers, every held row. */
  void modelSwapped(boolean storeReachable) {
    synchronized (entries) {
      if (storeReachable) {
        entries.clear();
      } else {
        for (Entry e : entries.values()) {
          synchronized (e) {
            e.views.clear();
          }
        }
      }
    }
  }

  /** Users held in memory now. */
  int held() {
    synchronized (entries) {
      return entries.size();
    }
  }

  // ---- plumbing

  private Entry require(String userId) {
    String id = IdIndex.key(userId);
    Entry e = entry(id);
    if (e == null) {
      throw notFound(id);
    }
    return e;
  }

  /**
   * Where an unknown user's "did you mean" looks after the users held in memory whom these ids do not name (those
   * active lately, the web's "web-..." ids among them): the default model's training users (set once models load).
   */
  void suggestFrom(java.util.function.Supplier<IdIndex> ids) {
    this.knownIds = ids;
  }

  /** 404 for a user the store does not have, naming the held and known ids within a typo of a text id. */
  ApiException notFound(String id) {
    IdIndex known = knownIds.get();
    List<String> held = new ArrayList<>();
    synchronized (entries) {
      for (String k : entries.keySet()) {
        if (known.indexOf(k) < 0) {
          held.add(k);
        }
      }
    }
    Collections.reverse(held); // most recently used first
    List<String> trained = known.asList();
    List<String> candidates = new AbstractList<>() { // the held ones, then the model's, nothing copied
      @Override
      public String get(int k) {
        return k < held.size() ? held.get(k) : trained.get(k - held.size());
      }

      @Override
      public int size() {
        return held.size() + trained.size();
      }
    };
    return ApiException.notFound("unknown user \"" + id + "\": no such user in the ratings store (create one "
        + "with POST /api/v1/users)" + org.cinerec.serve.ServingModel.didYouMean(id, candidates));
  }

  /** The held entry, else read from the store (null when the store has no such user). */
  private Entry entry(String id) {
    synchronized (entries) {
      Entry e = entries.get(id);
      if (e != null) {
        return e;
      }
    }
    Entry loaded;
    try {
      Optional<JdbcRatingStore.User> u = store.user(id);
      if (u.isEmpty()) {
        return null;
      }
      loaded = new Entry(u.get(), held(id, store.ratings(id)), store.dismissals(id), store.attributes(id));
    } catch (CinerecException ex) {
      throw ApiException.unavailable("the ratings store is unavailable (" + ex.getMessage() + "); try again "
          + "shortly", 5);
    }
    synchronized (entries) {
      Entry had = entries.putIfAbsent(id, loaded);
      return had != null ? had : loaded;
    }
  }

  private HeldRatings held(String userId, List<StoredRating> rows) {
    return HeldRatings.of(userId, rows, this::canonical);
  }

  /** The one instance of this movie id that held ratings share. */
  private String canonical(String movieId) {
    String had = movieIds.putIfAbsent(movieId, movieId);
    return had == null ? movieId : had;
  }

  @FunctionalInterface
  private interface StoreWrite<T> {
    T run();
  }

  /** One write to the store, bounded in number waiting (429 past it); a failure is 503, never a 500. */
  private <T> T write(StoreWrite<T> w) {
    if (!writes.tryAcquire()) {
      metrics.rejected();
      throw ApiException.tooMany("too many writes are waiting for the ratings store; try again in a second", 1);
    }
    try {
      T result = w.run();
      metrics.storeWrite();
      return result;
    } catch (CinerecException ex) {
      if (ex.kind() != CinerecException.Kind.FAILURE) {
        throw ex;
      }
      metrics.storeWriteFailure();
      throw ApiException.unavailable("the ratings store cannot take writes now (" + ex.getMessage() + "); "
          + "nothing was stored; try again shortly", 5);
    } finally {
      writes.release();
    }
  }
}
