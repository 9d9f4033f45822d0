package org.cinerec.model.bpr;

import java.io.IOException;
import java.util.Arrays;
import org.cinerec.data.IdIndex;
import org.cinerec.math.Vectors;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainedParams;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * Bayesian personalised ranking with a biased matrix-factorisation scorer (Rendle, Freudenthaler, Gantner,
 * Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009,
 * arXiv:1205.2618). It maximises
 *
 * <pre>
 *   Σ_{(u,i,j) ∈ D_S} ln σ(x̂_ui − x̂_uj) − λ ‖Θ‖²,     x̂_ui = b_i + p_u · q_i
 * </pre>
 *
 * over triples where user {@code u} rated {@code i} and did not rate {@code j} (update rule in
 * {@link BprTrainer}). Symbols: {@code userVec} rows = p_u, {@code itemVec} rows = q_i, {@code itemBias}
 * = b_i. Deviation: the paper's MF has no bias; the item bias (as in LibRec's and Cornac's BPR) carries
 * popularity and costs one parameter per item.
 *
 * <p><b>Ranks only</b>: {@link #predictsRatings()} is false and {@link #predict} returns the ranking score
 * {@code x̂_ui}, not a rating. Unknown users (index -1 or no training ratings; {@link #knowsUser} false)
 * are ranked by the item bias b_i alone, the model's learned popularity. {@link #similarItems} is the
 * cosine of the item vectors.
 *
 * <p><b>Fold-in</b> ({@link #foldIn}), an approximation: the user's vector p by 20 deterministic gradient
 * steps on BPR-Opt restricted to her, from p = 0, with the item vectors and biases fixed and a sample of
 * negatives seeded by the model's seed and her movies ({@link BprFoldIn} has the objective, the step size,
 * and what is approximate). Every rated movie is a positive whatever its rating, as in training. It
 * depends only on the set of rated movies; an empty history gives the fallback b_i.
 */
public final class BprModel extends TrainedModel implements ItemEmbeddings {
  private final int f;
  private final float[] userVec;
  private final float[] itemVec;
  private final float[] itemBias;

  BprModel(ModelInfo info, IdIndex users, IdIndex items, int f, float[] userVec, float[] itemVec,
      float[] itemBias, TrainingItems rated) {
    super(BprFamily.KIND, info, users, items, rated);
    this.f = f;
    this.userVec = userVec;
    this.itemVec = itemVec;
    this.itemBias = itemBias;
  }

  /** False: BPR only ranks; {@link #predict} is a score, not a rating. */
  @Override
  public boolean predictsRatings() {
    return false;
  }

  /** The ranking score x̂_ui (b_i alone for unknown users; 0 for an unknown item). */
  @Override
  public float predict(int user, int item) {
    if (item < 0) {
      return 0f;
    }
    if (!knowsUser(user)) {
      return itemBias[item];
    }
    return itemBias[item] + Vectors.dot(userVec, user * f, itemVec, item * f, f);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    if (!knowsUser(user)) {
      System.arraycopy(itemBias, 0, out, 0, out.length);
      return;
    }
    Vectors.matVec(itemVec, out.length, f, userVec, user * f, out);
    for (int i = 0; i < out.length; i++) {
      out[i] += itemBias[i];
    }
  }

  /** The scorer of a user known only by this history: her vector by {@link BprFoldIn}, the items fixed. */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    if (history.size() == 0) {
      return scorer(-1);
    }
    double reg = TrainedParams.number(info(), BprFamily.REG.name());
    float[] p = history.size() < itemBias.length
        ? new BprFoldIn(f, itemVec, itemBias, history.items(), reg, info().seed()).solve()
        : new float[f]; // every movie rated: nothing left to rank against, the biases decide
    float[] scores = new float[items().size()];
    Vectors.matVec(itemVec, scores.length, f, p, 0, scores);
    for (int i = 0; i < scores.length; i++) {
      scores[i] += itemBias[i];
    }
    return UserScorer.ofScores(scores);
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    for (int j = 0; j < out.length; j++) {
      out[j] = Vectors.cosine(itemVec, item * f, itemVec, j * f, f);
    }
  }

  @Override
  public String fallback(int user, int item) {
    if (!knowsUser(user)) {
      return item < 0 ? "0 (an unknown movie)" : "the movie's bias b_i, its learned popularity";
    }
    return knowsItem(item) ? null
        : "b_i + p_u·q_i with a movie vector trained only as a sampled negative (nobody rated it)";
  }

  @Override
  public int embeddingDim() {
    return f;
  }

  @Override
  public float[] itemEmbeddings() {
    return Arrays.copyOf(itemVec, itemVec.length);
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putFloats("bpr.user_vectors", userVec, users().size(), f);
    out.putFloats("bpr.item_vectors", itemVec, items().size(), f);
    out.putFloats("bpr.item_bias", itemBias);
    trainingItems().write(out, "bpr.rated");
  }

  static BprModel read(ModelReader in) {
    int[] shape = in.shape("bpr.item_vectors");
    if (shape.length != 2 || shape[0] != in.items().size() || in.shape("bpr.user_vectors")[0] != in.users().size()) {
      throw new org.cinerec.CinerecException("bpr model: vector shapes do not match the vocabularies ("
          + in.users().size() + " users, " + in.items().size() + " items): damaged file? train it again");
    }
    return new BprModel(in.info(), in.users(), in.items(), shape[1], in.floats("bpr.user_vectors"),
        in.floats("bpr.item_vectors"), in.floats("bpr.item_bias"), TrainingItems.read(in, "bpr.rated"));
  }
}
