package org.cinerec.split;

import java.util.Arrays;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.data.XxHash64;

/**
 * Hash holdout ({@code hash:F:SEED}): a rating is test when a hash of (SEED, user id, movie id) falls in
 * the lowest fraction F of the 64-bit range. Each row is decided on its own, from its external ids, so a
 * cluster job decides it inside its partitions with no shuffle and no index, in any row order, and gets
 * the rows the core gets ({@link #inTest(long, double, long, long)} is the one implementation; the Spark
 * jobs call it).
 *
 * <p>Definition (XXH64 of {@link XxHash64}, integers little-endian):
 * <pre>
 *   uh = XXH64(UTF-8 bytes of the canonical user id, seed 0)     canonical: {@link IdIndex#key(String)}
 *   mh = XXH64(UTF-8 bytes of the canonical movie id, seed 0)    (uh, mh as in the data fingerprint)
 *   h  = XXH64(int64 uh ‖ int64 mh, seed SEED)                    16 bytes
 *   test  ⇔  (h &gt;&gt;&gt; 11) · 2^-53 &lt; F                           (the top 53 bits as a double in [0, 1))
 * </pre>
 * So {@code 007} and {@code 7} are one user, and an int id in a Parquet column hashes as its decimal
 * text. Worked example (pinned in {@code HashSplitTest}): user "1", movie "31", seed 42 gives
 * {@code h = } {@value #EXAMPLE_HASH_HEX}.
 *
 * <p>The test count is binomial, not exact: about {@code n·F ± 2·sqrt(n·F·(1-F))}; a (user, movie) pair
 * rated twice lands on one side. Train and test keep the data's row order.
 */
public final class HashSplit implements SplitSpec {
  /** The pair hash of user "1", movie "31", seed 42 (see the class comment). */
  static final String EXAMPLE_HASH_HEX = "c6500c94ea6a6507";

  private final double fraction;
  private final long seed;

  /** {@code fraction} is the test share, in (0, 1). */
  public HashSplit(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction " + fraction + " outside (0, 1)");
    }
    this.fraction = fraction;
    this.seed = seed;
  }

  public double fraction() {
    return fraction;
  }

  public long seed() {
    return seed;
  }

  @Override
  public String spec() {
    return "hash:" + SplitSpec.fmt(fraction) + ":" + seed;
  }

  /** The hash of one id ({@code uh}/{@code mh} above): XXH64 of its canonical form's UTF-8 bytes. */
  public static long idHash(String id) {
    return XxHash64.hash(IdIndex.key(id));
  }

  /** The hash of an integer id: that of its decimal text (what a Parquet int column holds). */
  public static long idHash(int id) {
    return XxHash64.hash(Integer.toString(id));
  }

  /** The pair hash {@code h} above. */
  public static long pairHash(long seed, long userHash, long movieHash) {
    return XxHash64.hash16(userHash, movieHash, seed);
  }

  /**
   * The one per-row decision: whether the rating of (user, movie) is test, given the ids' hashes
   * ({@link #idHash}).
   */
  public static boolean inTest(long seed, double fraction, long userHash, long movieHash) {
    return (pairHash(seed, userHash, movieHash) >>> 11) * 0x1.0p-53 < fraction;
  }

  /** {@link #inTest(long, double, long, long)} for integer ids (the Spark jobs' columns). */
  public static boolean inTest(long seed, double fraction, int userId, int movieId) {
    return inTest(seed, fraction, idHash(userId), idHash(movieId));
  }

  /** Whether this split puts the rating of (user, movie) in test. */
  public boolean isTest(String userId, String movieId) {
    return inTest(seed, fraction, idHash(userId), idHash(movieId));
  }

  @Override
  public Split apply(Dataset data) {
    Ratings r = data.ratings();
    long[] uh = hashes(data.users());
    long[] mh = hashes(data.items());
    int n = r.size();
    int[] train = new int[n];
    int[] test = new int[n];
    int nTrain = 0;
    int nTest = 0;
    for (int p = 0; p < n; p++) {
      if (inTest(seed, fraction, uh[r.user(p)], mh[r.item(p)])) {
        test[nTest++] = p;
      } else {
        train[nTrain++] = p;
      }
    }
    return new Split(r.select(Arrays.copyOf(train, nTrain)), r.select(Arrays.copyOf(test, nTest)), spec());
  }

  private static long[] hashes(IdIndex index) {
    long[] h = new long[index.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = XxHash64.hash(index.key(i));
    }
    return h;
  }

  @Override
  public String toString() {
    return spec();
  }
}
