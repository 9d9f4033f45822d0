package org.cinerec.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one shared thread pool, sized to the machine (never more threads than cores on hot paths), with
 * named daemon threads. {@link #forEachChunk} splits a range into contiguous chunks, one per thread, so
 * the work each chunk does is fixed by its bounds, not by scheduling.
 */
public final class Parallel {
  private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(CORES, new Factory());

  private Parallel() {}

  /** Number of threads in the shared pool. */
  public static int threads() {
    return CORES;
  }

  /** A {@code --threads} setting resolved: 0 means every core ({@link #threads()}), else the value itself. */
  public static int threads(int requested) {
    return requested == 0 ? CORES : requested;
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
    int c = chunks <= 0 ? CORES : chunks;
    c = Math.max(1, Math.min(c, n));
    if (c == 1) {
      body.run(0, 0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(c);
    for (int k = 0; k < c; k++) {
      int from = (int) ((long) n * k / c);
      int to = (int) ((long) n * (k + 1) / c);
      int chunk = k;
      futures.add(POOL.submit(() -> body.run(chunk, from, to)));
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

  private static final class Factory implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "cinerec-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
