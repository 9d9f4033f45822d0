package org.cinerec.model.graph;

import java.io.IOException;
import java.util.Arrays;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * RP3β, "Updatable, accurate, diverse, and scalable recommendations for interactive applications" (Paudel,
 * Christoffel, Newell &amp; Bernstein, ACM TiiS 7(1), 2017, doi:10.1145/2955101), in the form Dacrema,
 * Cremonesi &amp; Jannach evaluate it ("Are we really making much progress?", RecSys 2019,
 * arXiv:1907.06902): a random walk of three steps user → item → user → item on the bipartite graph of the
 * binary user×item matrix X (1 = the user rated the movie, whatever the rating), with the last step divided by
 * the target's popularity:
 *
 * <pre>
 *   P_ui = (x_ui / |I_u|)^α,   P_iu = (x_ui / |U_i|)^α                  (row-normalised transitions, to the power α)
 *   W_ij = (Σ_u P_iu P_uj) / pop(j)^β,   pop(j) = |U_j|,   W_ii = 0
 *   score_uj = Σ_{i ∈ I_u} W_ij = (x_u W)_j
 * </pre>
 *
 * Only each item's {@code neighbours} largest W_ij are kept (ties: the lower item index), and with
 * {@code normalize} each kept row is divided by its sum. Symbols: {@code alpha} = α, {@code beta} = β,
 * {@code neighbours} = k; W lives in {@link Rp3BetaScorer} (sparse rows), fitted by {@link Rp3BetaTrainer}.
 * There is no loss: W is the closed-form walk, deterministic and independent of the thread count.
 *
 * <p>Deviations from the paper, each as in Dacrema et al.'s implementation: (1) the paper's walk starts from
 * the user's row of P_ui, {@code p_u = P_u· W}; for binary X that row is {@code x_u / |I_u|^α}, the same
 * number for every movie of the user, so scoring {@code x_u W} orders every user's movies exactly as the
 * paper does (the scores differ by that user's factor only); (2) the top-k pruning of W and (3) the optional
 * L1 row normalisation are not in the paper (it ranks with the full P³); (4) the diagonal W_ii is set to 0
 * (an item does not recommend itself through the walk back to it); (5) the power α on the transitions is
 * Cooper et al.'s P³_α (WWW 2014 companion), which Paudel et al. compare against rather than use.
 *
 * <p>Only items with training ratings have rows and columns in W: an item nobody rated scores 0 for everyone
 * and is similar to nothing. <b>Ranks only</b>: {@link #predictsRatings()} is false; {@link #predict} returns
 * the score. Unknown users (index -1 or no training ratings) are ranked by popularity (number of training
 * raters). {@link #similarItems} gives row i of W (0 outside the kept neighbours and for the item itself).
 *
 * <p><b>Fold-in</b> ({@link #foldIn}): exact. A history's score is {@code x_h W} over its movies with
 * training ratings, whatever the ratings, the very sum a training user's row gives; W is not refitted, so the
 * new user does not enter the popularity counts nor the other users' walks.
 */
public final class Rp3BetaModel extends TrainedModel {
  private final Rp3BetaScorer w;
  private final float[] popularity;

  Rp3BetaModel(ModelInfo info, IdIndex users, IdIndex items, Rp3BetaScorer w, TrainingItems rated) {
    super(Rp3BetaFamily.KIND, info, users, items, rated);
    if (w.numItems() != items.size()) {
      throw new IllegalArgumentException("W has " + w.numItems() + " rows for " + items.size() + " items");
    }
    this.w = w;
    int[] raters = rated.raters(items.size());
    this.popularity = new float[raters.length];
    for (int i = 0; i < raters.length; i++) {
      popularity[i] = raters[i];
    }
  }

  /** False: RP3β only ranks; {@link #predict} is a score, not a rating. */
  @Override
  public boolean predictsRatings() {
    return false;
  }

  /** Number of kept (item, neighbour) weights of W (for memory reports). */
  public long storedWeights() {
    return w.storedWeights();
  }

  @Override
  public float predict(int user, int item) {
    if (item < 0) {
      return 0f;
    }
    if (!knowsUser(user)) {
      return popularity[item];
    }
    int[] rated = trainingItems().items(user);
    return (float) w.scoreOne(rated, 0, rated.length, item);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    if (!knowsUser(user)) {
      System.arraycopy(popularity, 0, out, 0, out.length);
      return;
    }
    int[] rated = trainingItems().items(user);
    score(rated, rated.length, out);
  }

  /** {@code out = x W} for the user who rated {@code rated[0..m)}. */
  private void score(int[] rated, int m, float[] out) {
    double[] s = new double[out.length];
    w.scoreUser(rated, 0, m, s);
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) s[j];
    }
  }

  /**
   * The scorer of a user known only by this history: {@code x W} over its movies with training ratings
   * (binary; see the class comment), computed once here (cost: one user's scoring). A history of movies none
   * of which had training ratings gets the fallback, as an empty one does.
   */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    int[] known = new int[history.size()];
    int m = 0;
    for (int k = 0; k < history.size(); k++) {
      if (knowsItem(history.item(k))) {
        known[m++] = history.item(k); // a history is sorted by item, as a training user's row is
      }
    }
    if (m == 0) {
      return scorer(-1);
    }
    float[] scores = new float[items().size()];
    score(known, m, scores);
    return UserScorer.ofScores(scores);
  }

  @Override
  public String fallback(int user, int item) {
    if (!knowsUser(user)) {
      return item < 0 ? "0 (an unknown movie)" : "the movie's popularity (its number of training raters)";
    }
    return knowsItem(item) ? null : "0 (nobody rated the movie, so no walk reaches it)";
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    Arrays.fill(out, 0f);
    if (knowsItem(item)) {
      w.row(item, out);
    }
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    w.write(out);
    trainingItems().write(out, "rp3beta.rated");
  }

  static Rp3BetaModel read(ModelReader in) {
    Rp3BetaScorer w = Rp3BetaScorer.read(in, in.items().size());
    TrainingItems rated = TrainingItems.read(in, "rp3beta.rated");
    if (rated.numUsers() != in.users().size()) {
      throw new org.cinerec.CinerecException("rp3beta model: training items of " + rated.numUsers()
          + " users for a vocabulary of " + in.users().size() + ": damaged file? train it again");
    }
    return new Rp3BetaModel(in.info(), in.users(), in.items(), w, rated);
  }
}
