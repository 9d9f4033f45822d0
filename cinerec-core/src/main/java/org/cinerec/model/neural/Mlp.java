package org.cinerec.model.neural;

import java.util.Arrays;
import org.cinerec.math.Activation;
import org.cinerec.math.Gemm;
import org.cinerec.math.Rng;

/**
 * The rating head: Dense layers {@code sizes[0] → sizes[1] → ... → 1} on a batch of row vectors, with the
 * activation after every hidden layer and a linear output (Keras {@code Dense(n, activation)} ×L, then
 * {@code Dense(1)}).
 *
 * <p>All weights live in one flat vector {@code theta}: layer {@code l} has its kernel
 * {@code W_l} ({@code in × out}, row-major, Keras layout: {@code y = x W + b}) at {@link #kernelOffset} and its
 * bias {@code b_l} ({@code out}) right after. Example for sizes {@code [4, 3, 1]}: theta =
 * {@code [W0 (4×3 = 12), b0 (3), W1 (3×1 = 3), b1 (1)]}, 19 values.
 *
 * <p>Forward, for a batch {@code X_0} ({@code rows × sizes[0]}): {@code X_{l+1} = f(X_l W_l + b_l)}
 * (f = identity on the last layer). Backward, from {@code G = dLoss/dX_{L+1}}: per layer from the top,
 * {@code G ⊙= f'(X_{l+1})}, {@code dW_l += X_lᵀ G}, {@code db_l += Σ_rows G}, {@code G = G W_lᵀ}; the last
 * {@code G} is {@code dLoss/dX_0}. Every product is one {@link Gemm} call. Initialisation as Keras:
 * Glorot-uniform kernels ({@code ±sqrt(6 / (in + out))}), zero biases.
 */
final class Mlp {
  private final int[] sizes;
  private final Activation activation;
  private final int[] kernelOffset;
  private final int numParams;
  private final int maxWidth;
  private final ThreadLocal<Workspace> oneRow = ThreadLocal.withInitial(() -> new Workspace(1));

  /** {@code sizes} = input width, hidden widths..., 1. */
  Mlp(int[] sizes, Activation activation) {
    if (sizes.length < 2 || sizes[sizes.length - 1] != 1) {
      throw new IllegalArgumentException("sizes must run from the input width to 1: " + Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
    this.activation = activation;
    this.kernelOffset = new int[sizes.length - 1];
    int off = 0;
    int max = 0;
    for (int l = 0; l < sizes.length - 1; l++) {
      kernelOffset[l] = off;
      off += sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    for (int s : sizes) {
      max = Math.max(max, s);
    }
    this.numParams = off;
    this.maxWidth = max;
  }

  /** The head for embedding dimension {@code dim} and hidden sizes {@code hidden}. */
  static Mlp forEmbeddings(int dim, int[] hidden, Activation activation) {
    int[] s = new int[hidden.length + 2];
    s[0] = 2 * dim;
    System.arraycopy(hidden, 0, s, 1, hidden.length);
    s[s.length - 1] = 1;
    return new Mlp(s, activation);
  }

  int numParams() {
    return numParams;
  }

  int numLayers() {
    return sizes.length - 1;
  }

  int in(int layer) {
    return sizes[layer];
  }

  int out(int layer) {
    return sizes[layer + 1];
  }

  int inputWidth() {
    return sizes[0];
  }

  Activation activation() {
    return activation;
  }

  int[] sizes() {
    return sizes.clone();
  }

  int kernelOffset(int layer) {
    return kernelOffset[layer];
  }

  int biasOffset(int layer) {
    return kernelOffset[layer] + sizes[layer] * sizes[layer + 1];
  }

  /** Multiply-adds of one row's forward pass (FLOPs = 2×). */
  long forwardMacsPerRow() {
    long m = 0;
    for (int l = 0; l < numLayers(); l++) {
      m += (long) sizes[l] * sizes[l + 1];
    }
    return m;
  }

  /** Glorot-uniform kernels and zero biases, layer by layer from {@code rng}. */
  void init(float[] theta, Rng rng) {
    for (int l = 0; l < numLayers(); l++) {
      double limit = Math.sqrt(6.0 / (in(l) + out(l)));
      float[] w = new float[in(l) * out(l)];
      rng.fillUniform(w, -limit, limit);
      System.arraycopy(w, 0, theta, kernelOffset(l), w.length);
      Arrays.fill(theta, biasOffset(l), biasOffset(l) + out(l), 0f);
    }
  }

  /** Activations and gradient scratch for up to {@code maxRows} rows; one per thread. */
  final class Workspace {
    final float[][] acts;
    final float[] g1;
    final float[] g2;
    final int maxRows;

    Workspace(int maxRows) {
      this.maxRows = maxRows;
      acts = new float[sizes.length][];
      for (int l = 0; l < sizes.length; l++) {
        acts[l] = new float[maxRows * sizes[l]];
      }
      g1 = new float[maxRows * maxWidth];
      g2 = new float[maxRows * maxWidth];
    }

    /** The input rows: fill {@code rows × inputWidth()} before {@link #forward}. */
    float[] input() {
      return acts[0];
    }

    /** The outputs of the last {@link #forward}: one per row. */
    float[] output() {
      return acts[sizes.length - 1];
    }
  }

  Workspace workspace(int maxRows) {
    return new Workspace(maxRows);
  }

  /**
   * This thread's one-row workspace, made once per thread and reused (a served request predicts a rating
   * per listed movie): {@link #forward} overwrites every activation it reads, so reuse changes no result.
   */
  Workspace oneRow() {
    return oneRow.get();
  }

  /** Runs the rows in {@code ws.input()} through the layers; results in {@code ws.output()}. */
  void forward(float[] theta, Workspace ws, int rows) {
    for (int l = 0; l < numLayers(); l++) {
      int in = in(l);
      int out = out(l);
      float[] z = ws.acts[l + 1];
      int b = biasOffset(l);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(theta, b, z, r * out, out);
      }
      Gemm.gemm(false, false, rows, out, in, 1f, ws.acts[l], 0, in, theta, kernelOffset(l), out, 1f, z, 0, out);
      if (l < numLayers() - 1) {
        activation.apply(z, 0, rows * out);
      }
    }
  }

  /**
   * Back-propagates {@code dOut} (dLoss/dOutput, one per row) through the last {@link #forward} of
   * {@code ws}: adds the weight gradients to {@code dTheta} and writes dLoss/dInput ({@code rows ×
   * inputWidth()}) to {@code dInput}.
   */
  void backward(float[] theta, Workspace ws, int rows, float[] dOut, float[] dTheta, float[] dInput) {
    float[] cur = ws.g1;
    float[] next = ws.g2;
    System.arraycopy(dOut, 0, cur, 0, rows);
    for (int l = numLayers() - 1; l >= 0; l--) {
      int in = in(l);
      int out = out(l);
      if (l < numLayers() - 1) {
        activation.backward(ws.acts[l + 1], cur, 0, rows * out);
      }
      Gemm.gemm(true, false, in, out, rows, 1f, ws.acts[l], 0, in, cur, 0, out, 1f, dTheta, kernelOffset(l), out);
      int b = biasOffset(l);
      for (int r = 0; r < rows; r++) {
        int ro = r * out;
        for (int j = 0; j < out; j++) {
          dTheta[b + j] += cur[ro + j];
        }
      }
      float[] target = l == 0 ? dInput : next;
      Gemm.gemm(false, true, rows, in, out, 1f, cur, 0, out, theta, kernelOffset(l), out, 0f, target, 0, in);
      float[] t = cur;
      cur = next;
      next = t;
    }
  }
}
