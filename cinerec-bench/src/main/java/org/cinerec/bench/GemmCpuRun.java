package org.cinerec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.cinerec.math.Blas;
import org.cinerec.math.Gemm;
import org.cinerec.math.Simd;

/**
 * {@link GemmBench}'s comparison timed by the calling thread's CPU time instead of the wall clock: on the
 * shared 2-core machine (load 7-12 from other work) wall-clock JMH scores swing 2× as the thread waits for
 * a core, while the CPU time a product costs is steady, and every way runs single-threaded in the calling
 * thread. In one JVM, shape by shape, the ways take turns (round-robin batches, median of the batches'
 * GFLOP/s), so each shape's row is measured under the same conditions. The JVM's {@code -Dcinerec.blas}
 * decides whether {@code gemm} is the bundled or the system library (they cannot share one JVM): run it
 * twice.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.GemmCpuRun
 * java --add-modules=jdk.incubator.vector -Dcinerec.blas=system -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.GemmCpuRun
 * </pre>
 */
public final class GemmCpuRun {
  private static final String[] SHAPES = {"NN:1000x256x64:0", "NN:500x256x64:1", "NN:500x128x256:1",
      "NN:500x32x128:1", "TN:64x256x500:1", "TN:256x128x500:1", "NT:500x256x128:0", "NT:500x1000x32:0",
      "NN:500x32x1000:1", "TN:1000x32x500:0", "NN:500x1x32:1", "NN:20x256x64:1"};

  private GemmCpuRun() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<String> ways = new ArrayList<>();
    ways.add(Blas.backend().name().toLowerCase(Locale.ROOT));
    if (Blas.backend() == Blas.Backend.BUNDLED) {
      ways.addAll(List.of("javacpp-array", "javacpp-pointer", "javacpp-offheap"));
    }
    if (Simd.enabled()) {
      ways.add("vector");
    }
    ways.add("java");
    System.out.println("gemm: " + Gemm.implementation() + "; GFLOP/s per thread-CPU-second, median of 9 rounds");
    System.out.println("| shape | " + String.join(" | ", ways) + " |");
    System.out.println("| --- |" + " ---: |".repeat(ways.size()));
    for (String shape : SHAPES) {
      Case c = new Case(shape);
      double[][] rates = new double[ways.size()][9];
      for (int round = -2; round < 9; round++) { // two warm-up rounds
        for (int w = 0; w < ways.size(); w++) {
          long flops = 0;
          long t0 = mx.getCurrentThreadCpuTime();
          long t1 = t0;
          while (t1 - t0 < (round < 0 ? 400_000_000L : 100_000_000L)) {
            c.run(ways.get(w));
            flops += c.flops;
            t1 = mx.getCurrentThreadCpuTime();
          }
          if (round >= 0) {
            rates[w][round] = flops / (double) (t1 - t0);
          }
        }
      }
      StringBuilder row = new StringBuilder("| " + shape + " |");
      for (double[] r : rates) {
        Arrays.sort(r);
        row.append(String.format(Locale.ROOT, " %.1f |", r[r.length / 2]));
      }
      System.out.println(row);
      c.close();
    }
  }

  private static final class Case {
    final boolean ta;
    final boolean tb;
    final int m;
    final int n;
    final int k;
    final float beta;
    final long flops;
    final float[] a;
    final float[] b;
    final float[] c;
    FloatPointer pa;
    FloatPointer pb;
    FloatPointer pc;

    Case(String shape) {
      GemmShape g = GemmShape.parse(shape);
      ta = g.transA();
      tb = g.transB();
      m = g.m();
      n = g.n();
      k = g.k();
      beta = g.beta();
      flops = 2L * m * n * k;
      float[][] abc = g.operands();
      a = abc[0];
      b = abc[1];
      c = abc[2];
      if (Blas.backend() == Blas.Backend.BUNDLED) {
        pa = new FloatPointer(a.length).put(a, 0, a.length);
        pb = new FloatPointer(b.length).put(b, 0, b.length);
        pc = new FloatPointer(c.length).put(c, 0, c.length);
      }
    }

    void run(String way) {
      int lda = ta ? m : k;
      int ldb = tb ? k : n;
      int opA = ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
      int opB = tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
      int rm = openblas_nolapack.CblasRowMajor;
      switch (way) {
        case "bundled", "system" -> Gemm.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        case "vector" -> Gemm.vectorGemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        case "java" -> Gemm.javaGemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        case "javacpp-array" -> openblas_nolapack.cblas_sgemm(rm, opA, opB, m, n, k, 1f, a, lda, b, ldb, beta, c, n);
        case "javacpp-pointer" -> {
          pa.put(a, 0, a.length);
          pb.put(b, 0, b.length);
          if (beta != 0f) {
            pc.put(c, 0, c.length);
          }
          openblas_nolapack.cblas_sgemm(rm, opA, opB, m, n, k, 1f, pa, lda, pb, ldb, beta, pc, n);
          pc.get(c, 0, c.length);
        }
        case "javacpp-offheap" -> openblas_nolapack.cblas_sgemm(rm, opA, opB, m, n, k, 1f, pa, lda, pb, ldb, beta, pc, n);
        default -> throw new IllegalArgumentException(way);
      }
    }

    void close() {
      if (pa != null) {
        pa.close();
        pb.close();
        pc.close();
      }
    }
  }
}
