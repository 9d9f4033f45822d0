package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BprKernelTest {

  static BprKernel kernel(String kind, int f) {
    return kind.equals("scalar") ? BprKernel.scalar(f) : BprKernel.create(f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "fastest"})
  void aStepMatchesTheHandComputedUpdate(String kind) {
    // x = 0.2 − 0.1 + (1, 0)·((0.5, 1) − (0, −1)) = 0.6, g = σ(−0.6) = 0.354343694, lr 0.1, reg 0.01, reg-bias 0
    float[] p = {1f, 0f};
    float[] qi = {0.5f, 1f};
    float[] qj = {0f, -1f};
    float[] bias = {0.2f, 0.1f};
    BprKernel k = kernel(kind, 2);
    float x = k.step(p, qi, qj, bias, 0, 1, 0.1f, 0.01f, 0f);
    assertEquals(0.6f, x, 1e-6);
    assertArrayEquals(new float[] {1.01671718f, 0.07086874f}, p, 1e-6f);
    assertArrayEquals(new float[] {0.53493437f, 0.999f}, qi, 1e-6f);
    assertArrayEquals(new float[] {-0.03543437f, -0.999f}, qj, 1e-6f);
    assertArrayEquals(new float[] {0.23543437f, 0.06456563f}, bias, 1e-6f);
    assertEquals(0.43748795, k.takeLoss(), 1e-6);
    assertEquals(0, k.takeLoss(), 0, "the loss resets after it is taken");
  }

  @ParameterizedTest
  @CsvSource({"scalar, 1", "scalar, 7", "scalar, 8", "scalar, 64", "scalar, 100", "fastest, 1", "fastest, 7",
      "fastest, 16", "fastest, 64", "fastest, 100"})
  void randomStepsMatchAPlainDoubleReferenceAndTheLossIsTheSumOfLogSigmas(String kind, int f) {
    long seed = 900 + f;
    System.out.println("seed " + seed + ", " + kind + " kernel (Vector API in use: " + Simd.enabled() + ")");
    Rng rng = new Rng(seed);
    BprKernel k = kernel(kind, f);
    float[] bias = new float[2];
    double expectedLoss = 0;
    for (int step = 0; step < 2000; step++) {
      float[] p = new float[f];
      float[] qi = new float[f];
      float[] qj = new float[f];
      rng.fillGaussian(p, 0, 1);
      rng.fillGaussian(qi, 0, 1);
      rng.fillGaussian(qj, 0, 1);
      bias[0] = (float) rng.nextGaussian();
      bias[1] = (float) rng.nextGaussian();
      double x = bias[0] - bias[1];
      for (int c = 0; c < f; c++) {
        x += (double) p[c] * (qi[c] - qj[c]);
      }
      double g = 1 / (1 + Math.exp(x));
      float lr = 0.05f;
      float reg = 0.01f;
      float[] ep = new float[f];
      float[] ei = new float[f];
      float[] ej = new float[f];
      for (int c = 0; c < f; c++) {
        ep[c] = (float) (p[c] + lr * (g * (qi[c] - qj[c]) - reg * p[c]));
        ei[c] = (float) (qi[c] + lr * (g * p[c] - reg * qi[c]));
        ej[c] = (float) (qj[c] + lr * (-g * p[c] - reg * qj[c]));
      }
      float eb0 = (float) (bias[0] + lr * (g - 0.001 * bias[0]));
      float eb1 = (float) (bias[1] + lr * (-g - 0.001 * bias[1]));
      expectedLoss += Math.log1p(Math.exp(-x));
      float got = k.step(p, qi, qj, bias, 0, 1, lr, reg, 0.001f);
      assertEquals(x, got, 1e-4 * (1 + Math.abs(x)), "seed " + seed + " step " + step);
      assertArrayEquals(ep, p, 1e-5f, "seed " + seed);
      assertArrayEquals(ei, qi, 1e-5f, "seed " + seed);
      assertArrayEquals(ej, qj, 1e-5f, "seed " + seed);
      assertEquals(eb0, bias[0], 1e-5f);
      assertEquals(eb1, bias[1], 1e-5f);
    }
    assertEquals(expectedLoss, k.takeLoss(), 1e-4 * expectedLoss, "seed " + seed);
  }

  @ParameterizedTest
  @CsvSource({"scalar, 5", "scalar, 64", "fastest, 5", "fastest, 64", "fastest, 70"})
  void aPairStepIsBitForBitTwoStepsOnDisjointTriples(String kind, int f) {
    long seed = 700 + f;
    System.out.println("seed " + seed + ", " + kind + " kernel");
    Rng rng = new Rng(seed);
    float[][] rows = new float[6][f];
    for (float[] r : rows) {
      rng.fillGaussian(r, 0, 1);
    }
    float[] bias = new float[4];
    rng.fillGaussian(bias, 0, 1);
    float[][] copy = new float[6][];
    for (int r = 0; r < 6; r++) {
      copy[r] = rows[r].clone();
    }
    float[] biasCopy = bias.clone();
    BprKernel one = kernel(kind, f);
    BprKernel two = kernel(kind, f);
    for (int t = 0; t < 50; t++) {
      one.step(rows[0], rows[1], rows[2], bias, 0, 1, 0.1f, 0.01f, 0.001f);
      one.step(rows[3], rows[4], rows[5], bias, 2, 3, 0.1f, 0.01f, 0.001f);
      two.step2(copy[0], copy[1], copy[2], 0, 1, copy[3], copy[4], copy[5], 2, 3, biasCopy, 0.1f, 0.01f, 0.001f);
    }
    for (int r = 0; r < 6; r++) {
      assertArrayEquals(rows[r], copy[r], "seed " + seed + ": row " + r);
    }
    assertArrayEquals(bias, biasCopy);
    assertEquals(one.takeLoss(), two.takeLoss(), 0);
  }

  @Test
  void extremeScoresGiveAFiniteLoss() {
    BprKernel k = BprKernel.scalar(1);
    float[] bias = {500f, -500f};
    k.step(new float[] {0}, new float[] {0}, new float[] {0}, bias, 0, 1, 0f, 0f, 0f);
    double high = k.takeLoss();
    assertTrue(high >= 0 && high < 1e-300 + 1e-12, "x = 1000 costs nothing: " + high);
    bias[0] = -500f;
    bias[1] = 500f;
    for (int t = 0; t < 100; t++) {
      k.step(new float[] {0}, new float[] {0}, new float[] {0}, bias, 0, 1, 0f, 0f, 0f);
    }
    double low = k.takeLoss();
    assertTrue(Double.isFinite(low) && low > 100 * 80, "x = −1000 is capped, not infinite: " + low);
  }

  @Test
  void aKernelWithoutFactorsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> BprKernel.scalar(0));
    assertThrows(IllegalArgumentException.class, () -> BprKernel.create(0));
  }
}
