package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Vectors#matVec} on the Vector API: each row's dot product with the query as fused multiply-adds
 * over full lanes, summed in {@link VectorSgd#sumLanes}'s fixed order, then the last {@code dim mod lanes}
 * terms in order. The same bits in every execution mode (interpreted or compiled) and on every thread;
 * they differ from the scalar loop's in the last bits. Loaded only when {@link Simd#enabled}.
 */
final class VectorMatVec {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = S.length();

  private VectorMatVec() {}

  /** True when rows of this length have at least one full vector (shorter rows stay scalar). */
  static boolean worth(int dim) {
    return dim >= LANES;
  }

  static void matVec(float[] m, int rows, int dim, float[] q, int qo, float[] out) {
    int bound = S.loopBound(dim);
    for (int r = 0; r < rows; r++) {
      int base = r * dim;
      FloatVector acc = FloatVector.fromArray(S, m, base).mul(FloatVector.fromArray(S, q, qo));
      for (int i = LANES; i < bound; i += LANES) {
        acc = FloatVector.fromArray(S, m, base + i).fma(FloatVector.fromArray(S, q, qo + i), acc);
      }
      float s = VectorSgd.sumLanes(acc);
      for (int i = bound; i < dim; i++) {
        s += m[base + i] * q[qo + i];
      }
      out[r] = s;
    }
  }
}
