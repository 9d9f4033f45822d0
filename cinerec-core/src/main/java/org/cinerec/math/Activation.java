package org.cinerec.math;

/**
 * Element-wise activations of dense layers, applied in place. The derivative is computed from the
 * activation's <em>output</em> {@code y = f(z)}, so a layer keeps only its outputs for the backward pass:
 * relu {@code y > 0}, tanh {@code 1 - y²}, sigmoid {@code y (1 - y)}, elu ({@code alpha = 1})
 * {@code y > 0 ? 1 : y + 1}, linear 1. (At {@code z = 0} relu's derivative is taken as 0, as TensorFlow and
 * PyTorch do.)
 */
public enum Activation {
  RELU, TANH, SIGMOID, ELU, LINEAR;

  /** The activation named on the command line ("relu", "tanh", ...). */
  public static Activation of(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code x[off..off+n) = f(x)}. */
  public void apply(float[] x, int off, int n) {
    switch (this) {
      case RELU -> {
        for (int i = off; i < off + n; i++) {
          x[i] = Math.max(x[i], 0f);
        }
      }
      case TANH -> {
        for (int i = off; i < off + n; i++) {
          x[i] = (float) Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = off; i < off + n; i++) {
          x[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
      }
      case ELU -> {
        for (int i = off; i < off + n; i++) {
          x[i] = x[i] > 0f ? x[i] : (float) Math.expm1(x[i]);
        }
      }
      case LINEAR -> { }
      default -> throw new IllegalStateException(name());
    }
  }

  /** {@code g[off..off+n) *= f'(z)}, with the derivative read from the outputs {@code y = f(z)}. */
  public void backward(float[] y, float[] g, int off, int n) {
    switch (this) {
      case RELU -> {
        // branch-free so the JIT vectorises it: y >= 0 here, and min(y * 2^126, 1) is 1 for every normal y > 0
        // and 0 for y = 0 (a subnormal y, below 1.2e-38, scales its gradient down instead of passing it)
        for (int i = off; i < off + n; i++) {
          g[i] *= Math.min(y[i] * 8.507059e37f, 1f);
        }
      }
      case TANH -> {
        for (int i = off; i < off + n; i++) {
          g[i] *= 1f - y[i] * y[i];
        }
      }
      case SIGMOID -> {
        for (int i = off; i < off + n; i++) {
          g[i] *= y[i] * (1f - y[i]);
        }
      }
      case ELU -> {
        for (int i = off; i < off + n; i++) {
          g[i] *= y[i] > 0f ? 1f : y[i] + 1f;
        }
      }
      case LINEAR -> { }
      default -> throw new IllegalStateException(name());
    }
  }
}
