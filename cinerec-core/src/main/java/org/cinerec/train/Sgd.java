package org.cinerec.train;

/** Plain stochastic gradient descent: {@code w -= lr · g}. No state. */
public final class Sgd extends Optimizer {
  private static final State NONE = new State(new float[0][]);

  public Sgd(float learningRate) {
    super(learningRate);
  }

  @Override
  public State newState(int size) {
    return NONE;
  }

  @Override
  public void update(float[] w, int off, float[] g, int gOff, int n, State state) {
    float lr = learningRate;
    for (int i = 0; i < n; i++) {
      w[off + i] -= lr * g[gOff + i];
    }
  }
}
