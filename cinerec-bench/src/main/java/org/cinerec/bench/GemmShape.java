package org.cinerec.bench;

/**
 * A matrix product shape as the GEMM benchmarks name it: {@code "NT:1000x256x64:0"} is
 * {@code C[m×n] = op(A) op(B) + beta C} with A not transposed, B transposed, m 1000, n 256, k 64, beta 0.
 */
record GemmShape(boolean transA, boolean transB, int m, int n, int k, float beta) {

  /** A (m×k), B (k×n) and C (m×n), standard Gaussian from seed 42 (the same inputs in every benchmark). */
  float[][] operands() {
    org.cinerec.math.Rng rng = new org.cinerec.math.Rng(42);
    float[][] abc = {new float[m * k], new float[k * n], new float[m * n]};
    for (float[] x : abc) {
      rng.fillGaussian(x, 0, 1);
    }
    return abc;
  }

  static GemmShape parse(String shape) {
    String[] parts = shape.split(":");
    String[] dims = parts[1].split("x");
    return new GemmShape(parts[0].charAt(0) == 'T', parts[0].charAt(1) == 'T', Integer.parseInt(dims[0]),
        Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), Float.parseFloat(parts[2]));
  }
}
