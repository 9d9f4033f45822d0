package org.cinerec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.io.LoadOptions;
import org.flywaydb.core.Flyway;

/**
 * The ratings store over JDBC, for SQLite and PostgreSQL alike (the schema in {@code db/migration} is
 * portable; upserts use {@code INSERT ... ON CONFLICT ... DO UPDATE}, which both speak).
 *
 * <p>Durability: every write is one transaction, committed before the method returns. SQLite runs in WAL
 * mode with {@code synchronous=FULL} (a commit is on disk when it returns, also across power loss) through
 * one connection guarded by a lock (SQLite has one writer anyway), and reads through {@value #SQLITE_READERS}
 * connections of their own, each read one transaction (one snapshot: WAL lets readers go on beside the
 * writer and each other; on one shared connection a server with a large store queued every request that
 * read a user behind the others, p99 tens of ms, docs/notes/serve-latency.md); PostgreSQL through a small HikariCP
 * pool whose connections run {@code SET synchronous_commit TO on}. {@link #settings()} reads the settings
 * back from a live connection, so tests check what the database actually does.
 *
 * <p>Seeding: {@link #seed} imports a dataset's users and ratings once, in one transaction (a crash leaves
 * the store unseeded, never half-seeded), and records the dataset's fingerprint; seeding again with the same
 * data does nothing, with other data is refused.
 *
 * <p>Movies added through the service ({@link #addMovie}) are kept beside the ratings, so they survive a
 * restart and training from the store ({@link StoreDataset}) takes them into its catalogue.
 *
 * <p>Errors: a database failure is a {@link CinerecException} of kind FAILURE naming the store (the service
 * answers 503 to writes then); a missing user is BAD_INPUT naming the user.
 */
public final class JdbcRatingStore implements AutoCloseable {
  private static final int BATCH = 10_000;
  /** JSON of the store's recorded settings ({@code store_meta}'s {@code dataset_read}). */
  private static final com.fasterxml.jackson.databind.ObjectMapper META_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final StoreUrl url;
  private final HikariDataSource pool;       // PostgreSQL
  private final Connection sqlite;           // SQLite: the one connection that writes
  private final ReentrantLock sqliteLock = new ReentrantLock();
  /** SQLite: the connections that read, each taken by one read at a time. */
  private final BlockingQueue<Connection> readers;
  private volatile boolean closed;
  /** SQLite connections that read (beside the one that writes). */
  static final int SQLITE_READERS = 4;

  private JdbcRatingStore(StoreUrl url, HikariDataSource pool, Connection sqlite, List<Connection> readers) {
    this.url = url;
    this.pool = pool;
    this.sqlite = sqlite;
    this.readers = new ArrayBlockingQueue<>(Math.max(1, readers.size()), false, readers);
  }

  /** Opens (creating and migrating when needed) the store at this URL. */
  public static JdbcRatingStore open(StoreUrl url) {
    try {
      if (url.sqlite()) {
        if (url.file().getParent() != null) {
          Files.createDirectories(url.file().getParent());
        }
        // Flyway migrates through a connection of its own, closed before the store's one opens
        Flyway.configure().dataSource(url.url(), null, null).locations("classpath:db/migration").load().migrate();
        Connection c = DriverManager.getConnection(url.url(), sqliteProperties(true));
        List<Connection> readers = new ArrayList<>();
        try {
          for (int i = 0; i < SQLITE_READERS; i++) {
            readers.add(DriverManager.getConnection(url.url(), sqliteProperties(false)));
          }
        } catch (SQLException e) {
          for (Connection r : readers) {
            r.close();
          }
          c.close();
          throw e;
        }
        return new JdbcRatingStore(url, null, c, readers);
      }
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(url.url());
      cfg.setPoolName("cinerec-store");
      cfg.setMaximumPoolSize(4);
      cfg.setConnectionTimeout(5_000);
      cfg.setInitializationFailTimeout(5_000);
      cfg.setConnectionInitSql("SET synchronous_commit TO on");
      cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
      HikariDataSource ds = new HikariDataSource(cfg);
      try {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      } catch (RuntimeException e) {
        ds.close();
        throw e;
      }
      return new JdbcRatingStore(url, ds, null, List.of());
    } catch (SQLException | java.io.IOException | RuntimeException e) {
      if (e instanceof CinerecException c) {
        throw c;
      }
      throw CinerecException.failure("cannot open the ratings store " + url.display() + ": " + message(e), e);
    }
  }

