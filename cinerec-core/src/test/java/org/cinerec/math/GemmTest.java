package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {

  /** One product routine under test: the default entry, the Vector API kernel or the plain loops. */
  private interface Kernel {
    void run(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
        int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
  }

  @Test
  void aHandComputedProductIsExact() {
    float[] a = {1, 2, 3, 4, 5, 6};        // 2×3
    float[] b = {7, 8, 9, 10, 11, 12};     // 3×2
    float[] c = {1, 1, 1, 1};
    Gemm.gemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    Gemm.javaGemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    float[] cv = {Float.NaN, 1, 1, 1};
    Gemm.vectorGemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, cv, 0, 2);
    assertArrayEquals(new float[] {58, 64, 139, 154}, cv, "beta 0 overwrites even NaN");
  }

  @ParameterizedTest(name = "transA={0} transB={1} {2}x{3}x{4}: bundled/default, Vector API and plain Java agree with a double loop")
  @CsvSource({"false,false,37,29,23", "true,false,37,29,23", "false,true,37,29,23", "true,true,37,29,23",
      "false,false,200,256,64", "true,false,64,128,300", "false,true,300,300,32", "false,false,1,256,64",
      "false,false,71,67,65", "true,false,71,67,65", "false,true,71,67,65", "true,true,71,67,65",
      "false,true,13,1000,32", "true,false,1000,33,5", "false,false,3,17,1", "true,true,130,97,129"})
  void everyTransposeCaseMatchesADoubleReference(boolean ta, boolean tb, int m, int n, int k) {
    assertTrue(Simd.enabled(), "the test JVM runs with the Vector API module, so the Vector kernel is tested");
    check("default (" + Gemm.implementation() + ")", Gemm::gemm, ta, tb, m, n, k);
    check("Vector API", Gemm::vectorGemm, ta, tb, m, n, k);
    check("plain Java", Gemm::javaGemm, ta, tb, m, n, k);
  }

  private static void check(String name, Kernel kernel, boolean ta, boolean tb, int m, int n, int k) {
    long seed = 31L * m + n + k + (ta ? 7 : 0) + (tb ? 13 : 0);
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
    float[] c = c0.clone();
    kernel.run(ta, tb, m, n, k, alpha, a, 5, lda, b, 4, ldb, beta, c, 2, ldc);
    for (int i = 0; i < ref.length; i++) {
      // outside the m×n block (offsets, row gaps) nothing may change: ref holds c0 there
      assertEquals(ref[i], c[i], 1e-4 * Math.sqrt(k) + 1e-5, name + " at " + i + " (seed " + seed + ")");
    }
  }

  @Test
  void theTestJvmMultipliesWithTheBundledOpenBlasAndNoSystemLibrary() throws IOException {
    assumeTrue(BundledOpenBlas.PLATFORM.equals(platform()), "cinerec bundles OpenBLAS for linux-x86_64 only");
    assertEquals(Blas.Backend.BUNDLED, Blas.backend(), Gemm.implementation());
    assertTrue(Gemm.implementation().startsWith("bundled OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13), 1 thread"),
        Gemm.implementation());
    float[] a = new float[64 * 64];
    float[] c = new float[64 * 64];
    java.util.Arrays.fill(a, 1f);
    Gemm.gemm(false, false, 64, 64, 64, 1f, a, 0, 64, a, 0, 64, 0f, c, 0, 64);
    assertEquals(64f, c[0]);
    List<String> blas = mappedBlasLibraries();
    assertFalse(blas.isEmpty(), "a BLAS is mapped after a product");
    for (String lib : blas) {
      assertTrue(lib.contains("/org/bytedeco/openblas/linux-x86_64/"), "only the bundled OpenBLAS is loaded: " + blas);
    }
  }

  static String platform() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        && ("amd64".equals(arch) || "x86_64".equals(arch)) ? "linux-x86_64" : "other";
  }

  /** The files mapped into this process whose name says BLAS (Linux: /proc/self/maps). */
  static List<String> mappedBlasLibraries() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8).stream()
        .map(l -> l.indexOf('/') < 0 ? "" : l.substring(l.indexOf('/')))
        .filter(p -> p.contains("blas") && !p.contains("netlibblasjni"))
        .distinct().toList();
  }
}
