package org.cinerec.math;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Single-precision matrix products on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, with {@code op(X) = X} or {@code X^T}.
 *
 * <p>Row-major layout: element (i, j) of a matrix with leading dimension {@code ld} sits at
 * {@code off + i * ld + j}. BLAS is column-major, so the product is computed as the column-major
 * {@code C^T = op(B)^T op(A)^T} (the usual swap; no copy).
 *
 * <p>Implementation, chosen once per JVM by {@link Blas}: by default the OpenBLAS bundled in the cinerec
 * jar (org.bytedeco's linux-x86_64 build, called through netlib's JNI glue, arrays pinned in place; one
 * thread), {@code -Dcinerec.blas=system} for the machine's {@code libblas.so.3}, {@code -Dcinerec.blas=java}
 * for Java only; Java also when the native library cannot load (another platform: one line on stderr
 * says so). Java means {@link VectorGemm} (a 4×2-vector register-blocked Vector API kernel) when
 * {@link Simd#enabled}, else the plain i-k-j loops of {@link #javaGemm}. Products under 16,384
 * multiply-adds (a single-row prediction) stay in Java, where they cost less than the JNI call.
 * Measured here, GFLOP/s per CPU-second of one thread (docs/notes/blas.md has every shape and the
 * commands): 1000×64·64×256 bundled 98, system OpenBLAS 0.3.21 94, Vector API kernel 96-100, plain Java
 * 4.5; the Vector kernel is level with OpenBLAS on the multitask model's thin shapes and behind where B is
 * transposed, and needs the incubator module, so the bundled library stays the default.
 *
 * <p>Each call is sequential from the caller's point of view and deterministic for given inputs and
 * backend; callers parallelise by splitting rows (see {@link Parallel}), which is why the BLAS itself runs
 * single-threaded (its own pthreads spin-wait for each other and collapse when the cores are shared).
 */
public final class Gemm {
  private static final BLAS NATIVE = Blas.nativeBlas();
  private static final boolean VECTOR = Simd.enabled();
  /** Products smaller than this many multiply-adds run in Java: a JNI call costs more than they do. */
  private static final long SMALL = 16_384;
  private static volatile boolean profiling;
  private static final java.util.concurrent.atomic.LongAdder FLOPS = new java.util.concurrent.atomic.LongAdder();
  private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();

  private Gemm() {}

  /**
   * Which implementation runs, e.g. {@code "bundled OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13),
   * 1 thread"} or {@code "Java, Vector API kernel (no bundled OpenBLAS for macosx-arm64 ...)"}: for
   * {@code cinerec --version} and benchmark reports.
   */
  public static String implementation() {
    if (NATIVE != null) {
      return Blas.describe();
    }
    return "Java, " + javaKernel() + " (" + (Blas.fallbackReason() != null ? Blas.fallbackReason() : "-Dcinerec.blas=java") + ")";
  }

  /** The Java kernel used for small products and when no native BLAS runs. */
  static String javaKernel() {
    return VECTOR ? "Vector API kernel " + VectorGemm.bits() + "-bit" : "plain loops";
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
    } else if (VECTOR) {
      vectorGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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

  /**
   * The Vector API kernel ({@link VectorGemm}); only when {@link Simd#enabled} (public for tests and
   * benchmarks, which check that first).
   */
  public static void vectorGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
      int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    if (!VECTOR) {
      throw new IllegalStateException("the Vector API kernels are off: run with --add-modules jdk.incubator.vector");
    }
    if (m == 0 || n == 0) {
      return;
    }
    scale(m, n, beta, c, cOff, ldc);
    if (k == 0 || alpha == 0f) {
      return;
    }
    VectorGemm.multiplyAdd(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /** {@code C *= beta}, with beta 0 writing zeros (so NaNs in C do not survive, as in BLAS). */
  private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
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
  }

  /** The plain-Java path (public for tests and benchmarks). */
  public static void javaGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
      int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    scale(m, n, beta, c, cOff, ldc);
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