  /**
   * The writing connection begins its transactions IMMEDIATE: it takes the write lock first (waiting up to the
   * busy timeout) and only then reads, so its snapshot is always the newest. A DEFERRED write transaction
   * reads first (the user exists?) and upgrades later, and SQLite answers an upgrade it cannot make at once
   * with SQLITE_BUSY without waiting; a test saw that write fail once in CI while readers were busy.
   */
  private static Properties sqliteProperties(boolean writer) {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    p.setProperty("foreign_keys", "true");
    p.setProperty("busy_timeout", "10000");
    if (writer) {
      p.setProperty("transaction_mode", "IMMEDIATE");
    }
    return p;
  }

  /** Where the store is, without credentials. */
  public String describe() {
    return (url.sqlite() ? "SQLite " : "PostgreSQL ") + url.display();
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Work<T> work) {
    return withConnection(work, false);
  }

  private <T> T write(Work<T> work) {
    return withConnection(work, true);
  }

  /** Runs {@code work} on a connection; a write runs in one transaction, committed before returning. */
  private <T> T withConnection(Work<T> work, boolean transaction) {
    if (sqlite != null && !transaction) {
      return onReader(work);
    }
    if (sqlite != null) {
      sqliteLock.lock();
      try {
        return run(sqlite, work, true);
      } finally {
        sqliteLock.unlock();
      }
    }
    try (Connection c = pool.getConnection()) {
      return run(c, work, transaction);
    } catch (SQLException e) {
      throw CinerecException.failure("ratings store " + url.display() + ": " + message(e), e);
    }
  }

  /** A read on a free SQLite reader, in one transaction so that all it reads is one snapshot. */
  private <T> T onReader(Work<T> work) {
    Connection c;
    try {
      c = closed ? null : readers.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CinerecException.failure("ratings store " + url.display() + ": interrupted waiting to read", e);
    }
    if (c == null || closed) {
      if (c != null) {
        readers.offer(c);
      }
      throw CinerecException.failure("ratings store " + url.display() + ": " + (closed ? "closed"
          : "no connection free to read after 30 s"), null);
    }
    try {
      return run(c, work, true);
    } finally {
      readers.offer(c);
    }
  }

