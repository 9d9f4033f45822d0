package org.cinerec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void adagradFollowsKerasFromTheInitialAccumulator() {
    Optimizer o = new Adagrad(0.1f, 0.1f, 1e-7f);
    float[] w = {1f, -2f};
    Optimizer.State s = o.newState(2);
    o.nextStep();
    o.update(w, 0, new float[] {0.5f, 0f}, 0, 2, s);
    // acc = 0.1 + 0.25 = 0.35; w = 1 - 0.1 * 0.5 / (sqrt(0.35) + 1e-7)
    assertEquals(1 - 0.05 / (Math.sqrt(0.35) + 1e-7), w[0], 1e-7);
    assertEquals(-2f, w[1]);
    o.nextStep();
    o.update(w, 0, new float[] {0.5f, 1f}, 0, 2, s);
    assertEquals(1 - 0.05 / Math.sqrt(0.35) - 0.05 / Math.sqrt(0.6), w[0], 1e-6);
    assertEquals(-2 - 0.1 / Math.sqrt(1.1), w[1], 1e-6);
  }

  @Test
  void adamsFirstStepMovesEachWeightByTheLearningRate() {
    Optimizer o = new Adam(0.01f, 0.9f, 0.999f, 1e-7f);
    float[] w = {1f, 1f};
    Optimizer.State s = o.newState(2);
    o.nextStep();
    o.update(w, 0, new float[] {3f, -0.2f}, 0, 2, s);
    assertEquals(0.99, w[0], 1e-6);
    assertEquals(1.01, w[1], 1e-6);
  }

  @Test
  void sgdStepsAgainstTheGradientAndRowsReadTheirCompactGradient() {
    Optimizer o = new Sgd(0.5f);
    float[] w = {0f, 0f, 0f, 0f};
    o.update(w, 2, new float[] {9f, 1f, 2f}, 1, 2, o.newState(4));
    assertEquals(0f, w[1]);
    assertEquals(-0.5f, w[2]);
    assertEquals(-1f, w[3]);
  }

  @Test
  void aLearningRateOfZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Sgd(0f));
  }
}
