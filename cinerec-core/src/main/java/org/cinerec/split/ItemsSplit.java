package org.cinerec.split;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.data.XxHash64;

/**
 * Item cold-start split ({@code items:F:SEED}): whole movies are held out. A movie is new (all its ratings
 * test, none in training) when a hash of (SEED, movie id) falls in the lowest fraction F of the 64-bit range;
 * every other movie keeps all its ratings in training. So the test part asks what item cold start asks:
 * which of the movies nobody has rated yet will each user watch. The evaluator ranks only those movies for
 * it (the movies without training ratings, {@link SplitSpec#holdsOutMovies()}), never the whole catalogue.
 *
 * <p>Definition (XXH64 of {@link XxHash64}; {@code mh} as in {@link HashSplit}):
 * <pre>
 *   mh = XXH64(UTF-8 bytes of the canonical movie id, seed 0)
 *   h  = XXH64(int64 mh ‖ int64 0, seed SEED)
 *   new movie  ⇔  (h &gt;&gt;&gt; 11) · 2^-53 &lt; F
 * </pre>
 * Each movie is decided from its id alone, so the same movies are new in any row order, under any
 * vocabulary order, and in a data set with more or fewer users. The number of new movies is binomial over
 * the rated movies (about {@code F} of them), and the test share of the ratings is that of the new movies'
 * ratings, which varies with which movies they are (popular movies weigh more). Train and test keep the
 * data's row order.
 */
public final class ItemsSplit implements SplitSpec {
  private final double fraction;
  private final long seed;

  /** {@code fraction} is the share of movies held out, in (0, 1). */
  public ItemsSplit(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("held-out movie fraction " + fraction + " outside (0, 1)");
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
    return "items:" + SplitSpec.fmt(fraction) + ":" + seed;
  }

  @Override
  public boolean holdsOutMovies() {
    return true;
  }

  /** Whether the movie with this id is held out (new) under this split. */
  public boolean isNew(String movieId) {
    return isNew(seed, fraction, HashSplit.idHash(movieId));
  }

  /** The one decision, from the movie id's hash ({@link HashSplit#idHash}). */
  public static boolean isNew(long seed, double fraction, long movieHash) {
    return (XxHash64.hash16(movieHash, 0L, seed) >>> 11) * 0x1.0p-53 < fraction;
  }

  @Override
  public Split apply(Dataset data) {
    Ratings r = data.ratings();
    boolean[] held = new boolean[data.numItems()];
    for (int i = 0; i < held.length; i++) {
      held[i] = isNew(seed, fraction, XxHash64.hash(data.items().key(i)));
    }
    int n = r.size();
    boolean[] isTest = new boolean[n];
    int nTest = 0;
    for (int p = 0; p < n; p++) {
      if (held[r.item(p)]) {
        isTest[p] = true;
        nTest++;
      }
    }
    return Split.ofMask(r, isTest, nTest, spec());
  }

  @Override
  public String toString() {
    return spec();
  }
}
