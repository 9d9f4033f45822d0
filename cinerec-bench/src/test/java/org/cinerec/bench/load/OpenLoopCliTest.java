package org.cinerec.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLoopCliTest {

  private static String[] captured = new String[2];

  private static int run(boolean sweep, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      return sweep ? OpenLoopSweep.run(args) : OpenLoop.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      captured = new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
  }

  @Test
  void aRunPrintsItsFiguresAndWritesJson(@TempDir Path dir) throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.ok(out, "[]", "X-Model-Version: 3");
      return true;
    })) {
      Path json = dir.resolve("r/run.json");
      int code = run(false, "--url", s.url(), "--rate", "300", "--warmup", "0.2", "--duration", "0.5",
          "--connections", "2", "--scenario", "similar", "--users", "10", "--movies", "20",
          "--check-header", "X-Model-Version", "--out", json.toString(), "--strict");
      assertEquals(0, code, captured[0] + captured[1]);
      assertTrue(captured[0].contains("measured: ") && captured[0].contains("p99.9"), captured[0]);
      String text = Files.readString(json);
      assertTrue(text.contains("\"slots\": 150"), text);
      assertTrue(text.contains("\"ok\": 150"), text);
      assertTrue(text.contains("\"latencyHistogramMicros\": \""), text);
      assertTrue(s.requests.stream().allMatch(q -> q.path().matches("/api/v1/movies/\\d+/similar\\?k=10")));
    }
  }

  @Test
  void strictRunsFailOnNon2xxAndBadFlagsAreUsageErrors() throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.respond(out, 500, "{}");
      return true;
    })) {
      assertEquals(3, run(false, "--url", s.url(), "--rate", "100", "--warmup", "0", "--duration", "0.2",
          "--scenario", "GET /x", "--strict"));
      assertTrue(captured[0].contains("status: {500=20}"), captured[0]);
      assertEquals(2, run(false, "--url", s.url(), "--rate", "100", "--bogus", "1"));
      assertTrue(captured[1].contains("unknown flag --bogus"), captured[1]);
      assertEquals(2, run(false, "--url", s.url(), "--rate", "fast"));
      assertTrue(captured[1].contains("--rate: not a number"), captured[1]);
      assertEquals(2, run(false, "--url", s.url(), "--rate", "100", "--scenario", "top10"));
      assertTrue(captured[1].contains("--data"), captured[1]);
    }
  }

  @Test
  void aSweepReportsMediansPerRate(@TempDir Path dir) throws Exception {
    try (TinyServer s = new TinyServer((q, out) -> {
      TinyServer.ok(out, "ok");
      return true;
    })) {
      int code = run(true, "--url", s.url(), "--rates", "100,200", "--runs", "3", "--pause", "0", "--warmup", "0",
          "--duration", "0.3", "--connections", "2", "--scenario", "GET /", "--out", dir.toString());
      assertEquals(0, code, captured[0] + captured[1]);
      assertTrue(captured[0].contains("| 100 |") && captured[0].contains("| 200 |"), captured[0]);
      assertEquals(3 * (30 + 60), s.requests.size());
      assertTrue(Files.exists(dir.resolve("rate-200-run-3.json")));
      String sweep = Files.readString(dir.resolve("sweep.json"));
      assertTrue(sweep.contains("\"count\": 180"), sweep);
    }
  }
}
