package org.cinerec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.cinerec.math.Blas;
import org.cinerec.math.Gemm;
import org.cinerec.math.Simd;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One single-precision product per call, on one thread, for each way cinerec could multiply, on the
 * shapes the multitask model runs (batch 1000 split over 2 threads: 500-row chunks; embedding 32, MLP
 * 64→256→128→32→1, in-batch logits 500×1000), plus STACK.md's 1000×64·64×256. Backends (each fork is a
 * fresh JVM, so {@code -Dcinerec.blas} is set before {@link Gemm} loads):
 * <ul>
 *   <li>{@code bundled}: {@link Gemm} on its default, the OpenBLAS inside the jar through netlib's JNI glue
 *       (arrays pinned with GetPrimitiveArrayCritical, no copy);
 *   <li>{@code system}: {@link Gemm} with {@code -Dcinerec.blas=system} (Debian's OpenBLAS, libblas.so.3);
 *   <li>{@code javacpp-array}: the same bundled library through JavaCPP's own {@code cblas_sgemm(float[])}
 *       (GetFloatArrayElements: every array copied in and back out; no offsets possible);
 *   <li>{@code javacpp-pointer}: JavaCPP on off-heap {@code FloatPointer}s, the operands copied in and the
 *       product copied out in the call (what offsets and shared arrays would need);
 *   <li>{@code javacpp-offheap}: the same without the copies: the library's own speed, the ceiling;
 *   <li>{@code vector}: cinerec's Vector API kernel ({@code VectorGemm});
 *   <li>{@code java}: the plain i-k-j loops.
 * </ul>
 *
 * <pre>
 * mvn -q -B -ntp -pl cinerec-bench -am package -DskipTests
 * java -jar cinerec-bench/target/cinerec-bench.jar GemmBench -rf csv -rff gemm.csv
 * java -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.GemmBench gemm.csv   # GFLOP/s table
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

  /** {@code op:MxNxK:beta}: op(A) is m×k ({@code T}: A stored k×m), op(B) k×n ({@code T}: B stored n×k). */
  @Param({"NN:1000x256x64:0", "NN:500x256x64:1", "NN:500x128x256:1", "NN:500x32x128:1", "TN:64x256x500:1",
      "TN:256x128x500:1", "NT:500x256x128:0", "NT:500x1000x32:0", "NN:500x32x1000:1", "TN:1000x32x500:0"})
  public String shape;

  @Param({"bundled", "system", "javacpp-array", "javacpp-pointer", "javacpp-offheap", "vector", "java"})
  public String via;

  private boolean ta;
  private boolean tb;
  private int m;
  private int n;
  private int k;
  private float beta;
  private float[] a;
  private float[] b;
  private float[] c;
  private FloatPointer pa;
  private FloatPointer pb;
  private FloatPointer pc;

  @Setup
  public void setUp() {
    GemmShape g = GemmShape.parse(shape);
    ta = g.transA();
    tb = g.transB();
    m = g.m();
    n = g.n();
    k = g.k();
    beta = g.beta();
    System.setProperty("cinerec.blas", via.equals("system") ? "system" : via.equals("java") || via.equals("vector") ? "java" : "bundled");
    float[][] abc = g.operands();
    a = abc[0];
    b = abc[1];
    c = abc[2];
    String impl = Gemm.implementation();
    boolean bundled = Blas.backend() == Blas.Backend.BUNDLED;
    boolean ok = switch (via) {
      case "system" -> Blas.backend() == Blas.Backend.SYSTEM;
      case "java" -> Blas.backend() == Blas.Backend.JAVA;
      case "vector" -> Simd.enabled();
      default -> bundled;
    };
    if (!ok) {
      throw new IllegalStateException(via + " is not available in this JVM: " + impl);
    }
    if (via.startsWith("javacpp-")) {
      pa = new FloatPointer(a.length).put(a, 0, a.length);
      pb = new FloatPointer(b.length).put(b, 0, b.length);
      pc = new FloatPointer(c.length).put(c, 0, c.length);
    }
  }

  @TearDown
  public void tearDown() {
    if (pa != null) {
      pa.close();
      pb.close();
      pc.close();
    }
  }

  @Benchmark
  public float[] product() {
    int lda = ta ? m : k;
    int ldb = tb ? k : n;
    int opA = ta ? openblasTrans() : openblasNoTrans();
    int opB = tb ? openblasTrans() : openblasNoTrans();
    switch (via) {
      case "bundled", "system" -> Gemm.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
      case "vector" -> Gemm.vectorGemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
      case "java" -> Gemm.javaGemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, c, 0, n);
      case "javacpp-array" -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, 1f, a,
          lda, b, ldb, beta, c, n);
      case "javacpp-pointer" -> {
        pa.put(a, 0, a.length);
        pb.put(b, 0, b.length);
        if (beta != 0f) {
          pc.put(c, 0, c.length);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, 1f, pa, lda, pb, ldb, beta,
            pc, n);
        pc.get(c, 0, c.length);
      }
      case "javacpp-offheap" -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, 1f,
          pa, lda, pb, ldb, beta, pc, n);
      default -> throw new IllegalArgumentException(via);
    }
    return c;
  }

  private static int openblasTrans() {
    return openblas_nolapack.CblasTrans;
  }

  private static int openblasNoTrans() {
    return openblas_nolapack.CblasNoTrans;
  }

  /** Turns JMH's CSV ({@code -rf csv}) into a Markdown table of GFLOP/s, one row per shape. */
  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    List<String> header = split(lines.get(0));
    int score = header.indexOf("Score");
    int shapeCol = header.indexOf("Param: shape");
    int backendCol = header.indexOf("Param: via");
    Map<String, Map<String, Double>> table = new LinkedHashMap<>();
    List<String> backends = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = split(line);
      String[] parts = f.get(shapeCol).split(":");
      String[] dims = parts[1].split("x");
      double flops = 2.0 * Long.parseLong(dims[0]) * Long.parseLong(dims[1]) * Long.parseLong(dims[2]);
      double micros = Double.parseDouble(f.get(score));
      table.computeIfAbsent(f.get(shapeCol), s -> new TreeMap<>()).put(f.get(backendCol), flops / micros / 1e3);
      if (!backends.contains(f.get(backendCol))) {
        backends.add(f.get(backendCol));
      }
    }
    StringBuilder sb = new StringBuilder("| shape (op: m×n×k: beta) |");
    backends.forEach(bk -> sb.append(' ').append(bk).append(" |"));
    sb.append("\n| --- |");
    backends.forEach(bk -> sb.append(" ---: |"));
    for (Map.Entry<String, Map<String, Double>> row : table.entrySet()) {
      sb.append("\n| ").append(row.getKey()).append(" |");
      for (String bk : backends) {
        Double g = row.getValue().get(bk);
        sb.append(' ').append(g == null ? "" : String.format(Locale.ROOT, "%.1f", g)).append(" |");
      }
    }
    System.out.println(sb);
  }

  private static List<String> split(String csvLine) {
    List<String> out = new ArrayList<>();
    for (String s : csvLine.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) {
      out.add(s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s);
    }
    return out;
  }
}
