package org.cinerec.model.blend;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.Recommender;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * A blend of rating models ({@link BlendTrainer}): the predicted rating of (u, i) is w·x with x the
 * {@link BlendFeatures} of the members' clipped predictions and the supports, and the ranking score of a movie
 * is that prediction. Scoring asks every member for its prediction of every movie, so a top-K costs the sum of
 * the members' predictions over the catalogue.
 *
 * <p>Fold-in ({@link #foldIn}): each member folds the history in its own way (its class comment says how),
 * and the user's support is the number of movies in the history the blend knows; the weights stay as fitted.
 * So a folded user is exactly as approximate as its members' fold-ins. A known user with no new ratings gets the
 * trained members' predictions. Similar movies come from the first member that compares movies (so
 * {@code similar} of a blend of baseline, mf and svdpp is mf's list).
 *
 * <p>The file holds the weights, the members' kinds and infos, the supports, and each member's own sections
 * under {@code member.K.} ({@link ModelWriter#under}), so a blend loads like any model.
 */
final class BlendModel extends TrainedModel {
  static final String KIND = "blend";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Recommender[] members;
  private final double[] weights;
  private final float mean;
  private final int[] userSupport;
  private final int[] itemSupport;
  /** The member that answers {@link #similarItems}, or null when none compares movies. */
  private final Recommender similarity;

  BlendModel(ModelInfo info, IdIndex users, IdIndex items, TrainingItems rated, Recommender[] members,
      double[] weights, float mean, int[] userSupport, int[] itemSupport) {
    super(KIND, info, users, items, rated);
    if (weights.length != BlendFeatures.count(members.length)) {
      throw new IllegalArgumentException(weights.length + " weights for " + members.length + " members");
    }
    if (userSupport.length != users.size() || itemSupport.length != items.size()) {
      throw new IllegalArgumentException("supports of " + userSupport.length + " users and " + itemSupport.length
          + " movies, vocabularies of " + users.size() + " and " + items.size());
    }
    this.members = members.clone();
    this.weights = weights.clone();
    this.mean = mean;
    this.userSupport = userSupport;
    this.itemSupport = itemSupport;
    this.similarity = Arrays.stream(members).filter(Recommender::hasItemSimilarity).findFirst().orElse(null);
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public float predict(int user, int item) {
    return scorer(user).predict(item);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    scorer(user).scoreItems(out);
  }

  @Override
  public UserScorer scorer(int user) {
    UserScorer[] s = new UserScorer[members.length];
    for (int m = 0; m < members.length; m++) {
      s[m] = members[m].scorer(user);
    }
    return new Blended(s, user >= 0 && user < userSupport.length ? userSupport[user] : 0, knowsUser(user));
  }

  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    int support = 0;
    for (int k = 0; k < history.size(); k++) {
      if (knowsItem(history.item(k))) {
        support++;
      }
    }
    if (support == 0) {
      return scorer(-1);
    }
    UserScorer[] s = new UserScorer[members.length];
    for (int m = 0; m < members.length; m++) {
      s[m] = members[m].foldIn(history);
    }
    return new Blended(s, support, true);
  }

  /** One user's blend over the members' scorers. */
  private final class Blended implements UserScorer {
    private final UserScorer[] scorers;
    private final int support;
    private final boolean personal;

    Blended(UserScorer[] scorers, int support, boolean personal) {
      this.scorers = scorers;
      this.support = support;
      this.personal = personal;
    }

    @Override
    public void scoreItems(float[] out) {
      checkLength(out);
      double[] x = new double[weights.length];
      float[] p = new float[members.length];
      float[][] rows = new float[members.length][];
      for (int m = 0; m < members.length; m++) {
        rows[m] = new float[out.length];
        scorers[m].predictItems(rows[m]);
      }
      for (int i = 0; i < out.length; i++) {
        for (int m = 0; m < members.length; m++) {
          p[m] = members[m].info().clip(rows[m][i]);
        }
        out[i] = blend(x, p, i);
      }
    }

    @Override
    public float predict(int item) {
      double[] x = new double[weights.length];
      float[] p = new float[members.length];
      for (int m = 0; m < members.length; m++) {
        p[m] = members[m].info().clip(scorers[m].predict(item));
      }
      return blend(x, p, item);
    }

    private float blend(double[] x, float[] p, int item) {
      BlendFeatures.fill(x, p, mean, support, item >= 0 && item < itemSupport.length ? itemSupport[item] : 0);
      return (float) BlendFeatures.dot(weights, x);
    }

    @Override
    public boolean personal() {
      return personal;
    }
  }

  @Override
  public boolean hasItemSimilarity() {
    return similarity != null;
  }

  @Override
  public void similarItems(int item, float[] out) {
    if (similarity == null) {
      throw new UnsupportedOperationException("no member of this blend compares movies");
    }
    similarity.similarItems(item, out);
  }

  @Override
  public void similarities(int item, int[] others, float[] out) {
    if (similarity == null) {
      throw new UnsupportedOperationException("no member of this blend compares movies");
    }
    similarity.similarities(item, others, out);
  }

  @Override
  public String fallback(int user, int item) {
    return knowsUser(user) && knowsItem(item) ? null
        : "the blend of its members' estimates (each falls back in its own way)";
  }

  /** The members, in blend order (for tests and the summary). */
  List<Recommender> members() {
    return List.of(members);
  }

  double[] weights() {
    return weights.clone();
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    String[] kinds = new String[members.length];
    List<ModelInfo> infos = new ArrayList<>();
    for (int m = 0; m < members.length; m++) {
      kinds[m] = members[m].kind();
      infos.add(members[m].info());
    }
    out.putStrings("blend.members", kinds);
    out.putJson("blend.member_infos", infos);
    out.putDoubles("blend.weights", weights);
    out.putStrings("blend.features", BlendFeatures.names(kinds));
    out.putDouble("blend.mean", mean);
    out.putInts("blend.user_support", userSupport);
    out.putInts("blend.item_support", itemSupport);
    trainingItems().write(out, "rated");
    for (int m = 0; m < members.length; m++) {
      members[m].write(out.under("member." + m + "."));
    }
  }

  static BlendModel read(ModelReader in) throws IOException {
    String[] kinds = in.strings("blend.members");
    JavaType listOfInfos = JSON.getTypeFactory().constructCollectionType(List.class, ModelInfo.class);
    List<ModelInfo> infos = in.json("blend.member_infos", listOfInfos);
    if (infos.size() != kinds.length) {
      throw new IllegalArgumentException(kinds.length + " members but " + infos.size() + " member infos");
    }
    Recommender[] members = new Recommender[kinds.length];
    for (int m = 0; m < kinds.length; m++) {
      members[m] = ModelFamilies.get(kinds[m]).read(in.member("member." + m + ".", infos.get(m)));
    }
    return new BlendModel(in.info(), in.users(), in.items(), TrainingItems.read(in, "rated"), members,
        in.doubles("blend.weights"), (float) in.getDouble("blend.mean"), in.ints("blend.user_support"),
        in.ints("blend.item_support"));
  }
}
