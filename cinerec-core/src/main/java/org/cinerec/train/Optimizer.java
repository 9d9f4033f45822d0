package org.cinerec.train;

/**
 * A first-order optimizer over float tensors, applied to a whole dense tensor or to single rows of an
 * embedding table (sparse updates: rows that had no gradient in a step are not touched at all, neither the
 * weights nor the optimizer's state, as TensorFlow's sparse {@code ResourceSparseApply*} ops do).
 *
 * <p>State lives in {@link State} objects the caller allocates once per tensor; {@link #update} works on a
 * slice {@code [off, off + n)} of the weights and the same slice of the state, with the gradient read from
 * {@code g[gOff ..]} (so a row's gradient may sit in a compact buffer).
 */
public abstract class Optimizer {
  protected final float learningRate;
  private long step;

  protected Optimizer(float learningRate) {
    if (!(learningRate > 0f)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  /** The optimizer named on the command line. */
  public static Optimizer of(String name, float learningRate, float epsilon, float initialAccumulator, float beta1,
      float beta2) {
    return switch (name) {
      case "adagrad" -> new Adagrad(learningRate, initialAccumulator, epsilon);
      case "adam" -> new Adam(learningRate, beta1, beta2, epsilon);
      case "sgd" -> new Sgd(learningRate);
      default -> throw new IllegalArgumentException("unknown optimizer " + name);
    };
  }

  /** Per-tensor state: zero or more slot arrays of the tensor's size. */
  public static final class State {
    final float[][] slots;

    State(float[][] slots) {
      this.slots = slots;
    }
  }

  /** Fresh state for a tensor of {@code size} elements. */
  public abstract State newState(int size);

  /** Starts a new step (call once per mini-batch, before its updates). */
  public void nextStep() {
    step++;
  }

  /** Steps started so far (Adam's bias correction uses it). */
  public long step() {
    return step;
  }

  /** Updates {@code w[off..off+n)} with gradient {@code g[gOff..gOff+n)} and the state slice at {@code off}. */
  public abstract void update(float[] w, int off, float[] g, int gOff, int n, State state);
}
