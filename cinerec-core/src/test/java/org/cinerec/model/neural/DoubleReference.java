package org.cinerec.model.neural;

/**
 * Test-only double-precision forward pass of the multitask loss, written independently of the
 * production float code (naive loops, no Gemm, no workspace reuse), for finite-difference gradient checks.
 *
 * <p>Why a separate double implementation rather than a precision-generic production kernel: Java has no
 * generics over primitive types, so a generic kernel would box or go through an interface per element and
 * slow the hot loops several-fold; finite differences on the float code itself lose most digits
 * ({@code float} eps 6e-8 against step 1e-3 leaves ~4 significant digits). Here the central differences run
 * in double (step 1e-6, error ~1e-9), and the production <em>analytic</em> float gradients are compared with
 * them, so a wrong formula anywhere in {@link Mlp} or {@link BatchStep} shows as a mismatch far above float
 * rounding.
 */
final class DoubleReference {
  int dim;
  int[] sizes;
  String activation;
  double ratingWeight;
  double retrievalWeight;
  boolean mean;
  double temperature;
  double l2;
  double[] logq; // per item row, or null

  /**
   * The reference of a model of this configuration and rating head; {@code logq} (null when off) gives its
   * first {@code rows} item rows' logQ corrections.
   */
  static DoubleReference of(MultitaskConfig cfg, Mlp mlp, float[] logq, int rows) {
    DoubleReference ref = new DoubleReference();
    ref.dim = cfg.dim();
    ref.sizes = mlp.sizes();
    ref.activation = cfg.activation().id();
    ref.ratingWeight = cfg.ratingWeight();
    ref.retrievalWeight = cfg.retrievalWeight();
    ref.mean = cfg.meanRetrieval();
    ref.temperature = cfg.temperature();
    ref.l2 = cfg.l2();
    if (logq != null) {
      ref.logq = new double[rows];
      for (int i = 0; i < rows; i++) {
        ref.logq[i] = logq[i];
      }
    }
    return ref;
  }

  double loss(double[] userTable, double[] itemTable, double[] theta, int[] users, int[] items, float[] ratings,
      int n) {
    int d = dim;
    double mse = 0;
    double ce = 0;
    double reg = 0;
    if (ratingWeight > 0) {
      for (int b = 0; b < n; b++) {
        double[] x = new double[2 * d];
        for (int j = 0; j < d; j++) {
          x[j] = userTable[users[b] * d + j];
          x[d + j] = itemTable[items[b] * d + j];
        }
        int off = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
          int in = sizes[l];
          int out = sizes[l + 1];
          double[] y = new double[out];
          for (int o = 0; o < out; o++) {
            double s = theta[off + in * out + o];
            for (int i = 0; i < in; i++) {
              s += x[i] * theta[off + i * out + o];
            }
            y[o] = l + 2 < sizes.length ? act(s) : s;
          }
          off += in * out + out;
          x = y;
        }
        double e = x[0] - ratings[b];
        mse += e * e;
      }
      mse /= n;
    }
    if (retrievalWeight > 0) {
      for (int a = 0; a < n; a++) {
        double[] s = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
          double dot = 0;
          for (int j = 0; j < d; j++) {
            dot += userTable[users[a] * d + j] * itemTable[items[c] * d + j];
          }
          s[c] = dot / temperature - (logq == null ? 0 : logq[items[c]]);
          max = Math.max(max, s[c]);
        }
        double sum = 0;
        for (int c = 0; c < n; c++) {
          sum += Math.exp(s[c] - max);
        }
        ce += max + Math.log(sum) - s[a];
      }
      if (mean) {
        ce /= n;
      }
    }
    if (l2 > 0) {
      for (int b = 0; b < n; b++) {
        for (int j = 0; j < d; j++) {
          double x = userTable[users[b] * d + j];
          double y = itemTable[items[b] * d + j];
          reg += x * x + y * y;
        }
      }
      int off = 0;
      for (int l = 0; l + 1 < sizes.length; l++) {
        for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
          reg += theta[off + i] * theta[off + i];
        }
        off += sizes[l] * sizes[l + 1] + sizes[l + 1];
      }
      reg *= l2;
    }
    return ratingWeight * mse + retrievalWeight * ce + reg;
  }

  private double act(double z) {
    return switch (activation) {
      case "relu" -> Math.max(z, 0);
      case "tanh" -> Math.tanh(z);
      case "sigmoid" -> 1 / (1 + Math.exp(-z));
      case "elu" -> z > 0 ? z : Math.expm1(z);
      case "linear" -> z;
      default -> throw new IllegalArgumentException(activation);
    };
  }
}
