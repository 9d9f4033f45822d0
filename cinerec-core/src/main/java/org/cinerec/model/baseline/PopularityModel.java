package org.cinerec.model.baseline;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * The non-personalised model: every user gets the same ranking.
 *
 * <p>Each movie i with n_i training ratings summing to S_i gets the damped (Bayesian-average) mean
 * <pre>  b̄_i = (S_i + m·μ) / (n_i + m)</pre>
 * where μ is the global mean and m the damping ({@code --damping}): a prior of m virtual ratings at μ, so a
 * movie with one 5-star rating does not outrank one with hundreds of 4.5s (the IMDb top-250 formula;
 * Funk's "Netflix update", 2006). {@link #predict} always returns b̄_i (μ for an unknown movie), for every
 * user. The ranking score is n_i with {@code --score count} (most rated first) or b̄_i with
 * {@code --score bayes}; ties go to the lower item index. The model has no notion of similarity
 * between movies ({@link #hasItemSimilarity} is false): the list would be the same for every movie.
 *
 * <p>Fold-in ({@link #foldIn}): nothing about a user enters this model, so a history gets what every training
 * user gets: the same scores and predictions as {@code scorer(-1)}. Exact, trivially; {@link
 * #ranksPersonally()} is false. {@link UserScorer#personal()} follows cinerec's meaning of the word, "the
 * model knows this user" (serving reports it as such, e.g. whether the user has ratings the model uses),
 * as {@code scorer(u)} does for a training user: true for a history with at least one movie that had
 * training ratings, false for an empty history or one of only movies without them (then it is
 * {@code scorer(-1)} itself).
 */
final class PopularityModel extends TrainedModel {
  static final String KIND = "popularity";

  private final boolean byCount;
  private final float globalMean;
  private final int[] counts;
  private final float[] dampedMean;

  PopularityModel(IdIndex users, IdIndex items, ModelInfo info, boolean byCount, float globalMean, int[] counts,
      float[] dampedMean, TrainingItems rated) {
    super(KIND, info, users, items, rated);
    this.byCount = byCount;
    this.globalMean = globalMean;
    this.counts = counts;
    this.dampedMean = dampedMean;
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public float predict(int user, int item) {
    return item < 0 ? globalMean : dampedMean[item];
  }

  @Override
  public void scoreItems(int user, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = byCount ? counts[i] : dampedMean[i];
    }
  }

  /** A history's scorer: the scores every user gets (see the class comment). */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    boolean any = false;
    for (int k = 0; k < history.size() && !any; k++) {
      any = knowsItem(history.item(k));
    }
    if (!any) {
      return scorer(-1);
    }
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        checkLength(out);
        PopularityModel.this.scoreItems(-1, out);
      }

      @Override
      public float predict(int item) {
        return PopularityModel.this.predict(-1, item);
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }

  @Override
  public boolean ranksPersonally() {
    return false;
  }

  @Override
  public boolean hasItemSimilarity() {
    return false;
  }

  @Override
  public void similarItems(int item, float[] out) {
    throw new UnsupportedOperationException("the popularity model has no similarity between movies");
  }

  /** Not personal for anyone; only a movie nobody rated in training falls back, to μ. */
  @Override
  public String fallback(int user, int item) {
    return knowsItem(item) ? null : "the global mean μ";
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putInts("popularity.by_count", new int[] {byCount ? 1 : 0});
    out.putDouble("popularity.global_mean", globalMean);
    out.putInts("popularity.counts", counts);
    out.putFloats("popularity.damped_mean", dampedMean);
    trainingItems().write(out, "rated");
  }

  static PopularityModel read(ModelReader in) {
    return new PopularityModel(in.users(), in.items(), in.info(), in.ints("popularity.by_count")[0] == 1,
        (float) in.getDouble("popularity.global_mean"), in.ints("popularity.counts"),
        in.floats("popularity.damped_mean"), TrainingItems.read(in, "rated"));
  }
}
