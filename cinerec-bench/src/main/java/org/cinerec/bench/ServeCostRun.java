package org.cinerec.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cinerec.bench.load.HttpConnection;
import org.cinerec.bench.load.Request;
import org.cinerec.bench.load.Response;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.server.CinerecServer;
import org.cinerec.server.ServerConfig;
import org.cinerec.server.store.StoreUrl;

/**
 * What one request costs the service, measured inside one JVM so that a loaded machine moves the figures as
 * little as possible: the real {@link CinerecServer} (Javalin, the SQLite store seeded from the data, every
 * model of a folder) on a loopback port, and one client thread in the same JVM sending requests one at a time
 * over a kept-alive connection. Per model, after every model's warm-up, over N requests for users drawn
 * uniformly (seeded):
 * <ul>
 *   <li>server CPU per request: the JVM's CPU time (every thread: request threads, GC, JIT) minus the
 *       client thread's own;</li>
 *   <li>bytes allocated per request by every thread but the client (the young-generation churn that GC
 *       pauses come from);</li>
 *   <li>young collections and their summed time in the window;</li>
 *   <li>the closed-loop service time (one request in flight: no queueing, so not the open-loop latency the
 *       goals are stated in; {@code docs/load-generator.md} measures that).</li>
 * </ul>
 * {@code --slowest N} then times every user (best of three) and names the N slowest with their number of
 * ratings. {@code --dump FILE} also writes every model's answer for the first 200 users (in id order) to FILE, to
 * compare the bodies before and after a change of the serving path.
 *
 * <pre>
 * mvn -q -B -ntp -pl cinerec-bench -am package -DskipTests
 * java --add-modules=jdk.incubator.vector -Xmx2g -XX:+UseParallelGC -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.ServeCostRun --models MODEL_DIR --data ../shared/data/ml-latest-small \
 *     [--warmup 3000] [--requests 3000] [--query "&amp;explain=false"] [--dump bodies.txt] [--slowest 5] \
 *     [--store ratings.db]   # a store seeded from the same data before (seeding 25M ratings takes minutes)
 * </pre>
 */
public final class ServeCostRun {
  private ServeCostRun() {}

