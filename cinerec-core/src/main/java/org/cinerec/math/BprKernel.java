package org.cinerec.math;

/**
 * The LearnBPR step (Rendle et al. 2009, algorithm 1) on one triple {@code (u, i, j)}, with the user and
 * item vectors held as separate row arrays. With {@code x = b_i − b_j + p·(q_i − q_j)} and
 * {@code g = σ(−x)}:
 *
 * <pre>
 *   p   ← (1 − αλ) p   + α g (q_i − q_j)
 *   q_i ← (1 − αλ) q_i + α g p              q_j ← (1 − αλ) q_j − α g p
 *   b_i ← b_i + α (g − λ_b b_i)             b_j ← b_j + α (−g − λ_b b_j)
 * </pre>
 *
 * (right-hand sides use the values from before the step). Two implementations, one picked per JVM by
 * {@link #create} ({@link Simd}), as for {@link SgdKernel}:
 * <ul>
 *   <li>{@link #scalar}: portable Java. Why rows: HotSpot C2 on JDK 17 vectorises loops over arrays indexed
 *       from 0 but not over one flat matrix at run-time offsets ({@code v[u·f + k]}), so a row per vector
 *       lets the product loop run as SIMD without the copies of {@link Sgd.Work}. The dot product goes
 *       through a scratch row and 8 partial sums, so its rounding is fixed by {@code f} alone. Measured on
 *       ml-latest-small, 64 factors: about 90 ns a step against 210 ns for the old flat scalar loops.</li>
 *   <li>{@code VectorBpr} when the JVM runs with {@code --add-modules jdk.incubator.vector} (the
 *       {@code ./cinerec} launcher passes it): fused multiply-adds over whole vectors, scalar tail.</li>
 * </ul>
 * They round differently, so a seed gives a bit-identical model for one kernel (whatever the thread
 * count), and models from the two differ in the last bits. Figures: docs/notes/bpr.md.
 *
 * <p>The loss {@code −ln σ(x)} of the triples stepped is accumulated almost for free: the kernel keeps the
 * running product of the σ(x) values (each from the exponential the step needs
 * anyway) and takes a logarithm only when the product nears underflow, instead of a {@code log1p} per step.
 * Not thread-safe: one per thread.
 */
public abstract class BprKernel {
  private static final double RENORMALISE_BELOW = 0x1p-900;
  private static final double SMALLEST_SIGMA = 0x1p-120;

  private double sigmaProduct = 1;
  private double logSum;

  BprKernel(int f) {
    if (f < 1) {
      throw new IllegalArgumentException("factors must be >= 1: " + f);
    }
  }

  /** The fastest kernel this JVM runs for vectors of length {@code f}. */
  public static BprKernel create(int f) {
    return Simd.enabled() ? VectorBpr.of(f) : scalar(f);
  }

  /** The portable kernel, whatever the JVM. */
  public static BprKernel scalar(int f) {
    return new Scalar(f);
  }

  /**
   * One step on user row {@code p}, positive row {@code qi} and negative row {@code qj} (distinct arrays;
   * the first {@code f} values of each are the vector, any more are left alone) and the biases
   * {@code bias[i]}, {@code bias[j]}; updates them in place and returns {@code x̂_uij} from before the step.
   */
  public abstract float step(float[] p, float[] qi, float[] qj, float[] bias, int i, int j, float lr, float reg,
      float regBias);

  /**
   * {@link #step} on triple a ({@code p, qi, qj, i, j}) then on triple b ({@code p2, qi2, qj2, i2, j2}),
   * which must share no row and no bias index with a: the same result, bit for bit, as the two calls, with
   * their independent work interleaved (the processor overlaps one triple's latency with the other's).
   */
  public void step2(float[] p, float[] qi, float[] qj, int i, int j, float[] p2, float[] qi2, float[] qj2, int i2,
      int j2, float[] bias, float lr, float reg, float regBias) {
    step(p, qi, qj, bias, i, j, lr, reg, regBias);
    step(p2, qi2, qj2, bias, i2, j2, lr, reg, regBias);
  }

  /**
   * The rest of a step once {@code x = x̂_uij} is known: returns {@code lr·g} after updating the biases and
   * the loss; the caller updates the rows with it.
   */
  final float scale(float x, float[] bias, int i, int j, float lr, float regBias) {
    double e = Math.exp(x);
    double gd = 1.0 / (1.0 + e);
    float g = (float) gd;
    accumulate(e < 1 ? e * gd : 1 - gd); // σ(x) = e^x/(1+e^x), each form where it is exact
    float bi = bias[i];
    float bj = bias[j];
    bias[i] = bi + lr * (g - regBias * bi);
    bias[j] = bj + lr * (-g - regBias * bj);
    return lr * g;
  }

