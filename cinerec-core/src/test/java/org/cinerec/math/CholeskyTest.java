package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Seeds.class)
class CholeskyTest {

  @Test
  void solvesTheWorkedExampleOfItsComment() {
    double[] a = {4, 2, 2, 3};
    double[] b = {2, 1};
    Cholesky.solve(a, b, 2);
    assertArrayEquals(new double[] {0.5, 0}, b, 1e-12);
    assertEquals(2, a[0], 1e-12);
    assertEquals(1, a[2], 1e-12);
    assertEquals(Math.sqrt(2), a[3], 1e-12);
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    double[] a = {1, 2, 2, 1};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.solve(a, new double[2], 2));
    assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
  }

  /** Random A = MᵀM + I and x; A x is computed, then solved back. */
  @RepeatedTest(10)
  void recoversARandomSolutionAndAgreesWithConjugateGradient(@Seeds.Seed long seed) {
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(30);
    float[] m = new float[(n + 3) * n];
    rng.fillGaussian(m, 0, 1);
    double[] a = new double[n * n];
    Dense.addGram(a, m, n, 0, n + 3);
    Dense.addDiagonal(a, n, 1.0);
    Dense.symmetrize(a, n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] b = new double[n];
    Dense.symMatVec(a, n, x, b);
    double[] full = a.clone();
    double[] bCg = b.clone();
    Cholesky.solve(a, b, n);
    assertArrayEquals(x, b, 1e-8, "seed " + seed);
    double[] xCg = new double[n];
    ConjugateGradient.solve((v, out) -> Dense.symMatVec(full, n, v, out), bCg, xCg, n, 4 * n, 1e-24,
        new ConjugateGradient.Work(n));
    assertArrayEquals(x, xCg, 1e-6, "seed " + seed);
  }

  @Test
  void rankOneUpdatesBuildTheLowerTriangleOfTheGramMatrix() {
    float[] v = {1, 2, 3};
    double[] a = new double[9];
    Dense.addOuterLower(a, 3, v, 0, 2.0);
    assertArrayEquals(new double[] {2, 0, 0, 4, 8, 0, 6, 12, 18}, a, 0);
  }

  @Test
  void theCoupledSgdStepUsesTheOldValuesOfBothVectors() {
    float[] p = {1, 2};
    float[] q = {3, 4};
    Sgd.coupledStep(p, 0, q, 0, 2, 0.5f, 0.1f, 0.2f);
    // p += 0.1 (0.5 q - 0.2 p); q += 0.1 (0.5 p_old - 0.2 q)
    assertArrayEquals(new float[] {1 + 0.1f * (1.5f - 0.2f), 2 + 0.1f * (2f - 0.4f)}, p, 1e-6f);
    assertArrayEquals(new float[] {3 + 0.1f * (0.5f - 0.6f), 4 + 0.1f * (1f - 0.8f)}, q, 1e-6f);
  }
}
