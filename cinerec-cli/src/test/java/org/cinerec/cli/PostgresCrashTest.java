package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.cinerec.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service loses no acknowledged rating when its database crashes: {@code cinerec serve} (a separate JVM)
 * keeps its ratings in a private PostgreSQL cluster ({@link PrivateCluster}); 4 writers ({@link RatingWriter})
 * write at once; at a seeded moment with writes in flight the postmaster and all its processes are killed
 * with SIGKILL. While the database is down a write is answered 503 with {@code Retry-After} (never a 500, never
 * a hang past the pool's 5-s connection timeout); the cluster is started again (PostgreSQL's crash recovery
 * runs: its log says so), the same server, not restarted, acknowledges writes again, and the store, read
 * directly over JDBC, holds every acknowledged rating exactly once with its value ({@link WriteLedger}).
 *
 * <p>CI runs 3 cycles; by hand (docs/reliability.md):
 * <pre>
 * mvn -q -B -ntp -pl cinerec-cli -am test -Dtest=PostgresCrashTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcinerec.pgcrash.cycles=20
 * </pre>
 * Figures go to {@code cinerec-cli/target/pgcrash/pgcrash.txt}, the cluster's log beside them.
 */
class PostgresCrashTest {
  static final int CYCLES = Integer.getInteger("cinerec.pgcrash.cycles", 3);
  static final int WRITERS = 4;
  static final long SEED = Long.getLong("cinerec.pgcrash.seed", 20_261_205L);

  @TempDir
  static Path dir;

