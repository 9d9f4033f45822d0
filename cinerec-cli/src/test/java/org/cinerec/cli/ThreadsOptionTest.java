package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinerec.cli.CliFixture.Run;
import org.cinerec.math.Parallel;
import org.junit.jupiter.api.Test;

/** {@code cinerec --threads N}: the size of the one thread pool, set before the command runs. */
class ThreadsOptionTest {

  @Test
  void theOptionSizesThePoolBeforeTheCommandRuns() throws Exception {
    // a fresh JVM, where nothing has used the pool yet
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--threads", "3", "--version");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cinerec finished");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("\nthreads: 3 (the pool; --threads N or -Dcinerec.threads=N)\n"), out);
  }

  @Test
  void theSizeTheRunningPoolHasIsAccepted() {
    Run r = CliFixture.run("--threads", Integer.toString(Parallel.threads()), "--version");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\nthreads: " + Parallel.threads() + " "), r.out());
  }

  @Test
  void aBadCountIsAUsageErrorNamingTheOption() {
    Run r = CliFixture.run("--threads", "-1", "--version");
    assertEquals(Main.EXIT_USAGE, r.code(), r.out());
    assertTrue(r.err().startsWith("error: --threads -1: the number of threads must be 0 (one per core) to 1024\n"),
        r.err());
  }

  @Test
  void theHelpListsIt() {
    Run r = CliFixture.run("--help");
    assertTrue(r.out().contains("--threads=N"), r.out());
  }
}
