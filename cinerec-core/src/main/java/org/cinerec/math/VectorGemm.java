package org.cinerec.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s product on the Vector API: a register-blocked micro-kernel of 4 rows of C by 2 vectors of
 * columns (8 accumulators: with 512-bit vectors a 4×32 tile), each step one broadcast of {@code op(A)[i][p]}
 * per row against two vector loads of row {@code p} of {@code op(B)}, fused multiply-adds. {@code op(B)}
 * is read in place when it is not transposed; a transposed B is first copied into a per-thread k×n panel
 * (O(nk), small beside the O(mnk) product). Rows left over from the blocks of 4 run one at a time, columns
 * left over from the blocks of 2 vectors one vector at a time and then scalar. Each element of C is
 * summed over p in order, so results are deterministic per species. Loaded only when {@link Simd#enabled}.
 */
final class VectorGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

  private VectorGemm() {}

  /** {@code C += alpha op(A) op(B)} (beta already applied by the caller). */
  static void multiplyAdd(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
      int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    if (transB) {
      float[] panel = PANEL.get();
      if (panel.length < k * n) {
        panel = new float[k * n];
        PANEL.set(panel);
      }
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * ldb;
        for (int p = 0; p < k; p++) {
          panel[p * n + j] = b[bj + p];
        }
      }
      b = panel;
      bOff = 0;
      ldb = n;
    }
    // a(i, p) = a[aOff + i * ai + p * ap]
    int ai = transA ? 1 : lda;
    int ap = transA ? lda : 1;
    int j = 0;
    for (; j + 2 * L <= n; j += 2 * L) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        tile4x2(i, j, k, alpha, a, aOff, ai, ap, b, bOff, ldb, c, cOff, ldc);
      }
      for (; i < m; i++) {
        row(i, j, 2, k, alpha, a, aOff, ai, ap, b, bOff, ldb, c, cOff, ldc);
      }
    }
    for (; j + L <= n; j += L) {
      for (int i = 0; i < m; i++) {
        row(i, j, 1, k, alpha, a, aOff, ai, ap, b, bOff, ldb, c, cOff, ldc);
      }
    }
    if (j < n) {
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        for (int jj = j; jj < n; jj++) {
          float s = 0;
          for (int p = 0; p < k; p++) {
            s += a[aOff + i * ai + p * ap] * b[bOff + p * ldb + jj];
          }
          c[ci + jj] += alpha * s;
        }
      }
    }
  }

  private static void tile4x2(int i, int j, int k, float alpha, float[] a, int aOff, int ai, int ap, float[] b,
      int bOff, int ldb, float[] c, int cOff, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    int a0 = aOff + i * ai;
    int a1 = a0 + ai;
    int a2 = a1 + ai;
    int a3 = a2 + ai;
    int bp = bOff + j;
    for (int p = 0; p < k; p++, bp += ldb) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
      int q = p * ap;
      FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + q]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + q]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + q]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    // written out, not a helper taking vectors: a call C2 does not inline makes it box the accumulators
    int ci = cOff + i * ldc + j;
    FloatVector al = FloatVector.broadcast(S, alpha);
    c00.fma(al, FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    c01.fma(al, FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    ci += ldc;
    c10.fma(al, FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    c11.fma(al, FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    ci += ldc;
    c20.fma(al, FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    c21.fma(al, FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    ci += ldc;
    c30.fma(al, FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    c31.fma(al, FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
  }

  /** One row of C, {@code vectors} (1 or 2) vectors of columns from column j. */
  private static void row(int i, int j, int vectors, int k, float alpha, float[] a, int aOff, int ai, int ap,
      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = FloatVector.zero(S);
    int a0 = aOff + i * ai;
    int bp = bOff + j;
    for (int p = 0; p < k; p++, bp += ldb) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * ap]);
      c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
      if (vectors == 2) {
        c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
      }
    }
    int ci = cOff + i * ldc + j;
    FloatVector al = FloatVector.broadcast(S, alpha);
    c0.fma(al, FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
    if (vectors == 2) {
      c1.fma(al, FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    }
  }

  /** "512-bit": the vector width in use. */
  static int bits() {
    return S.vectorBitSize();
  }
}
