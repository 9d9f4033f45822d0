package org.cinerec.model;

import java.util.Arrays;

/**
 * A user's ratings in a model's item index space: what fold-in ({@link Recommender#foldIn}) takes. Kept
 * sorted by item with one rating per item, so a history does not depend on the order its ratings were
 * given or stored in, and neither does anything computed from it. Immutable.
 *
 * <p>Example: items {@code [7, 2, 5]} with ratings {@code [4, 3.5, 1]} become items {@code [2, 5, 7]},
 * ratings {@code [3.5, 1, 4]}.
 *
 * <p>Ids are resolved before a history is made (a movie the model does not know has no index); the
 * serving path does that and says which ids it left out.
 */
public final class History {
  /** No ratings: fold-in gives the model's non-personal fallback. */
  public static final History EMPTY = new History(new int[0], new float[0]);

  private final int[] items;
  private final float[] ratings;

  private History(int[] items, float[] ratings) {
    this.items = items;
    this.ratings = ratings;
  }

  /**
   * A history of these item indices and ratings (copied, sorted by item). An item twice, a negative item
   * or a non-finite rating is an {@link IllegalArgumentException} naming it.
   */
  public static History of(int[] items, float[] ratings) {
    if (items.length != ratings.length) {
      throw new IllegalArgumentException("items and ratings differ in length: " + items.length + " != "
          + ratings.length);
    }
    int n = items.length;
    long[] packed = new long[n]; // item high, position low: sorts by item, keeps each rating with its item
    for (int k = 0; k < n; k++) {
      if (items[k] < 0) {
        throw new IllegalArgumentException("item index " + items[k] + " at position " + k + " is negative");
      }
      if (!Float.isFinite(ratings[k])) {
        throw new IllegalArgumentException("rating " + ratings[k] + " of item " + items[k] + " is not finite");
      }
      packed[k] = ((long) items[k] << 32) | k;
    }
    Arrays.sort(packed);
    int[] it = new int[n];
    float[] r = new float[n];
    for (int k = 0; k < n; k++) {
      it[k] = (int) (packed[k] >>> 32);
      r[k] = ratings[(int) packed[k]];
      if (k > 0 && it[k] == it[k - 1]) {
        throw new IllegalArgumentException("item " + it[k] + " is rated twice in one history");
      }
    }
    return new History(it, r);
  }

  /** Number of rated items. */
  public int size() {
    return items.length;
  }

  /** The k-th rated item, in increasing item order. */
  public int item(int k) {
    return items[k];
  }

  /** The rating of the k-th item. */
  public float rating(int k) {
    return ratings[k];
  }

  /** A copy of the items, increasing. */
  public int[] items() {
    return items.clone();
  }

  /** A copy of the ratings, in item order. */
  public float[] ratings() {
    return ratings.clone();
  }

  /** Mean rating, or NaN when empty. */
  public double mean() {
    double s = 0;
    for (float r : ratings) {
      s += r;
    }
    return items.length == 0 ? Double.NaN : s / items.length;
  }

  /** Throws unless every item is below {@code numItems} (a model checks its own vocabulary size). */
  public void requireItemsBelow(int numItems) {
    if (items.length > 0 && items[items.length - 1] >= numItems) {
      throw new IllegalArgumentException("item index " + items[items.length - 1] + " is outside the model's "
          + numItems + " items");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && Arrays.equals(items, h.items) && Arrays.equals(ratings, h.ratings);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(items) + Arrays.hashCode(ratings);
  }

  @Override
  public String toString() {
    return "History[" + items.length + " ratings]";
  }
}
