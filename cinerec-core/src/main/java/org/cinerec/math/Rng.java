package org.cinerec.math;

import java.util.SplittableRandom;

/**
 * Seeded random streams. Every random choice in cinerec takes one of these, derived from one
 * configured seed; there is no global generator. {@link #split()} gives independent child streams
 * (for shards or threads) whose draws do not depend on scheduling.
 */
public final class Rng {
  private final SplittableRandom random;

  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private Rng(SplittableRandom random) {
    this.random = random;
  }

  /** An independent child stream. */
  public Rng split() {
    return new Rng(random.split());
  }

  /** A child stream fixed by this seed and a shard number, regardless of call order. */
  public static Rng forShard(long seed, long shard) {
    return new Rng(seed ^ (0x9E3779B97F4A7C15L * (shard + 1)));
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * Uniform in {@code [0, bound)}, like {@link #nextInt(int)} but by Lemire's multiply-and-shift (D. Lemire,
   * "Fast Random Integer Generation in an Interval", ACM TOMACS 2019, arXiv:1805.10941): exactly uniform,
   * without the integer division {@code nextInt} pays on every draw (it divides only on the rare draw
   * that may be rejected). A different sequence from {@code nextInt} for the same seed. For the hot
   * sampling loops (BPR's triples).
   */
  public int nextIndex(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long m = (random.nextInt() & 0xFFFFFFFFL) * bound;
    int low = (int) m;
    if (Integer.compareUnsigned(low, bound) < 0) {
      int threshold = Integer.remainderUnsigned(-bound, bound);
      while (Integer.compareUnsigned(low, threshold) < 0) {
        m = (random.nextInt() & 0xFFFFFFFFL) * bound;
        low = (int) m;
      }
    }
    return (int) (m >>> 32);
  }

  public long nextLong() {
    return random.nextLong();
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  /** Standard normal (Box–Muller, polar form). */
  public double nextGaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /** Fills with N(mean, std²). */
  public void fillGaussian(float[] x, double mean, double std) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (mean + std * nextGaussian());
    }
  }

  /**
   * {@link #fillGaussian(float[], double, double)} with the same values, the costly part spread over
   * {@code threads} threads: the draws stay sequential (each value's accepted {@code u} and {@code s} are
   * kept), the transforms {@code u·√(−2 ln s / s)} (a log, a square root and a division, most of the time
   * of a fill) run on contiguous chunks. Used for the initial factors, which took about a quarter of an
   * {@code mf} fit on ml-latest-small.
   */
  public void fillGaussian(float[] x, double mean, double std, int threads) {
    int n = x.length;
    if (threads <= 1 || n < PARALLEL_FILL) {
      fillGaussian(x, mean, std);
      return;
    }
    double[] us = new double[n];
    double[] ss = new double[n];
    for (int i = 0; i < n; i++) {
      double u;
      double v;
      double s;
      do {
        u = 2 * random.nextDouble() - 1;
        v = 2 * random.nextDouble() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s == 0);
      us[i] = u;
      ss[i] = s;
    }
    Parallel.forEachChunk(n, threads, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        double s = ss[i];
        x[i] = (float) (mean + std * (us[i] * Math.sqrt(-2 * Math.log(s) / s)));
      }
    });
  }

  /** Below this many values a parallel fill does not pay. */
  private static final int PARALLEL_FILL = 1 << 15;

  /** Fills with U(lo, hi). */
  public void fillUniform(float[] x, double lo, double hi) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
  }

  /** Fisher–Yates shuffle in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** 0..n-1 in random order. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p);
    return p;
  }
}
