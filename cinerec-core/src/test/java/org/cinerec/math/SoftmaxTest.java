package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

  @Test
  void expIsWithinTwoUlpOfMathExpAcrossTheFloatRange() {
    Rng rng = new Rng(11);
    System.out.println("seed 11");
    for (int i = 0; i < 100_000; i++) {
      float x = (float) (-87 + 175 * rng.nextDouble());
      double e = Math.exp(x);
      assertEquals(e, Softmax.exp(x), 3e-7 * e, "x=" + x);
    }
    assertEquals(0f, Softmax.exp(-100f));
    assertEquals(Float.POSITIVE_INFINITY, Softmax.exp(100f));
    assertEquals(1f, Softmax.exp(0f));
  }

  @Test
  void theVectorisableExpIsWithin1e5OnTheRangeThatMatters() {
    for (float x = -20f; x <= 0f; x += 0.001f) {
      double e = Math.exp(x);
      assertEquals(e, Softmax.expNonPositive(x), 1e-5 * e, "x=" + x);
    }
    assertTrue(Softmax.expNonPositive(-1000f) < 1e-37f);
  }

  @Test
  void softmaxOfAHandExampleSumsToOneAndReturnsLogSumExp() {
    float[] x = {0f, 1f, 2f, 1000f - 1000f + 3f};
    float lse = Softmax.softmaxInPlace(x, 0, 4);
    double z = Math.exp(0) + Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertEquals(Math.log(z), lse, 1e-6);
    assertEquals(Math.exp(3) / z, x[3], 1e-6);
    assertEquals(1.0, x[0] + x[1] + x[2] + x[3], 1e-6);
    float[] big = {1000f, 999f};
    float l2 = Softmax.softmaxInPlace(big, 0, 2, 2f);
    assertEquals(1000 + Math.log(1 + Math.exp(-1)), l2, 1e-3);
    assertEquals(2 / (1 + Math.exp(-1)), big[0], 1e-5, "scaled probabilities");
  }
}
