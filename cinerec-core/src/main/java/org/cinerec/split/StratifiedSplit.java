package org.cinerec.split;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/**
 * Per-user stratified random split ({@code stratified:F:SEED}), as Microsoft Recommenders'
 * {@code python_stratified_split(data, ratio=1-F, filter_by="user", seed=SEED)}: each user's ratings are
 * put in a random order and the first {@code train(n)} are train, the rest test, so every user keeps
 * about {@code 1-F} of their ratings in training.
 *
 * <p>The cut, as Recommenders computes it: a user's rating at random rank {@code j} (1-based) of
 * {@code n} is train when {@code j / n <= 1 - F} (in doubles, {@code 1 - F} taken in decimal: 0.1 for F = 0.9), so {@code train(n) = floor((1-F)·n)} and
 * {@code test(n) = n - train(n)}; not {@code round()} (that is {@code numpy_stratified_split}'s). For
 * {@code F = 0.25}: n = 2, 3, 4, 5, 8 give 1, 1, 1, 2, 2 test ratings. Two deviations, both for users
 * Recommenders would leave with an empty side: a user with one rating stays in training (Recommenders
 * puts it in test, {@code 1/1 > 0.75}), and for {@code F > 0.5} a user with at least two ratings keeps
 * one in training ({@code train(n) >= 1}). So every user with at least two ratings has at least one on
 * each side, and for {@code F <= 0.5} users with two or more ratings are cut exactly as Recommenders cuts.
 *
 * <p>The random order is not Recommenders' (numpy draws per row in file order): here it does not depend
 * on the data's row order or on its dense indices. Each user's ratings are sorted by movie id (numeric ids
 * numerically, as {@link IdIndex#key} reads them; then rating, timestamp), then shuffled (Fisher–Yates)
 * with a generator seeded by SEED and the user's id ({@link Rng#forShard} with {@link HashSplit#idHash}).
 * The same ratings in any order, under any vocabulary order, give the same (user id, movie id) pairs on
 * each side. Train and test keep the data's row order.
 */
public final class StratifiedSplit implements SplitSpec {
  private final double fraction;
  private final long seed;
  private final double trainRatio;

  /** {@code fraction} is the test share, in (0, 1). */
  public StratifiedSplit(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction " + fraction + " outside (0, 1)");
    }
    this.fraction = fraction;
    this.seed = seed;
    // 1 - F in decimal, then to a double: the ratio a Recommenders user would write (0.1 for F = 0.9, where
    // 1.0 - 0.9 in doubles is 0.09999999999999998)
    this.trainRatio = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(fraction))).doubleValue();
  }

  public double fraction() {
    return fraction;
  }

  public long seed() {
    return seed;
  }

  @Override
  public String spec() {
    return "stratified:" + SplitSpec.fmt(fraction) + ":" + seed;
  }

  /**
   * How many of a user's {@code n} ratings stay in training: the number of ranks {@code j} in
   * {@code 1..n} with {@code j / n <= 1 - F} (Recommenders' comparison), at least 1 when {@code n >= 2},
   * and {@code n} when {@code n < 2}.
   */
  public int trainCount(int n) {
    if (n < 2) {
      return n;
    }
    double ratio = trainRatio;
    int t = (int) Math.floor(ratio * n);
    while (t < n && (double) (t + 1) / n <= ratio) {
      t++;
    }
    while (t > 0 && !((double) t / n <= ratio)) {
      t--;
    }
    return Math.max(1, t);
  }

  @Override
  public Split apply(Dataset data) {
    Ratings r = data.ratings();
    int n = r.size();
    int[] itemRank = order(data.items());
    CsrIndex byUser = r.byUser();
    int[] pos = byUser.positions();
    boolean[] isTest = new boolean[n];
    int nTest = 0;
    Integer[] rows = new Integer[16];
    for (int u = 0; u < byUser.numKeys(); u++) {
      int count = byUser.count(u);
      int t = count - trainCount(count);
      if (t == 0) {
        continue;
      }
      if (rows.length < count) {
        rows = new Integer[Math.max(count, 2 * rows.length)];
      }
      for (int j = 0; j < count; j++) {
        rows[j] = pos[byUser.start(u) + j];
      }
      Arrays.sort(rows, 0, count, Comparator.<Integer>comparingInt(p -> itemRank[r.item(p)])
          .thenComparingDouble(p -> r.rating(p)).thenComparingLong(p -> r.timestamp(p)));
      int[] sorted = new int[count];
      for (int j = 0; j < count; j++) {
        sorted[j] = rows[j];
      }
      Rng.forShard(seed, HashSplit.idHash(data.users().id(u))).shuffle(sorted);
      for (int j = count - t; j < count; j++) {
        isTest[sorted[j]] = true;
      }
      nTest += t;
    }
    return Split.ofMask(r, isTest, nTest, spec());
  }

  /**
   * Each movie index's rank when the ids are sorted: all-digit ids (canonical, so no leading zeros) as
   * numbers first, then the others as strings.
   */
  static int[] order(IdIndex items) {
    Integer[] idx = new Integer[items.size()];
    String[] keys = new String[idx.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      keys[i] = items.key(i);
    }
    Arrays.sort(idx, (x, y) -> compareIds(keys[x], keys[y]));
    int[] rank = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      rank[idx[k]] = k;
    }
    return rank;
  }

  private static int compareIds(String a, String b) {
    boolean da = digits(a);
    boolean db = digits(b);
    if (da != db) {
      return da ? -1 : 1;
    }
    if (da && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return spec();
  }
}
