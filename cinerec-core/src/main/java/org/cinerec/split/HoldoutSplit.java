package org.cinerec.split;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/**
 * Holdout: the first {@code floor(n * (1 - fraction))} rows are train, the rest test (the same count
 * as {@code peers/split.py}: 80,668 / 20,168 on ml-latest-small). Shuffled ({@code random:F:SEED}) the
 * rows are first permuted with {@link Rng#permutation} seeded by SEED, and train and test keep that
 * shuffled order (the order an SGD trainer that does not reshuffle would see, as in the TFRS
 * tutorial's shuffle-then-take). Ordered ({@code ordered:F}) keeps file order: on a file sorted by user
 * (MovieLens is) the test set is then the last ~20% of users, almost none of whom appear in training.
 *
 * <p>Deviation: Python's {@code random.Random(42).shuffle} is not reproduced, so {@code random:0.2:42}
 * has the peers' counts but not their rows; use {@code files:train.csv,test.csv} for the peers' rows.
 */
public final class HoldoutSplit implements SplitSpec {
  private final boolean shuffled;
  private final double fraction;
  private final long seed;

  /** {@code fraction} is the test share, in (0, 1). */
  public HoldoutSplit(boolean shuffled, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction " + fraction + " outside (0, 1)");
    }
    this.shuffled = shuffled;
    this.fraction = fraction;
    this.seed = seed;
  }

  @Override
  public String spec() {
    return shuffled ? "random:" + SplitSpec.fmt(fraction) + ":" + seed : "ordered:" + SplitSpec.fmt(fraction);
  }

  /** Number of train rows for n rows: {@code floor(n * (1 - fraction))}, as split.py computes it. */
  public int trainCount(int n) {
    return (int) (n * (1.0 - fraction));
  }

  @Override
  public Split apply(Dataset data) {
    return apply(data.ratings());
  }

  public Split apply(Ratings ratings) {
    int n = ratings.size();
    int[] order;
    if (shuffled) {
      order = new Rng(seed).permutation(n);
    } else {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }
    int nTrain = trainCount(n);
    return new Split(ratings.select(java.util.Arrays.copyOfRange(order, 0, nTrain)),
        ratings.select(java.util.Arrays.copyOfRange(order, nTrain, n)), spec());
  }

  @Override
  public String toString() {
    return spec();
  }
}
