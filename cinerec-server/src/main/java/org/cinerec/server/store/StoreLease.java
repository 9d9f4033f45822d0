package org.cinerec.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cinerec.CinerecException;

/**
 * One serving process per store, enforced: a server holds this lease for as long as it runs, and a second
 * server on the same store is refused at start with a message naming the holder, instead of both running and
 * each serving recommendations the other's writes never reach (per-user state lives in the process;
 * docs/serving.md, "One server process per store"). Readers of the store ({@code cinerec train STORE},
 * {@code store backup}) take no lease: they run beside a server.
 *
 * <p>The lease is one the operating system or the database ends when the process does, so a crash (even
 * {@code kill -9}) never leaves a store locked:
 * <ul>
 *   <li>SQLite: an exclusive lock on {@code FILE.serving} beside the store file (the file also names the
 *       holder, and is emptied on a clean stop; it is never deleted, since a server could hold a lock on a
 *       deleted file while another locks a new one);</li>
 *   <li>PostgreSQL: a session-level advisory lock keyed by the store's schema (its search path), held on a connection of its
 *       own (named after the holder, so {@code pg_stat_activity} shows who has it). If that connection is lost
 *       (the database restarted) the lease is taken again every {@value #RENEW_SECONDS} s; should another
 *       server have taken it meanwhile, the log says so once.</li>
 * </ul>
 */
public final class StoreLease implements AutoCloseable {
  /** The advisory lock's first key: "cine" in ASCII; the second is the schema's. */
  static final int PG_CLASS = 0x63696e65;
  static final int RENEW_SECONDS = 5;

  private final StoreUrl url;
  private final String holder;
  private final Consumer<String> log;
  // SQLite
  private final FileChannel channel;
  private final FileLock lock;
  // PostgreSQL
  private volatile Connection session;
  private final ScheduledExecutorService renewer;
  private volatile boolean warned;
  private volatile boolean closed;
  /** PostgreSQL: whether the session holding the lock was alive at the last check (every renewal tick). */
  private volatile boolean alive = true;

