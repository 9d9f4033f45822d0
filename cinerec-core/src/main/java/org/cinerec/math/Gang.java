package org.cinerec.math;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads running one body together for many short phases, separated by a spinning
 * {@link #await barrier}: for work like the strata of blocked SGD (160 phases of ~0.3 ms per {@code mf}
 * fit on ml-latest-small), where handing each phase to the shared pool cost ~0.1 ms of wake-ups and
 * waiting per phase (a fifth of the fit). Worker 0 is the calling thread; the others come from a pool
 * of their own (not the shared one, so a gang started from inside a pool task cannot starve).
 * More workers than cores would spin against each other, so there are never more. A waiting worker
 * spins briefly (about 50 µs), then yields, then parks in short naps, so a long phase on one worker
 * (e.g. a report between epochs) does not burn the other cores. If a worker throws, the barrier breaks,
 * every worker stops, and {@link #run} rethrows the first failure.
 */
public final class Gang {
  private static final int SPINS = 1 << 11;
  private static final int YIELDS = 64;
  private static final long NAP_NANOS = 20_000;

  /** The body each worker runs, given its number in {@code [0, size)} and the gang (for {@link #await}). */
  @FunctionalInterface
  public interface Body {
    void run(int worker, Gang gang);
  }

  /**
   * The workers besides the caller: a cached pool of daemon threads, reused while busy fits follow each
   * other (a fresh thread per fit started on a busy core and ran late for its first milliseconds) and
   * grown when every thread is busy, so gangs never wait for each other or for the shared pool.
   */
  private static final AtomicInteger CREW_COUNT = new AtomicInteger();
  private static final ExecutorService CREW = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cinerec-gang-" + CREW_COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final int size;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile int phase;

  private Gang(int size) {
    this.size = size;
  }

  /** Number of workers. */
  public int size() {
    return size;
  }

  /**
   * Runs {@code body} on {@code threads} workers, at most one per core (the calling thread is worker 0),
   * and returns when all have finished. With one worker it simply runs the body. Callers must not let
   * results depend on the number of workers ({@link #size}).
   */
  public static void run(int threads, Body body) {
    Gang gang = new Gang(Math.max(1, Math.min(threads, Parallel.threads())));
    if (gang.size == 1) {
      body.run(0, gang);
      return;
    }
    Future<?>[] others = new Future<?>[gang.size - 1];
    for (int w = 1; w < gang.size; w++) {
      int worker = w;
      others[w - 1] = CREW.submit(() -> gang.work(worker, body));
    }
    gang.work(0, body);
    boolean interrupted = false;
    for (Future<?> f : others) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          gang.failure.compareAndSet(null, e.getCause());
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = gang.failure.get();
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  private void work(int worker, Body body) {
    try {
      body.run(worker, this);
    } catch (Broken b) {
      // another worker failed first; its failure is the one reported
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  /**
   * Waits until every worker has called this for the current phase. Everything a worker wrote before
   * its call is visible to every worker after it returns.
   */
  public void await() {
    if (size == 1) {
      return;
    }
    int current = phase;
    if (arrived.incrementAndGet() == size) {
      arrived.set(0);
      phase = current + 1;
      return;
    }
    int waits = 0;
    while (phase == current) {
      if (failure.get() != null) {
        throw new Broken();
      }
      waits++;
      if (waits < SPINS) {
        Thread.onSpinWait();
      } else if (waits < SPINS + YIELDS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(NAP_NANOS);
      }
    }
  }

  /** Thrown in the waiting workers when another worker failed. */
  private static final class Broken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Broken() {
      super("another worker of the gang failed", null, false, false);
    }
  }
}
