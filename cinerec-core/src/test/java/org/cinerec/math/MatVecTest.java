package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Vectors#matVec}: the dot product of every row, on the Vector API or not, the same bits every time,
 * and the same bits as one row at a time (a guard for any later change that sums several rows at once).
 */
class MatVecTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10, 15, 16, 17, 32, 50, 64, 100, 129})
  void everyRowIsItsDotProductAndTheBitsNeverChange(int dim) {
    Rng rng = new Rng(dim);
    int rows = 37;
    float[] m = new float[rows * dim];
    float[] q = new float[dim + 5];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) rng.nextGaussian();
    }
    float[] out = new float[rows];
    Vectors.matVec(m, rows, dim, q, 5, out);
    for (int r = 0; r < rows; r++) {
      float[] one = new float[1];
      Vectors.matVec(java.util.Arrays.copyOfRange(m, r * dim, (r + 1) * dim), 1, dim, q, 5, one);
      assertEquals(Float.floatToIntBits(one[0]), Float.floatToIntBits(out[r]), "row " + r + " alone, dim " + dim);
    }
    for (int r = 0; r < rows; r++) {
      double exact = 0;
      double scale = 0;
      for (int i = 0; i < dim; i++) {
        exact += (double) m[r * dim + i] * q[5 + i];
        scale += Math.abs((double) m[r * dim + i] * q[5 + i]);
      }
      assertEquals(exact, out[r], 1e-5 * scale + 1e-6, "row " + r + " of dim " + dim);
    }
    for (int t = 0; t < 2000; t++) { // through the interpreter and C2 alike
      float[] again = new float[rows];
      Vectors.matVec(m, rows, dim, q, 5, again);
      assertArrayEquals(out, again);
    }
  }
}
