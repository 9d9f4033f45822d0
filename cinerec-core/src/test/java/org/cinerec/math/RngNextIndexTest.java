package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RngNextIndexTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1_218, 9_742})
  void drawsStayInRangeAndAreUniform(int bound) {
    long seed = 40 + bound;
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    int perValue = 200;
    int draws = bound * perValue;
    int[] counts = new int[bound];
    for (int t = 0; t < draws; t++) {
      int v = rng.nextIndex(bound);
      assertTrue(v >= 0 && v < bound, "seed " + seed + ": " + v + " outside [0, " + bound + ")");
      counts[v]++;
    }
    // Pearson's chi-square with bound − 1 degrees of freedom: mean bound − 1, sd √(2(bound − 1))
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - perValue) * (double) (c - perValue) / perValue;
    }
    double df = Math.max(1, bound - 1);
    assertTrue(chi2 < df + 6 * Math.sqrt(2 * df), "seed " + seed + ": chi-square " + chi2 + " with " + df + " df");
  }

  @Test
  void theSameSeedGivesTheSameSequenceAndTheLargestBoundWorks() {
    Rng a = new Rng(3);
    Rng b = new Rng(3);
    int[] x = new int[100];
    int[] y = new int[100];
    for (int t = 0; t < 100; t++) {
      x[t] = a.nextIndex(Integer.MAX_VALUE);
      y[t] = b.nextIndex(Integer.MAX_VALUE);
      assertTrue(x[t] >= 0);
    }
    assertArrayEquals(x, y);
    assertEquals(0, a.nextIndex(1));
  }

  @Test
  void aBoundBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Rng(1).nextIndex(0));
  }
}