  /** {@code Σ −ln σ(x̂_uij)} over the steps since the last call (0 if none); resets the sum. */
  public double takeLoss() {
    double loss = -(logSum + Math.log(sigmaProduct));
    logSum = 0;
    sigmaProduct = 1;
    return loss;
  }

  private void accumulate(double sigma) {
    // σ below 2^-120 means x̂ < -83: a loss of at least 83 for that triple, counted as 83.2 (never hit in
    // practice; it keeps the product away from zero)
    sigmaProduct *= Math.max(sigma, SMALLEST_SIGMA);
    if (sigmaProduct < RENORMALISE_BELOW) {
      logSum += Math.log(sigmaProduct);
      sigmaProduct = 1;
    }
  }

  /**
   * The three rows' step over factors {@code [from, to)}: {@code p += lg (qi − qj) − λ p} etc., with
   * {@code decay = 1 − lr·λ} and the old {@code p} in the item updates. The portable kernel's whole step
   * and the Vector API kernel's tail.
   */
  static void updateRange(float[] p, float[] qi, float[] qj, int from, int to, float lg, float decay) {
    for (int k = from; k < to; k++) {
      float pk = p[k];
      float a = qi[k];
      float b = qj[k];
      float lgp = lg * pk;
      p[k] = decay * pk + lg * (a - b);
      qi[k] = decay * a + lgp;
      qj[k] = decay * b - lgp;
    }
  }

  /** {@link BprKernel} in portable Java (see the class comment). */
  private static final class Scalar extends BprKernel {
    private final float[] prod;
    private final float[] prod2;

    Scalar(int f) {
      super(f);
      this.prod = new float[f];
      this.prod2 = new float[f];
    }

    @Override
    public float step(float[] p, float[] qi, float[] qj, float[] bias, int i, int j, float lr, float reg,
        float regBias) {
      float[] c = prod;
      int n = c.length;
      assert p.length >= n && qi.length >= n && qj.length >= n : "rows shorter than " + n;
      assert qi != qj : "positive and negative share a row";
      for (int k = 0; k < n; k++) {
        c[k] = p[k] * (qi[k] - qj[k]);
      }
      float x = bias[i] - bias[j] + sum8(c);
      update(p, qi, qj, n, scale(x, bias, i, j, lr, regBias), 1f - lr * reg);
      return x;
    }

    @Override
    public void step2(float[] p, float[] qi, float[] qj, int i, int j, float[] p2, float[] qi2, float[] qj2,
        int i2, int j2, float[] bias, float lr, float reg, float regBias) {
      float[] c = prod;
      float[] c2 = prod2;
      int n = c.length;
      assert p != p2 && qi != qi2 && qi != qj2 && qj != qi2 && qj != qj2 : "the triples share a row";
      for (int k = 0; k < n; k++) {
        c[k] = p[k] * (qi[k] - qj[k]);
      }
      for (int k = 0; k < n; k++) {
        c2[k] = p2[k] * (qi2[k] - qj2[k]);
      }
      float x = bias[i] - bias[j] + sum8(c);
      float x2 = bias[i2] - bias[j2] + sum8(c2);
      float lg = scale(x, bias, i, j, lr, regBias);
      float lg2 = scale(x2, bias, i2, j2, lr, regBias);
      float decay = 1f - lr * reg;
      update(p, qi, qj, n, lg, decay);
      update(p2, qi2, qj2, n, lg2, decay);
    }

    private static void update(float[] p, float[] qi, float[] qj, int n, float lg, float decay) {
      updateRange(p, qi, qj, 0, n, lg, decay);
    }

    /** Sum of {@code c} with 8 partial sums (shorter dependency chains than one accumulator). */
    private static float sum8(float[] c) {
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      int k = 0;
      int n = c.length;
      for (; k + 7 < n; k += 8) {
        s0 += c[k];
        s1 += c[k + 1];
        s2 += c[k + 2];
        s3 += c[k + 3];
        s4 += c[k + 4];
        s5 += c[k + 5];
        s6 += c[k + 6];
        s7 += c[k + 7];
      }
      for (; k < n; k++) {
        s0 += c[k];
      }
      return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
  }
}
