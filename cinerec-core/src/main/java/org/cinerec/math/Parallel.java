package org.cinerec.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cinerec.CinerecException;

/**
 * Where cinerec's parallelism comes from: one shared pool of named daemon threads whose size is a setting,
 * and the helpers of {@link Gang}s (never more workers than the pool's size). Training, evaluation and data
 * preparation run their parallel work here; scoring a user never does (it runs on the caller's thread, so
 * a server's request threads are the only threads that score). {@link #forEachChunk} splits a range into
 * contiguous chunks so the work each chunk does is fixed by its bounds, not by scheduling.
 *
 * <p>The size: {@link #configure} (the CLI's {@code cinerec --threads N}), else the system property
 * {@value #PROPERTY} ({@code -Dcinerec.threads=N}), else one thread per core; 0 also means one per core. It
 * is fixed the first time anything asks for it ({@link #threads()}, a trainer resolving its {@code threads}
 * parameter of 0, the first parallel run) and never changes after: {@code configure} with another size
 * then is an error. A model's {@code threads} parameter of 0 means this size.
 */
public final class Parallel {
  /** The system property that sizes the pool when {@link #configure} was not called: {@value}. */
  public static final String PROPERTY = "cinerec.threads";
  /** The largest pool size accepted. */
  public static final int MAX_THREADS = 1024;

  private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final Object LOCK = new Object();
  /** The pool's size once fixed, 0 before. */
  private static volatile int size;
  private static volatile ExecutorService pool;
  private static final AtomicLong SUBMITTED = new AtomicLong();
  private static final AtomicInteger CREW_COUNT = new AtomicInteger();
  /** Gang helpers: reused daemon threads of their own, so a gang started inside a pool task cannot starve. */
  private static final ExecutorService CREW = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cinerec-gang-" + CREW_COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Parallel() {}

  /**
   * Sets the pool's size (0 = one thread per core) before first use; setting the size it already has is
   * allowed. A usage error when out of 0..{@value #MAX_THREADS}, or when the size was already fixed to
   * another value (see the class comment).
   */
  public static void configure(int threads) {
    int want = resolve(threads, "--threads " + threads);
    synchronized (LOCK) {
      if (size == 0) {
        size = want;
      } else if (size != want) {
        throw CinerecException.usage("--threads " + threads + ": the thread pool already has " + size
            + " threads; set its size before anything runs in parallel");
      }
    }
  }

  /** Number of threads in the shared pool (fixes the size: see the class comment). */
  public static int threads() {
    int s = size;
    if (s != 0) {
      return s;
    }
    synchronized (LOCK) {
      if (size == 0) {
        String p = System.getProperty(PROPERTY);
        size = p == null || p.isBlank() ? CORES : resolve(parse(p), "-D" + PROPERTY + "=" + p);
      }
      return size;
    }
  }

  /** A {@code threads} setting resolved: 0 means the pool's size ({@link #threads()}), else the value itself. */
  public static int threads(int requested) {
    return requested == 0 ? threads() : requested;
  }

  /**
   * How many tasks were handed to the pool and gang helpers started since the JVM began: a test's way to
   * see that something (scoring, say) ran nothing in parallel.
   */
  public static long tasksSubmitted() {
    return SUBMITTED.get();
  }

  private static int parse(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int resolve(int threads, String setting) {
    if (threads < 0 || threads > MAX_THREADS) {
      throw CinerecException.usage(setting + ": the number of threads must be 0 (one per core) to "
          + MAX_THREADS);
    }
    return threads == 0 ? CORES : threads;
  }

  private static ExecutorService pool() {
    ExecutorService p = pool;
    if (p != null) {
      return p;
    }
    synchronized (LOCK) {
      if (pool == null) {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads(), r -> {
          Thread t = new Thread(r, "cinerec-worker-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
      }
      return pool;
    }
  }

  /** Starts a {@link Gang} helper on the crew (see the class comment). */
  static void startHelper(Runnable helper) {
    SUBMITTED.incrementAndGet();
    CREW.execute(helper);
  }

  /** Body over a chunk {@code [from, to)}, given its chunk number. */
  @FunctionalInterface
  public interface ChunkBody {
    void run(int chunk, int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)} cut into {@code chunks} contiguous pieces (at most the pool size
   * when {@code chunks <= 0}); waits for all. With one chunk it runs on the calling thread.
   */
  public static void forEachChunk(int n, int chunks, ChunkBody body) {
    int c = chunks <= 0 ? threads() : chunks;
    c = Math.max(1, Math.min(c, n));
    if (c == 1) {
      body.run(0, 0, n);
      return;
    }
    ExecutorService p = pool();
    List<Future<?>> futures = new ArrayList<>(c);
    for (int k = 0; k < c; k++) {
      int from = (int) ((long) n * k / c);
      int to = (int) ((long) n * (k + 1) / c);
      int chunk = k;
      SUBMITTED.incrementAndGet();
      futures.add(p.submit(() -> body.run(chunk, from, to)));
    }
    waitAll(futures);
  }

  private static void waitAll(List<Future<?>> futures) {
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (failure == null) {
          failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
