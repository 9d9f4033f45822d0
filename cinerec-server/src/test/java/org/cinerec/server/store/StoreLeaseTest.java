package org.cinerec.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cinerec.CinerecException;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per store: the second lease on a store is refused naming the first holder, on SQLite (a lock on
 * a file beside it) and PostgreSQL (an advisory lock); closing the first frees it; other stores are not
 * affected; a PostgreSQL lease whose session was killed is taken again, or, when another holder got it
 * first, the log says so. (Across processes, and after a SIGKILL: {@code ServeCommandTest}.)
 */
class StoreLeaseTest {
  @TempDir
  Path dir;

  @Test
  void sqliteOneHolderAtATimeNamedInTheRefusal() throws Exception {
    StoreUrl url = StoreUrl.parse(dir.resolve("a/ratings.db").toString());
    StoreLease first = StoreLease.take(url, "first server", m -> {});
    assertTrue(first.held());
    Path file = StoreLease.lockFile(url.file());
    assertEquals("first server\n", Files.readString(file, StandardCharsets.UTF_8));
    CinerecException e = assertThrows(CinerecException.class, () -> StoreLease.take(url, "second", m -> {}));
    assertEquals(CinerecException.Kind.FAILURE, e.kind());
    assertTrue(e.getMessage().contains("ratings store " + url.display() + " is served by another first server"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--store"), e.getMessage());
    // another store beside it is another lease
    try (StoreLease other = StoreLease.take(StoreUrl.parse(dir.resolve("a/other.db").toString()), "x", m -> {})) {
      assertTrue(other.held());
    }
    first.close();
    assertFalse(first.held());
    assertEquals("", Files.readString(file), "a clean stop empties the lease file (it is never deleted)");
    try (StoreLease second = StoreLease.take(url, "second", m -> {})) {
      assertTrue(second.held());
      assertEquals("second\n", Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aStoreThatCannotBeOpenedSaysWhyInWords() throws Exception {
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
    StoreUrl url = StoreUrl.parse(blocker.resolve("ratings.db").toString());
    CinerecException e = assertThrows(CinerecException.class, () -> StoreLease.take(url, "x", m -> {}));
    assertTrue(e.getMessage().startsWith("cannot open the ratings store " + url.display() + ": " + blocker),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(blocker + ": exists and is not a folder"), e.getMessage());
    String missing = Services.postgres().replace("/test?", "/cinerec_no_such_database?");
    CinerecException pg = assertThrows(CinerecException.class,
        () -> StoreLease.take(StoreUrl.parse(missing), "x", m -> {}));
    assertTrue(pg.getMessage().startsWith("cannot open the ratings store "), pg.getMessage());
    assertTrue(pg.getMessage().contains("cinerec_no_such_database\" does not exist"), pg.getMessage());
  }

  @Test
  void postgresOneHolderPerSchemaNamedInTheRefusal() throws Exception {
    String base = Services.postgres();
    String a = base + "&currentSchema=cinerec_lease_a_" + ProcessHandle.current().pid();
    String b = base + "&currentSchema=cinerec_lease_b_" + ProcessHandle.current().pid();
    try (StoreLease first = StoreLease.take(StoreUrl.parse(a), "cinerec serve (test first)", m -> {})) {
      assertTrue(first.held());
      CinerecException e = assertThrows(CinerecException.class,
          () -> StoreLease.take(StoreUrl.parse(a), "second", m -> {}));
      assertTrue(e.getMessage().contains("is served by another cinerec serve (test first)"), e.getMessage());
      try (StoreLease other = StoreLease.take(StoreUrl.parse(b), "other schema", m -> {})) {
        assertTrue(other.held(), "another schema of the same database is another store");
      }
    }
    try (StoreLease again = StoreLease.take(StoreUrl.parse(a), "again", m -> {})) {
      assertTrue(again.held(), "closing the first freed the store");
    }
  }

  @Test
  void postgresALostSessionIsTakenAgainOrTheLogSaysWhoHasIt() throws Exception {
    String url = Services.postgres() + "&currentSchema=cinerec_lease_c_" + ProcessHandle.current().pid();
    List<String> log = new CopyOnWriteArrayList<>();
    // renewal by hand here, so that nothing races the other server below
    try (StoreLease lease = StoreLease.take(StoreUrl.parse(url), "cinerec serve (lost once)", log::add, false)) {
      int before = holderPid("cinerec serve (lost once)");
      assertTrue(before > 0, "the lease's session holds the advisory lock");
      kill("cinerec serve (lost once)");
      waitUntil(() -> holderPid("cinerec serve (lost once)") != before, 10_000); // its backend has ended
      lease.renewNow();
      int after = holderPid("cinerec serve (lost once)");
      assertTrue(after > 0 && after != before, "taken again on a new session: " + before + " -> " + after);
      assertTrue(lease.held());
      assertTrue(log.isEmpty(), "no warning when the lease came back: " + log);

      // lost again, and another server takes the store before this one can
      kill("cinerec serve (lost once)");
      StoreLease thief = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while (thief == null && System.currentTimeMillis() < deadline) {
        try {
          thief = StoreLease.take(StoreUrl.parse(url), "cinerec serve (the other)", m -> {}, false);
        } catch (CinerecException stillHeld) {
          Thread.sleep(20); // the killed session's lock goes when its backend has ended
        }
      }
      assertTrue(thief != null, "the killed session's lock was released");
      try (StoreLease other = thief) {
        lease.renewNow();
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("was lost while the database was away and is now held by cinerec serve "
            + "(the other)"), log.toString());
        assertFalse(lease.held());
        assertTrue(other.held());
        lease.renewNow();
        assertEquals(1, log.size(), "said once: " + log);
      }
      lease.renewNow();
      assertTrue(lease.held());
      assertEquals(2, log.size(), log.toString());
      assertTrue(log.get(1).contains("is held again"), log.toString());
    }
  }

  @Test
  void postgresTheRenewerRetakesALostSessionByItself() throws Exception {
    String url = Services.postgres() + "&currentSchema=cinerec_lease_d_" + ProcessHandle.current().pid();
    try (StoreLease lease = StoreLease.take(StoreUrl.parse(url), "cinerec serve (renewed)", m -> {})) {
      int before = holderPid("cinerec serve (renewed)");
      kill("cinerec serve (renewed)");
      waitUntil(() -> {
        int now = holderPid("cinerec serve (renewed)");
        return now > 0 && now != before;
      }, 3_000L * StoreLease.RENEW_SECONDS);
      assertTrue(lease.held());
    }
  }

  /** The backend pid of the session of this application name holding a granted advisory lock, or -1. */
  private static int holderPid(String applicationName) {
    try (Connection c = DriverManager.getConnection(Services.postgres());
        PreparedStatement s = c.prepareStatement("SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = "
            + "a.pid WHERE a.application_name = ? AND l.locktype = 'advisory' AND l.granted")) {
      s.setString(1, applicationName);
      try (java.sql.ResultSet r = s.executeQuery()) {
        return r.next() ? r.getInt(1) : -1;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the PostgreSQL sessions of this application name, as a database restart would. */
  private static void kill(String applicationName) throws Exception {
    try (Connection c = DriverManager.getConnection(Services.postgres());
        PreparedStatement s = c.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
      s.setString(1, applicationName);
      s.executeQuery().close();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "condition not met within " + millis + " ms");
      Thread.sleep(20);
    }
  }
}
