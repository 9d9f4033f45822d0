package org.cinerec.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.cinerec.math.Gemm;
import org.cinerec.math.Rng;
import org.cinerec.math.TopK;
import org.cinerec.math.Vectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shared kernels of {@code org.cinerec.math}, each beside a plain baseline measured in the same run:
 * top-K selection against sorting every score, the 4-accumulator dot product against a one-accumulator
 * loop, and the batch matrix product of the two-tower model (1000×64 · 64×256, as in STACK.md) through
 * {@link Gemm} (native BLAS when present) against the plain-Java path.
 *
 * <pre>
 * mvn -q -B -ntp -pl cinerec-bench -am package -DskipTests
 * java -jar cinerec-bench/target/cinerec-bench.jar KernelBench -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBench {

  /** Catalogue size for top-K: ml-latest-small's and ml-25m's. */
  @Param({"9742", "62423"})
  public int items;

  private float[] scores;
  private float[] a;
  private float[] b;
  private float[] left;
  private float[] right;
  private float[] product;

  @Setup
  public void setUp() {
    Rng rng = new Rng(42);
    scores = new float[items];
    rng.fillGaussian(scores, 0, 1);
    a = new float[128];
    b = new float[128];
    rng.fillGaussian(a, 0, 1);
    rng.fillGaussian(b, 0, 1);
    left = new float[1000 * 64];
    right = new float[64 * 256];
    product = new float[1000 * 256];
    rng.fillGaussian(left, 0, 1);
    rng.fillGaussian(right, 0, 1);
  }

  @Benchmark
  public int[] topTenByHeap() {
    return TopK.select(scores, 10);
  }

  @Benchmark
  public float[] topTenBySortBaseline() {
    float[] copy = scores.clone();
    Arrays.sort(copy);
    return Arrays.copyOfRange(copy, copy.length - 10, copy.length);
  }

  @Benchmark
  public float dot128() {
    return Vectors.dot(a, 0, b, 0, 128);
  }

  @Benchmark
  public float dot128Baseline() {
    float s = 0;
    for (int i = 0; i < 128; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Benchmark
  public float[] gemm1000x64x256() {
    Gemm.gemm(false, false, 1000, 256, 64, 1f, left, 0, 64, right, 0, 256, 0f, product, 0, 256);
    return product;
  }

  @Benchmark
  public float[] gemm1000x64x256JavaBaseline() {
    Gemm.javaGemm(false, false, 1000, 256, 64, 1f, left, 0, 64, right, 0, 256, 0f, product, 0, 256);
    return product;
  }
}
