package org.cinerec.bench.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cinerec.testkit.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short model-swap run: {@code cinerec serve} in its own JVM, 200 requests/s of top-10 for random users
 * while the model file is swapped 3 times in 5 s (by POST /api/v1/admin/reload), and every answer is 2xx with
 * the model generation never going backwards on a connection. The full run (10 swaps in 30 s at 500
 * requests/s) is cinerec-bench/scripts/model-swap.sh, by hand.
 */
class ModelSwapTest {
  @TempDir
  static Path dir;
  static Path data;
  static Path a;
  static Path b;
  static Path served;
  static ServerProcess server;

  @BeforeAll
  static void serve() throws Exception {
    data = movieLens(dir.resolve("ml"));
    a = train(1);
    b = train(2);
    served = dir.resolve("served/mf.cinerec");
    Files.createDirectories(served.getParent());
    Files.copy(a, served);
    List<String> flags = new ArrayList<>(ServerProcess.inheritedFlags());
    flags.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC"));
    server = ServerProcess.start(flags, "org.cinerec.cli.Main", List.of("serve", served.toString(), "--data",
        data.toString(), "--store", dir.resolve("ratings.db").toString(), "--port", "0", "--no-watch"),
        dir.resolve("server.log"), Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void threeSwapsInFiveSecondsAt200RequestsASecondAllAnswer2xxAndNoGenerationGoesBackwards() {
    Run r = swap("--versions", a + "," + b, "--swaps", "3", "--rate", "200", "--warmup", "2", "--duration", "5");
    assertEquals(0, r.code, r.out + r.err);
    assertTrue(r.out.contains("PASSED: 1000 of 1000 measured requests 2xx, 0 non-2xx, 0 errors, 0 unsent, 0 "
        + "generation checks failed; 3 of 3 swaps served"), r.out);
  }

  @Test
  void aSwapToADamagedFileFailsTheRunButTheServerKeepsAnsweringWithTheModelItHad() throws Exception {
    Path broken = dir.resolve("broken.cinerec");
    byte[] bytes = Files.readAllBytes(b);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(broken, bytes);
    Run r = swap("--versions", a + "," + broken, "--swaps", "1", "--rate", "100", "--warmup", "1", "--duration",
        "2");
    assertEquals(3, r.code, r.out + r.err);
    assertTrue(r.out.contains("FAILED: 200 of 200 measured requests 2xx, 0 non-2xx"), r.out);
    assertTrue(r.out.contains("swap  1") && r.out.contains("FAILED: reload answered"), r.out);
    Files.copy(a, served, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // as it was, for the other test
  }

  record Run(int code, String out, String err) {}

  static Run swap(String... extra) {
    List<String> args = new ArrayList<>(List.of("--url", server.url(), "--model", served.toString(), "--users",
        "30", "--movies", "40", "--connections", "8", "--progress", "0"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ModelSwap.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.print(r.out);
    return r;
  }

  /** mf trained on the fixture with this seed (the two files differ, so their versions do). */
  static Path train(long seed) {
    Path out = dir.resolve("mf-" + seed + ".cinerec");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = org.cinerec.cli.Main.run(new String[] {"train", data.toString(), "--model", "mf", "--seed",
        Long.toString(seed), "--no-eval", "--out", out.toString()}, new PrintWriter(o), new PrintWriter(e));
    assertEquals(0, code, e.toString());
    return out;
  }

  /** 30 users x 40 movies, about 40% rated, MovieLens CSV. */
  static Path movieLens(Path d) throws Exception {
    SplittableRandom rng = new SplittableRandom(2024);
    List<String> ratings = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
    for (int u = 1; u <= 30; u++) {
      for (int m = 1; m <= 40; m++) {
        if (rng.nextInt(5) < 2 || m == 1) {
          double r = Math.max(0.5, Math.min(5, Math.round(2 * (3 + (m % 4) * 0.4 - (u % 3) * 0.3
              + rng.nextDouble() - 0.5)) / 2.0));
          ratings.add(u + "," + m + "," + r + "," + (1_000_000_000L + u * 1000L + m));
        }
      }
    }
    List<String> movies = new ArrayList<>(List.of("movieId,title,genres"));
    for (int m = 1; m <= 40; m++) {
      movies.add(m + ",Movie " + m + " (" + (1960 + m) + ")," + (m % 2 == 0 ? "Drama" : "Comedy"));
    }
    Files.createDirectories(d);
    Files.write(d.resolve("ratings.csv"), ratings);
    Files.write(d.resolve("movies.csv"), movies);
    return d;
  }
}
