package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GemmTest {

  @Test
  void aHandComputedProductIsExact() {
    float[] a = {1, 2, 3, 4, 5, 6};        // 2×3
    float[] b = {7, 8, 9, 10, 11, 12};     // 3×2
    float[] c = {1, 1, 1, 1};
    Gemm.gemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    Gemm.javaGemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, c);
  }

  @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}: native and Java agree with a double loop")
  @CsvSource({"false,false,37,29,23", "true,false,37,29,23", "false,true,37,29,23", "true,true,37,29,23",
      "false,false,200,256,64", "true,false,64,128,300", "false,true,300,300,32", "false,false,1,256,64"})
  void everyTransposeCaseMatchesADoubleReference(boolean ta, boolean tb, int m, int n, int k) {
    long seed = 31L * m + n + k + (ta ? 7 : 0) + (tb ? 13 : 0);
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    int lda = (ta ? m : k) + 3;
    int ldb = (tb ? k : n) + 2;
    int ldc = n + 1;
    float[] a = new float[(ta ? k : m) * lda + 5];
    float[] b = new float[(tb ? n : k) * ldb + 4];
    float[] c0 = new float[m * ldc + 2];
    rng.fillUniform(a, -1, 1);
    rng.fillUniform(b, -1, 1);
    rng.fillUniform(c0, -1, 1);
    float alpha = 0.75f;
    float beta = 0.5f;
    double[] ref = new double[c0.length];
    for (int i = 0; i < c0.length; i++) {
      ref[i] = c0[i];
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a[5 + p * lda + i] : a[5 + i * lda + p];
          double y = tb ? b[4 + j * ldb + p] : b[4 + p * ldb + j];
          s += x * y;
        }
        ref[2 + i * ldc + j] = alpha * s + beta * c0[2 + i * ldc + j];
      }
    }
    float[] nat = c0.clone();
    float[] jav = c0.clone();
    Gemm.gemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, nat, 2, ldc);
    Gemm.javaGemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, jav, 2, ldc);
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], nat[i], 1e-4 * Math.sqrt(k) + 1e-5, Gemm.implementation() + " at " + i);
      assertEquals(ref[i], jav[i], 1e-4 * Math.sqrt(k) + 1e-5, "java at " + i);
    }
  }
}
