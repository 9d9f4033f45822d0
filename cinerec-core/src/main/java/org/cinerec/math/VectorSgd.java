package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SgdKernel} on the Vector API (incubator module {@code jdk.incubator.vector}): the rows are read
 * and written in place at any offset, the dot product accumulates lane-wise with fused multiply-adds and
 * is reduced once, the last {@code k mod lanes} factors run scalar. Loaded only when {@link Simd#enabled}.
 * The species is a constant (the preferred one: 512 bits on AVX-512, 256 on AVX2), as the JIT needs it
 * to be to compile the vector operations to single instructions.
 */
final class VectorSgd implements SgdKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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
    float s = acc.reduceLanes(VectorOperators.ADD);
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
    for (; f < k; f++) {
      float a = p[po + f];
      float b = q[qo + f];
      p[po + f] = decay * a + g * b;
      q[qo + f] = decay * b + g * a;
    }
  }
}
