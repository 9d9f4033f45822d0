package org.cinerec.model;

/**
 * One user's view of a trained model: a training user as trained ({@link Recommender#scorer(int)}) or a
 * user known only by a history ({@link Recommender#foldIn}). Immutable and safe to use from many threads;
 * it starts no threads. For a training user it answers exactly what {@link Recommender#scoreItems} and
 * {@link Recommender#predict} answer for that user.
 */
public interface UserScorer {

  /** Ranking scores of every item into {@code out} (length: the model's items); higher is better. */
  void scoreItems(float[] out);

  /**
   * Predicted rating of the item (or ranking score for models that only rank; see
   * {@link Recommender#predictsRatings()}); the item may be -1 (unknown), which gets the fallback.
   */
  float predict(int item);

  /**
   * {@link #predict} of every item into {@code out} (length: the model's items), the same values as one call
   * per item (to float rounding: itemknn sums a movie's neighbours in another order; the contract test allows
   * 1e-5); models whose per-item prediction repeats work across items (itemknn walks each movie's
   * neighbour list) override it with one pass over the catalogue.
   */
  default void predictItems(float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = predict(i);
    }
  }

  /** False when this is the model's non-personal fallback (an unknown user, an empty history). */
  boolean personal();

  /**
   * The ranking score of a movie the model did not train on, given by {@link NewMovies#movieVector} of the
   * same model: comparable with {@link #scoreItems}'s scores. Only for models implementing {@link NewMovies}
   * with movie features; the others throw {@link UnsupportedOperationException}.
   */
  default float scoreMovie(float[] movieVector) {
    throw new UnsupportedOperationException("this model cannot score a movie it was not trained on");
  }

  /**
   * A personal scorer over scores computed once (fold-in of models that score a history directly): it
   * hands out copies of {@code scores} (kept, not copied: the caller gives up the array) and predicts an
   * item's score, 0 for -1.
   */
  static UserScorer ofScores(float[] scores) {
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        if (out.length != scores.length) {
          throw new IllegalArgumentException("output length " + out.length + " != items " + scores.length);
        }
        System.arraycopy(scores, 0, out, 0, scores.length);
      }

      @Override
      public float predict(int item) {
        return item < 0 ? 0f : scores[item];
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }
}
