package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.cinerec.testkit.ServerProcess;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service loses no acknowledged rating: {@code cinerec serve} runs as a separate JVM; writers (4 by
 * default) send rating writes and user creations at once; the server is killed with SIGKILL while writes are in
 * flight (the kill waits until at least two writers are mid-request, at a seeded random moment); it is started
 * again on the same store, and the store, read directly over JDBC, holds every acknowledged rating exactly
 * once with its value (see {@link WriteLedger}), on SQLite and on PostgreSQL, over repeated cycles.
 *
 * <p>The normal run does 3 cycles per store. The long run (the figures in docs/notes/durability.md):
 * <pre>
 * mvn -q -B -ntp -pl cinerec-cli -am test -Dtest=DurabilityTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcinerec.durability.cycles=25
 * </pre>
 * Other knobs: {@code -Dcinerec.durability.writers=N}, {@code -Dcinerec.durability.seed=L}. Each run writes its
 * figures to {@code cinerec-cli/target/durability/STORE.txt} and the servers' logs beside them.
 */
class DurabilityTest {
  static final int CYCLES = Integer.getInteger("cinerec.durability.cycles", 3);
  static final int WRITERS = Integer.getInteger("cinerec.durability.writers", 4);
  static final long SEED = Long.getLong("cinerec.durability.seed", 20_260_412L);
  /** The kill comes this long after every writer had its first answer, at random within the range. */
  static final long KILL_AFTER_MIN_MS = 200;
  static final long KILL_AFTER_MAX_MS = 1_500;

  @TempDir
  static Path dir;
  static Path data;
  static Path model;

  @BeforeAll
  static void model() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
    model = dir.resolve("mf.cinerec");
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "mf", "--no-eval", "--out",
        model.toString());
    assertEquals(0, r.code(), r.err());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void everyAcknowledgedRatingSurvivesSigkillExactlyOnce(String kind) throws Exception {
    String schema = null;
    String jdbc;
    if (kind.equals("sqlite")) {
      jdbc = "jdbc:sqlite:" + dir.resolve("durability.db");
    } else {
      String base = Services.postgres();
      schema = "cinerec_durability_" + ProcessHandle.current().pid();
      try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        st.execute("CREATE SCHEMA " + schema);
      }
      jdbc = base + "&currentSchema=" + schema;
    }
    try {
      run(kind, jdbc);
    } finally {
      if (schema != null) {
        try (Connection c = DriverManager.getConnection(Services.postgres()); Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private void run(String kind, String jdbc) throws Exception {
    Path out = Path.of("target", "durability").toAbsolutePath();
    Files.createDirectories(out);
    Path log = out.resolve(kind + "-server.log");
    Files.deleteIfExists(log);
    SplittableRandom random = new SplittableRandom(SEED ^ kind.hashCode());
    WriteLedger ledger = new WriteLedger();
    List<RatingWriter> writers = RatingWriter.team(WRITERS, ledger, random);
    List<String> failures = new ArrayList<>();
    int killsMidWrite = 0;
    int committedUnanswered = 0;
    int lostUnanswered = 0;
    int verified = 0;
    long startNanos = System.nanoTime();
    double startSeconds = 0;
    ServerProcess server = start(jdbc, log);
    try {
      ledger.baseline(jdbc); // the seeded ratings
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        RatingWriter.Cycle c = new RatingWriter.Cycle(server.url(), WRITERS);
        List<Thread> threads = new ArrayList<>();
        for (RatingWriter w : writers) {
          Thread t = new Thread(() -> w.cycle(c), "writer-" + threads.size());
          t.start();
          threads.add(t);
        }
        c.warm.await(30, java.util.concurrent.TimeUnit.SECONDS);
        long after = KILL_AFTER_MIN_MS + random.nextLong(KILL_AFTER_MAX_MS - KILL_AFTER_MIN_MS);
        LockSupport.parkNanos(after * 1_000_000L);
        long giveUp = System.nanoTime() + 2_000_000_000L;
        while (c.inFlight.get() < Math.min(2, WRITERS) && System.nanoTime() < giveUp) {
          Thread.onSpinWait();
        }
        c.killedAt = System.nanoTime();
        int status = server.kill();
        assertEquals(ServerProcess.SIGKILL_STATUS, status, "the server ends by SIGKILL (128 + 9)");
        for (Thread t : threads) {
          t.join(60_000);
          assertTrue(!t.isAlive(), "a writer still runs a minute after the kill");
        }
        failures.addAll(c.failures);
        if (!c.unanswered.isEmpty()) {
          killsMidWrite++;
        }
        server = start(jdbc, log); // the restart recovers the store; then the store is read directly
        startSeconds += server.startSeconds();
        WriteLedger.Check check = ledger.verify(jdbc, c.unanswered);
        verified += check.pairs();
        committedUnanswered += check.committedUnanswered();
        lostUnanswered += check.lostUnanswered();
        for (String f : check.failures()) {
          failures.add("cycle " + cycle + ": " + f);
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
      }
      server.stop(); // SIGTERM: drains and closes the store
    } finally {
      server.close();
    }
    WriteLedger.Check last = ledger.verify(jdbc, Set.of());
    failures.addAll(last.failures());

    long sent = writers.stream().mapToLong(w -> w.sent).sum();
    long acked = writers.stream().mapToLong(w -> w.acknowledged).sum();
    long refused = writers.stream().mapToLong(w -> w.refused).sum();
    long users = writers.stream().mapToLong(w -> w.usersCreated).sum();
    String summary = String.format(Locale.ROOT, "durability %s: %d cycles, %d writers, seed %d, %.0f s (restarts "
        + "%.1f s each): %d rating writes sent, %d acknowledged, %d refused (429/503), %d users created; %d of %d "
        + "kills landed with writes in flight; of the unanswered writes %d were committed and %d not; after each "
        + "restart all %d (user, movie) pairs written or seeded were checked (%d checks); %d ratings stored at the "
        + "end; failures: %d", kind, CYCLES, WRITERS, SEED, (System.nanoTime() - startNanos) / 1e9,
        startSeconds / CYCLES, sent, acked, refused, users, killsMidWrite, CYCLES, committedUnanswered,
        lostUnanswered, last.pairs(), verified + last.pairs(), last.stored(), failures.size());
    System.out.println(summary);
    Files.writeString(out.resolve(kind + ".txt"), summary + "\n" + String.join("\n", failures) + "\n");
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    assertTrue(acked >= 20L * CYCLES, "too few writes were acknowledged to mean anything: " + summary);
    assertTrue(killsMidWrite * 2 >= CYCLES, "most kills should land while writes are in flight: " + summary);
  }

  private static ServerProcess start(String jdbc, Path log) throws Exception {
    List<String> flags = new ArrayList<>(ServerProcess.inheritedFlags());
    flags.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    return ServerProcess.start(flags, "org.cinerec.cli.Main", List.of("serve", model.toString(), "--data",
        data.toString(), "--store", jdbc, "--port", "0", "--no-watch"), log, Duration.ofSeconds(60));
  }
}