  private StoreLease(StoreUrl url, String holder, Consumer<String> log, FileChannel channel, FileLock lock,
      Connection session, boolean autoRenew) {
    this.url = url;
    this.holder = holder;
    this.log = log;
    this.channel = channel;
    this.lock = lock;
    this.session = session;
    if (session != null && autoRenew) {
      renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cinerec-store-lease");
        t.setDaemon(true);
        return t;
      });
      renewer.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    } else {
      renewer = null;
    }
  }

  /** Who this process is, as a lease names its holder: {@code cinerec serve (pid N on HOST, since T)}. */
  public static String thisProcess() {
    return "cinerec serve (pid " + ProcessHandle.current().pid() + " on " + hostName() + ", since "
        + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
  }

  /**
   * This machine's name without asking DNS ({@code InetAddress.getLocalHost()} can wait seconds for a name
   * server): {@code HOSTNAME}, else the kernel's, else "this machine".
   */
  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    for (String f : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
      try {
        String h = Files.readString(Path.of(f), StandardCharsets.UTF_8).strip();
        if (!h.isEmpty()) {
          return h;
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or not readable: the next one
      }
    }
    return "this machine";
  }

  /**
   * Takes the lease on the store at {@code url} for {@code holder}, or fails (FAILURE) naming the server that
   * holds it. {@code log} hears of a lease lost and not regained (PostgreSQL).
   */
  public static StoreLease take(StoreUrl url, String holder, Consumer<String> log) {
    return take(url, holder, log, true);
  }

  /** As {@link #take(StoreUrl, String, Consumer)}; without {@code autoRenew} only {@link #renewNow} retakes it. */
  static StoreLease take(StoreUrl url, String holder, Consumer<String> log, boolean autoRenew) {
    return url.sqlite() ? sqlite(url, holder, log) : postgres(url, holder, log, autoRenew);
  }

  /** The file beside a SQLite store that carries its lease. */
  public static Path lockFile(Path store) {
    return store.resolveSibling(store.getFileName() + ".serving");
  }

  private static StoreLease sqlite(StoreUrl url, String holder, Consumer<String> log) {
    Path file = lockFile(url.file());
    FileChannel ch = null;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // this JVM holds it already: another server in this process
      }
      if (l == null) {
        String other = readHolder(ch);
        ch.close();
        throw refused(url, other);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new StoreLease(url, holder, log, ch, l, null, false);
    } catch (IOException e) {
      closeQuietly(ch);
      throw CinerecException.failure("cannot open the ratings store " + url.display() + ": " + fileProblem(e), e);
    }
  }

  /** A file system failure in words: java.nio's exceptions carry only the path as their message. */
  static String fileProblem(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file or folder";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException x) {
      return x.getFile() + ": exists and is not a folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException d) {
      return d.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
    }
    return CinerecException.oneLine(e);
  }

  private static String readHolder(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(512);
    ch.read(b, 0);
    String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? null : s;
  }

  private static StoreLease postgres(StoreUrl url, String holder, Consumer<String> log, boolean autoRenew) {
    Connection c = null;
    try {
      c = pgSession(url, holder);
      int key = schemaKey(c);
      if (!tryLock(c, key)) {
        String other = pgHolder(c, key);
        c.close();
        throw refused(url, other);
      }
      return new StoreLease(url, holder, log, null, null, c, autoRenew);
    } catch (SQLException e) {
      closeQuietly(c);
      throw CinerecException.failure("cannot open the ratings store " + url.display() + ": "
          + CinerecException.oneLine(e), e);
    }
  }

  private static Connection pgSession(StoreUrl url, String holder) throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", holder.length() > 60 ? holder.substring(0, 60) : holder);
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url.url(), p);
  }

  private static int schemaKey(Connection c) throws SQLException {
    // the search path names the store's schema even before Flyway has created it (current_schema() is null then)
    try (PreparedStatement s = c.prepareStatement("SELECT current_setting('search_path')");
        ResultSet r = s.executeQuery()) {
      r.next();
      String path = r.getString(1);
      return (path == null ? "" : path.strip()).hashCode() & 0x7fffffff;
    }
  }

  private static boolean tryLock(Connection c, int key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      s.setInt(1, PG_CLASS);
      s.setInt(2, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /** The holder's name and address as PostgreSQL shows its session, or null. */
  private static String pgHolder(Connection c, int key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT a.application_name, a.client_addr, a.backend_start "
        + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
        + "AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid AND l.objsubid = 2")) {
      s.setLong(1, PG_CLASS);
      s.setLong(2, key);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        String name = r.getString(1);
        String addr = r.getString(2);
        return (name == null || name.isBlank() ? "a session" : name) + (addr == null ? "" : " from " + addr);
      }
    }
  }

  private static CinerecException refused(StoreUrl url, String other) {
    return CinerecException.failure("the ratings store " + url.display() + " is served by another "
        + (other == null ? "cinerec serve" : other) + ": one server per store (each keeps its users' state in "
        + "memory, so two would serve recommendations that miss each other's ratings); stop that one first, or "
        + "give this one its own --store", null);
  }

  /** One renewal tick now (what the renewer does every {@value #RENEW_SECONDS} s), for tests. */
  void renewNow() {
    renew();
  }

  /** PostgreSQL: takes the lock again on a new session when the held one was lost. */
  private synchronized void renew() {
    if (closed) {
      return;
    }
    try {
      Connection c = session;
      if (c != null && c.isValid(2)) {
        alive = true;
        return;
      }
      alive = false;
      closeQuietly(c);
      Connection fresh = pgSession(url, holder);
      int key = schemaKey(fresh);
      if (tryLock(fresh, key)) {
        session = fresh;
        alive = true;
        if (warned) {
          log.accept("the lease on the ratings store " + url.display() + " is held again");
          warned = false;
        }
      } else {
        String other = pgHolder(fresh, key);
        fresh.close();
        session = null;
        if (!warned) {
          warned = true;
          log.accept("warning: the lease on the ratings store " + url.display() + " was lost while the database "
              + "was away and is now held by " + (other == null ? "another server" : other) + ": stop one of the "
              + "two servers");
        }
      }
    } catch (SQLException | RuntimeException e) {
      session = null; // the database is still away: try again at the next tick
    }
  }

  /**
   * Whether this process holds the lease: SQLite, its file lock; PostgreSQL, its session was alive at the last
   * check (made every {@value #RENEW_SECONDS} s without waiting on the database here, so {@code /health} can
   * ask on every call).
   */
  public boolean held() {
    if (closed) {
      return false;
    }
    if (lock != null) {
      return lock.isValid();
    }
    return alive && session != null;
  }

  /** Ends the lease (SQLite: empties the lease file first, while still holding it). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (renewer != null) {
      renewer.shutdownNow();
    }
    if (channel != null) {
      try {
        channel.truncate(0); // free; the file stays (deleting it would let two servers lock two files)
      } catch (IOException e) {
        // a holder's name left behind is harmless: the next server locks the file and writes its own
      }
      closeQuietly(channel); // releases the lock
    }
    closeQuietly(session);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // closing on a path that already failed or ends
      }
    }
  }
}
