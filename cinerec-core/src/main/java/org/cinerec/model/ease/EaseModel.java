package org.cinerec.model.ease;

import java.io.IOException;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.math.SparseRows;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.ModelReader;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * EASE^R, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019, arXiv:1905.03375):
 * an item-item weight matrix B with zero diagonal minimising
 *
 * <pre>
 *   ‖X − X B‖²_F + λ ‖B‖²_F   subject to diag(B) = 0
 * </pre>
 *
 * over the binary user×item matrix X (1 = the user rated the movie, whatever the rating). Closed form
 * (eq. 8): {@code P = (XᵀX + λI)⁻¹}, {@code B = I − P·diagMat(1/diag(P))}. A user's score for item j is
 * {@code (x_u B)_j = Σ_{i ∈ I_u} B_ij}. B is held either explicitly ({@link EaseItemGram}) or through the
 * Woodbury identity over users ({@link EaseUserGram}); the {@code solver} parameter picks.
 *
 * <p>Only items with at least one training rating ("active") take part: an item nobody rated has a zero
 * row and column in X, so its column of B is zero and it scores exactly 0 for everyone (the closed form's
 * own answer, kept rather than special-cased), and it is similar to nothing (0).
 *
 * <p><b>Ranks only</b>: {@link #predictsRatings()} is false; {@link #predict} returns the score above.
 * Unknown users (index -1 or no training ratings; {@link #knowsUser} false) are ranked by popularity
 * (number of training ratings). {@link #similarItems} gives row i of B ({@code B_ii = 0}).
 *
 * <p><b>Deviation (optional, off by default)</b>: with {@code recency-half-life h > 0} a user's row is
 * scored as {@code w_u B} instead of {@code x_u B}, where {@code w_ui = 0.5^(age_ui/h)} weighs her recent
 * ratings more ({@link RecencyWeights}; Ding &amp; Li, CIKM 2005). B is fitted on the binary X as in the
 * paper; the weights are kept per training rating in the model file ({@code ease.user_rows.weights}).
 *
 * <p><b>Deviation (optional, off by default)</b>: with {@code adjacency s > 0} B is fitted on a Gram matrix whose
 * pairs count {@code exp(−d/s)} instead of 1, d being how far apart in time one user rated the two movies, in
 * ratings ({@link AdjacencyGram}); scoring, fold-in and the file are EASE's (B alone), so a history needs no
 * times. Data without times (all timestamps equal) is refused: every pair would count 1, plain EASE.
 */
public final class EaseModel extends TrainedModel {
  static final int ITEM_GRAM = 0;
  static final int USER_GRAM = 1;

  private final int[] itemOfActive;
  private final int[] activeOf;
  private final SparseRows userRows;
  private final float[] weights;
  private final float[] popularity;
  private final EaseScorer scorer;

  /** {@code weights}: recency weight of each entry of {@code userRows}, or null for the binary x_u. */
  EaseModel(ModelInfo info, IdIndex users, IdIndex items, int[] itemOfActive, SparseRows userRows, float[] weights,
      float[] popularity, EaseScorer scorer, TrainingItems rated) {
    super(EaseFamily.KIND, info, users, items, rated);
    this.itemOfActive = itemOfActive;
    this.activeOf = new int[items().size()];
    java.util.Arrays.fill(activeOf, -1);
    for (int a = 0; a < itemOfActive.length; a++) {
      activeOf[itemOfActive[a]] = a;
    }
    this.userRows = userRows;
    this.weights = weights;
    this.popularity = popularity;
    this.scorer = scorer;
  }

  /** False: EASE only ranks; {@link #predict} is a score, not a rating. */
  @Override
  public boolean predictsRatings() {
    return false;
  }

  @Override
  public boolean knowsUser(int user) {
    return user >= 0 && user < userRows.numRows() && userRows.count(user) > 0;
  }

  /** Number of items with at least one training rating (the size of B). */
  public int activeItems() {
    return itemOfActive.length;
  }

  @Override
  public float predict(int user, int item) {
    if (item < 0) {
      return 0f;
    }
    if (!knowsUser(user)) {
      return popularity[item];
    }
    int a = activeOf[item];
    if (a < 0) {
      return 0f;
    }
    return (float) scorer.scoreOne(userRows.cols(), weights, userRows.start(user), userRows.end(user), a);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    if (!knowsUser(user)) {
      System.arraycopy(popularity, 0, out, 0, out.length);
      return;
    }
    double[] s = new double[itemOfActive.length];
    scorer.scoreUser(userRows.cols(), weights, userRows.start(user), userRows.end(user), s);
    java.util.Arrays.fill(out, 0f);
    for (int a = 0; a < s.length; a++) {
      out[itemOfActive[a]] = (float) s[a];
    }
  }

  /**
   * The scorer of a user known only by this history: {@code x B} over its movies with training ratings
   * (binary; see the class comment), computed once here (cost: one user's scoring).
   */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    int[] active = new int[history.size()];
    int m = 0;
    for (int k = 0; k < history.size(); k++) {
      int a = activeOf[history.item(k)];
      if (a >= 0) {
        active[m++] = a; // active indices rise with item indices, so these stay sorted
      }
    }
    if (m == 0) {
      return scorer(-1);
    }
    double[] s = new double[itemOfActive.length];
    scorer.scoreUser(active, null, 0, m, s);
    float[] scores = new float[items().size()];
    for (int a = 0; a < s.length; a++) {
      scores[itemOfActive[a]] = (float) s[a];
    }
    return UserScorer.ofScores(scores);
  }

  @Override
  public String fallback(int user, int item) {
    if (!knowsUser(user)) {
      return item < 0 ? "0 (an unknown movie)" : "the movie's popularity (its number of training ratings)";
    }
    return knowsItem(item) ? null : "0 (nobody rated the movie, so it is similar to nothing)";
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    java.util.Arrays.fill(out, 0f);
    int a = activeOf[item];
    if (a < 0) {
      return;
    }
    double[] row = new double[itemOfActive.length];
    scorer.row(a, row);
    for (int j = 0; j < row.length; j++) {
      out[itemOfActive[j]] = (float) row[j];
    }
  }

  /** {@link #similarItems} at {@code others} only: one row basis, then one entry of B per movie asked. */
  @Override
  public void similarities(int item, int[] others, float[] out) {
    if (out.length < others.length) {
      throw new IllegalArgumentException("output length " + out.length + " < " + others.length + " movies");
    }
    int a = activeOf[item];
    if (a < 0) {
      java.util.Arrays.fill(out, 0, others.length, 0f);
      return;
    }
    int[] js = new int[others.length];
    for (int t = 0; t < others.length; t++) {
      js[t] = activeOf[others[t]];
    }
    double[] row = new double[others.length];
    scorer.row(a, js, row);
    for (int t = 0; t < others.length; t++) {
      out[t] = js[t] < 0 ? 0f : (float) row[t];
    }
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putInts("ease.form", new int[] {scorer instanceof EaseItemGram ? ITEM_GRAM : USER_GRAM});
    out.putInts("ease.active_items", itemOfActive);
    out.putInts("ease.user_rows.offsets", userRows.offsets());
    out.putInts("ease.user_rows.items", userRows.cols());
    if (weights != null) {
      out.putFloats("ease.user_rows.weights", weights);
    }
    out.putFloats("ease.popularity", popularity);
    trainingItems().write(out, "ease.rated");
    scorer.write(out);
  }

  static EaseModel read(ModelReader in) {
    int form = in.ints("ease.form")[0];
    int[] active = in.ints("ease.active_items");
    int[] cols = in.ints("ease.user_rows.items");
    SparseRows userRows = new SparseRows(in.ints("ease.user_rows.offsets"), cols, new float[cols.length]);
    if (userRows.offsets().length != in.users().size() + 1 || active.length > in.items().size()) {
      throw new CinerecException("ease model: sections do not match the vocabularies (" + in.users().size()
          + " users, " + in.items().size() + " items): damaged file? train it again");
    }
    float[] weights = in.has("ease.user_rows.weights") ? in.floats("ease.user_rows.weights") : null;
    if (weights != null && weights.length != cols.length) {
      throw new CinerecException("ease model: " + weights.length + " recency weights for " + cols.length
          + " training ratings: damaged file? train it again");
    }
    EaseScorer scorer = switch (form) {
      case ITEM_GRAM -> EaseItemGram.read(in);
      case USER_GRAM -> EaseUserGram.read(in, active.length);
      default -> throw new CinerecException("ease model: unknown form " + form + " (written by a newer cinerec?)");
    };
    return new EaseModel(in.info(), in.users(), in.items(), active, userRows, weights, in.floats("ease.popularity"), scorer,
        TrainingItems.read(in, "ease.rated"));
  }
}
