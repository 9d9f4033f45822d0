package org.cinerec.train;

import java.util.Arrays;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011, JMLR 12) with TensorFlow/Keras semantics
 * ({@code ApplyAdagradV2}): {@code acc += g²; w -= lr · g / (sqrt(acc) + eps)}, accumulator initialised
 * to {@code initialAccumulator} (Keras default 0.1), {@code eps} default 1e-7. Keras 3 puts eps inside the
 * square root; with acc ≥ 0.1 the difference is below 1e-6 relative.
 */
public final class Adagrad extends Optimizer {
  private final float initialAccumulator;
  private final float epsilon;

  public Adagrad(float learningRate, float initialAccumulator, float epsilon) {
    super(learningRate);
    this.initialAccumulator = initialAccumulator;
    this.epsilon = epsilon;
  }

  @Override
  public State newState(int size) {
    float[] acc = new float[size];
    Arrays.fill(acc, initialAccumulator);
    return new State(new float[][] {acc});
  }

  @Override
  public void update(float[] w, int off, float[] g, int gOff, int n, State state) {
    float[] acc = state.slots[0];
    float lr = learningRate;
    float eps = epsilon;
    for (int i = 0; i < n; i++) {
      float gi = g[gOff + i];
      float a = acc[off + i] + gi * gi;
      acc[off + i] = a;
      w[off + i] -= lr * gi / ((float) Math.sqrt(a) + eps);
    }
  }
}
