package org.cinerec.train;

/**
 * Adam (Kingma &amp; Ba 2015, arXiv:1412.6980) in TensorFlow's form:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²;
 * w -= lr · sqrt(1-b2^t)/(1-b1^t) · m / (sqrt(v) + eps)}, eps default 1e-7.
 *
 * <p>Deviation for embedding rows: a row absent from a batch is left untouched (its moments do not decay),
 * as TF Addons' {@code LazyAdam} does; Keras's dense Adam would decay every row's moments each step.
 */
public final class Adam extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private long correctedAt = -1;
  private float stepSize;

  public Adam(float learningRate, float beta1, float beta2, float epsilon) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public State newState(int size) {
    return new State(new float[][] {new float[size], new float[size]});
  }

  @Override
  public void update(float[] w, int off, float[] g, int gOff, int n, State state) {
    long t = Math.max(1, step());
    if (correctedAt != t) {
      stepSize = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
      correctedAt = t;
    }
    float[] m = state.slots[0];
    float[] v = state.slots[1];
    float a = stepSize;
    float b1 = beta1;
    float b2 = beta2;
    float eps = epsilon;
    for (int i = 0; i < n; i++) {
      float gi = g[gOff + i];
      float mi = b1 * m[off + i] + (1 - b1) * gi;
      float vi = b2 * v[off + i] + (1 - b2) * gi * gi;
      m[off + i] = mi;
      v[off + i] = vi;
      w[off + i] -= a * mi / ((float) Math.sqrt(vi) + eps);
    }
  }
}