  @Test
  void everyAcknowledgedRatingSurvivesAPostgresCrashAndTheServiceRecoversWithoutARestart() throws Exception {
    Path out = Path.of("target", "pgcrash").toAbsolutePath();
    Files.createDirectories(out); // the server log is written here even when the cluster is elsewhere
    try (PrivateCluster pg = PrivateCluster.create(out.resolve("cluster"))) {
      pg.start();
      Path data = CliFixture.movieLens(dir.resolve("ml"));
      Path model = dir.resolve("mf.cinerec");
      CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "mf", "--no-eval", "--out",
          model.toString());
      assertEquals(0, r.code(), r.err());
      run(pg, data, model, out);
    }
  }

  private void run(PrivateCluster pg, Path data, Path model, Path out) throws Exception {
    String jdbc = pg.jdbc();
    Path log = out.resolve("server.log");
    Files.deleteIfExists(log);
    SplittableRandom random = new SplittableRandom(SEED);
    WriteLedger ledger = new WriteLedger();
    List<RatingWriter> writers = RatingWriter.team(WRITERS, ledger, random);
    List<String> failures = new ArrayList<>();
    int killedProcesses = 0;
    int inFlightAtCrash = 0;
    int probes503 = 0;
    long ackedAfterRecovery = 0;
    double downSeconds = 0;
    double recoverySeconds = 0;
    int verified = 0;
    long started = System.nanoTime();
    List<String> flags = new ArrayList<>(ServerProcess.inheritedFlags());
    flags.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (ServerProcess server = ServerProcess.start(flags, "org.cinerec.cli.Main", List.of("serve", model.toString(),
        "--data", data.toString(), "--store", jdbc, "--port", "0", "--no-watch"), log, Duration.ofSeconds(60))) {
      ledger.baseline(jdbc);
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        RatingWriter.Cycle c = new RatingWriter.Cycle(server.url(), WRITERS);
        List<Thread> threads = new ArrayList<>();
        for (RatingWriter w : writers) {
          Thread t = new Thread(() -> w.cycle(c), "writer-" + threads.size());
          t.start();
          threads.add(t);
        }
        assertTrue(c.warm.await(30, TimeUnit.SECONDS), "the writers' first answers");
        LockSupport.parkNanos((200 + random.nextLong(1_000)) * 1_000_000L);
        long giveUp = System.nanoTime() + 2_000_000_000L;
        while (c.inFlight.get() < 2 && System.nanoTime() < giveUp) {
          Thread.onSpinWait();
        }
        inFlightAtCrash += c.inFlight.get() > 0 ? 1 : 0;
        long down = System.nanoTime();
        killedProcesses += pg.crash();
        // while the database is down a write is answered 503 with Retry-After, in at most the pool's timeout
        // user 99 is no writer's: its one rating (movie 3, 4.0) must stay as seeded
        long t0 = System.nanoTime();
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/users/99/ratings/3")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"rating\": 0.5}")).build(), HttpResponse.BodyHandlers.ofString());
        double probeSeconds = (System.nanoTime() - t0) / 1e9;
        if (probe.statusCode() == 503 && probe.headers().firstValue("Retry-After").isPresent() && probeSeconds < 10) {
          probes503++;
        } else {
          failures.add("cycle " + cycle + ": a write while the database was down answered " + probe.statusCode() + " in "
              + probeSeconds + " s: " + probe.body());
        }
        long ackedBefore = writers.stream().mapToLong(w -> w.acknowledged).sum();
        pg.start();
        downSeconds += (System.nanoTime() - down) / 1e9;
        long up = System.nanoTime();
        long deadline = up + TimeUnit.SECONDS.toNanos(60);
        while (writers.stream().mapToLong(w -> w.acknowledged).sum() < ackedBefore + WRITERS
            && System.nanoTime() < deadline && c.failures.isEmpty()) {
          Thread.sleep(10);
        }
        recoverySeconds += (System.nanoTime() - up) / 1e9;
        long acked = writers.stream().mapToLong(w -> w.acknowledged).sum() - ackedBefore;
        ackedAfterRecovery += acked;
        if (acked < WRITERS) {
          failures.add("cycle " + cycle + ": the server did not acknowledge writes within 60 s of the database's "
              + "restart (" + acked + ")");
        }
        LockSupport.parkNanos(300_000_000L);
        c.killedAt = System.nanoTime(); // ends the writers' cycle (the server is not killed)
        for (Thread t : threads) {
          t.join(60_000);
          assertTrue(!t.isAlive(), "a writer still runs a minute after the cycle ended");
        }
        failures.addAll(c.failures);
        WriteLedger.Check check = ledger.verify(jdbc, Set.of());
        verified += check.pairs();
        for (String f : check.failures()) {
          failures.add("cycle " + cycle + ": " + f);
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
      }
      server.stop();
    }
    WriteLedger.Check last = ledger.verify(jdbc, Set.of());
    failures.addAll(last.failures());
    long sent = writers.stream().mapToLong(w -> w.sent).sum();
    long acked = writers.stream().mapToLong(w -> w.acknowledged).sum();
    long refused = writers.stream().mapToLong(w -> w.refused).sum();
    String summary = String.format(Locale.ROOT, "postgres crash: %d cycles, %d writers, seed %d, %.0f s: %d crashes "
        + "(%d processes SIGKILLed; writes in flight at %d), %d crash recoveries in the cluster's log; %d rating "
        + "writes sent, %d acknowledged, %d refused (503 while down); a probe write while down answered 503 in %d "
        + "of %d cycles; down %.1f s per cycle; first acknowledged writes %.1f s after the restart on average (%d "
        + "in all); %d pair checks; %d ratings stored at the end; failures: %d", CYCLES, WRITERS, SEED,
        (System.nanoTime() - started) / 1e9, CYCLES, killedProcesses, inFlightAtCrash, pg.recoveries(), sent, acked,
        refused, probes503, CYCLES, downSeconds / CYCLES, recoverySeconds / CYCLES, ackedAfterRecovery,
        verified + last.pairs(), last.stored(), failures.size());
    System.out.println(summary);
    Files.writeString(out.resolve("pgcrash.txt"), summary + "\n" + String.join("\n", failures) + "\n",
        StandardCharsets.UTF_8);
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    assertEquals(CYCLES, pg.recoveries(), "PostgreSQL ran its crash recovery once per crash: " + summary);
    assertEquals(CYCLES, probes503, summary);
    assertTrue(refused > 0, "some writers' writes were refused while the database was down: " + summary);
  }
}
