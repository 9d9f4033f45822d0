package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpdInverseTest {

  @Test
  void aTwoByTwoMatrixHasTheTextbookInverse() {
    double[] a = {4, 2, 2, 3};           // det 8
    SpdInverse.invert(a, 2);
    assertEquals(3 / 8.0, a[0], 1e-12);
    assertEquals(-2 / 8.0, a[1], 1e-12);
    assertEquals(-2 / 8.0, a[2], 1e-12);
    assertEquals(4 / 8.0, a[3], 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 1", "7, 3, 2", "37, 8, 3", "64, 16, 4", "130, 128, 5", "200, 32, 6"})
  void aRandomGramMatrixTimesItsInverseIsTheIdentity(int n, int block, long seed) {
    Rng rng = new Rng(seed);
    int m = n + 5;
    double[] x = new double[m * n];
    for (int k = 0; k < x.length; k++) {
      x[k] = rng.nextDouble() < 0.3 ? 1 : 0;
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 2.5 : 0;
        for (int u = 0; u < m; u++) {
          s += x[u * n + i] * x[u * n + j];
        }
        a[i + j * n] = s;
      }
    }
    double[] inv = a.clone();
    SpdInverse.invert(inv, n, block);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i + k * n] * inv[k + j * n];
        }
        assertEquals(i == j ? 1 : 0, s, 1e-9, "seed " + seed + " (" + i + ", " + j + ")");
        assertEquals(inv[i + j * n], inv[j + i * n], 0.0, "symmetric");
      }
    }
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsRefused() {
    assertThrows(ArithmeticException.class, () -> SpdInverse.invert(new double[] {1, 2, 2, 1}, 2));
  }
}
