package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BprKernel} on the Vector API (incubator module {@code jdk.incubator.vector}): the dot product
 * {@code p·(q_i − q_j)} accumulates lane-wise with fused multiply-adds and is reduced once in a fixed order
 * ({@link VectorSgd#sumLanes}), the three rows are
 * updated a whole vector at a time, and the last {@code f mod lanes} factors run scalar. Loaded only when
 * {@link Simd#enabled}. The species is a constant (the preferred one: 512 bits on AVX-512, 256 on AVX2), as
 * the JIT needs it to be to compile the vector operations to single instructions.
 */
final class VectorBpr extends BprKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private final int f;
  private final int bound;

  private VectorBpr(int f) {
    super(f);
    this.f = f;
    this.bound = S.loopBound(f);
  }

  static BprKernel of(int f) {
    return new VectorBpr(f);
  }

  @Override
  public float step(float[] p, float[] qi, float[] qj, float[] bias, int i, int j, float lr, float reg,
      float regBias) {
    assert p.length >= f && qi.length >= f && qj.length >= f : "rows shorter than " + f;
    assert qi != qj : "positive and negative share a row";
    float x = bias[i] - bias[j] + dot(p, qi, qj);
    update(p, qi, qj, scale(x, bias, i, j, lr, regBias), 1f - lr * reg);
    return x;
  }

  @Override
  public void step2(float[] p, float[] qi, float[] qj, int i, int j, float[] p2, float[] qi2, float[] qj2, int i2,
      int j2, float[] bias, float lr, float reg, float regBias) {
    assert p != p2 && qi != qi2 && qi != qj2 && qj != qi2 && qj != qj2 : "the triples share a row";
    float x = bias[i] - bias[j] + dot(p, qi, qj);
    float x2 = bias[i2] - bias[j2] + dot(p2, qi2, qj2);
    float lg = scale(x, bias, i, j, lr, regBias);
    float lg2 = scale(x2, bias, i2, j2, lr, regBias);
    float decay = 1f - lr * reg;
    update(p, qi, qj, lg, decay);
    update(p2, qi2, qj2, lg2, decay);
  }

  /** {@code p·(qi − qj)}: lane-wise fused multiply-adds reduced once, then the scalar tail. */
  private float dot(float[] p, float[] qi, float[] qj) {
    FloatVector acc = FloatVector.zero(S);
    int k = 0;
    for (; k < bound; k += S.length()) {
      FloatVector d = FloatVector.fromArray(S, qi, k).sub(FloatVector.fromArray(S, qj, k));
      acc = FloatVector.fromArray(S, p, k).fma(d, acc);
    }
    float dot = VectorSgd.sumLanes(acc);
    for (; k < f; k++) {
      dot += p[k] * (qi[k] - qj[k]);
    }
    return dot;
  }

  private void update(float[] p, float[] qi, float[] qj, float lg, float decay) {
    int k = 0;
    for (; k < bound; k += S.length()) {
      FloatVector a = FloatVector.fromArray(S, p, k);
      FloatVector b = FloatVector.fromArray(S, qi, k);
      FloatVector c = FloatVector.fromArray(S, qj, k);
      FloatVector lgp = a.mul(lg);
      a.mul(decay).add(b.sub(c).mul(lg)).intoArray(p, k);
      b.mul(decay).add(lgp).intoArray(qi, k);
      c.mul(decay).sub(lgp).intoArray(qj, k);
    }
    updateRange(p, qi, qj, k, f, lg, decay);
  }
}
