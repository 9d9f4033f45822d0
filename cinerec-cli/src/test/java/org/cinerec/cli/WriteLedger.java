package org.cinerec.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ratings store must hold after a crash, from what the clients were told: for each (user, movie)
 * the value that must be there (the last acknowledged write, or the seeded rating) and the values that may
 * be there instead (writes sent since then that got no answer: the server may have committed them before it
 * died). A pair is owned by one writer thread, so its state is only touched by that thread while writes run
 * and by {@link #verify} after the writers were joined.
 *
 * <p>{@link #verify} reads the store directly over JDBC (not through the code under test) and checks: every
 * (user, movie) is stored at most once; every pair with a value that must be there has it, or one of its
 * unanswered values; a pair with no acknowledged value is absent or holds an unanswered value; nothing else is
 * stored (no phantom ratings); every acknowledged user exists, and at most as many unknown API users as user
 * creations went unanswered. After a check each pair's stored value becomes what must be there from then on.
 */
final class WriteLedger {
  /** One (user, movie) pair of the store. */
  record Pair(String user, String movie) {}

  /** The expected state of one pair. */
  static final class State {
    /** The value that must be stored (last acknowledged, seeded, or found by the last check), or null. */
    Float must;
    /** Values written since {@link #must} that got no answer. */
    final Set<Float> maybe = new HashSet<>();
    /** The value last sent (an overwrite picks another one, so an unanswered write can be told apart). */
    Float lastSent;
  }

  private final Map<Pair, State> pairs = new ConcurrentHashMap<>();
  private final Set<String> ackedUsers = ConcurrentHashMap.newKeySet();
  private final Set<String> unknownUsersSeen = new HashSet<>();
  private volatile int unansweredCreates;

  /** What one check found. */
  record Check(int pairs, int stored, int committedUnanswered, int lostUnanswered, List<String> failures) {}

  /** The state of a pair, created empty on first use. */
  State state(Pair p) {
    return pairs.computeIfAbsent(p, k -> new State());
  }

  /** A write of {@code value} to {@code p} is about to be sent. */
  void sending(Pair p, float value) {
    State s = state(p);
    s.maybe.add(value);
    s.lastSent = value;
  }

  /** The write of {@code value} to {@code p} was acknowledged (2xx): it must be stored from now on. */
  void acknowledged(Pair p, float value) {
    State s = state(p);
    s.must = value;
    s.maybe.clear();
  }

  void userAcknowledged(String userId) {
    ackedUsers.add(userId);
  }

  synchronized void userUnanswered() {
    unansweredCreates++;
  }

  /** The acknowledged API users. */
  Set<String> users() {
    return Set.copyOf(ackedUsers);
  }

  /** Reads every stored rating as the baseline (the seeded ones): each must stay as it is until written. */
  void baseline(String jdbcUrl) throws SQLException {
    for (Map.Entry<Pair, Stored> e : read(jdbcUrl, new ArrayList<>()).entrySet()) {
      state(e.getKey()).must = e.getValue().rating;
      state(e.getKey()).lastSent = e.getValue().rating;
    }
  }

  private record Stored(float rating, String origin) {}

  /**
   * Checks the store against the ledger (see the class comment), then takes what was found as the state that
   * must hold from now on. {@code unansweredAtKill} are the pairs whose write was in flight when the server
   * was killed: the check counts how many of them the store committed.
   */
  Check verify(String jdbcUrl, Set<Pair> unansweredAtKill) throws SQLException {
    List<String> failures = new ArrayList<>();
    Map<Pair, Stored> stored = read(jdbcUrl, failures);
    int committed = 0;
    int lost = 0;
    for (Map.Entry<Pair, State> e : pairs.entrySet()) {
      Pair p = e.getKey();
      State s = e.getValue();
      Stored got = stored.get(p);
      if (got == null) {
        if (s.must != null) {
          failures.add("lost: " + p + " was acknowledged (or seeded) as " + s.must + " but is not in the store");
        }
      } else if (!(s.must != null && s.must == got.rating) && !s.maybe.contains(got.rating)) {
        failures.add("wrong value: " + p + " holds " + got.rating + ", expected " + s.must + (s.maybe.isEmpty() ? ""
            : " or one of the unanswered " + s.maybe));
      } else if (!got.origin.equals("api") && !got.origin.equals("dataset")) {
        failures.add("origin: " + p + " has origin " + got.origin);
      }
      if (unansweredAtKill.contains(p)) {
        boolean landed = got != null && s.maybe.contains(got.rating) && !(s.must != null && s.must == got.rating);
        if (landed) {
          committed++;
        } else {
          lost++;
        }
      }
      s.must = got == null ? null : got.rating;
      s.maybe.clear();
    }
    for (Pair p : stored.keySet()) {
      if (!pairs.containsKey(p)) {
        failures.add("phantom: " + p + " = " + stored.get(p).rating + " is stored but was never written");
      }
    }
    Map<String, String> users = users(jdbcUrl);
    for (String u : ackedUsers) {
      if (!"api".equals(users.get(u))) {
        failures.add("lost user: " + u + " was created (201) but the store has " + users.get(u));
      }
    }
    for (Map.Entry<String, String> u : users.entrySet()) {
      if (u.getValue().equals("api") && !ackedUsers.contains(u.getKey())) {
        unknownUsersSeen.add(u.getKey());
      }
    }
    if (unknownUsersSeen.size() > unansweredCreates) {
      failures.add("phantom users: " + unknownUsersSeen.size() + " API users were never acknowledged, but only "
          + unansweredCreates + " creations went unanswered");
    }
    return new Check(pairs.size(), stored.size(), committed, lost, failures);
  }

  /** Every stored rating by pair; a pair stored twice is a failure. */
  private static Map<Pair, Stored> read(String jdbcUrl, List<String> failures) throws SQLException {
    Map<Pair, Stored> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      try (ResultSet r = st.executeQuery("SELECT user_id, movie_id, rating, origin FROM ratings")) {
        while (r.next()) {
          Pair p = new Pair(r.getString(1), r.getString(2));
          if (out.put(p, new Stored(r.getFloat(3), r.getString(4))) != null) {
            failures.add("stored twice: " + p);
          }
        }
      }
      try (ResultSet r = st.executeQuery("SELECT COUNT(*) FROM (SELECT user_id, movie_id FROM ratings "
          + "GROUP BY user_id, movie_id HAVING COUNT(*) > 1) d")) {
        r.next();
        if (r.getLong(1) != 0) {
          failures.add(r.getLong(1) + " (user, movie) pairs are stored more than once");
        }
      }
    }
    return out;
  }

  private static Map<String, String> users(String jdbcUrl) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT user_id, origin FROM users")) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }
}
