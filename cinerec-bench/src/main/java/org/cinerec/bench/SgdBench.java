package org.cinerec.bench;

import java.util.concurrent.TimeUnit;
import org.cinerec.math.Rng;
import org.cinerec.math.Sgd;
import org.cinerec.math.SgdKernel;
import org.cinerec.math.Simd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-rating work of {@code mf} (dot product, error, bias and coupled factor steps) at 100 factors over
 * 610 × 9,742 factor rows (ml-latest-small's users and movies), 4,096 random ratings per invocation, in
 * three kernels measured in the same run: the naive in-place scalar loop (the baseline), {@link Sgd.Work}
 * (portable: offset-0 scratch rows C2 vectorises, scalar reduction), and {@link SgdKernel#create} (the Vector
 * API kernel when the module is present) on rows padded to {@link SgdKernel#stride}. Times are per rating.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar cinerec-bench/target/cinerec-bench.jar SgdBench -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SgdBench {
  private static final int USERS = 610;
  private static final int ITEMS = 9742;
  private static final int RATINGS = 4096;
  private static final float LR = 0.005f;
  private static final float REG = 0.02f;

  @Param({"100"})
  public int factors;

  private int[] us;
  private int[] is;
  private float[] rs;
  private float[] p;
  private float[] q;
  private float[] pPadded;
  private float[] qPadded;
  private int stride;
  private float[] bu;
  private float[] bi;
  private Sgd.Work scalar;
  private SgdKernel best;

  @Setup
  public void setUp() {
    if (!Simd.enabled()) {
      System.err.println("SgdBench: " + Simd.describe());
    }
    Rng rng = new Rng(42);
    us = new int[RATINGS];
    is = new int[RATINGS];
    rs = new float[RATINGS];
    for (int t = 0; t < RATINGS; t++) {
      us[t] = rng.nextInt(USERS);
      is[t] = rng.nextInt(ITEMS);
      rs[t] = 0.5f + 0.5f * rng.nextInt(10);
    }
    p = new float[USERS * factors];
    q = new float[ITEMS * factors];
    rng.fillGaussian(p, 0, 0.05);
    rng.fillGaussian(q, 0, 0.05);
    stride = SgdKernel.stride(factors);
    pPadded = new float[USERS * stride];
    qPadded = new float[ITEMS * stride];
    for (int u = 0; u < USERS; u++) {
      System.arraycopy(p, u * factors, pPadded, u * stride, factors);
    }
    for (int i = 0; i < ITEMS; i++) {
      System.arraycopy(q, i * factors, qPadded, i * stride, factors);
    }
    bu = new float[USERS];
    bi = new float[ITEMS];
    scalar = new Sgd.Work(factors);
    best = SgdKernel.create(stride);
  }

  @Benchmark
  @OperationsPerInvocation(RATINGS)
  public double naiveInPlaceBaseline() {
    int k = factors;
    double sse = 0;
    for (int t = 0; t < RATINGS; t++) {
      int u = us[t];
      int i = is[t];
      float dot = 0;
      for (int f = 0; f < k; f++) {
        dot += p[u * k + f] * q[i * k + f];
      }
      float e = rs[t] - (3.5f + bu[u] + bi[i] + dot);
      sse += e * e;
      bu[u] += LR * (e - REG * bu[u]);
      bi[i] += LR * (e - REG * bi[i]);
      Sgd.coupledStep(p, u * k, q, i * k, k, e, LR, REG);
    }
    return sse;
  }

  @Benchmark
  @OperationsPerInvocation(RATINGS)
  public double scalarScratchRows() {
    return pass(scalar, p, q, factors);
  }

  @Benchmark
  @OperationsPerInvocation(RATINGS)
  public double selectedKernelPadded() {
    return pass(best, pPadded, qPadded, stride);
  }

  private double pass(SgdKernel kernel, float[] pm, float[] qm, int k) {
    double sse = 0;
    for (int t = 0; t < RATINGS; t++) {
      int u = us[t];
      int i = is[t];
      float e = rs[t] - (3.5f + bu[u] + bi[i] + kernel.dot(pm, u * k, qm, i * k));
      sse += e * e;
      bu[u] += LR * (e - REG * bu[u]);
      bi[i] += LR * (e - REG * bi[i]);
      kernel.coupledStep(pm, u * k, qm, i * k, e, LR, REG);
    }
    return sse;
  }
}
