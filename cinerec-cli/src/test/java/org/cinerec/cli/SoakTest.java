package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service does not degrade over time: {@code cinerec serve} runs as a separate JVM (SQLite store); client
 * threads send a seeded mix of reads and writes at a fixed rate over a fixed set of users (recommendations,
 * home screens, similar movies, popular movies; rating writes and deletions by API users); after a warm-up the
 * server's live heap (the total of {@code jcmd PID GC.class_histogram}, which runs a full GC first), its
 * threads ({@code /proc/PID/task}) and open descriptors ({@code /proc/PID/fd}) are taken, and again at the end:
 * the live heap may grow by at most 10%, descriptors must be equal, threads too (see {@link #QUIET} for the pools
 * that shrink by themselves), the last window's p99 latency at most 1.5 times the first's, no answer a 5xx and
 * none refused.
 *
 * <p>A window is a minute, or a third of the run when that is shorter (CI runs 40 s: windows of 13 s). Below
 * {@value #P99_FLOOR_MS} ms a p99 is taken as {@value #P99_FLOOR_MS} ms: on a shared 2-core machine a p99 of a
 * few milliseconds is the scheduler's and the disk's (a write waits for its fsync), not the server's. When the
 * last window's p99 is over the bound, one window more is run and decides: the machine's stalls come and go
 * (CI once saw 5.4, 8.5, 39.9 ms), a degradation stays. By hand (docs/reliability.md):
 * <pre>
 * mvn -q -B -ntp -pl cinerec-cli -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcinerec.soak.seconds=600 -Dcinerec.soak.quiet=65
 * </pre>
 * Other knobs: {@code -Dcinerec.soak.rate=REQUESTS_PER_SECOND} (40), {@code -Dcinerec.soak.warmup=SECONDS} (10),
 * {@code -Dcinerec.soak.quiet=SECONDS} (2; 65 by hand), {@code -Dcinerec.soak.seed=L}. Figures go to {@code cinerec-cli/target/soak/soak.txt}.
 */
class SoakTest {
  static final int SECONDS = Integer.getInteger("cinerec.soak.seconds", 40);
  static final int WARMUP = Integer.getInteger("cinerec.soak.warmup", 10);
  static final int RATE = Integer.getInteger("cinerec.soak.rate", 40);
  static final long SEED = Long.getLong("cinerec.soak.seed", 20_261_204L);
  /**
   * Seconds without requests before each count. Three pools grow and shrink by themselves: Jetty's (idle
   * threads end after 30 s), the JDK's common fork-join pool and its process reaper (after 60 s); after more
   * than 60 s quiet all are at their floor, and the whole count must be equal.
   */
  static final int QUIET = Integer.getInteger("cinerec.soak.quiet", 2);
  static final int CLIENTS = 4;
  static final int API_USERS = 16;
  static final int MOVIES = 40;
  static final double P99_FLOOR_MS = 10;
  private static int histograms;
  private static final Pattern USER_ID = Pattern.compile("\"userId\":\"([^\"]+)\"");

  @TempDir
  static Path dir;

  @Test
  void heapThreadsDescriptorsAndLatencyHoldOverTime() throws Exception {
    Path data = CliFixture.movieLens(dir.resolve("ml"));
    Path model = dir.resolve("mf.cinerec");
    CliFixture.Run trained = CliFixture.run("train", data.toString(), "--model", "mf", "--no-eval", "--out",
        model.toString());
    assertEquals(0, trained.code(), trained.err());
    Path out = Path.of("target", "soak").toAbsolutePath();
    Files.createDirectories(out);
    Path log = out.resolve("server.log");
    Files.deleteIfExists(log);
    List<String> flags = new ArrayList<>(ServerProcess.inheritedFlags());
    // a fixed number of JIT compiler threads, and the serial collector (no GC worker threads that come and go)
    flags.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads"));
    try (ServerProcess server = ServerProcess.start(flags, "org.cinerec.cli.Main", List.of("serve", model.toString(),
        "--data", data.toString(), "--store", dir.resolve("soak.db").toString(), "--port", "0", "--no-watch"), log,
        Duration.ofSeconds(60))) {
      Load load = new Load(server.port());
      for (int i = 0; i < API_USERS; i++) {
        Answer a = load.send("POST", "/api/v1/users", "{}");
        assertEquals(201, a.status, a.toString());
        Matcher m = USER_ID.matcher(a.body);
        assertTrue(m.find(), a.body);
        load.users.add(m.group(1));
      }
      load.run(WARMUP, -1);
      LockSupport.parkNanos(QUIET * 1_000_000_000L); // the last connections close
      long heapWarm = liveHeap(server.pid()); // attaches jcmd once before threads are counted
      Threads threadsWarm = Threads.of(server.pid());
      int fdsWarm = count(server.pid(), "fd");
      long t0 = System.nanoTime();
      int window = Math.min(60, Math.max(1, SECONDS / 3));
      load.run(SECONDS, window);
      double first = load.p99(0);
      double last = load.p99(load.windows() - 1);
      String p99s = load.p99s();
      if (last > 1.5 * Math.max(first, P99_FLOOR_MS)) {
        // a slow window from a stall of the shared machine passes; a degradation stays: one window more decides
        load.run(window, window);
        last = load.p99(0);
        p99s += " (one more: " + load.p99s() + ")";
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      LockSupport.parkNanos(QUIET * 1_000_000_000L);
      long heapEnd = liveHeap(server.pid());
      Threads threadsEnd = Threads.of(server.pid());
      int fdsEnd = count(server.pid(), "fd");
      String summary = String.format(Locale.ROOT, "soak: %d s at %d requests/s (%d clients, %d API users, seed %d), "
          + "%.0f s measured: %,d requests (%,d writes), %d refused (429/503), %d failures; live heap %.1f MB after "
          + "warm-up, %.1f MB at the end (%.3fx); threads %s -> %s (%d s quiet before each count); descriptors %d "
          + "-> %d; p99 per %d-s window (ms): %s", SECONDS, RATE, CLIENTS, API_USERS, SEED, seconds, load.sent.get(),
          load.writes.get(), load.refused.get(), load.failures.size(), heapWarm / 1e6, heapEnd / 1e6,
          (double) heapEnd / heapWarm, threadsWarm, threadsEnd, QUIET, fdsWarm, fdsEnd, window, p99s);
      System.out.println(summary);
      Files.writeString(out.resolve("soak.txt"), summary + "\nthreads outside the pools after warm-up: "
          + threadsWarm.names + "\nat the end: " + threadsEnd.names + "\n" + String.join("\n", load.failures) + "\n",
          StandardCharsets.UTF_8);
      assertTrue(load.failures.isEmpty(), () -> String.join("\n", load.failures.subList(0,
          Math.min(30, load.failures.size()))));
      assertTrue(heapEnd <= 1.10 * heapWarm, "live heap grew more than 10%: " + summary);
      // outside the two pools the count must be equal, and no pool thread may still be busy; after a quiet
      // period past both pools' idle times the whole count must be equal
      assertEquals(threadsWarm.others, threadsEnd.others, "threads outside the pools: " + summary + "\nafter "
          + "warm-up: " + threadsWarm.names + "\nat the end: " + threadsEnd.names);
      assertEquals(0, threadsEnd.busy, "pool threads busy with no request in flight: " + summary);
      if (QUIET > 60) {
        assertEquals(threadsWarm.total, threadsEnd.total, "threads: " + summary);
      }
      assertEquals(fdsWarm, fdsEnd, "file descriptors: " + summary);
      assertTrue(last <= 1.5 * Math.max(first, P99_FLOOR_MS), "the last window's p99 is more than 1.5x the "
          + "first's: " + summary);
      assertEquals(0, load.refused.get(), "nothing refused at this rate: " + summary);
      server.stop();
    }
  }

  /**
   * The live bytes of the heap: the total of a class histogram, which the JVM takes after a full GC. The
   * histogram is kept as {@code target/soak/heap-N.txt}.
   */
  static long liveHeap(long pid) throws IOException, InterruptedException {
    String text = jcmd(pid, "GC.class_histogram");
    Path dump = Path.of("target", "soak", "heap-" + (++histograms) + ".txt");
    Files.writeString(dump, text, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(text);
    assertTrue(m.find(), "no Total line in jcmd's histogram: " + text.substring(Math.max(0, text.length() - 500)));
    return Long.parseLong(m.group(2));
  }

  /**
   * The server's threads: all of them ({@code /proc/PID/task}), those of the pools that grow and shrink by
   * themselves (Jetty's {@code qtp...}, the JDK's {@code ForkJoinPool.commonPool-worker-N} and {@code process
   * reaper}; from {@code jcmd PID
   * Thread.print}), how many of those are in cinerec code (busy), and the names of the others.
   */
  record Threads(int total, int pool, int busy, int others, List<String> names) {
    static Threads of(long pid) throws IOException, InterruptedException {
      int total = count(pid, "task");
      String dump = jcmd(pid, "Thread.print");
      int pool = 0;
      int busy = 0;
      List<String> names = new ArrayList<>();
      for (String block : dump.split("\n\n")) {
        boolean elastic = block.startsWith("\"qtp") || block.startsWith("\"ForkJoinPool.commonPool")
            || block.startsWith("\"process reaper");
        if (block.startsWith("\"") && !elastic) {
          names.add(block.substring(1, block.indexOf('"', 1)).replaceAll("\\d+", "N"));
        }
        if (elastic) {
          pool++;
          if (block.contains("org.cinerec.")) {
            busy++;
          }
        }
      }
      Collections.sort(names);
      return new Threads(total, pool, busy, total - pool, names);
    }

    @Override
    public String toString() {
      return total + " (pools " + pool + ", " + busy + " busy)";
    }
  }

  static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), text);
    return text;
  }

  /** Entries of /proc/PID/task (threads) or /proc/PID/fd (open descriptors). */
  static int count(long pid, String what) throws IOException {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid), what))) {
      return (int) s.count();
    }
  }

  record Answer(int status, String body) {}

  /** The clients: a seeded mix at a fixed rate, one request per connection. */
  static final class Load {
    final int port;
    final List<String> users = new ArrayList<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Latencies in microseconds per window. */
    final List<long[]> latencies = new ArrayList<>();
    final List<Integer> counts = new ArrayList<>();
    private int round;

    Load(int port) {
      this.port = port;
    }

    /** Runs the mix for {@code seconds}; latencies recorded in windows of {@code window} s (negative: none). */
    void run(int seconds, int window) throws InterruptedException {
      int windows = window > 0 ? Math.max(1, seconds / window) : 0; // the last one takes what is left over
      latencies.clear();
      counts.clear();
      for (int w = 0; w < windows; w++) {
        latencies.add(new long[seconds * RATE + 16]);
        counts.add(0);
      }
      AtomicLong next = new AtomicLong();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      long period = 1_000_000_000L / RATE;
      SplittableRandom root = new SplittableRandom(SEED + round++);
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        SplittableRandom random = root.split();
        Thread t = new Thread(() -> {
          while (true) {
            long due = start + next.getAndIncrement() * period;
            if (due >= end) {
              return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            long t0 = System.nanoTime();
            one(random);
            long micros = (System.nanoTime() - t0) / 1_000;
            if (windows > 0) {
              int w = (int) Math.min(windows - 1, (due - start) / (window * 1_000_000_000L));
              synchronized (latencies) {
                long[] a = latencies.get(w);
                int n = counts.get(w);
                if (n < a.length) {
                  a[n] = micros;
                  counts.set(w, n + 1);
                }
              }
            }
          }
        }, "soak-client-" + c);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
    }

    int windows() {
      return latencies.size();
    }

    /** The p99 of window {@code w}, in milliseconds. */
    double p99(int w) {
      int n = counts.get(w);
      long[] a = Arrays.copyOf(latencies.get(w), n);
      Arrays.sort(a);
      return n == 0 ? Double.NaN : a[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1000.0;
    }

    String p99s() {
      List<String> s = new ArrayList<>();
      for (int w = 0; w < windows(); w++) {
        s.add(String.format(Locale.ROOT, "%.1f", p99(w)));
      }
      return String.join(" ", s);
    }

    /** One request of the mix. */
    void one(SplittableRandom r) {
      String apiUser = users.get(r.nextInt(users.size()));
      String anyUser = r.nextBoolean() ? apiUser : Integer.toString(1 + r.nextInt(30));
      String movie = Integer.toString(1 + r.nextInt(MOVIES));
      double x = r.nextDouble();
      Answer a;
      if (x < 0.35) {
        a = send("GET", "/api/v1/users/" + anyUser + "/recommendations?k=10", null);
      } else if (x < 0.50) {
        a = send("GET", "/api/v1/users/" + apiUser + "/home", null);
      } else if (x < 0.60) {
        a = send("GET", "/api/v1/movies/" + movie + "/similar?k=10", null);
      } else if (x < 0.70) {
        a = send("GET", "/api/v1/movies/popular", null);
      } else if (x < 0.95) {
        writes.incrementAndGet();
        a = send("PUT", "/api/v1/users/" + apiUser + "/ratings/" + movie, "{\"rating\": "
            + (1 + r.nextInt(10)) / 2.0 + "}");
      } else {
        writes.incrementAndGet();
        a = send("DELETE", "/api/v1/users/" + apiUser + "/ratings/" + movie, null);
      }
      sent.incrementAndGet();
      if (a.status == 429 || a.status == 503) {
        refused.incrementAndGet();
      } else if (a.status >= 500 || a.status < 200 || (a.status >= 400 && a.status != 404)) {
        failures.add(a.status + " " + a.body);
      }
    }

    /** A request on its own connection ({@code Connection: close}), as a page's fetch would send it. */
    Answer send(String method, String path, String body) {
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String host = "127.0.0.1:" + port;
      String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nOrigin: http://"
          + host + "\r\n" + (body == null && !method.equals("DELETE") ? "" : "Content-Type: application/json\r\n"
          + "Content-Length: " + b.length + "\r\n") + "\r\n";
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(30_000);
        OutputStream o = s.getOutputStream();
        o.write(head.getBytes(StandardCharsets.US_ASCII));
        o.write(b);
        o.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        in.transferTo(got);
        String text = got.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
          return new Answer(-1, text);
        }
        int split = text.indexOf("\r\n\r\n");
        return new Answer(Integer.parseInt(text.substring(9, 12)), split < 0 ? "" : text.substring(split + 4));
      } catch (IOException e) {
        return new Answer(-1, e.toString());
      }
    }
  }
}
