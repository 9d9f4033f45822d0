package org.cinerec.math;

import java.io.IOException;

/**
 * A main class that {@link BlasBackendTest} runs in child JVMs: prints the chosen backend, whether one
 * product above the JNI threshold agrees with the plain loops, and the BLAS files mapped into the process.
 */
public final class BlasProbe {
  private BlasProbe() {}

  public static void main(String[] args) throws IOException {
    int n = 48;
    Rng rng = new Rng(7);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    rng.fillUniform(a, -1, 1);
    rng.fillUniform(b, -1, 1);
    float[] c = new float[n * n];
    float[] ref = new float[n * n];
    Gemm.gemm(false, true, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
    Gemm.javaGemm(false, true, n, n, n, 1f, a, 0, n, b, 0, n, 0f, ref, 0, n);
    double worst = 0;
    for (int i = 0; i < c.length; i++) {
      worst = Math.max(worst, Math.abs(c[i] - ref[i]));
    }
    System.out.println("backend=" + Blas.backend());
    System.out.println("implementation=" + Gemm.implementation());
    System.out.println("product=" + (worst < 1e-3 ? "ok" : "wrong by " + worst));
    for (String lib : GemmTest.mappedBlasLibraries()) {
      System.out.println("mapped=" + lib);
    }
  }
}
