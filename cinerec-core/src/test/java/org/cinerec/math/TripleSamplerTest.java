package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TripleSamplerTest {

  @Test
  void negativesAreNeverPositivesAndPositivesAreDrawnUniformly() {
    // user 0 likes items 0, 1; user 1 likes item 2; user 2 likes items 0..4 (all): never yields a triple
    int[] u = {0, 0, 1, 2, 2, 2, 2, 2};
    int[] i = {0, 1, 2, 0, 1, 2, 3, 4};
    SparseRows rows = SparseRows.of(u, i, new float[u.length], 3);
    TripleSampler s = new TripleSampler(rows, 5);
    Rng rng = new Rng(11);
    int[] t = new int[3];
    int[] perUser = new int[3];
    int draws = 80_000;
    for (int k = 0; k < draws; k++) {
      boolean ok = s.sample(rng, t);
      perUser[t[0]]++;
      if (t[0] == 2) {
        assertFalse(ok);
        continue;
      }
      assertTrue(ok);
      assertTrue(rows.find(t[0], t[1]) >= 0, "positive");
      assertTrue(rows.find(t[0], t[2]) < 0, "negative " + t[2] + " of user " + t[0]);
    }
    assertEquals(2 / 8.0, perUser[0] / (double) draws, 0.01);
    assertEquals(1 / 8.0, perUser[1] / (double) draws, 0.01);
  }
}