  private <T> T run(Connection c, Work<T> work, boolean transaction) {
    try {
      if (!transaction) {
        return work.run(c);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw CinerecException.failure("ratings store " + url.display() + ": " + message(e), e);
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /**
   * The durability settings as the database reports them on a live connection: for SQLite
   * {@code journal_mode} and {@code synchronous} (2 = FULL), for PostgreSQL {@code synchronous_commit}.
   */
  public java.util.Map<String, String> settings() {
    return read(c -> {
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      try (Statement s = c.createStatement()) {
        if (sqlite != null) {
          m.put("journal_mode", single(s, "PRAGMA journal_mode"));
          m.put("synchronous", single(s, "PRAGMA synchronous"));
          m.put("foreign_keys", single(s, "PRAGMA foreign_keys"));
        } else {
          m.put("synchronous_commit", single(s, "SHOW synchronous_commit"));
        }
      }
      return m;
    });
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  // ---- seeding

  /** What {@link #seed} did. */
  public record Seeded(boolean now, long users, long ratings) {}

  /** The fingerprint of the dataset the store was seeded from, if it was. */
  public Optional<String> seededWith() {
    return read(c -> Optional.ofNullable(meta(c, "dataset_fingerprint")));
  }

  /**
   * Imports every user and rating of {@code data} once (ids as {@link IdIndex#key}), recording
   * {@code fingerprint}; does nothing when already seeded with the same fingerprint, and refuses data with
   * another one (a store belongs to one dataset).
   */
  public Seeded seed(Dataset data, String fingerprint) {
    return seed(data, fingerprint, null);
  }

  /** The fingerprint a store records for the data it is seeded from ({@link DataFingerprint#hex}). */
  public static String fingerprint(Dataset data) {
    return DataFingerprint.hex(DataFingerprint.of(data));
  }

  /**
   * Where the seed data was read from (a path or a dataset name, as given), if recorded: training from the
   * store ({@link StoreDataset}) reads the catalogue and the rating scale from there.
   */
  public Optional<String> seedSource() {
    return read(c -> Optional.ofNullable(meta(c, "dataset_source")));
  }

  /**
   * As {@link #seed(Dataset, String)}, also recording {@code source} (where the data was read from; null
   * for none). A store already seeded with the same data records the source when it had none.
   */
  public Seeded seed(Dataset data, String fingerprint, String source) {
    return seed(data, fingerprint, source, null);
  }

  /**
   * How the seed data was read (format, column mapping, scale ...), if recorded: training from the store reads
   * the catalogue again the same way (a CSV with its own column names needs its mapping).
   */
  public Optional<LoadOptions> seedReadOptions() {
    String json = read(c -> meta(c, "dataset_read"));
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(META_JSON.readValue(json, LoadOptions.class));
    } catch (java.io.IOException e) {
      throw new CinerecException("the ratings store " + url.display() + " records how its seed data was read in a "
          + "form this version cannot read (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /**
   * As {@link #seed(Dataset, String, String)}, also recording {@code read}, how the data was read (null: the
   * readers' defaults). A store already seeded with the same data records source and settings when it had none.
   */
  public Seeded seed(Dataset data, String fingerprint, String source, LoadOptions read) {
    String readJson;
    try {
      readJson = read == null ? null : META_JSON.writeValueAsString(read);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return write(c -> {
      if (source != null && meta(c, "dataset_fingerprint") != null && meta(c, "dataset_source") == null
          && fingerprint.equals(meta(c, "dataset_fingerprint"))) {
        putMeta(c, "dataset_source", source);
      }
      if (readJson != null && meta(c, "dataset_fingerprint") != null && meta(c, "dataset_read") == null
          && fingerprint.equals(meta(c, "dataset_fingerprint"))) {
        putMeta(c, "dataset_read", readJson);
      }
      String had = meta(c, "dataset_fingerprint");
      if (had != null) {
        if (!had.equals(fingerprint)) {
          throw new CinerecException("the ratings store " + url.display() + " was seeded from another dataset "
              + "(fingerprint " + had + ", this data " + fingerprint + "); give another --store, or the data it "
              + "was seeded from");
        }
        return new Seeded(false, count(c, "users"), count(c, "ratings"));
      }
      long now = System.currentTimeMillis();
      IdIndex users = data.users();
      IdIndex items = data.items();
      try (PreparedStatement u = c.prepareStatement(
          "INSERT INTO users (user_id, origin, key_hash, created_at) VALUES (?, 'dataset', NULL, ?) "
              + "ON CONFLICT (user_id) DO NOTHING")) {
        for (int i = 0; i < users.size(); i++) {
          u.setString(1, users.key(i));
          u.setLong(2, now);
          u.addBatch();
          if ((i + 1) % BATCH == 0) {
            u.executeBatch();
          }
        }
        u.executeBatch();
      }
      Ratings r = data.ratings();
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES (?, ?, ?, ?, 'dataset')")) {
        for (int i = 0; i < r.size(); i++) {
          p.setString(1, users.key(r.user(i)));
          p.setString(2, items.key(r.item(i)));
          p.setFloat(3, r.rating(i));
          p.setLong(4, r.timestamp(i));
          p.addBatch();
          if ((i + 1) % BATCH == 0) {
            p.executeBatch();
          }
        }
        p.executeBatch();
      }
      putMeta(c, "dataset_fingerprint", fingerprint);
      putMeta(c, "seeded_ratings", Long.toString(r.size()));
      putMeta(c, "seeded_at", Long.toString(now));
      if (source != null) {
        putMeta(c, "dataset_source", source);
      }
      if (readJson != null) {
        putMeta(c, "dataset_read", readJson);
      }
      return new Seeded(true, users.size(), r.size());
    });
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String meta(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT meta_value FROM store_meta WHERE meta_key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static void putMeta(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?) "
        + "ON CONFLICT (meta_key) DO UPDATE SET meta_value = excluded.meta_value")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  // ---- users

  /** A stored user: where it came from and the hash of its secret key (api users). */
  public record User(String userId, StoredRating.Origin origin, String keyHash, long createdAt) {}

  /** Creates an api user; false when the id is taken. */
  public boolean createUser(String userId, String keyHash) {
    String id = IdIndex.key(userId);
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO users (user_id, origin, key_hash, created_at) "
          + "VALUES (?, 'api', ?, ?) ON CONFLICT (user_id) DO NOTHING")) {
        p.setString(1, id);
        p.setString(2, keyHash);
        p.setLong(3, System.currentTimeMillis());
        return p.executeUpdate() == 1;
      }
    });
  }

  /** The user, if stored. */
  public Optional<User> user(String userId) {
    String id = IdIndex.key(userId);
    return read(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT origin, key_hash, created_at FROM users WHERE user_id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(new User(id, StoredRating.Origin.of(r.getString(1)), r.getString(2),
              r.getLong(3))) : Optional.empty();
        }
      }
    });
  }

  /** Deletes the user with every rating, dismissal and attribute of theirs; false when there was no such user. */
  public boolean deleteUser(String userId) {
    String id = IdIndex.key(userId);
    return write(c -> {
      for (String table : new String[] {"ratings", "dismissals", "user_attributes"}) { // whatever the FK settings
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
          p.setString(1, id);
          p.executeUpdate();
        }
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM users WHERE user_id = ?")) {
        p.setString(1, id);
        return p.executeUpdate() == 1;
      }
    });
  }

