package org.cinerec.data;

import java.util.Arrays;

/**
 * Immutable explicit ratings as four parallel columns over dense indices: {@code user[i]} rated
 * {@code item[i]} with {@code rating[i]} at {@code timestamp(i)} (Unix seconds, UTC).
 *
 * <p>Memory: 16 bytes a rating (three 4-byte columns plus the timestamp stored as an unsigned 32-bit
 * second count, good until 2106). The per-user and per-item {@link CsrIndex} are built on first use
 * and cached (another 4 bytes a rating each, plus offsets).
 *
 * <p>The column arrays returned by {@link #users()} etc. are shared, not copied, so that models can run
 * their hot loops over them; callers must not modify them.
 */
public final class Ratings {
  private final int[] user;
  private final int[] item;
  private final float[] rating;
  private final int[] time;
  private final int numUsers;
  private final int numItems;
  private volatile CsrIndex byUser;
  private volatile CsrIndex byItem;

  /**
   * Wraps the given columns (not copied). {@code timestamps} hold unsigned seconds (see
   * {@link #packTimestamp(long)}). Every user index must be in {@code 0..numUsers-1} and every item in
   * {@code 0..numItems-1}.
   */
  public Ratings(int[] user, int[] item, float[] rating, int[] timestamps, int numUsers, int numItems) {
    int n = user.length;
    if (item.length != n || rating.length != n || timestamps.length != n) {
      throw new IllegalArgumentException("column lengths differ: user " + n + ", item " + item.length
          + ", rating " + rating.length + ", timestamp " + timestamps.length);
    }
    for (int i = 0; i < n; i++) {
      if (user[i] < 0 || user[i] >= numUsers) {
        throw new IllegalArgumentException("user index " + user[i] + " at row " + i + " outside 0.." + (numUsers - 1));
      }
      if (item[i] < 0 || item[i] >= numItems) {
        throw new IllegalArgumentException("item index " + item[i] + " at row " + i + " outside 0.." + (numItems - 1));
      }
    }
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.time = timestamps;
    this.numUsers = numUsers;
    this.numItems = numItems;
  }

  /** Unix seconds to the stored unsigned 32-bit form; throws if outside 0..2^32-1. */
  public static int packTimestamp(long seconds) {
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("timestamp " + seconds + " is outside 0..4294967295 Unix seconds");
    }
    return (int) seconds;
  }

  public int size() {
    return user.length;
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  public int user(int i) {
    return user[i];
  }

  public int item(int i) {
    return item[i];
  }

  public float rating(int i) {
    return rating[i];
  }

  /** Unix seconds. */
  public long timestamp(int i) {
    return Integer.toUnsignedLong(time[i]);
  }

  /** Shared column; do not modify. */
  public int[] users() {
    return user;
  }

  /** Shared column; do not modify. */
  public int[] items() {
    return item;
  }

  /** Shared column; do not modify. */
  public float[] ratings() {
    return rating;
  }

  /** Shared column of unsigned seconds (see {@link #timestamp(int)}); do not modify. */
  public int[] packedTimestamps() {
    return time;
  }

  /** Positions of each user's ratings, in row order. Built once, then cached. */
  public CsrIndex byUser() {
    CsrIndex index = byUser;
    if (index == null) {
      index = CsrIndex.build(user, numUsers);
      byUser = index;
    }
    return index;
  }

  /** Positions of each item's ratings, in row order. Built once, then cached. */
  public CsrIndex byItem() {
    CsrIndex index = byItem;
    if (index == null) {
      index = CsrIndex.build(item, numItems);
      byItem = index;
    }
    return index;
  }

  /** Mean rating (0 when empty), accumulated in double. */
  public double mean() {
    double sum = 0;
    for (float r : rating) {
      sum += r;
    }
    return rating.length == 0 ? 0 : sum / rating.length;
  }

  /** The rows at these positions, in the given order, over the same index spaces. */
  public Ratings select(int[] rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int k = 0; k < n; k++) {
      int p = rows[k];
      u[k] = user[p];
      it[k] = item[p];
      r[k] = rating[p];
      t[k] = time[p];
    }
    return new Ratings(u, it, r, t, numUsers, numItems);
  }

  /** Number of distinct users that have at least one rating. */
  public int activeUsers() {
    return countNonEmpty(byUser());
  }

  /** Number of distinct items that have at least one rating. */
  public int activeItems() {
    return countNonEmpty(byItem());
  }

  private static int countNonEmpty(CsrIndex index) {
    int n = 0;
    for (int k = 0; k < index.numKeys(); k++) {
      if (index.count(k) > 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * A 64-bit fingerprint of the contents (order-sensitive), stored in model provenance so a model can
   * tell which data it was trained on.
   */
  public long fingerprint() {
    long h = 0xcbf29ce484222325L ^ numUsers * 31L ^ numItems;
    for (int i = 0; i < user.length; i++) {
      h = (h ^ user[i]) * 0x100000001b3L;
      h = (h ^ item[i]) * 0x100000001b3L;
      h = (h ^ Float.floatToIntBits(rating[i])) * 0x100000001b3L;
      h = (h ^ time[i]) * 0x100000001b3L;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ratings r && numUsers == r.numUsers && numItems == r.numItems
        && Arrays.equals(user, r.user) && Arrays.equals(item, r.item)
        && Arrays.equals(rating, r.rating) && Arrays.equals(time, r.time);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fingerprint());
  }

  @Override
  public String toString() {
    return "Ratings[" + size() + " ratings, " + numUsers + " users, " + numItems + " items]";
  }
}
