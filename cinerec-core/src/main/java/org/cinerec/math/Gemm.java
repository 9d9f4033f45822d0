package org.cinerec.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Single-precision matrix products on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, with {@code op(X) = X} or {@code X^T}.
 *
 * <p>Row-major layout: element (i, j) of a matrix with leading dimension {@code ld} sits at
 * {@code off + i * ld + j}. BLAS is column-major, so the product is computed as the column-major
 * {@code C^T = op(B)^T op(A)^T} (the usual swap; no copy).
 *
 * <p>Implementation, chosen once: {@code dev.ludovic.netlib} BLAS when it found a native library
 * (OpenBLAS through {@code libblas.so.3}: ~95 GFLOP/s per core here on 1000×64·64×256), otherwise the
 * plain-Java i-k-j loops below (~6 GFLOP/s; netlib's own Java fallback is slower than these on JDK 17
 * without the Vector API). {@code -Dcinerec.gemm=java} forces the Java loops (tests use it to compare).
 * Each call is sequential from the caller's point of view and deterministic for given inputs;
 * callers parallelise by splitting rows (see {@link Parallel}). Products under 16,384 multiply-adds (a
 * single-row prediction) stay in Java, where they cost less than the JNI call.
 *
 * <p>Run OpenBLAS single-threaded ({@code OPENBLAS_NUM_THREADS=1}; the {@code cinerec} launcher sets it):
 * cinerec already runs one product per core, and OpenBLAS's own pthreads spin-wait for each other, which
 * collapses when the cores are shared. Measured here under load ~15 on 2 cores, one multitask epoch on
 * ml-latest-small with 2 Java threads: 23-58 s with OpenBLAS's default threading, 5.5-8 s with 1.
 */
public final class Gemm {
  /** Held so the level set below survives garbage collection of the logger. */
  private static final java.util.logging.Logger NETLIB_LOG = quietNetlib();
  private static final BLAS NATIVE = pickNative();
  /** Products smaller than this many multiply-adds run in Java: a JNI call costs more than they do. */
  private static final long SMALL = 16_384;
  private static volatile boolean profiling;
  private static final java.util.concurrent.atomic.LongAdder FLOPS = new java.util.concurrent.atomic.LongAdder();
  private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();

  private Gemm() {}

  private static java.util.logging.Logger quietNetlib() {
    // netlib logs its choice at INFO on stderr; implementation() reports it instead
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  private static BLAS pickNative() {
    if ("java".equals(System.getProperty("cinerec.gemm"))) {
      return null;
    }
    try {
      return NativeBLAS.getInstance();
    } catch (Throwable e) {
      return null; // no native library: plain Java
    }
  }

  /** "native (ClassName)" or "java": which implementation runs, for benchmark reports. */
  public static String implementation() {
    return NATIVE == null ? "java" : "native (" + NATIVE.getClass().getSimpleName() + ")";
  }

  /**
   * {@code C[m×n] = alpha * op(A) op(B) + beta * C}; {@code op(A)} is m×k, {@code op(B)} is k×n. With
   * {@code transA}, A is stored k×m; with {@code transB}, B is stored n×k.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
      int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    long t0 = profiling ? System.nanoTime() : 0;
    if (NATIVE != null && (long) m * n * k >= SMALL) {
      NATIVE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff,
          ldc);
    } else {
      javaGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
    if (profiling) {
      NANOS.add(System.nanoTime() - t0);
      FLOPS.add(2L * m * n * k);
    }
  }

  /**
   * Starts (and resets) or stops counting the floating-point operations of every product and the time
   * spent in them, summed over threads (so {@link #profiledGflops()} is a per-core rate).
   */
  public static void profile(boolean on) {
    if (on) {
      FLOPS.reset();
      NANOS.reset();
    }
    profiling = on;
  }

  /** Operations counted since {@link #profile}(true). */
  public static long profiledFlops() {
    return FLOPS.sum();
  }

  /** Thread-seconds spent in products since {@link #profile}(true). */
  public static double profiledSeconds() {
    return NANOS.sum() / 1e9;
  }

  /** Achieved GFLOP/s per core of the counted products. */
  public static double profiledGflops() {
    long ns = NANOS.sum();
    return ns == 0 ? 0 : FLOPS.sum() / (double) ns;
  }

  /** The plain-Java path (public for tests and benchmarks). */
  public static void javaGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
      int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      } else if (beta != 1f) {
        for (int j = 0; j < n; j++) {
          c[ci + j] *= beta;
        }
      }
    }
    if (k == 0 || alpha == 0f) {
      return;
    }
    if (!transB) {
      // i-k-j: the inner loop streams a row of B and a row of C (vectorised by the JIT)
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        for (int p = 0; p < k; p++) {
          float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
          if (aip == 0f) {
            continue;
          }
          int bp = bOff + p * ldb;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bp + j];
          }
        }
      }
    } else {
      // B^T: C[i][j] = dot(row i of op(A), row j of B)
      float[] rowA = new float[k];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) {
          rowA[p] = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }
        int ci = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          c[ci + j] += alpha * Vectors.dot(rowA, 0, b, bOff + j * ldb, k);
        }
      }
    }
  }
}
