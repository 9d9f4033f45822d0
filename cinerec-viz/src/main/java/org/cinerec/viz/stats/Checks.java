package org.cinerec.viz.stats;

import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;

/** Argument checks shared by the statistics: one clear message each. */
final class Checks {
  private Checks() {}

  /** Throws when there is nothing to draw. */
  static void nonEmpty(Ratings ratings, String picture) {
    if (ratings.size() == 0) {
      throw new CinerecException("the dataset has no ratings, so there is nothing to draw in \"" + picture
          + "\"; check the data path and the preparation report (cinerec info DATA)");
    }
  }

  static void nonEmpty(Dataset data, String picture) {
    nonEmpty(data.ratings(), picture);
  }

  static void positive(String flag, double value) {
    if (!(value > 0)) {
      throw CinerecException.usage(flag + " must be positive, got " + value);
    }
  }
}
