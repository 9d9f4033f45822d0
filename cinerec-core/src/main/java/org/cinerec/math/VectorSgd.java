package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SgdKernel} on the Vector API (incubator module {@code jdk.incubator.vector}): the rows are read
 * and written in place at any offset, the dot product accumulates lane-wise with fused multiply-adds and
 * is reduced once in a fixed order ({@link #sumLanes}), the last {@code k mod lanes} factors run scalar. Loaded only when {@link Simd#enabled}.
 * The species is a constant (the preferred one: 512 bits on AVX-512, 256 on AVX2), as the JIT needs it
 * to be to compile the vector operations to single instructions.
 */
final class VectorSgd implements SgdKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();
  // lane i ← lane (i + h) mod LANES, for the fixed halving tree of sumLanes
  private static final VectorShuffle<Float> BY8 = LANES >= 16 ? VectorShuffle.iota(S, 8, 1, true) : null;
  private static final VectorShuffle<Float> BY4 = LANES >= 8 ? VectorShuffle.iota(S, 4, 1, true) : null;
  private static final VectorShuffle<Float> BY2 = LANES >= 4 ? VectorShuffle.iota(S, 2, 1, true) : null;
  private static final VectorShuffle<Float> BY1 = VectorShuffle.iota(S, 1, 1, true);

  private final int k;
  private final int bound;

  private VectorSgd(int k) {
    this.k = k;
    this.bound = S.loopBound(k);
  }

  static SgdKernel create(int k) {
    return new VectorSgd(k);
  }

  static int stride(int k) {
    int lanes = S.length();
    return (k + lanes - 1) / lanes * lanes;
  }

  /**
   * The sum of the lanes in one fixed order (a halving tree of lane-wise adds: lanes i and i + L/2, then
   * i + L/4, ...). Not {@code reduceLanes(ADD)}: its order is unspecified, and the interpreter's and C2's
   * differ, so a fit that runs partly before and partly after compilation would depend on JIT timing
   * (a thread-count determinism test of {@code bpr} caught it on JDK 25). Lane-wise adds and rearranges
   * are exact, so this gives the same bits in every execution mode.
   */
  static float sumLanes(FloatVector v) {
    if (LANES >= 16) {
      v = v.add(v.rearrange(BY8));
    }
    if (LANES >= 8) {
      v = v.add(v.rearrange(BY4));
    }
    if (LANES >= 4) {
      v = v.add(v.rearrange(BY2));
    }
    return v.add(v.rearrange(BY1)).lane(0);
  }

  static int bits() {
    return S.vectorBitSize();
  }

  @Override
  public float dot(float[] p, int po, float[] q, int qo) {
    FloatVector acc = FloatVector.zero(S);
    int f = 0;
    for (; f < bound; f += S.length()) {
      acc = FloatVector.fromArray(S, p, po + f).fma(FloatVector.fromArray(S, q, qo + f), acc);
    }
    float s = sumLanes(acc);
    for (; f < k; f++) {
      s += p[po + f] * q[qo + f];
    }
    return s;
  }

  @Override
  public void coupledStep(float[] p, int po, float[] q, int qo, float err, float lr, float reg) {
    float decay = 1f - lr * reg;
    float g = lr * err;
    int f = 0;
    for (; f < bound; f += S.length()) {
      FloatVector a = FloatVector.fromArray(S, p, po + f);
      FloatVector b = FloatVector.fromArray(S, q, qo + f);
      a.mul(decay).add(b.mul(g)).intoArray(p, po + f);
      b.mul(decay).add(a.mul(g)).intoArray(q, qo + f);
    }
    Sgd.coupledStep(p, po + f, q, qo + f, k - f, err, lr, reg);
  }
}
