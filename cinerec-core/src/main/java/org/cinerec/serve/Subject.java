package org.cinerec.serve;

import java.util.List;
import org.cinerec.model.History;
import org.cinerec.model.UserScorer;

/**
 * Whom a recommendation or prediction is for.
 *
 * <ul>
 *   <li>{@link User}: a user of the training data, by external id, scored exactly as trained
 *   ({@link org.cinerec.model.Recommender#scorer(int)}); their rated movies are the training movies the model
 *   file keeps (without the ratings), and any ratings of theirs the caller knows.</li>
 *   <li>{@link Scored}: a scorer the caller made (the service folds a user's stored history in itself), with
 *   the history it came from: the history is what the user rated (left out, and named in reasons with its
 *   ratings).</li>
 *   <li>{@link Anonymous}: a history given as (movie id, rating) pairs, folded in on the fly
 *   ({@link org.cinerec.model.Recommender#foldIn}); ids the model does not know are left out and named in a
 *   note.</li>
 * </ul>
 */
public sealed interface Subject {

  /**
   * A training user by external id, scored as trained. {@code ratings} are ratings of theirs known from
   * elsewhere (a ratings store, the data file), in the model's item indices, possibly empty: they are left out
   * with the training movies, and reasons then name them with their ratings.
   */
  record User(String id, History ratings) implements Subject {
    public User {
      if (id == null) {
        throw new IllegalArgumentException("user id is null");
      }
      ratings = ratings == null ? History.EMPTY : ratings;
    }

    /** A training user with no ratings known beyond the model file's. */
    public User(String id) {
      this(id, History.EMPTY);
    }
  }

  /**
   * A caller's scorer with the history (model item indices) it stands for; {@code label} names the user in
   * results (e.g. their id), or null.
   */
  record Scored(UserScorer scorer, History history, String label) implements Subject {
    public Scored {
      if (scorer == null) {
        throw new IllegalArgumentException("scorer is null");
      }
      history = history == null ? History.EMPTY : history;
    }
  }

  /**
   * A user known only by these ratings and the attributes she told (name to value, e.g. {@code age=34}; empty
   * when none), which a model with user attributes folds in with them ({@link
   * org.cinerec.model.Recommender#foldIn(History, java.util.Map)}).
   */
  record Anonymous(List<MovieRating> ratings, java.util.Map<String, String> attributes) implements Subject {
    public Anonymous {
      ratings = List.copyOf(ratings);
      attributes = attributes == null ? java.util.Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** A user known only by these ratings. */
    public Anonymous(List<MovieRating> ratings) {
      this(ratings, java.util.Map.of());
    }
  }

  static Subject user(String id) {
    return new User(id);
  }

  static Subject user(String id, History ratings) {
    return new User(id, ratings);
  }

  static Subject scored(UserScorer scorer, History history, String label) {
    return new Scored(scorer, history, label);
  }

  static Subject anonymous(List<MovieRating> ratings) {
    return new Anonymous(ratings);
  }

  static Subject anonymous(List<MovieRating> ratings, java.util.Map<String, String> attributes) {
    return new Anonymous(ratings, attributes);
  }
}