  public static void main(String[] args) throws IOException {
    Path models = null;
    Path data = null;
    int warmup = 3000;
    int requests = 3000;
    String query = "";
    Path dump = null;
    int slowest = 0;
    Path store = null;
    List<String> only = new ArrayList<>();
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--models" -> models = Path.of(args[++a]);
        case "--data" -> data = Path.of(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--requests" -> requests = Integer.parseInt(args[++a]);
        case "--query" -> query = args[++a];
        case "--dump" -> dump = Path.of(args[++a]);
        case "--model" -> only.add(args[++a]);
        case "--slowest" -> slowest = Integer.parseInt(args[++a]);
        case "--store" -> store = Path.of(args[++a]);
        default -> throw new IllegalArgumentException("unknown argument " + args[a] + "; see the class comment");
      }
    }
    if (models == null || data == null) {
      throw new IllegalArgumentException("give --models DIR and --data DATA");
    }
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(models)) {
      s.filter(p -> p.toString().endsWith(".cinerec")).sorted().forEach(files::add);
    }
    Dataset d = DataSources.load(data);
    if (store == null) {
      store = Files.createTempDirectory("serve-cost").resolve("ratings.db");
    }
    ServerConfig config = ServerConfig.of(files).withAddress("127.0.0.1", 0).withWatch(false)
        .withStore(StoreUrl.parse(store.toString())).withData(d, data.toString());
    try (CinerecServer server = CinerecServer.start(config, line -> System.err.println("server: " + line));
        PrintWriter dumpOut = dump == null ? null : new PrintWriter(Files.newBufferedWriter(dump))) {
      HttpConnection c = new HttpConnection(new InetSocketAddress("127.0.0.1", server.port()),
          "127.0.0.1:" + server.port(), 30_000);
      String[] users = d.users().ids();
      System.out.printf(Locale.ROOT, "%-10s %9s %12s %12s %5s %8s %9s %9s %9s%n", "model", "requests",
          "cpu µs/req", "KiB/req", "GCs", "GC ms", "p50 ms", "p99 ms", "max ms");
      List<String> names = new ArrayList<>();
      for (Path f : files) {
        String name = f.getFileName().toString().replace(".cinerec", "");
        if (only.isEmpty() || only.contains(name)) {
          names.add(name);
        }
      }
      // every model is warmed before any is measured: the serving path's shared code is compiled by then
      SplittableRandom rng = new SplittableRandom(42);
      for (String name : names) {
        String path = "/api/v1/users/%s/recommendations?k=10&model=" + name + query;
        if (dumpOut != null) {
          String[] sorted = users.clone();
          Arrays.sort(sorted, (x, y) -> x.length() != y.length() ? x.length() - y.length() : x.compareTo(y));
          for (int u = 0; u < Math.min(200, sorted.length); u++) {
            Response r = send(c, String.format(Locale.ROOT, path, sorted[u]));
            dumpOut.println(name + " " + sorted[u] + " " + r.status() + " " + r.bodyText());
          }
        }
        for (int i = 0; i < warmup; i++) {
          send(c, String.format(Locale.ROOT, path, users[rng.nextInt(users.length)]));
        }
      }
      for (String name : names) {
        String path = "/api/v1/users/%s/recommendations?k=10&model=" + name + query;
        System.out.println(measure(c, name, path, users, requests, rng).line());
      }
      if (slowest > 0) {
        for (String name : names) {
          System.out.println(name + ": " + slowest(c, "/api/v1/users/%s/recommendations?k=10&model=" + name + query,
              users, d, slowest));
        }
      }
    }
  }

  private static Response send(HttpConnection c, String path) throws IOException {
    Response r = c.exchange(Request.get(path));
    if (!r.ok()) {
      throw new IllegalStateException(path + ": status " + r.status() + ": " + r.bodyText());
    }
    return r;
  }

  /** One model's figures. */
  record Figures(String model, int requests, double cpuMicros, double kib, long gcs, long gcMillis, double p50,
      double p99, double max) {
    String line() {
      return String.format(Locale.ROOT, "%-10s %9d %12.0f %12.1f %5d %8d %9.3f %9.3f %9.3f", model, requests,
          cpuMicros, kib, gcs, gcMillis, p50, p99, max);
    }
  }

  private static Figures measure(HttpConnection c, String name, String path, String[] users, int n,
      SplittableRandom rng) throws IOException {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String[] paths = new String[n];
    for (int i = 0; i < n; i++) {
      paths[i] = String.format(Locale.ROOT, path, users[rng.nextInt(users.length)]);
    }
    long[] ids0 = threads.getAllThreadIds();
    long[] alloc0 = threads.getThreadAllocatedBytes(ids0);
    long self = Thread.currentThread().getId();
    long selfAlloc0 = threads.getThreadAllocatedBytes(self);
    long selfCpu0 = threads.getCurrentThreadCpuTime();
    long cpu0 = os.getProcessCpuTime();
    long[] gc0 = gc();
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      send(c, paths[i]);
      nanos[i] = System.nanoTime() - t0;
    }
    long cpu1 = os.getProcessCpuTime();
    long selfCpu1 = threads.getCurrentThreadCpuTime();
    long selfAlloc1 = threads.getThreadAllocatedBytes(self);
    long[] gc1 = gc();
    long[] ids1 = threads.getAllThreadIds();
    long[] alloc1 = threads.getThreadAllocatedBytes(ids1);
    long allocated = 0;
    for (int t = 0; t < ids1.length; t++) {
      long before = 0;
      for (int s = 0; s < ids0.length; s++) {
        if (ids0[s] == ids1[t]) {
          before = alloc0[s];
        }
      }
      allocated += Math.max(0, alloc1[t] - before);
    }
    allocated -= selfAlloc1 - selfAlloc0;
    Arrays.sort(nanos);
    return new Figures(name, n, ((cpu1 - cpu0) - (selfCpu1 - selfCpu0)) / 1e3 / n, allocated / 1024.0 / n,
        gc1[0] - gc0[0], gc1[1] - gc0[1], nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
  }

  /**
   * The users whose request takes longest (best of 3 tries each, so a stray pause does not count), with their
   * number of ratings: where the tail of the service time comes from.
   */
  private static String slowest(HttpConnection c, String path, String[] users, Dataset d, int n)
      throws IOException {
    long[] best = new long[users.length];
    for (int u = 0; u < users.length; u++) {
      best[u] = Long.MAX_VALUE;
    }
    for (int round = 0; round < 3; round++) {
      for (int u = 0; u < users.length; u++) {
        long t0 = System.nanoTime();
        send(c, String.format(Locale.ROOT, path, users[u]));
        best[u] = Math.min(best[u], System.nanoTime() - t0);
      }
    }
    Integer[] order = new Integer[users.length];
    for (int u = 0; u < users.length; u++) {
      order[u] = u;
    }
    Arrays.sort(order, (x, y) -> Long.compare(best[y], best[x]));
    long[] sorted = best.clone();
    Arrays.sort(sorted);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "median user %.3f ms; slowest:",
        sorted[sorted.length / 2] / 1e6));
    for (int k = 0; k < Math.min(n, order.length); k++) {
      int u = order[k];
      int index = d.users().indexOf(users[u]);
      int ratings = index < 0 ? 0 : d.ratings().byUser().count(index);
      sb.append(String.format(Locale.ROOT, " user %s (%d ratings) %.3f ms;", users[u], ratings, best[u] / 1e6));
    }
    return sb.toString();
  }

  /** Collections and their summed milliseconds, over every collector. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, b.getCollectionCount());
      millis += Math.max(0, b.getCollectionTime());
    }
    return new long[] {count, millis};
  }
}
