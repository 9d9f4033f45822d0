package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZigguratTest {
  private static final int N = 2_000_000;

  @Test
  void drawsFollowTheStandardNormalIncludingTheTail() {
    SplittableRandom random = new SplittableRandom(7);
    double[] x = new double[N];
    double sum = 0;
    double sq = 0;
    double fourth = 0;
    for (int i = 0; i < N; i++) {
      x[i] = Ziggurat.next(random);
      sum += x[i];
      sq += x[i] * x[i];
      fourth += x[i] * x[i] * x[i] * x[i];
    }
    double mean = sum / N;
    double var = sq / N - mean * mean;
    assertEquals(0, mean, 0.003, "mean");
    assertEquals(1, var, 0.004, "variance");
    assertEquals(3, fourth / N, 0.03, "fourth moment (kurtosis of a normal is 3)");
    // two-sided tail fractions, the last two only reachable through the wedges and the tail beyond 3.44
    assertTail(x, 1, 0.317311);
    assertTail(x, 2, 0.045500);
    assertTail(x, 3, 0.002700);
    assertTail(x, 3.6, 0.000318);
    // Kolmogorov–Smirnov against Φ: the 1% critical value is 1.63 / √n
    Arrays.sort(x);
    double d = 0;
    for (int i = 0; i < N; i++) {
      double f = phi(x[i]);
      d = Math.max(d, Math.max(Math.abs(f - (double) i / N), Math.abs((double) (i + 1) / N - f)));
    }
    assertTrue(d < 1.63 / Math.sqrt(N), "KS distance " + d);
  }

  private static void assertTail(double[] x, double t, double expected) {
    long n = Arrays.stream(x).filter(v -> Math.abs(v) > t).count();
    double sd = Math.sqrt(expected * (1 - expected) / x.length);
    assertEquals(expected, (double) n / x.length, 4 * sd, "P(|x| > " + t + ")");
  }

  /** Φ(x) through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  private static double phi(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
        + t * 1.061405429)))) * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  @Test
  void theParallelFillGivesTheSameValuesWhateverTheThreadCount() {
    float[] one = new float[300_001];
    float[] two = new float[300_001];
    new Rng(3).fillGaussian(one, 1, 0.1, 1);
    new Rng(3).fillGaussian(two, 1, 0.1, 2);
    assertArrayEquals(one, two);
    double mean = 0;
    for (float v : one) {
      mean += v;
    }
    assertEquals(1, mean / one.length, 0.001);
  }
}
