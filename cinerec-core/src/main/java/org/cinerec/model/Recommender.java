package org.cinerec.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
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

  /**
   * Similarity of every item to this one into {@code out} (the item itself included). Only for models
   * with {@link #hasItemSimilarity()}; the others throw {@link UnsupportedOperationException}.
   */
  void similarItems(int item, float[] out);

  /**
   * {@link #similarItems}'s row for {@code item} at the movies {@code others} only: {@code out[t]} is what the
   * whole row holds at {@code others[t]}, bit for bit. For explaining a recommendation by the movies a user
   * rated, which are few next to the catalogue. The default computes the whole row; a model whose row costs
   * more than a few of its entries (ease) computes only these.
   */
  default void similarities(int item, int[] others, float[] out) {
    if (out.length < others.length) {
      throw new IllegalArgumentException("output length " + out.length + " < " + others.length + " movies");
    }
    float[] row = new float[items().size()];
    similarItems(item, row);
    for (int t = 0; t < others.length; t++) {
      out[t] = row[others[t]];
    }
  }

  /**
   * Whether the model compares movies with each other ({@link #similarItems}): true for the models that
   * learn something per movie beyond one number (factors, embeddings, co-rating weights); false for
   * popularity and baseline, which only order movies by one per-movie score, so a "similar movies" list
   * would be the same list, or a list of movies with a similar score, whatever the movie.
   */
  default boolean hasItemSimilarity() {
    return true;
  }

  /**
   * True when the movie had ratings in the training data, so the model learned something about it; false
   * for -1 and for vocabulary movies seen only outside training (e.g. only in the test part). Trained
   * models answer from their training items ({@link TrainedModel}); this default knows only the vocabulary.
   */
  default boolean knowsItem(int item) {
    return item >= 0 && item < items().size();
  }

  /**
   * What {@link #predict} answers for this pair when it cannot be personal, in words (e.g. "the global
   * mean plus the movie's bias, μ + b_i"), or null when it uses what the model learned about both the
   * user and the movie — or is the same for every user anyway (popularity). Cold sides: a user without
   * training ratings ({@link #knowsUser}), a movie without them ({@link #knowsItem}), or -1.
   */
  default String fallback(int user, int item) {
    return knowsUser(user) && knowsItem(item) ? null : "the model's non-personal estimate";
  }

  /**
   * Throws a {@link CinerecException} (bad input) saying why {@link #similar} would mean nothing for this
   * movie: the model has no similarity between movies, or the movie had no training ratings (its vector
   * or row is still at its initial value: cosines of a random vector, or all zeros). {@code movie} names
   * the movie in the message (e.g. its title and id).
   */
  default void requireSimilarity(int item, String movie) {
    if (!hasItemSimilarity()) {
      throw new CinerecException("the " + kind() + " model has no similarity between movies: it orders all "
          + "movies by one number, so its list would be the same for any movie; use a model that compares "
          + "movies (mf, svdpp, als, ials, bpmf, itemknn, bpr, ease, rp3beta, multitask or blend)");
    }
    if (!knowsItem(item)) {
      throw new CinerecException(movie + " has no ratings in the " + kind() + " model's training data, so the "
          + "model learned nothing to compare it by; pick a movie with training ratings");
    }
  }

  /**
   * The scorer of a training user as trained (or of the non-personal fallback for -1): exactly what
   * {@link #scoreItems} and {@link #predict} give for that user.
   */
  default UserScorer scorer(int user) {
    Recommender model = this;
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        model.scoreItems(user, out);
      }

      @Override
      public float predict(int item) {
        return model.predict(user, item);
      }

      @Override
      public void predictItems(float[] out) {
        model.predictItems(user, out);
      }

      @Override
      public boolean personal() {
        return model.knowsUser(user);
      }
    };
  }

  /**
   * {@link #predict} of every item for a training user (or the fallback for -1) into {@code out}: the same
   * values as one call per item, which is what this default makes.
   */
  default void predictItems(int user, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = predict(user, i);
    }
  }

  /**
   * Fold-in: the scorer of a user known only by this history (this model's item indices and ratings on
   * the data's scale), with everything learned in training held fixed. It depends only on the history (not
   * on the order its ratings came in); an empty history gives the non-personal fallback, as
   * {@code scorer(-1)} does. Each family's class comment says how it folds a user in and where that is an
   * approximation (factor models solve the user's vector exactly as training would with the items fixed;
   * neighbourhood models score the history directly; gradient-trained embeddings take a few deterministic
   * steps).
   */
  default UserScorer foldIn(History history) {
    throw new UnsupportedOperationException("the " + kind() + " model cannot fold in a new user yet");
  }

  /**
   * The user attributes (demographics such as age, gender, occupation) this model's fold-in can take, each
   * with the values it knows, in order; empty for a model whose user side has no attributes (every family
   * but {@code multitask --user-features}). An age is known by its decade: {@code "20"} stands for 20–29.
   */
  default Map<String, List<String>> userAttributes() {
    return Map.of();
  }

  /**
   * Fold-in of a user who also gave her attributes (name to value, as {@link #userAttributes} lists them; an
   * age may be given in years): a model with user attributes starts her, and centres her prior, on the
   * training users' mean with its attribute parts replaced by hers, so even an empty history is personal. A
   * blank value is "not told". Every other model ignores the attributes ({@link #foldIn(History)}). An
   * attribute or value the model does not know is an {@link IllegalArgumentException} naming it and what the
   * model knows.
   */
  default UserScorer foldIn(History history, Map<String, String> attributes) {
    return foldIn(history);
  }

  /**
   * Whether users can get different orders of movies. False for the models that rank every movie by one
   * number of its own, the same for everyone (popularity; baseline, whose user bias shifts every score
   * alike): for them no history changes a ranking, though fold-in may still change predicted ratings.
   */
  default boolean ranksPersonally() {
    return true;
  }

  /** Writes the model's own tensors and settings; {@link ModelFiles} wraps them. */
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

  /**
   * The k items most similar to this one, itself excluded. Throws when that would mean nothing
   * ({@link #requireSimilarity}).
   */
  default ScoredItems similar(int item, int k) {
    requireSimilarity(item, "movie " + (item >= 0 && item < items().size() ? items().id(item) : "#" + item));
    float[] scores = new float[items().size()];
    similarItems(item, scores);
    scores[item] = Float.NEGATIVE_INFINITY;
    int[] top = TopK.select(scores, k);
    return ScoredItems.of(top, scores);
  }
}
