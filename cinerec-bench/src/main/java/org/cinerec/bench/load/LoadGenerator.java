package org.cinerec.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The open-loop engine. Slot {@code i} (a request from the {@link RequestSource}) is due at
 * {@code t0 + i / rate}. Each connection has its own thread: when its connection is free it claims the next
 * unclaimed slot, waits for the slot's time, sends, reads the response, records the latency from the
 * <em>scheduled</em> time, and claims again. When every connection is busy, due slots wait in this implicit
 * queue and their wait counts in their latency, so a stalled server shows in the percentiles (no coordinated
 * omission); the send lag histogram says how late slots left, which is client lateness when it is small and
 * too few connections when it is large.
 *
 * <p>Connections open before {@code t0} (a refused connection fails the run at once); a connection that
 * breaks is opened again at its next slot, within that slot's latency, and its {@link ResponseCheck} starts
 * afresh. After the last slot's time plus the drain time, slots not yet sent are counted as unsent.
 */
public final class LoadGenerator {
  private final LoadSettings settings;
  private final RequestSource source;
  private final Supplier<ResponseCheck> checks;
  private final Tally warm = new Tally();
  private final Tally measure = new Tally();
  private final Recorder timeline = new Recorder(3);
  private final AtomicLong next = new AtomicLong();
  private final AtomicReference<Throwable> crash = new AtomicReference<>();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong firstMeasuredLag = new AtomicLong();
  private volatile long t0;

  public LoadGenerator(LoadSettings settings, RequestSource source, Supplier<ResponseCheck> checks) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.checks = checks == null ? ResponseCheck.none() : checks;
  }

  /**
   * Runs the warm-up and the measurement; {@code progress} gets a line every {@code progressSeconds} (0: never).
   *
   * @throws IOException when the connections cannot be opened at the start
   */
  public LoadResult run(Consumer<String> progress, int progressSeconds) throws IOException {
    String host = settings.url().getHost();
    InetSocketAddress address = new InetSocketAddress(host, settings.port());
    if (address.isUnresolved()) {
      throw new UnknownHostException("--url " + settings.url() + ": cannot resolve " + host);
    }
    String hostHeader = host + (settings.url().getPort() < 0 ? "" : ":" + settings.url().getPort());
    int timeoutMillis = (int) Math.max(1, Math.round(settings.timeoutSeconds() * 1000));
    long warmSlots = settings.warmupSlots();
    long total = warmSlots + settings.measuredSlots();

    List<HttpConnection> conns = new ArrayList<>();
    try {
      for (int c = 0; c < settings.connections(); c++) {
        HttpConnection conn = new HttpConnection(address, hostHeader, timeoutMillis);
        conn.open();
        conns.add(conn);
      }
    } catch (IOException e) {
      conns.forEach(HttpConnection::close);
      throw new IOException("--url " + settings.url() + ": cannot open connection " + (conns.size() + 1) + " of "
          + settings.connections() + ": " + e.getMessage(), e);
    }
    CountDownLatch started = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < conns.size(); c++) {
      HttpConnection conn = conns.get(c);
      Thread t = new Thread(() -> work(conn, started, warmSlots, total), "openloop-" + c);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    long startedAt = System.currentTimeMillis();
    t0 = System.nanoTime() + 20_000_000L;
    started.countDown();

    List<TimelinePoint> points = new ArrayList<>();
    long measureStart = t0 + settings.offsetNanos(warmSlots);
    long tick = t0;
    int second = 0;
    Histogram window = null;
    long cpu = processCpuNanos();
    for (Thread t : threads) {
      while (t.isAlive()) {
        long now = System.nanoTime();
        if (now < tick + 1_000_000_000L) {
          joinQuietly(t, (tick + 1_000_000_000L - now) / 1_000_000 + 1);
          continue;
        }
        tick += 1_000_000_000L;
        second++;
        window = timeline.getIntervalHistogram(window);
        long cpuNow = processCpuNanos();
        points.add(TimelinePoint.of(second, tick <= measureStart, window, (cpuNow - cpu) / 1e6));
        cpu = cpuNow;
        if (progressSeconds > 0 && second % progressSeconds == 0 && progress != null) {
          progress.accept(String.format(Locale.ROOT, "t=%ds %s: %d responses in the last second, p50 %.3f p99 %.3f "
              + "max %.3f ms", second, tick <= measureStart ? "warm-up" : "measure", window.getTotalCount(),
              PhaseResult.ms(window, 50), PhaseResult.ms(window, 99), window.getMaxValue() / 1000.0));
        }
      }
    }
    window = timeline.getIntervalHistogram(window);
    if (window.getTotalCount() > 0) {
      points.add(TimelinePoint.of(second + 1, false, window, (processCpuNanos() - cpu) / 1e6));
    }
    Throwable failure = crash.get();
    if (failure != null) {
      throw new IllegalStateException("the request source or a response check failed: " + failure, failure);
    }
    PhaseResult warmResult = warm.result(warmSlots, t0, settings.warmupSeconds());
    PhaseResult measureResult = measure.result(settings.measuredSlots(), measureStart, settings.durationSeconds());
    return new LoadResult(settings, startedAt, warmResult, measureResult, List.copyOf(points), opened.get(),
        retries.get(), firstMeasuredLag.get() / 1e6);
  }

  private void work(HttpConnection conn, CountDownLatch started, long warmSlots, long total) {
    ResponseCheck check = checks.get();
    long checkedSocket = conn.opened();
    awaitQuietly(started);
    long stopSending = t0 + settings.offsetNanos(total) + (long) (settings.drainSeconds() * 1e9);
    try {
      while (crash.get() == null) {
        long i = next.getAndIncrement();
        if (i >= total) {
          break;
        }
        long scheduled = t0 + settings.offsetNanos(i);
        long now = System.nanoTime();
        while (now < scheduled) {
          LockSupport.parkNanos(scheduled - now);
          now = System.nanoTime();
        }
        Tally tally = i < warmSlots ? warm : measure;
        if (i == warmSlots) {
          firstMeasuredLag.set(now - scheduled);
        }
        if (now > stopSending) {
          tally.unsent.increment();
          continue;
        }
        tally.sendLag.recordValue(Tally.micros(now - scheduled));
        Request q = source.request(i);
        tally.sent.increment();
        boolean allOk = true;
        try {
          for (; q != null; q = q.then()) {
            Response r = conn.exchange(q);
            if (conn.opened() != checkedSocket) {
              check = checks.get();
              checkedSocket = conn.opened();
            }
            tally.status(r.status());
            String failed = check.check(q, r);
            if (failed != null) {
              tally.checkFailed(failed);
            }
            if (!r.ok()) {
              allOk = false;
              break;
            }
          }
          long done = System.nanoTime();
          tally.completed(scheduled, now, done, allOk);
          timeline.recordValue(Tally.micros(done - scheduled));
        } catch (IOException e) {
          tally.error(kind(e), System.nanoTime(), q + ": " + e);
        }
      }
    } catch (RuntimeException | Error e) {
      crash.compareAndSet(null, e);
    } finally {
      retries.addAndGet(conn.retries());
      opened.addAndGet(conn.opened());
      conn.close();
    }
  }

  /** CPU time of this whole process (all threads), or 0 where the JVM does not say. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  private static Tally.ErrorKind kind(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return Tally.ErrorKind.TIMEOUT;
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return Tally.ErrorKind.CONNECT;
    }
    if (e instanceof HttpConnection.ProtocolException) {
      return Tally.ErrorKind.PROTOCOL;
    }
    return Tally.ErrorKind.IO;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t, long millis) {
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run", e);
    }
  }
}
