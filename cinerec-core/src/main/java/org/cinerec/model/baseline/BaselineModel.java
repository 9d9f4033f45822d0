package org.cinerec.model.baseline;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainedParams;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * The baseline predictor of Koren, "Factor in the neighbors: scalable and accurate collaborative
 * filtering", ACM TKDD 4(1), 2010 (doi:10.1145/1644873.1644874), section 2.1:
 * <pre>  r̂_ui = μ + b_u + b_i</pre>
 * with μ the global mean ({@code globalMean}), b_u the user bias ({@code userBias}) and b_i the item bias
 * ({@code itemBias}), fitted by {@link BaselineTrainer}. An unknown user or one without training ratings
 * has b_u = 0, an unknown item b_i = 0 (as Surprise's {@code BaselineOnly}). Predictions are not clipped
 * here; the evaluator clips them to the rating scale.
 *
 * <p>The ranking score of item i for user u is r̂_ui: the order is the same for every user (b_u shifts all
 * items alike), so this model recommends the movies with the highest bias. It has no similarity between movies
 * ({@link #hasItemSimilarity} is false): movies with about the same bias are not alike in any other way.
 *
 * <p>Fold-in ({@link #foldIn}): μ and every b_i stay as trained and b_u is solved from the history H (its
 * movies with training ratings; the others have no b_i and are left out) as training would with the items
 * fixed, using training's regularisation from the model's parameters:
 * <pre>  ALS:  b_u = Σ_{i∈H} (r_ui − μ − b_i) / (λ_u + |H|)
 *   SGD:  b_u = Σ_{i∈H} (r_ui − μ − b_i) / (|H| (1 + λ))</pre>
 * The ALS line is exactly the trainer's last user update, so folding in a training user's own ratings
 * gives back the trained b_u (to float rounding). The SGD line is the minimiser of the objective SGD
 * descends (its weight decay λ b_u is applied once per rating, i.e. λ |H| b_u²); SGD stops after a few
 * epochs short of that minimum, so trained biases are smaller than folded ones: an approximation there. A
 * folded user's predictions are personal (μ + b_u + b_i) but the ranking is the fallback's, since b_u
 * shifts every movie alike ({@link #ranksPersonally()} is false). A history with no trained movie is the
 * fallback, {@code scorer(-1)}.
 */
final class BaselineModel extends TrainedModel {
  static final String KIND = "baseline";

  private final float globalMean;
  private final float[] userBias;
  private final float[] itemBias;

  BaselineModel(IdIndex users, IdIndex items, ModelInfo info, float globalMean, float[] userBias, float[] itemBias,
      TrainingItems rated) {
    super(KIND, info, users, items, rated);
    this.globalMean = globalMean;
    this.userBias = userBias;
    this.itemBias = itemBias;
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public float predict(int user, int item) {
    float p = globalMean;
    if (user >= 0) {
      p += userBias[user];
    }
    if (item >= 0) {
      p += itemBias[item];
    }
    return p;
  }

  @Override
  public void scoreItems(int user, float[] out) {
    float base = globalMean + (user >= 0 ? userBias[user] : 0f);
    for (int i = 0; i < out.length; i++) {
      out[i] = base + itemBias[i];
    }
  }

  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    double dev = 0;
    int n = 0;
    for (int k = 0; k < history.size(); k++) {
      int i = history.item(k);
      if (knowsItem(i)) {
        dev += history.rating(k) - globalMean - itemBias[i];
        n++;
      }
    }
    if (n == 0) {
      return scorer(-1);
    }
    boolean als = TrainedParams.text(info(), "method").equals("als");
    double b = als ? dev / (TrainedParams.number(info(), "reg-user") + n)
        : dev / (n * (1 + TrainedParams.number(info(), "reg")));
    return new Folded((float) b);
  }

  @Override
  public boolean ranksPersonally() {
    return false;
  }

  /** A user known by a folded-in bias: {@link #predict} and {@link #scoreItems} with b_u = {@code bias}. */
  private final class Folded implements UserScorer {
    private final float bias;

    Folded(float bias) {
      this.bias = bias;
    }

    @Override
    public void scoreItems(float[] out) {
      checkLength(out);
      float base = globalMean + bias;
      for (int i = 0; i < out.length; i++) {
        out[i] = base + itemBias[i];
      }
    }

    @Override
    public float predict(int item) {
      return globalMean + bias + (item >= 0 ? itemBias[item] : 0f);
    }

    @Override
    public boolean personal() {
      return true;
    }
  }

  @Override
  public boolean hasItemSimilarity() {
    return false;
  }

  @Override
  public void similarItems(int item, float[] out) {
    throw new UnsupportedOperationException("the baseline model has no similarity between movies");
  }

  @Override
  public String fallback(int user, int item) {
    return org.cinerec.model.Fallback.biases(knowsUser(user), knowsItem(item));
  }

  float globalMean() {
    return globalMean;
  }

  float userBias(int u) {
    return userBias[u];
  }

  float itemBias(int i) {
    return itemBias[i];
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putDouble("baseline.global_mean", globalMean);
    out.putFloats("baseline.user_bias", userBias);
    out.putFloats("baseline.item_bias", itemBias);
    trainingItems().write(out, "rated");
  }

  static BaselineModel read(ModelReader in) {
    float[] bu = in.floats("baseline.user_bias");
    float[] bi = in.floats("baseline.item_bias");
    if (bu.length != in.users().size() || bi.length != in.items().size()) {
      throw new IllegalArgumentException("bias vectors have " + bu.length + " users and " + bi.length
          + " items, the vocabularies " + in.users().size() + " and " + in.items().size());
    }
    return new BaselineModel(in.users(), in.items(), in.info(), (float) in.getDouble("baseline.global_mean"), bu, bi,
        TrainingItems.read(in, "rated"));
  }
}
