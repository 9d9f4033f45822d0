package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GangTest {

  @ParameterizedTest(name = "{0} workers")
  @ValueSource(ints = {1, 2, 3, 4})
  void everyPhaseSeesEveryWorkersWritesOfThePreviousPhase(int workers) {
    int phases = 2000;
    int size = Math.min(workers, Parallel.threads());
    long[] cells = new long[size];
    long[] seen = new long[size];
    Gang.run(workers, (w, gang) -> {
      assertEquals(size, gang.size(), "at most one worker per core");
      for (int phase = 1; phase <= phases; phase++) {
        cells[w] = phase;
        gang.await();
        long sum = 0;
        for (long c : cells) {
          sum += c;
        }
        if (sum != (long) phase * size) {
          throw new AssertionError("worker " + w + " phase " + phase + " saw " + sum);
        }
        seen[w] = phase;
        gang.await(); // nobody writes the next phase's cell before all have read this one
      }
    });
    long[] expected = new long[size];
    java.util.Arrays.fill(expected, phases);
    assertArrayEquals(expected, seen);
  }

  @Test
  void aFailingWorkerStopsTheOthersAndItsFailureIsRethrown() {
    IllegalArgumentException thrown = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThrows(IllegalArgumentException.class, () -> Gang.run(2, (w, gang) -> {
          for (int phase = 0; phase < 1000; phase++) {
            if (w == gang.size() - 1 && phase == 10) {
              throw new IllegalArgumentException("worker 2 failed");
            }
            gang.await();
          }
        })));
    assertEquals("worker 2 failed", thrown.getMessage());
  }

  @Test
  void theCallingThreadIsWorkerZero() {
    Thread caller = Thread.currentThread();
    Thread[] zero = new Thread[1];
    Gang.run(2, (w, gang) -> {
      if (w == 0) {
        zero[0] = Thread.currentThread();
      }
    });
    assertEquals(caller, zero[0]);
  }
}
