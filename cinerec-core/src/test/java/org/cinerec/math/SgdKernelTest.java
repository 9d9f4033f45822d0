package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SgdKernelTest {

  @Test
  void theTestJvmRunsTheVectorKernels() {
    // surefire passes --add-modules=jdk.incubator.vector, so CI exercises the Vector API path
    assertTrue(Simd.enabled(), Simd.describe());
    assertTrue(SgdKernel.create(100) instanceof VectorSgd);
  }

  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 31, 64, 100, 131})
  void bothKernelsComputeTheSameDotProductAndStepAtAnyOffset(int k) {
    Rng rng = new Rng(k);
    float[] p = new float[5 * k];
    float[] q = new float[7 * k];
    rng.fillGaussian(p, 0, 1);
    rng.fillGaussian(q, 0, 1);
    float[] p2 = p.clone();
    float[] q2 = q.clone();
    float[] p3 = p.clone();
    float[] q3 = q.clone();
    SgdKernel scalar = new Sgd.Work(k);
    SgdKernel vector = VectorSgd.create(k);
    for (int step = 0; step < 20; step++) {
      int po = rng.nextInt(5) * k;
      int qo = rng.nextInt(7) * k;
      double want = 0;
      for (int f = 0; f < k; f++) {
        want += (double) p3[po + f] * q3[qo + f];
      }
      float a = scalar.dot(p, po, q, qo);
      float b = vector.dot(p2, po, q2, qo);
      assertEquals(want, a, 1e-4 * Math.max(1, Math.abs(want)), "scalar dot");
      assertEquals(want, b, 1e-4 * Math.max(1, Math.abs(want)), "vector dot");
      float err = (float) (0.5 - want * 0.1);
      scalar.coupledStep(p, po, q, qo, err, 0.05f, 0.1f);
      vector.coupledStep(p2, po, q2, qo, err, 0.05f, 0.1f);
      Sgd.coupledStep(p3, po, q3, qo, k, err, 0.05f, 0.1f);
    }
    for (int x = 0; x < p.length; x++) {
      assertEquals(p3[x], p[x], 1e-5f, "scalar p");
      assertEquals(p3[x], p2[x], 1e-5f, "vector p");
    }
    for (int x = 0; x < q.length; x++) {
      assertEquals(q3[x], q[x], 1e-5f, "scalar q");
      assertEquals(q3[x], q2[x], 1e-5f, "vector q");
    }
  }

  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {1, 10, 16, 100})
  void paddedRowsKeepTheirZerosAndGiveTheUnpaddedResult(int k) {
    int stride = SgdKernel.stride(k);
    assertTrue(stride >= k && stride < k + 64, "stride " + stride);
    Rng rng = new Rng(k);
    float[] p = new float[k];
    float[] q = new float[k];
    rng.fillGaussian(p, 0, 0.1);
    rng.fillGaussian(q, 0, 0.1);
    float[] pp = new float[2 * stride];
    float[] qq = new float[2 * stride];
    System.arraycopy(p, 0, pp, stride, k);
    System.arraycopy(q, 0, qq, stride, k);
    SgdKernel padded = SgdKernel.create(stride);
    SgdKernel plain = new Sgd.Work(k);
    for (int step = 0; step < 10; step++) {
      float a = padded.dot(pp, stride, qq, stride);
      float b = plain.dot(p, 0, q, 0);
      assertEquals(b, a, 1e-4 * Math.max(1, Math.abs(b)));
      padded.coupledStep(pp, stride, qq, stride, 1 - b, 0.01f, 0.1f);
      plain.coupledStep(p, 0, q, 0, 1 - b, 0.01f, 0.1f);
    }
    for (int f = 0; f < stride; f++) {
      assertEquals(f < k ? p[f] : 0f, pp[stride + f], 1e-5f, "p[" + f + "]");
      assertEquals(f < k ? q[f] : 0f, qq[stride + f], 1e-5f, "q[" + f + "]");
      assertEquals(0f, pp[f], "the row before is untouched");
    }
  }

  @Test
  void theLaneSumIsTheFixedHalvingTreeBitForBit() {
    Rng rng = new Rng(11);
    int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
    for (int trial = 0; trial < 1000; trial++) {
      float[] v = new float[lanes];
      rng.fillGaussian(v, 0, 1000);
      // the same tree by hand: lane i += lane (i + h) mod L for h = L/2, ..., 1, then lane 0
      float[] w = v.clone();
      for (int h = lanes / 2; h >= 1; h /= 2) {
        float[] next = new float[lanes];
        for (int i = 0; i < lanes; i++) {
          next[i] = w[i] + w[(i + h) % lanes];
        }
        w = next;
      }
      float got = VectorSgd.sumLanes(jdk.incubator.vector.FloatVector.fromArray(
          jdk.incubator.vector.FloatVector.SPECIES_PREFERRED, v, 0));
      assertEquals(Float.floatToIntBits(w[0]), Float.floatToIntBits(got), "trial " + trial);
    }
  }
}
