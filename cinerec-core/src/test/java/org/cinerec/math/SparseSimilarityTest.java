package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SparseSimilarityTest {

  /** Rows by user and by item of the same entries. */
  record Grid(SparseRows byUser, SparseRows byItem) {
    static Grid of(int[] u, int[] i, float[] v, int users, int items) {
      return new Grid(SparseRows.of(u, i, v, users), SparseRows.of(i, u, v, items));
    }

    SparseSimilarity.Neighbours neighbours(double shrink, int minSupport, int keep) {
      return SparseSimilarity.topNeighbours(byItem.offsets(), byItem.cols(), byItem.vals(), byUser.offsets(),
          byUser.cols(), byUser.vals(), shrink, minSupport, keep);
    }
  }

  static Grid workedExample() {
    return Grid.of(new int[] {0, 0, 0, 1, 1, 2, 2}, new int[] {0, 1, 2, 0, 1, 1, 3},
        new float[] {5, 3, 4, 3, 1, 2, 5}, 3, 4);
  }

  @Test
  void theWorkedExampleOfTheClassCommentHoldsWithAndWithoutShrinkage() {
    SparseSimilarity.Neighbours nb = workedExample().neighbours(0, 1, 0);
    // item 0: i2 (1.0, only u0) then i1 (18/sqrt(340))
    assertArrayEquals(new int[] {2, 1}, java.util.Arrays.copyOfRange(nb.items(), nb.offsets()[0], nb.offsets()[1]));
    assertEquals(18 / Math.sqrt(340), nb.sims()[nb.offsets()[0] + 1], 1e-6);
    SparseSimilarity.Neighbours shrunk = workedExample().neighbours(1, 1, 0);
    // n = 2 common raters: factor (2-1)/(2-1+1) = 1/2; n = 1 gives 0, which is not kept
    assertEquals(1, shrunk.count(0));
    assertEquals(18 / Math.sqrt(340) / 2, shrunk.sims()[shrunk.offsets()[0]], 1e-6);
    SparseSimilarity.Neighbours support = workedExample().neighbours(0, 2, 0);
    assertEquals(1, support.count(0));
    assertEquals(1, support.items()[support.offsets()[0]]);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void keptNeighboursMatchABruteForceOverAllPairs(long seed) {
    Rng rng = new Rng(seed);
    int users = 40;
    int items = 30;
    float[][] dense = new float[users][items];
    int nnz = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.3) {
          dense[u][i] = (float) (rng.nextDouble() * 4 - 2);
          nnz++;
        }
      }
    }
    int[] us = new int[nnz];
    int[] is = new int[nnz];
    float[] vs = new float[nnz];
    int p = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (dense[u][i] != 0) {
          us[p] = u;
          is[p] = i;
          vs[p++] = dense[u][i];
        }
      }
    }
    Grid g = Grid.of(us, is, vs, users, items);
    double shrink = 3;
    int keep = 5;
    SparseSimilarity.Neighbours nb = g.neighbours(shrink, 2, keep);
    for (int i = 0; i < items; i++) {
      float[] expected = new float[items];
      for (int j = 0; j < items; j++) {
        double prod = 0;
        double a = 0;
        double b = 0;
        int n = 0;
        for (int u = 0; u < users; u++) {
          if (dense[u][i] != 0 && dense[u][j] != 0) {
            prod += dense[u][i] * dense[u][j];
            a += dense[u][i] * dense[u][i];
            b += dense[u][j] * dense[u][j];
            n++;
          }
        }
        double s = (j == i || n < 2) ? 0 : prod / Math.sqrt(a * b) * (n - 1) / (n - 1 + shrink);
        expected[j] = s > 0 ? (float) s : Float.NEGATIVE_INFINITY;
      }
      int[] top = TopK.select(expected, keep);
      assertArrayEquals(top, java.util.Arrays.copyOfRange(nb.items(), nb.offsets()[i], nb.offsets()[i + 1]),
          "seed " + seed + ", item " + i);
      for (int k = 0; k < top.length; k++) {
        assertEquals(expected[top[k]], nb.sims()[nb.offsets()[i] + k], 1e-5, "seed " + seed);
        assertTrue(nb.sims()[nb.offsets()[i] + k] > 0);
      }
    }
  }
}
