package org.cinerec.split;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/**
 * K-fold cross-validation: the rows are shuffled once with the seed ({@link Rng#permutation}); fold
 * {@code i} is the test set made of the shuffled positions {@code [n*i/k, n*(i+1)/k)} and the rest,
 * in shuffled order, is train (as Surprise's {@code KFold(shuffle=True)} does). The k test sets
 * partition the rows. The last fold of {@code kfold:5:S} has the same test rows as {@code random:0.2:S}.
 */
public final class KFoldSplit implements SplitSpec {
  private final int k;
  private final long seed;
  private final int fold;

  public KFoldSplit(int k, long seed, int fold) {
    if (k < 2 || fold < 0 || fold >= k) {
      throw new IllegalArgumentException("k-fold needs k >= 2 and 0 <= fold < k, got k " + k + ", fold " + fold);
    }
    this.k = k;
    this.seed = seed;
    this.fold = fold;
  }

  @Override
  public String spec() {
    return "kfold:" + k + ":" + seed + ":" + fold;
  }

  @Override
  public int folds() {
    return k;
  }

  /** This fold's number, 0-based. */
  public int foldIndex() {
    return fold;
  }

  @Override
  public KFoldSplit fold(int i) {
    return new KFoldSplit(k, seed, i);
  }

  @Override
  public Split apply(Dataset data) {
    return apply(data.ratings());
  }

  public Split apply(Ratings ratings) {
    int n = ratings.size();
    int[] order = new Rng(seed).permutation(n);
    int from = (int) ((long) n * fold / k);
    int to = (int) ((long) n * (fold + 1) / k);
    int[] test = java.util.Arrays.copyOfRange(order, from, to);
    int[] train = new int[n - test.length];
    System.arraycopy(order, 0, train, 0, from);
    System.arraycopy(order, to, train, from, n - to);
    return new Split(ratings.select(train), ratings.select(test), spec());
  }

  @Override
  public String toString() {
    return spec();
  }
}
