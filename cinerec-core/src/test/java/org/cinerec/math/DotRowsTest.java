package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Vectors#dotRows}: every row's dot product is {@link Vectors#dot}'s, bit for bit, on the Vector API or
 * not, for row counts that are and are not multiples of four, rows repeated and in any order, and the same
 * bits on every call (through the interpreter and C2 alike).
 */
class DotRowsTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 7, 8, 10, 15, 16, 17, 32, 50, 64, 100, 129})
  void everyRowIsDotsBitsEveryTime(int dim) {
    Rng rng = new Rng(31 + dim);
    int numRows = 23;
    float[] m = new float[numRows * dim];
    float[] a = new float[dim + 3];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) rng.nextGaussian() * (i % 5 == 0 ? 1e3f : 1f);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    int[] rows = new int[41];
    for (int t = 0; t < rows.length; t++) {
      rows[t] = rng.nextInt(numRows);
    }
    for (int n : new int[] {0, 1, 3, 4, 5, 8, 41}) {
      for (int round = 0; round < (n == 41 ? 2000 : 1); round++) {
        float[] out = new float[rows.length];
        Vectors.dotRows(a, 3, m, rows, n, dim, out);
        for (int t = 0; t < n; t++) {
          assertEquals(Float.floatToIntBits(Vectors.dot(a, 3, m, rows[t] * dim, dim)), Float.floatToIntBits(out[t]),
              "dim " + dim + ", " + n + " rows, row " + t + ", round " + round);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 9})
  void moreRowsThanGivenIsAnError(int n) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vectors.dotRows(new float[4], 0, new float[8], new int[] {0, 1, 0, 1}, n, 4, new float[8]));
    assertEquals("n = " + n + " exceeds the rows (4) or the output (8)", e.getMessage());
  }
}
