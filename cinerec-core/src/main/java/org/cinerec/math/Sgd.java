package org.cinerec.math;

/**
 * Stochastic-gradient kernels for factor models. The coupled step is the one Funk SVD / Surprise's
 * {@code SVD} applies per rating: both vectors move using each other's old values.
 */
public final class Sgd {
  private Sgd() {}

  /**
   * For {@code f < n}: {@code p_f += lr (err·q_f − reg·p_f)} and {@code q_f += lr (err·p_f − reg·q_f)}, both
   * with the values from before the step (the q update uses the old {@code p}).
   */
  public static void coupledStep(float[] p, int po, float[] q, int qo, int n, float err, float lr, float reg) {
    float decay = 1f - lr * reg;
    float g = lr * err;
    for (int f = 0; f < n; f++) {
      float pf = p[po + f];
      float qf = q[qo + f];
      p[po + f] = decay * pf + g * qf;
      q[qo + f] = decay * qf + g * pf;
    }
  }

  /**
   * The SVD++ step of Surprise's {@code SVDpp} for one rating, with the implicit sum {@code z} given:
   * {@code p_f += lr (err·q_f − reg·p_f)}, {@code q_f += lr (err·(p_f + z_f) − reg·q_f)} (old values), and the
   * pending shift every {@code y_j} of the user receives, {@code shift_f = (1 − lr·reg)·shift_f + lr·err·s·q_f}
   * with the old {@code q} (see {@code SvdppTrainer} for why that reproduces the per-rating y updates).
   */
  public static void svdppStep(float[] p, int po, float[] q, int qo, float[] z, float[] shift, int n, float err,
      float lr, float reg, float s) {
    float decay = 1f - lr * reg;
    float g = lr * err;
    float gs = g * s;
    for (int f = 0; f < n; f++) {
      float pf = p[po + f];
      float qf = q[qo + f];
      p[po + f] = decay * pf + g * qf;
      q[qo + f] = decay * qf + g * (pf + z[f]);
      shift[f] = decay * shift[f] + gs * qf;
    }
  }
}
