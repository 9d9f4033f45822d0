package org.cinerec.math;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling thread plus helper threads running many short phases of independent tasks: for work like
 * the strata of blocked SGD (160 phases of ~0.3 ms per {@code mf} fit on ml-latest-small), where handing
 * each phase to the shared pool cost ~0.1 ms of wake-ups and waiting per phase (a fifth of the fit).
 *
 * <p>The caller publishes a phase ({@link #run}); the caller and the helpers claim its tasks from one
 * counter until none is left, and the phase ends when every claimed task has finished. Nobody waits for a
 * worker that has not claimed a task: if a helper is descheduled (a busy machine), the caller runs the
 * tasks itself, so a gang is never slower than one thread by more than the hand-off. Tasks of a phase
 * must be independent; which worker runs a task must not change its result, so results do not depend on
 * the number of threads. Everything a task wrote is visible to the caller when {@link #run} returns and to
 * every task of later phases. Helpers wait for the next phase spinning briefly (about 50 µs), then
 * yielding, then parking in short naps; they come from {@link Parallel}'s crew of daemon threads (reused,
 * and never the shared pool itself, so a gang started from inside a pool task cannot starve), and a gang
 * has at most as many workers as the pool has threads, so the pool's size bounds it too.
 * Not thread-safe: one caller per gang. Close it to release the helpers.
 */
public final class Gang implements AutoCloseable {
  private static final int SPINS = 1 << 11;
  private static final int YIELDS = 64;
  private static final long NAP_NANOS = 20_000;

  /** One task of a phase, given its index and the number of the worker running it ({@code 0} = caller). */
  @FunctionalInterface
  public interface Task {
    void run(int task, int worker);
  }

  /** A published phase: its tasks, the claim counter and the count of finished tasks. */
  private static final class Phase {
    final Task task;
    final int count;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Phase(Task task, int count) {
      this.task = task;
      this.count = count;
    }

    /** Claims and runs tasks until none is left. */
    void work(int worker) {
      int t;
      while ((t = next.getAndIncrement()) < count) {
        try {
          task.run(t, worker);
        } catch (Throwable e) {
          if (failure == null) {
            failure = e;
          }
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }

  private static final Phase CLOSED = new Phase((t, w) -> { }, 0);

  private final int size;
  private volatile Phase current;

  private Gang(int size) {
    this.size = size;
  }

  /**
   * A gang of {@code threads} workers, at most the pool's size ({@link Parallel#threads()}; more would only
   * take turns): the caller and {@code threads − 1} helpers.
   */
  public static Gang start(int threads) {
    Gang gang = new Gang(Math.max(1, Math.min(threads, Parallel.threads())));
    for (int w = 1; w < gang.size; w++) {
      int worker = w;
      Parallel.startHelper(() -> gang.help(worker));
    }
    return gang;
  }

  /** Number of workers, the caller included. */
  public int size() {
    return size;
  }

  /** Runs tasks {@code 0..count-1} on the gang; returns when all have finished, rethrowing a failure. */
  public void run(int count, Task task) {
    Phase phase = new Phase(task, count);
    current = phase;
    phase.work(0);
    int waits = 0;
    while (phase.done.get() < count) {
      waits = pause(waits);
    }
    Throwable f = phase.failure;
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

  private void help(int worker) {
    Phase seen = null;
    int waits = 0;
    while (true) {
      Phase phase = current;
      if (phase == CLOSED) {
        return;
      }
      if (phase != seen && phase != null) {
        phase.work(worker);
        seen = phase;
        waits = 0;
      } else {
        waits = pause(waits);
      }
    }
  }

  private static int pause(int waits) {
    if (waits < SPINS) {
      Thread.onSpinWait();
    } else if (waits < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(NAP_NANOS);
    }
    return waits + 1;
  }

  /** Releases the helpers (they return to the crew's pool). */
  @Override
  public void close() {
    current = CLOSED;
  }
}
