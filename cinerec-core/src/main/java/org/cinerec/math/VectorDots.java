package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Vectors#dotRows} on the Vector API, bit for bit what {@link Vectors#dot} gives for each row: that
 * loop's four accumulators (term i goes to accumulator i mod 4, multiplied then added, never fused) are the
 * four lanes of one 128-bit vector here, its last {@code dim mod 4} terms go to the first accumulator in
 * order, and the four are summed as {@code (s0 + s1) + (s2 + s3)}. The gain is four rows at a time: sixteen
 * independent accumulators where the scalar loop has four, so the adds no longer wait on each other. Loaded
 * only when {@link Simd#enabled}.
 */
final class VectorDots {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_128;

  private VectorDots() {}

  static void dotRows(float[] a, int ao, float[] m, int[] rows, int n, int dim, float[] out) {
    int bound = dim & ~3;
    int t = 0;
    for (; t + 3 < n; t += 4) {
      int r0 = rows[t] * dim;
      int r1 = rows[t + 1] * dim;
      int r2 = rows[t + 2] * dim;
      int r3 = rows[t + 3] * dim;
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      for (int i = 0; i < bound; i += 4) {
        FloatVector x = FloatVector.fromArray(S, a, ao + i);
        s0 = s0.add(x.mul(FloatVector.fromArray(S, m, r0 + i)));
        s1 = s1.add(x.mul(FloatVector.fromArray(S, m, r1 + i)));
        s2 = s2.add(x.mul(FloatVector.fromArray(S, m, r2 + i)));
        s3 = s3.add(x.mul(FloatVector.fromArray(S, m, r3 + i)));
      }
      out[t] = finish(s0, a, ao, m, r0, bound, dim);
      out[t + 1] = finish(s1, a, ao, m, r1, bound, dim);
      out[t + 2] = finish(s2, a, ao, m, r2, bound, dim);
      out[t + 3] = finish(s3, a, ao, m, r3, bound, dim);
    }
    for (; t < n; t++) {
      int r = rows[t] * dim;
      FloatVector s = FloatVector.zero(S);
      for (int i = 0; i < bound; i += 4) {
        s = s.add(FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, m, r + i)));
      }
      out[t] = finish(s, a, ao, m, r, bound, dim);
    }
  }

  /** The four lanes as {@link Vectors#dot}'s accumulators: the tail into the first, then their fixed sum. */
  private static float finish(FloatVector acc, float[] a, int ao, float[] m, int r, int bound, int dim) {
    float s0 = acc.lane(0);
    float s1 = acc.lane(1);
    float s2 = acc.lane(2);
    float s3 = acc.lane(3);
    for (int i = bound; i < dim; i++) {
      s0 += a[ao + i] * m[r + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
