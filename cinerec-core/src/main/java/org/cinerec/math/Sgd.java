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

  /**
   * Scratch rows for the SGD hot loop. HotSpot C2 (JDK 17) does not vectorise loops over two arrays at
   * run-time offsets, so {@link #dot} copies the user and item rows to offset-0 scratch arrays (an
   * intrinsic copy), where the products and the step vectorise, and {@link #coupledStep} writes them back.
   * Measured about 1.2× faster than the in-place loops at k = 100 (see docs/factor-models.md). One per thread.
   */
  public static final class Work implements SgdKernel {
    private final int n;
    private final float[] p;
    private final float[] q;
    private final float[] np;
    private final float[] nq;
    private final float[] prod;

    public Work(int n) {
      this.n = n;
      p = new float[n];
      q = new float[n];
      np = new float[n];
      nq = new float[n];
      prod = new float[n];
    }

    /** Copies {@code pm[po..po+n)} and {@code qm[qo..qo+n)} in and returns their dot product. */
    @Override
    public float dot(float[] pm, int po, float[] qm, int qo) {
      System.arraycopy(pm, po, p, 0, n);
      System.arraycopy(qm, qo, q, 0, n);
      float[] a = p;
      float[] b = q;
      float[] c = prod;
      for (int f = 0; f < n; f++) {
        c[f] = a[f] * b[f];
      }
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      int i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += c[i];
        s1 += c[i + 1];
        s2 += c[i + 2];
        s3 += c[i + 3];
      }
      for (; i < n; i++) {
        s0 += c[i];
      }
      return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@link Sgd#coupledStep} on the rows last given to {@link #dot}, written back to {@code pm[po..)} and
     * {@code qm[qo..)}.
     */
    @Override
    public void coupledStep(float[] pm, int po, float[] qm, int qo, float err, float lr, float reg) {
      float decay = 1f - lr * reg;
      float g = lr * err;
      float[] a = p;
      float[] b = q;
      float[] x = np;
      float[] y = nq;
      for (int f = 0; f < n; f++) {
        x[f] = decay * a[f] + g * b[f];
      }
      for (int f = 0; f < n; f++) {
        y[f] = decay * b[f] + g * a[f];
      }
      System.arraycopy(x, 0, pm, po, n);
      System.arraycopy(y, 0, qm, qo, n);
    }
  }
}
