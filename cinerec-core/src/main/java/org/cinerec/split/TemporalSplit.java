package org.cinerec.split;

import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;

/**
 * Per-user temporal split: each user's ratings are ordered by timestamp (ties by row order) and the
 * latest go to test: the last N ({@code temporal:N}) or the last {@code n_u - floor(n_u * (1 - F))}
 * ({@code temporal-fraction:F}). Every user keeps at least one training rating, so a user with
 * {@code n_u <= N} ratings gives only {@code n_u - 1} to test. Train and test keep file order. This is
 * the "predict what the user watches next" protocol (leave-one-out for N = 1).
 */
public final class TemporalSplit implements SplitSpec {
  private final int lastN;
  private final double fraction;

  private TemporalSplit(int lastN, double fraction) {
    this.lastN = lastN;
    this.fraction = fraction;
  }

  /** Each user's N latest ratings are test. */
  public static TemporalSplit lastN(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("N " + n + " must be at least 1");
    }
    return new TemporalSplit(n, 0);
  }

  /** Each user's latest {@code fraction} of ratings are test. */
  public static TemporalSplit lastFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction " + fraction + " outside (0, 1)");
    }
    return new TemporalSplit(0, fraction);
  }

  @Override
  public String spec() {
    return lastN > 0 ? "temporal:" + lastN : "temporal-fraction:" + SplitSpec.fmt(fraction);
  }

  /** How many of a user's {@code count} ratings go to test. */
  int testCount(int count) {
    int t = lastN > 0 ? lastN : count - (int) (count * (1.0 - fraction));
    return Math.max(0, Math.min(t, count - 1));
  }

  @Override
  public Split apply(Dataset data) {
    return apply(data.ratings());
  }

  public Split apply(Ratings ratings) {
    int n = ratings.size();
    CsrIndex byUser = ratings.byUser();
    int[] pos = byUser.positions();
    int[] time = ratings.packedTimestamps();
    boolean[] isTest = new boolean[n];
    long[] scratch = new long[16];
    int nTest = 0;
    for (int u = 0; u < byUser.numKeys(); u++) {
      int start = byUser.start(u);
      int count = byUser.count(u);
      int t = testCount(count);
      if (t == 0) {
        continue;
      }
      if (scratch.length < count) {
        scratch = new long[Math.max(count, scratch.length * 2)];
      }
      for (int j = 0; j < count; j++) {
        int p = pos[start + j];
        scratch[j] = (Integer.toUnsignedLong(time[p]) << 32) | p; // time, then row: one long sort
      }
      Arrays.sort(scratch, 0, count);
      for (int j = count - t; j < count; j++) {
        isTest[(int) scratch[j]] = true;
      }
      nTest += t;
    }
    return Split.ofMask(ratings, isTest, nTest, spec());
  }

  @Override
  public String toString() {
    return spec();
  }
}
