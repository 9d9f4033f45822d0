package org.cinerec.model;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.math.TopK;
import org.cinerec.store.ModelWriter;

/**
 * A trained model: immutable, thread-safe for reads, holding only what prediction needs plus its
 * {@link ModelInfo}. Users and items are dense indices into {@link #users()} and {@link #items()}; a user
 * or item index of -1 means "unknown" (not in the training vocabulary) and gets the model's fallback.
 */
public interface Recommender {

  /** The family id, e.g. "mf" or "multitask" (see {@link ModelFamilies}). */
  String kind();

  /** The user vocabulary the model was trained with. */
  IdIndex users();

  /** The item vocabulary: every movie the model can rank. */
  IdIndex items();

  /** How the model was made: config, data fingerprint, seed, versions, training history. */
  ModelInfo info();

  /**
   * True when {@link #predict} returns a rating on the data's scale; false for models that only rank
   * (their {@code predict} returns a ranking score).
   */
  boolean predictsRatings();

  /**
   * Predicted rating of item by user (or ranking score, see {@link #predictsRatings()}). Either index may
   * be -1 for unknown; the model then falls back (e.g. to biases or the global mean).
   */
  float predict(int user, int item);

  /**
   * Ranking scores of every item for this user into {@code out} (length {@code items().size()}); higher
   * is better. The user may be -1 (unknown): models then score by their non-personal fallback.
   */
  void scoreItems(int user, float[] out);

  /** Similarity of every item to this one into {@code out} (the item itself included). */
  void similarItems(int item, float[] out);

  /** Writes the model's own tensors and settings; {@link org.cinerec.store.ModelFile} wraps them. */
  void write(ModelWriter out) throws IOException;

  /** True when the user had ratings in training (so scores are personal). */
  boolean knowsUser(int user);

  /**
   * The k best items for the user, best first, never returning excluded items (a null filter
   * excludes nothing).
   */
  default ScoredItems recommend(int user, int k, ItemFilter exclude) {
    float[] scores = new float[items().size()];
    scoreItems(user, scores);
    if (exclude != null) {
      exclude.apply(user, scores);
    }
    int[] top = TopK.select(scores, k);
    return ScoredItems.of(top, scores);
  }

  /** The k items most similar to this one, itself excluded. */
  default ScoredItems similar(int item, int k) {
    float[] scores = new float[items().size()];
    similarItems(item, scores);
    scores[item] = Float.NEGATIVE_INFINITY;
    int[] top = TopK.select(scores, k);
    return ScoredItems.of(top, scores);
  }
}
