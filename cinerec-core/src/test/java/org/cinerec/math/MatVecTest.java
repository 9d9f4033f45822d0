package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Vectors#matVec}: the dot product of every row, on the Vector API or not, the same bits every time. */
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

  /**
   * The four-rows-per-pass kernel gives each row the bits of the one-row reference: row counts that leave
   * 0 to 3 rows over, lengths with and without a scalar tail, the query at an offset.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 17, 31, 32, 33, 50, 64, 100, 129})
  void fourRowsAtATimeGiveTheOneRowBits(int dim) {
    assertTrue(Simd.enabled(), Simd.describe());
    if (!VectorMatVec.worth(dim)) {
      return; // shorter than one vector on this machine: matVec stays scalar
    }
    Rng rng = new Rng(31 * dim);
    for (int rows : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 37, 101}) {
      float[] m = new float[rows * dim];
      float[] q = new float[dim + 3];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) rng.nextGaussian();
      }
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) rng.nextGaussian();
      }
      float[] four = new float[rows];
      float[] one = new float[rows];
      for (int t = 0; t < 300; t++) { // the interpreter's bits and C2's
        VectorMatVec.matVec(m, rows, dim, q, 3, four);
        VectorMatVec.matVecByRow(m, rows, dim, q, 3, one);
        for (int r = 0; r < rows; r++) {
          assertEquals(Float.floatToRawIntBits(one[r]), Float.floatToRawIntBits(four[r]),
              "row " + r + " of " + rows + ", dim " + dim + ", try " + t);
        }
      }
    }
  }
}
