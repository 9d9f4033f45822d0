package org.cinerec.model;

import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/** Removes items from a user's candidate list by setting their scores to {@code -Infinity}. */
@FunctionalInterface
public interface ItemFilter {

  void apply(int user, float[] scores);

  /** Excludes the movies the user rated in these ratings (typically the training ratings). */
  static ItemFilter rated(Ratings ratings) {
    CsrIndex byUser = ratings.byUser();
    int[] items = ratings.items();
    int[] positions = byUser.positions();
    return (user, scores) -> {
      if (user < 0 || user >= byUser.numKeys()) {
        return;
      }
      for (int p = byUser.start(user); p < byUser.end(user); p++) {
        scores[items[positions[p]]] = Float.NEGATIVE_INFINITY;
      }
    };
  }

  /** Excludes nothing. */
  static ItemFilter none() {
    return (user, scores) -> { };
  }
}
