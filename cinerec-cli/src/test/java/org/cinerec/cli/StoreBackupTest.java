package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import org.cinerec.server.store.StoredRating;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cinerec store backup} and {@code restore}: a store with users (one with a key), ratings, dismissals and
 * a seeding record is backed up while another thread keeps writing to it, restored into a new SQLite file and
 * into a fresh PostgreSQL schema, and each copy holds exactly what the backup's snapshot held.
 */
class StoreBackupTest {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  static Run cinerec(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  /** Everything a store holds, as comparable text. */
  static List<String> contents(JdbcRatingStore s, List<String> users) {
    List<String> out = new ArrayList<>();
    s.forEachRating((StoredRating r) -> out.add("rating " + r.userId() + " " + r.movieId() + " " + r.rating() + " "
        + r.ratedAt() + " " + r.origin()));
    for (String u : users) {
      s.user(u).ifPresent(x -> out.add("user " + x.userId() + " " + x.origin() + " " + x.keyHash() + " " + x.createdAt()));
      out.add("dismissed " + u + " " + s.dismissals(u));
    }
    out.add("seeded " + s.seededWith().orElse("-"));
    return out;
  }

  @Test
  void aBackupTakenWhileWritingRestoresIntoSqliteAndPostgres() throws Exception {
    Path store = dir.resolve("ratings.db");
    List<String> users = new ArrayList<>();
    try (JdbcRatingStore s = JdbcRatingStore.open(StoreUrl.parse(store.toString()))) {
      for (int u = 0; u < 40; u++) {
        String id = "web-" + u;
        users.add(id);
        s.createUser(id, u % 2 == 0 ? "ab" + u : null);
        for (int m = 0; m < 25; m++) {
          s.putRating(id, Integer.toString(m * 7 + u), 0.5f + (m + u) % 10 * 0.5f, 1_700_000_000L + m);
        }
        s.dismiss(id, "9999");
      }
    }
    Path backup = dir.resolve("backup.db");
    Run b = cinerec("store", "backup", store.toString(), backup.toString());
    assertEquals(0, b.exit(), b.err());
    assertTrue(b.out().contains("40 users, 1,000 ratings, 40 dismissals"), b.out());
    assertEquals(0, cinerec("store", "backup", store.toString(), backup.toString()).exit() == 0 ? 1 : 0,
        "a second backup onto the same file is refused");
    try (JdbcRatingStore s = JdbcRatingStore.open(StoreUrl.parse(store.toString()));
        JdbcRatingStore copy = JdbcRatingStore.open(StoreUrl.parse(backup.toString()))) {
      assertEquals(contents(s, users), contents(copy, users));
    }

    Path restored = dir.resolve("restored/ratings.db");
    Run r = cinerec("store", "restore", backup.toString(), restored.toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(Files.exists(restored.resolveSibling(".ratings.db.partial")));

    String schema = "cinerec_restore_" + ProcessHandle.current().pid();
    String base = Services.postgres();
    try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      st.execute("CREATE SCHEMA " + schema);
    }
    String pg = base + "&currentSchema=" + schema;
    try {
      Run p = cinerec("store", "restore", backup.toString(), pg);
      assertEquals(0, p.exit(), p.err());
      Run again = cinerec("store", "restore", backup.toString(), pg);
      assertEquals(1, again.exit());
      assertTrue(again.err().contains("is not empty"), again.err());
      try (JdbcRatingStore b1 = JdbcRatingStore.open(StoreUrl.parse(backup.toString()));
          JdbcRatingStore s2 = JdbcRatingStore.open(StoreUrl.parse(restored.toString()));
          JdbcRatingStore p2 = JdbcRatingStore.open(StoreUrl.parse(pg))) {
        List<String> expected = contents(b1, users);
        assertEquals(expected, contents(s2, users));
        assertEquals(expected, contents(p2, users));
        // and a backup of PostgreSQL gives the same again
      }
      Path fromPg = dir.resolve("from-pg.db");
      Run fp = cinerec("store", "backup", pg, fromPg.toString());
      assertEquals(0, fp.exit(), fp.err());
      try (JdbcRatingStore b1 = JdbcRatingStore.open(StoreUrl.parse(backup.toString()));
          JdbcRatingStore b2 = JdbcRatingStore.open(StoreUrl.parse(fromPg.toString()))) {
        assertEquals(contents(b1, users), contents(b2, users));
      }
    } finally {
      try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void aBackupIsOneSnapshotEvenWhileTheStoreIsWritten() throws Exception {
    Path store = dir.resolve("busy.db");
    try (JdbcRatingStore s = JdbcRatingStore.open(StoreUrl.parse(store.toString()))) {
      s.createUser("w", null);
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
      Thread writer = new Thread(() -> {
        try {
          for (int m = 0; !stop.get(); m++) {
            s.putRating("w", Integer.toString(m), 3f, 1L);
          }
        } catch (RuntimeException e) {
          failed.set(e);
        }
      });
      writer.start();
      try {
        while (s.counts().ratings() < 200) {
          if (!writer.isAlive()) { // a write failed: say so rather than wait for ever
            throw new AssertionError("the writer stopped after " + s.counts().ratings() + " ratings", failed.get());
          }
          Thread.onSpinWait();
        }
        for (int k = 0; k < 3; k++) {
          Path backup = dir.resolve("busy-" + k + ".db");
          Run b = cinerec("store", "backup", store.toString(), backup.toString());
          assertEquals(0, b.exit(), b.err());
          try (JdbcRatingStore copy = JdbcRatingStore.open(StoreUrl.parse(backup.toString()))) {
            long n = copy.counts().ratings();
            // the writer adds movies 0, 1, 2, ... in order: a snapshot holds exactly a prefix of them
            List<String> ids = new ArrayList<>();
            copy.forEachRating(x -> ids.add(x.movieId()));
            assertEquals(n, ids.size());
            for (long m = 0; m < n; m++) {
              assertTrue(ids.contains(Long.toString(m)), "backup " + k + " has " + n + " ratings but not movie " + m);
            }
            assertTrue(b.out().contains(String.format(java.util.Locale.ROOT, "%,d ratings", n)), b.out());
          }
        }
      } finally {
        stop.set(true);
        writer.join();
      }
      if (failed.get() != null) {
        throw new AssertionError("a write failed while the store was backed up", failed.get());
      }
    }
  }
}
