package org.cinerec.math;

/**
 * The per-rating work of SGD matrix factorisation on rows of length {@code k}: the dot product of a user
 * and an item row, then the coupled step of both (Funk SVD / Surprise's {@code SVD} rule, see
 * {@link Sgd#coupledStep}). {@link #coupledStep} applies to the rows last passed to {@link #dot}.
 *
 * <p>Two implementations: the portable {@link Sgd.Work} (scalar reduction, vectorised offset-0 scratch
 * loops) and, when the JVM runs with {@code --add-modules jdk.incubator.vector}, a Vector API kernel
 * ({@code VectorSgd}, about 1.5× faster at k = 100 on AVX-512). {@link #create} picks one per JVM
 * ({@link Simd}). They round differently (fused multiply-adds, lane-wise partial sums), so a seed gives a
 * bit-identical model for one kernel, and models from the two differ in the last bits.
 * Not thread-safe: one per thread.
 */
public interface SgdKernel {

  /** Returns {@code Σ_f p[po+f]·q[qo+f]} over the kernel's {@code k} factors. */
  float dot(float[] p, int po, float[] q, int qo);

  /**
   * {@code p_f += lr (err·q_f − reg·p_f)} and {@code q_f += lr (err·p_f − reg·q_f)} with the values from
   * before the step, on the rows last given to {@link #dot}.
   */
  void coupledStep(float[] p, int po, float[] q, int qo, float err, float lr, float reg);

  /**
   * The row length to store {@code k} factors at for {@link #create}'s kernel: {@code k} rounded up to a
   * whole number of vectors for the Vector API kernel (padding with zeros, which stay zero under the step,
   * saves the scalar tail: 100 → 112 at 512 bits), {@code k} for the scalar one.
   */
  static int stride(int k) {
    return Simd.enabled() ? VectorSgd.stride(k) : k;
  }

  /** The fastest kernel this JVM runs for rows of {@code k} factors. */
  static SgdKernel create(int k) {
    return Simd.enabled() ? VectorSgd.create(k) : new Sgd.Work(k);
  }
}
