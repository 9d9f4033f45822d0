package org.cinerec.model.als;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;

/**
 * Spark 4.0.1 MLlib ALS's initial user factors ({@code ALS.initialize}, explicit feedback), reproduced draw
 * for draw so that {@code als --init spark} starts where Spark's {@code ALS.fit} starts for the same seed:
 * users go to 10 blocks ({@code numUserBlocks} default) by {@code HashPartitioner} (integer id mod 10), ids
 * are sorted within a block, block b draws from {@code XORShiftRandom(byteswap64(s ^ b))} where s is the
 * first {@code nextLong()} of {@code XORShiftRandom(seed)}, and each row is {@code rank} Gaussians
 * ({@code java.util.Random.nextGaussian}, as float) scaled to unit norm. The item factors need no start:
 * items are solved first. The norm is computed in double and rounded to float; the BLAS {@code snrm2} that
 * Spark calls may differ from it in the last bit, so the factors agree to within float rounding.
 */
final class SparkInit {
  private static final int BLOCKS = 10;

  private SparkInit() {}

  /**
   * Unit rows of {@code rank} for the users with {@code counts[u] > 0} (row u in the model's user order);
   * the other rows are zero.
   *
   * @throws CinerecException when a rated user's id is not an integer (Spark ALS needs integer ids)
   */
  static float[] userFactors(IdIndex users, int[] counts, int rank, long seed) {
    int n = 0;
    int[] ids = new int[users.size()];
    Integer[] rows = new Integer[users.size()];
    for (int u = 0; u < users.size(); u++) {
      if (counts[u] == 0) {
        continue;
      }
      String s = users.id(u);
      try {
        ids[u] = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new CinerecException("als --init spark needs integer user ids, as Spark ALS has; user id '" + s
            + "' is not one (use --init random)");
      }
      rows[n++] = u;
    }
    // by block, then by id within the block: the order Spark's in-blocks hold their users in
    Arrays.sort(rows, 0, n, Comparator.<Integer>comparingInt(u -> Math.floorMod(ids[u], BLOCKS))
        .thenComparingInt(u -> ids[u]));
    float[] x = new float[users.size() * rank];
    float[] f = new float[rank];
    long usersSeed = new XorShiftRandom(seed).nextLong(); // the items' seed would be the next draw
    int p = 0;
    for (int b = 0; b < BLOCKS; b++) {
      XorShiftRandom random = new XorShiftRandom(byteswap64(usersSeed ^ b));
      for (; p < n && Math.floorMod(ids[rows[p]], BLOCKS) == b; p++) {
        if (p > 0 && ids[rows[p]] == ids[rows[p - 1]]) {
          throw new CinerecException("als --init spark: user ids '" + users.id(rows[p - 1]) + "' and '"
              + users.id(rows[p]) + "' are the same integer, one user to Spark (use --init random)");
        }
        double ss = 0;
        for (int j = 0; j < rank; j++) {
          f[j] = (float) random.nextGaussian();
          ss += (double) f[j] * f[j];
        }
        float scale = 1.0f / (float) Math.sqrt(ss);
        int row = rows[p] * rank;
        for (int j = 0; j < rank; j++) {
          x[row + j] = f[j] * scale;
        }
      }
    }
    return x;
  }

  /** Scala's {@code scala.util.hashing.byteswap64}. */
  static long byteswap64(long v) {
    long hc = v * 0x9e3775cd9e3775cdL;
    hc = Long.reverseBytes(hc);
    return hc * 0x9e3775cd9e3775cdL;
  }

  /**
   * Spark's {@code org.apache.spark.util.random.XORShiftRandom}: a {@link Random} whose {@code next(bits)} is
   * an xorshift (21, 35, 4) step over a state seeded by MurmurHash3 of the seed's bytes; everything else
   * (nextLong, nextGaussian) is {@link Random}'s own.
   */
  static final class XorShiftRandom extends Random {
    private static final long serialVersionUID = 1L;
    private long state;

    XorShiftRandom(long seed) {
      super(seed); // calls setSeed
      state = hashSeed(seed);
    }

    @Override
    public void setSeed(long seed) {
      state = hashSeed(seed);
    }

    @Override
    protected int next(int bits) {
      long s = state ^ (state << 21);
      s ^= s >>> 35;
      s ^= s << 4;
      state = s;
      return (int) (s & ((1L << bits) - 1));
    }

    /** Spark's {@code XORShiftRandom.hashSeed}: two MurmurHash3 hashes of the seed's big-endian bytes. */
    static long hashSeed(long seed) {
      byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(seed).array();
      int low = bytesHash(bytes, 0x3c074a61); // Scala's MurmurHash3.arraySeed
      int high = bytesHash(bytes, low);
      return ((long) high << 32) | (low & 0xFFFFFFFFL);
    }

    /** Scala's {@code MurmurHash3.bytesHash} (x86 32-bit MurmurHash3 over little-endian 4-byte words). */
    static int bytesHash(byte[] data, int seed) {
      int h = seed;
      int i = 0;
      int len = data.length;
      for (; len >= 4; i += 4, len -= 4) {
        int k = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24;
        h = Integer.rotateLeft(mixLast(h, k), 13) * 5 + 0xe6546b64;
      }
      int k = 0;
      if (len == 3) {
        k ^= (data[i + 2] & 0xFF) << 16;
      }
      if (len >= 2) {
        k ^= (data[i + 1] & 0xFF) << 8;
      }
      if (len >= 1) {
        k ^= data[i] & 0xFF;
        h = mixLast(h, k);
      }
      h ^= data.length;
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      return h;
    }

    private static int mixLast(int h, int k) {
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      return h ^ k;
    }
  }
}
