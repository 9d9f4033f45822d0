package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatedPairsTest {

  @Test
  void theWorkedExampleAnswersEveryPair() {
    // user 0 rated items 0 and 2, user 1 rated item 1
    SparseRows rows = SparseRows.of(new int[] {0, 0, 1}, new int[] {2, 0, 1}, new float[3], 2);
    RatedPairs pairs = new RatedPairs(rows, 3);
    assertTrue(pairs.usesBitset());
    boolean[][] expected = {{true, false, true}, {false, true, false}};
    for (int u = 0; u < 2; u++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[u][j], pairs.contains(u, j), "user " + u + " item " + j);
      }
    }
  }

  @Test
  void theBitsetAndTheBinarySearchAgreeOnRandomRatings() {
    long seed = 77;
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    int users = 40;
    int items = 200; // over 64 per word, so the bit index crosses words
    boolean[][] truth = new boolean[users][items];
    int n = 0;
    int[] us = new int[users * items];
    int[] is = new int[users * items];
    for (int u = 0; u < users; u++) {
      for (int j = 0; j < items; j++) {
        if (rng.nextInt(7) == 0) {
          truth[u][j] = true;
          us[n] = u;
          is[n++] = j;
        }
      }
    }
    SparseRows rows = SparseRows.of(java.util.Arrays.copyOf(us, n), java.util.Arrays.copyOf(is, n), new float[n], users);
    RatedPairs bits = new RatedPairs(rows, items);
    RatedPairs search = new RatedPairs(rows, items, 0);
    assertTrue(bits.usesBitset());
    assertFalse(search.usesBitset());
    for (int u = 0; u < users; u++) {
      for (int j = 0; j < items; j++) {
        assertEquals(truth[u][j], bits.contains(u, j), "seed " + seed + " bitset " + u + "," + j);
        assertEquals(truth[u][j], search.contains(u, j), "seed " + seed + " search " + u + "," + j);
      }
    }
  }
}
