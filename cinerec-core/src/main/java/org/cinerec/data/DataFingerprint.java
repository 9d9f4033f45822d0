package org.cinerec.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.cinerec.math.Parallel;

/**
 * The data fingerprint: one 64-bit value that names a set of ratings whatever their order, the order
 * of the vocabularies or the machine that computed it, so a model can tell whether the data it is
 * evaluated on is the data it was trained on, and a cluster job can compute the same value without an
 * in-memory {@link Dataset}. Defined once here (and in docs/data.md); never change it, add a new one.
 *
 * <p>Definition (all hashes XXH64 with seed 0, {@link XxHash64}; all integers little-endian):
 * <pre>
 *   uh(u)  = XXH64(UTF-8 bytes of the canonical user id)        canonical: {@link IdIndex#key(int)}
 *   ih(i)  = XXH64(UTF-8 bytes of the canonical movie id)       (an all-digit id without leading zeros)
 *   bits(r) = IEEE-754 binary32 bits of the rating as a float (-0.0 counted as 0.0)
 *   row    = XXH64(int64 uh ‖ int64 ih ‖ int32 bits(r))          20 bytes
 *   S      = Σ row over every rating, mod 2^64                   (order-independent)
 *   fingerprint = XXH64(int64 n ‖ int64 S ‖ float64 min ‖ float64 max ‖ float64 step)   40 bytes
 * </pre>
 * where n is the number of ratings and min, max, step the {@link RatingScale} (its source is not part
 * of it). Timestamps are not part of it. Worked example (tested in {@code DataFingerprintTest}, each step
 * checked with the reference tool {@code xxhsum -H1}): user "1" rated movie "2" 4.5 and user "10" rated
 * movie "2" 3.0, on 0.5..5 step 0.5: rows {@code 760346a9fcc395b8} and {@code 3f5eed69fddd2d54}, S =
 * {@code b5623413faa0c30c}, fingerprint {@code c7663129d06d6a72}.
 *
 * <p>Cost: one hash per distinct id plus one 20-byte hash per rating, summed on the shared pool
 * (about 0.1 s per 25M ratings a core).
 */
public final class DataFingerprint {
  private DataFingerprint() {}

  /** The fingerprint of a dataset's ratings, ids and scale. */
  public static long of(Dataset d) {
    return of(d.ratings(), d.users(), d.items(), d.scale());
  }

  /** The fingerprint of these ratings over these vocabularies on this scale. */
  public static long of(Ratings r, IdIndex users, IdIndex items, RatingScale scale) {
    long[] uh = idHashes(users);
    long[] ih = idHashes(items);
    int[] u = r.users();
    int[] it = r.items();
    float[] rating = r.ratings();
    AtomicLong sum = new AtomicLong();
    Parallel.forEachChunk(r.size(), r.size() < 1 << 16 ? 1 : 0, (c, from, to) -> {
      long s = 0;
      for (int k = from; k < to; k++) {
        s += XxHash64.hash(uh[u[k]], ih[it[k]], Float.floatToIntBits(rating[k] + 0.0f));
      }
      sum.addAndGet(s);
    });
    return finish(r.size(), sum.get(), scale);
  }

  /** The last step, from the row count and the sum of the row hashes (for jobs that sum elsewhere). */
  public static long finish(long n, long rowHashSum, RatingScale scale) {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(n).putLong(rowHashSum).putDouble(scale.min()).putDouble(scale.max()).putDouble(scale.step());
    return XxHash64.hash(b.array(), 0, 40, 0);
  }

  /** The row hash of one rating from its canonical ids ({@code row} above). */
  public static long row(String user, String movie, float rating) {
    return XxHash64.hash(XxHash64.hash(user), XxHash64.hash(movie), Float.floatToIntBits(rating + 0.0f));
  }

  /**
   * The canonical id at an index: the id as the data means it ({@link IdIndex#key(int)}), so that
   * {@code 0770828} and {@code 770828} in an all-digit column fingerprint alike. The one place that maps a
   * vocabulary entry to what the fingerprint hashes.
   */
  static String canonical(IdIndex index, int i) {
    return index.key(i);
  }

  /** The fingerprint as printed: 16 hex digits. */
  public static String hex(long fingerprint) {
    return String.format(java.util.Locale.ROOT, "%016x", fingerprint);
  }

  private static long[] idHashes(IdIndex index) {
    long[] h = new long[index.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = XxHash64.hash(canonical(index, i));
    }
    return h;
  }
}
