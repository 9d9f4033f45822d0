package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GangTest {

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2, 3, 8})
  void everyTaskOfEveryPhaseRunsOnceAndSeesThePreviousPhasesWrites(int threads) {
    int phases = 2000;
    int tasks = 8;
    long[] cells = new long[tasks];
    try (Gang gang = Gang.start(threads)) {
      assertEquals(Math.min(threads, Parallel.threads()), gang.size(), "at most one worker per core");
      for (int phase = 1; phase <= phases; phase++) {
        long expected = phase - 1L;
        gang.run(tasks, (t, worker) -> {
          for (long c : cells) {
            if (c != expected) {
              throw new AssertionError("task " + t + " saw " + c + " in phase " + (expected + 1));
            }
          }
        });
        gang.run(tasks, (t, worker) -> cells[t]++);
      }
    }
    for (long c : cells) {
      assertEquals(phases, c);
    }
  }

  @Test
  void aFailingTaskIsRethrownAfterTheOthersFinished() {
    AtomicInteger ran = new AtomicInteger();
    try (Gang gang = Gang.start(2)) {
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> gang.run(50, (t, w) -> {
        ran.incrementAndGet();
        if (t == 17) {
          throw new IllegalArgumentException("task 17 failed");
        }
      }));
      assertEquals("task 17 failed", thrown.getMessage());
      assertEquals(50, ran.get(), "every task still ran");
      gang.run(3, (t, w) -> ran.incrementAndGet());
      assertEquals(53, ran.get(), "the gang works after a failure");
    }
  }

  @Test
  void workerNumbersAreWithinTheGangAndZeroIsTheCaller() {
    Thread caller = Thread.currentThread();
    try (Gang gang = Gang.start(2)) {
      gang.run(1000, (t, w) -> {
        assertTrue(w >= 0 && w < gang.size());
        if (w == 0) {
          assertEquals(caller, Thread.currentThread());
        }
      });
    }
  }
}
