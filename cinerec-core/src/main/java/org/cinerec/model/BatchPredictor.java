package org.cinerec.model;

/**
 * Optional: a model that predicts many (user, item) pairs faster together than one by one (for example
 * a batched MLP). The {@link org.cinerec.eval.Evaluator} calls it once, from the caller's thread, with
 * every test pair, so the model may use {@link org.cinerec.math.Parallel} inside.
 */
public interface BatchPredictor {

  /**
   * {@code out[j] = predict(users[j], items[j])} for every j; indices may be -1 (unknown), as in
   * {@link Recommender#predict}.
   */
  void predict(int[] users, int[] items, float[] out);
}
