package org.cinerec.bench.load;

import java.nio.file.Path;
import java.util.Objects;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataSources;

/**
 * The ids a scenario draws from: users, movies (those with ratings, which every model knows) and the rating
 * values of the scale.
 *
 * @param users   user ids
 * @param movies  movie ids
 * @param ratings rating values to draw, such as 0.5, 1.0 ... 5.0
 */
public record IdPool(String[] users, String[] movies, double[] ratings) {
  public IdPool {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(movies, "movies");
    if (ratings == null || ratings.length == 0) {
      throw new IllegalArgumentException("an id pool needs at least one rating value");
    }
  }

  /** The users and rated movies of the data at {@code data} (any format cinerec reads), on its scale. */
  public static IdPool of(Path data) {
    Dataset d = DataSources.load(data);
    return new IdPool(d.users().ids(), d.items().ids(), values(d.scale()));
  }

  /** Users {@code 1..users} and movies {@code 1..movies}, on half stars: for tests and synthetic servers. */
  public static IdPool numbered(int users, int movies) {
    String[] u = new String[users];
    for (int i = 0; i < users; i++) {
      u[i] = Integer.toString(i + 1);
    }
    String[] m = new String[movies];
    for (int i = 0; i < movies; i++) {
      m[i] = Integer.toString(i + 1);
    }
    return new IdPool(u, m, values(RatingScale.HALF_STARS));
  }

  /** The allowed values of a stepped scale, or min, the midpoint and max of a continuous one. */
  static double[] values(RatingScale s) {
    int n = s.values();
    if (n == 0 || n > 1000) {
      return new double[] {s.min(), (s.min() + s.max()) / 2, s.max()};
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = s.min() + i * s.step();
    }
    return v;
  }
}
