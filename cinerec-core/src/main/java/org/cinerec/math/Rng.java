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
   * Fills with N(mean, std²) by the ziggurat method ({@link Ziggurat}: a few ns a value, against ~35 ns
   * for {@link #fillGaussian(float[], double, double)}'s polar Box–Muller), on up to {@code threads}
   * threads. The array is cut into fixed chunks of {@value #FILL_CHUNK} values, chunk c drawing from its
   * own stream (seeded from one draw of this stream and c), so the values do not depend on the number of
   * threads. Used for the initial factors of {@code mf}, where the polar fill took a quarter of a fit on
   * ml-latest-small. The values differ from the sequential fill's.
   */
  public void fillGaussian(float[] x, double mean, double std, int threads) {
    long base = random.nextLong();
    int chunks = (x.length + FILL_CHUNK - 1) / FILL_CHUNK;
    Parallel.ChunkBody body = (chunk, from, to) -> {
      for (int c = from; c < to; c++) {
        SplittableRandom r = new SplittableRandom(base ^ (0x9E3779B97F4A7C15L * (c + 1)));
        int end = Math.min(x.length, (c + 1) * FILL_CHUNK);
        for (int i = c * FILL_CHUNK; i < end; i++) {
          x[i] = (float) (mean + std * Ziggurat.next(r));
        }
      }
    };
    Parallel.forEachChunk(chunks, Math.max(1, threads), body);
  }

  /** Values per independently seeded chunk of {@link #fillGaussian(float[], double, double, int)}. */
  private static final int FILL_CHUNK = 1 << 16;

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