  // ---- attributes

  /**
   * What the user told about themselves (attribute name to value, by name), as {@link #setAttributes} stored
   * it; empty when nothing (and for a user not stored).
   */
  public java.util.Map<String, String> attributes(String userId) {
    String id = IdIndex.key(userId);
    return read(c -> {
      java.util.Map<String, String> out = new java.util.TreeMap<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT attr_name, attr_value FROM user_attributes WHERE user_id = ? ORDER BY attr_name")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.put(r.getString(1), r.getString(2));
          }
        }
      }
      return java.util.Collections.unmodifiableMap(out);
    });
  }

  /**
   * Replaces what the user told about themselves by {@code attributes} (an empty map clears it), durably, in
   * one transaction; false when there is no such user.
   */
  public boolean setAttributes(String userId, java.util.Map<String, String> attributes) {
    String id = IdIndex.key(userId);
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM users WHERE user_id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM user_attributes WHERE user_id = ?")) {
        p.setString(1, id);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO user_attributes (user_id, attr_name, attr_value) VALUES (?, ?, ?)")) {
        for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(attributes).entrySet()) {
          p.setString(1, id);
          p.setString(2, e.getKey());
          p.setString(3, e.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
      return true;
    });
  }

  /** Every stored attribute: user id to (name to value), for training from the store. */
  public java.util.Map<String, java.util.Map<String, String>> allAttributes() {
    return read(c -> {
      java.util.Map<String, java.util.Map<String, String>> out = new java.util.TreeMap<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT user_id, attr_name, attr_value FROM user_attributes ORDER BY user_id, attr_name");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getString(1), k -> new java.util.TreeMap<>()).put(r.getString(2), r.getString(3));
        }
      }
      return out;
    });
  }

  // ---- ratings

  /**
   * Stores the user's rating of the movie (creating or changing it), durably: it is committed when this
   * returns. The user must exist ({@link #createUser} or seeded).
   */
  public void putRating(String userId, String movieId, float rating, long ratedAtSeconds) {
    String u = IdIndex.key(userId);
    String m = IdIndex.key(movieId);
    write(c -> {
      requireUser(c, u);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO ratings (user_id, movie_id, rating, rated_at, "
          + "origin) VALUES (?, ?, ?, ?, 'api') ON CONFLICT (user_id, movie_id) DO UPDATE SET "
          + "rating = excluded.rating, rated_at = excluded.rated_at, origin = excluded.origin")) {
        p.setString(1, u);
        p.setString(2, m);
        p.setFloat(3, rating);
        p.setLong(4, ratedAtSeconds);
        p.executeUpdate();
      }
      return null;
    });
  }

  private static void requireUser(Connection c, String userId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM users WHERE user_id = ?")) {
      p.setString(1, userId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new CinerecException("unknown user \"" + userId + "\" in the ratings store");
        }
      }
    }
  }

  /** Deletes the user's rating of the movie; false when there was none. */
  public boolean deleteRating(String userId, String movieId) {
    return deletePair("ratings", userId, movieId);
  }

  /** Deletes the (user, movie) row of {@code table} (a constant of this class, never input); false when none. */
  private boolean deletePair(String table, String userId, String movieId) {
    String u = IdIndex.key(userId);
    String m = IdIndex.key(movieId);
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ? AND movie_id = ?")) {
        p.setString(1, u);
        p.setString(2, m);
        return p.executeUpdate() == 1;
      }
    });
  }

  /** The user's ratings, by movie id. */
  public List<StoredRating> ratings(String userId) {
    String u = IdIndex.key(userId);
    return read(c -> {
      List<StoredRating> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT movie_id, rating, rated_at, origin FROM ratings "
          + "WHERE user_id = ? ORDER BY movie_id")) {
        p.setString(1, u);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new StoredRating(u, r.getString(1), r.getFloat(2), r.getLong(3),
                StoredRating.Origin.of(r.getString(4))));
          }
        }
      }
      return out;
    });
  }

  /** Every stored rating, streamed in (user, movie) order (startup, and training from the store). */
  public long forEachRating(Consumer<StoredRating> sink) {
    return read(c -> {
      long n = 0;
      try (PreparedStatement p = c.prepareStatement("SELECT user_id, movie_id, rating, rated_at, origin FROM ratings "
          + "ORDER BY user_id, movie_id")) {
        p.setFetchSize(BATCH);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            sink.accept(new StoredRating(r.getString(1), r.getString(2), r.getFloat(3), r.getLong(4),
                StoredRating.Origin.of(r.getString(5))));
            n++;
          }
        }
      }
      return n;
    });
  }

  /** What a copy moved: users, ratings, dismissals, the store's own records (seeding) and added movies. */
  public record Copied(long users, long ratings, long dismissals, long meta, long movies, long attributes) {}

  /**
   * Copies everything this store holds — users (with their key hashes and attributes), ratings, dismissals,
   * the seeding record and the movies added through the service — into {@code target}, which must be empty (a new store): the backup and the restore. The source
   * is read as one snapshot (one read transaction; on PostgreSQL at REPEATABLE READ), so a server writing
   * meanwhile yields a backup of one moment; the target is written in one transaction, so it holds all of
   * it or, after a failure, nothing.
   */
  public Copied copyInto(JdbcRatingStore target) {
    // SQLite: a read transaction on a reader connection is the snapshot, and takes no lock a writer holds (a
    // write transaction here waited for the write lock, and a server writing without pause starved it past the
    // busy timeout: SQLITE_BUSY in CI); PostgreSQL: a transaction at REPEATABLE READ on a pool connection
    Work<Copied> copy = src -> {
      if (pool != null) {
        try (Statement st = src.createStatement()) { // the first statement: for this transaction only
          st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
      }
      return target.write(dst -> {
        if (count(dst, "users") > 0 || count(dst, "store_meta") > 0) {
          throw new CinerecException("the ratings store " + target.url.display() + " is not empty: a backup "
              + "is restored into a new store only");
        }
        long meta = copy(src, dst, "SELECT meta_key, meta_value FROM store_meta",
            "INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)", "ss");
        long users = copy(src, dst, "SELECT user_id, origin, key_hash, created_at FROM users ORDER BY user_id",
            "INSERT INTO users (user_id, origin, key_hash, created_at) VALUES (?, ?, ?, ?)", "sssl");
        long ratings = copy(src, dst, "SELECT user_id, movie_id, rating, rated_at, origin FROM ratings "
            + "ORDER BY user_id, movie_id",
            "INSERT INTO ratings (user_id, movie_id, rating, rated_at, origin) VALUES (?, ?, ?, ?, ?)", "ssfls");
        long dismissals = copy(src, dst, "SELECT user_id, movie_id, dismissed_at FROM dismissals "
            + "ORDER BY user_id, movie_id",
            "INSERT INTO dismissals (user_id, movie_id, dismissed_at) VALUES (?, ?, ?)", "ssl");
        long movies = copy(src, dst, "SELECT movie_id, title, release_year, genres, added_at, original_language, "
            + "runtime_minutes, overview FROM movies ORDER BY movie_id",
            "INSERT INTO movies (movie_id, title, release_year, genres, added_at, original_language, runtime_minutes, "
            + "overview) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssislsis");
        long attributes = copy(src, dst, "SELECT user_id, attr_name, attr_value FROM user_attributes "
            + "ORDER BY user_id, attr_name",
            "INSERT INTO user_attributes (user_id, attr_name, attr_value) VALUES (?, ?, ?)", "sss");
        return new Copied(users, ratings, dismissals, meta, movies, attributes);
      });
    };
    return sqlite != null ? read(copy) : write(copy);
  }

  /** Copies rows; {@code types} gives each column's type: s(tring), l(ong), f(loat), i(nteger or null). */
  private static long copy(Connection src, Connection dst, String select, String insert, String types)
      throws SQLException {
    long n = 0;
    try (PreparedStatement in = src.prepareStatement(select); PreparedStatement out = dst.prepareStatement(insert)) {
      in.setFetchSize(BATCH);
      try (ResultSet r = in.executeQuery()) {
        while (r.next()) {
          for (int i = 0; i < types.length(); i++) {
            switch (types.charAt(i)) {
              case 's' -> out.setString(i + 1, r.getString(i + 1));
              case 'l' -> out.setLong(i + 1, r.getLong(i + 1));
              case 'f' -> out.setFloat(i + 1, r.getFloat(i + 1));
              case 'i' -> {
                int v = r.getInt(i + 1);
                if (r.wasNull()) {
                  out.setNull(i + 1, java.sql.Types.INTEGER);
                } else {
                  out.setInt(i + 1, v);
                }
              }
              default -> throw new IllegalArgumentException(types);
            }
          }
          out.addBatch();
          if (++n % BATCH == 0) {
            out.executeBatch();
          }
        }
      }
      out.executeBatch();
    }
    return n;
  }

  /**
   * How much the store holds now: all users and ratings, and those written through the service (origin
   * {@code api}: users created with the API, ratings written by anyone through it).
   */
  public record Counts(long users, long ratings, long newUsers, long newRatings) {}

  /** The store's {@link Counts} (two grouped counts, one connection). */
  public Counts counts() {
    return read(c -> {
      long[] users = byOrigin(c, "users");
      long[] ratings = byOrigin(c, "ratings");
      return new Counts(users[0], ratings[0], users[1], ratings[1]);
    });
  }

  /** {all rows, rows of origin api} of a table. */
  private static long[] byOrigin(Connection c, String table) throws SQLException {
    long[] out = new long[2];
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT origin, COUNT(*) FROM " + table + " GROUP BY origin")) {
      while (r.next()) {
        out[0] += r.getLong(2);
        if (StoredRating.Origin.API.id().equals(r.getString(1))) {
          out[1] += r.getLong(2);
        }
      }
    }
    return out;
  }

  /** A movie's rating count and mean in the store (they move as people rate). */
  public record MovieStats(String movieId, long count, double mean) {}

  public MovieStats movieStats(String movieId) {
    String m = IdIndex.key(movieId);
    return read(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), AVG(rating) FROM ratings WHERE movie_id = ?")) {
        p.setString(1, m);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          long n = r.getLong(1);
          return new MovieStats(m, n, n == 0 ? Double.NaN : r.getDouble(2));
        }
      }
    });
  }

  // ---- movies added through the service

  /**
   * Adds a movie to the catalogue, durably (committed when this returns); false, storing nothing, when a
   * movie of that id was already added (ids compared by {@link IdIndex#key}).
   */
  public boolean addMovie(StoredMovie movie) {
    String id = IdIndex.key(movie.movieId());
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO movies (movie_id, title, release_year, genres, "
          + "added_at, original_language, runtime_minutes, overview) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (movie_id) DO NOTHING")) {
        p.setString(1, id);
        p.setString(2, movie.title());
        setIntOrNull(p, 3, movie.year());
        p.setString(4, movie.genreColumn());
        p.setLong(5, movie.addedAt());
        Catalog.Details d = movie.details();
        p.setString(6, d.language());
        setIntOrNull(p, 7, d.runtime());
        p.setString(8, d.overview());
        return p.executeUpdate() == 1;
      }
    });
  }

  /** Every movie added through the service, in the order added (then by id). */
  public List<StoredMovie> movies() {
    return read(c -> {
      List<StoredMovie> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT movie_id, title, release_year, genres, added_at, "
          + "original_language, runtime_minutes, overview FROM movies ORDER BY added_at, movie_id")) {
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            int year = r.getInt(3);
            year = r.wasNull() ? Catalog.NO_YEAR : year;
            int runtime = r.getInt(7);
            runtime = r.wasNull() ? Catalog.NO_RUNTIME : runtime;
            out.add(new StoredMovie(r.getString(1), r.getString(2), year, StoredMovie.genresOf(r.getString(4)),
                r.getLong(5), new Catalog.Details(r.getString(6), runtime, r.getString(8))));
          }
        }
      }
      return out;
    });
  }

  /** Sets an INTEGER parameter, NULL for 0 (the "unknown" of years and runtimes). */
  private static void setIntOrNull(PreparedStatement p, int at, int value) throws SQLException {
    if (value == 0) {
      p.setNull(at, java.sql.Types.INTEGER);
    } else {
      p.setInt(at, value);
    }
  }

  // ---- dismissals ("not interested")

  /** Records that the user is not interested in the movie; false when already dismissed. */
  public boolean dismiss(String userId, String movieId) {
    String u = IdIndex.key(userId);
    String m = IdIndex.key(movieId);
    return write(c -> {
      requireUser(c, u);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO dismissals (user_id, movie_id, dismissed_at) "
          + "VALUES (?, ?, ?) ON CONFLICT (user_id, movie_id) DO NOTHING")) {
        p.setString(1, u);
        p.setString(2, m);
        p.setLong(3, System.currentTimeMillis());
        return p.executeUpdate() == 1;
      }
    });
  }

  /** Undoes a dismissal; false when there was none. */
  public boolean undismiss(String userId, String movieId) {
    return deletePair("dismissals", userId, movieId);
  }

  /** The movies the user dismissed, by id. */
  public List<String> dismissals(String userId) {
    String u = IdIndex.key(userId);
    return read(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT movie_id FROM dismissals WHERE user_id = ? ORDER BY movie_id")) {
        p.setString(1, u);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(r.getString(1));
          }
        }
      }
      return out;
    });
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (sqlite != null) {
      closed = true;
      sqliteLock.lock();
      try {
        for (int i = 0; i < SQLITE_READERS; i++) { // each once its read is done
          Connection r = readers.poll(10, TimeUnit.SECONDS);
          if (r != null) {
            r.close();
          }
        }
        sqlite.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CinerecException.failure("interrupted closing the ratings store " + url.display(), e);
      } catch (SQLException e) {
        throw CinerecException.failure("cannot close the ratings store " + url.display() + ": " + message(e), e);
      } finally {
        sqliteLock.unlock();
      }
    }
  }
}
