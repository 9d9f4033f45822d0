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

  /**
   * Four rows per pass over the query: each query vector is loaded once for four rows and the loop runs a
   * quarter as often, while each row keeps its own accumulator with the one-row order ({@link #matVecByRow}),
   * so the same bits; the last {@code rows mod 4} rows go one at a time.
   */
  static void matVec(float[] m, int rows, int dim, float[] q, int qo, float[] out) {
    int bound = S.loopBound(dim);
    int r = 0;
    for (; r + 3 < rows; r += 4) {
      int b0 = r * dim;
      int b1 = b0 + dim;
      int b2 = b1 + dim;
      int b3 = b2 + dim;
      FloatVector x = FloatVector.fromArray(S, q, qo);
      FloatVector a0 = FloatVector.fromArray(S, m, b0).mul(x);
      FloatVector a1 = FloatVector.fromArray(S, m, b1).mul(x);
      FloatVector a2 = FloatVector.fromArray(S, m, b2).mul(x);
      FloatVector a3 = FloatVector.fromArray(S, m, b3).mul(x);
      for (int i = LANES; i < bound; i += LANES) {
        x = FloatVector.fromArray(S, q, qo + i);
        a0 = FloatVector.fromArray(S, m, b0 + i).fma(x, a0);
        a1 = FloatVector.fromArray(S, m, b1 + i).fma(x, a1);
        a2 = FloatVector.fromArray(S, m, b2 + i).fma(x, a2);
        a3 = FloatVector.fromArray(S, m, b3 + i).fma(x, a3);
      }
      out[r] = tail(VectorSgd.sumLanes(a0), m, b0, q, qo, bound, dim);
      out[r + 1] = tail(VectorSgd.sumLanes(a1), m, b1, q, qo, bound, dim);
      out[r + 2] = tail(VectorSgd.sumLanes(a2), m, b2, q, qo, bound, dim);
      out[r + 3] = tail(VectorSgd.sumLanes(a3), m, b3, q, qo, bound, dim);
    }
    for (; r < rows; r++) {
      out[r] = row(m, r * dim, q, qo, bound, dim);
    }
  }

  /** The reference: one row at a time (what {@link #matVec} gave before it took four rows per pass). */
  static void matVecByRow(float[] m, int rows, int dim, float[] q, int qo, float[] out) {
    int bound = S.loopBound(dim);
    for (int r = 0; r < rows; r++) {
      out[r] = row(m, r * dim, q, qo, bound, dim);
    }
  }

  private static float row(float[] m, int base, float[] q, int qo, int bound, int dim) {
    FloatVector acc = FloatVector.fromArray(S, m, base).mul(FloatVector.fromArray(S, q, qo));
    for (int i = LANES; i < bound; i += LANES) {
      acc = FloatVector.fromArray(S, m, base + i).fma(FloatVector.fromArray(S, q, qo + i), acc);
    }
    return tail(VectorSgd.sumLanes(acc), m, base, q, qo, bound, dim);
  }

  /** {@code s} plus the terms {@code [bound, dim)} of a row, in order. */
  private static float tail(float s, float[] m, int base, float[] q, int qo, int bound, int dim) {
    for (int i = bound; i < dim; i++) {
      s += m[base + i] * q[qo + i];
    }
    return s;
  }
}
