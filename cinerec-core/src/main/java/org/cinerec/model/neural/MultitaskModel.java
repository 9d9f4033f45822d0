package org.cinerec.model.neural;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.math.Activation;
import org.cinerec.math.Parallel;
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
 * A trained multitask model (see {@link MultitaskTrainer}): user and movie embedding tables with one
 * out-of-vocabulary row each (the last row; index -1 maps to it, as Keras's {@code StringLookup} +
 * {@code Embedding(vocab + 1)}), and the rating MLP. Ranking scores are {@code dot(user, movie)} (the
 * retrieval tower); {@link #predict} is the rating head (or the dot product when the model was trained
 * without the rating task). {@link #similarItems} is the cosine of movie embeddings. Immutable.
 *
 * <p><b>Fold-in</b> ({@link #foldIn}), an approximation: the user tower is an id embedding alone, so a new
 * user is her embedding, found by up to 12 deterministic descent steps on the multitask loss of her ratings
 * (the rating head's squared error and the retrieval softmax against a seeded sample of in-batch
 * candidates, weighted as in training) from the training users' mean embedding, with the movie tower and
 * the rating head fixed and a weak Gaussian prior around that mean (a deviation: see
 * {@link MultitaskFoldIn}). Movies without training ratings are left out; an empty history (or one of only
 * such movies) gets the fallback, the out-of-vocabulary row. Measured on ml-latest-small: about 2-3 ms of
 * CPU for 20 ratings, and held-out movies ranked about as well as by the model retrained with the ratings.
 */
public final class MultitaskModel extends TrainedModel implements ItemEmbeddings {
  private final int dim;
  private final float[] userEmb;
  private final float[] itemEmb;
  private final Mlp mlp;
  private final float[] theta;
  private final boolean predictsRatings;
  private final float[] itemNorm;
  /** For fold-in: the training users' mean embedding, their variance around it, each movie's raters. */
  private final float[] meanUser;
  private final double userSpread;
  private final int[] raters;
  /** What else fold-in needs, built on first use ({@link #foldInContext}). */
  private volatile MultitaskFoldIn.Context foldIn;

  MultitaskModel(IdIndex users, IdIndex items, ModelInfo info, int dim, float[] userEmb, float[] itemEmb, Mlp mlp,
      float[] theta, TrainingItems rated, boolean predictsRatings) {
    super(MultitaskFamily.KIND, info, users, items, rated);
    if (userEmb.length != (users().size() + 1) * dim || itemEmb.length != (items().size() + 1) * dim) {
      throw new IllegalArgumentException("embedding tables do not match the vocabularies");
    }
    if (theta.length != mlp.numParams()) {
      throw new IllegalArgumentException("mlp has " + mlp.numParams() + " parameters, got " + theta.length);
    }
    this.dim = dim;
    this.userEmb = userEmb;
    this.itemEmb = itemEmb;
    this.mlp = mlp;
    this.theta = theta;
    this.predictsRatings = predictsRatings;
    this.itemNorm = new float[items().size()];
    for (int i = 0; i < itemNorm.length; i++) {
      itemNorm[i] = (float) Vectors.norm(itemEmb, i * dim, dim);
    }
    double[] mean = new double[dim];
    int known = 0;
    for (int u = 0; u < users().size(); u++) {
      if (knowsUser(u)) {
        known++;
        for (int a = 0; a < dim; a++) {
          mean[a] += userEmb[u * dim + a];
        }
      }
    }
    double var = 0;
    for (int u = 0; u < users().size(); u++) {
      if (knowsUser(u)) {
        for (int a = 0; a < dim; a++) {
          double dev = userEmb[u * dim + a] - mean[a] / known;
          var += dev * dev;
        }
      }
    }
    this.meanUser = new float[dim];
    for (int a = 0; a < dim; a++) {
      meanUser[a] = (float) (mean[a] / Math.max(1, known));
    }
    this.userSpread = known == 0 ? 1 : var / known / dim;
    this.raters = rated.raters(items().size());
  }

  @Override
  public boolean predictsRatings() {
    return predictsRatings;
  }

  private int userRow(int user) {
    return user < 0 ? users().size() : user;
  }

  private int itemRow(int item) {
    return item < 0 ? items().size() : item;
  }

  /** One pair: the batch path's arithmetic for a batch of one, on this thread's reused workspace. */
  @Override
  public float predict(int user, int item) {
    return predictFor(userEmb, userRow(user) * dim, item);
  }

  /**
   * Predictions for many pairs at once ({@code out[j]} for {@code users[j], items[j]}; -1 = unknown), in
   * blocks of 1024 rows through the batched MLP on the shared pool
   * ({@link Parallel}): for evaluation, not for scoring a request (the {@link org.cinerec.model.BatchPredictor}
   * contract).
   */
  public void predict(int[] userIdx, int[] itemIdx, float[] out) {
    int n = userIdx.length;
    if (itemIdx.length != n || out.length < n) {
      throw new IllegalArgumentException("lengths differ: " + n + ", " + itemIdx.length + ", " + out.length);
    }
    if (!predictsRatings) {
      for (int j = 0; j < n; j++) {
        out[j] = Vectors.dot(userEmb, userRow(userIdx[j]) * dim, itemEmb, itemRow(itemIdx[j]) * dim, dim);
      }
      return;
    }
    int block = 1024;
    int blocks = (n + block - 1) / block;
    Parallel.forEachChunk(blocks, blocks < 4 ? 1 : 0, (c, b0, b1) -> {
      Mlp.Workspace w = mlp.workspace(Math.min(block, n));
      for (int bl = b0; bl < b1; bl++) {
        int s = bl * block;
        int rows = Math.min(block, n - s);
        float[] x = w.input();
        for (int r = 0; r < rows; r++) {
          System.arraycopy(userEmb, userRow(userIdx[s + r]) * dim, x, r * 2 * dim, dim);
          System.arraycopy(itemEmb, itemRow(itemIdx[s + r]) * dim, x, r * 2 * dim + dim, dim);
        }
        mlp.forward(theta, w, rows);
        System.arraycopy(w.output(), 0, out, s, rows);
      }
    });
  }

  @Override
  public void scoreItems(int user, float[] out) {
    Vectors.matVec(itemEmb, items().size(), dim, userEmb, userRow(user) * dim, out);
  }

  /**
   * The scorer of a user known only by this history: her embedding by {@link MultitaskFoldIn} (movies without
   * training ratings left out; none left gives the fallback), then scored and predicted as a training user.
   */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    int[] known = new int[history.size()];
    float[] ratings = new float[history.size()];
    int h = 0;
    for (int k = 0; k < history.size(); k++) {
      if (knowsItem(history.item(k))) {
        known[h] = history.item(k);
        ratings[h++] = history.rating(k);
      }
    }
    if (h == 0) {
      return scorer(-1);
    }
    float[] u = new MultitaskFoldIn(foldInContext(), Arrays.copyOf(known, h), Arrays.copyOf(ratings, h)).solve();
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        checkLength(out);
        Vectors.matVec(itemEmb, items().size(), dim, u, 0, out);
      }

      @Override
      public float predict(int item) {
        return predictFor(u, 0, item);
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }

  /**
   * {@link #predict} for a user given by her embedding {@code u[uo..uo+dim)}: the same arithmetic as one row
   * of the batched {@link #predict(int[], int[], float[])}, on this thread's one-row workspace.
   */
  private float predictFor(float[] u, int uo, int item) {
    if (!predictsRatings) {
      return Vectors.dot(u, uo, itemEmb, itemRow(item) * dim, dim);
    }
    Mlp.Workspace w = mlp.oneRow();
    System.arraycopy(u, uo, w.input(), 0, dim);
    System.arraycopy(itemEmb, itemRow(item) * dim, w.input(), dim, dim);
    mlp.forward(theta, w, 1);
    return w.output()[0];
  }

  /** Built at the first fold-in (a file without the parameters fold-in needs still loads and serves). */
  private MultitaskFoldIn.Context foldInContext() {
    MultitaskFoldIn.Context cx = foldIn;
    if (cx == null) {
      ModelInfo in = info();
      cx = new MultitaskFoldIn.Context(dim, itemEmb, mlp, theta, meanUser, userSpread, raters,
          TrainedParams.flag(in, "logq"), predictsRatings ? TrainedParams.number(in, "rating-weight") : 0,
          TrainedParams.number(in, "retrieval-weight"), TrainedParams.text(in, "retrieval-reduction").equals("mean"),
          TrainedParams.number(in, "temperature"), TrainedParams.number(in, "l2"),
          (int) TrainedParams.number(in, "batch-size"), in.seed());
      foldIn = cx; // racy but safe: any thread builds the same context from final fields
    }
    return cx;
  }

  @Override
  public void similarItems(int item, float[] out) {
    int row = itemRow(item);
    float qn = (float) Vectors.norm(itemEmb, row * dim, dim);
    for (int i = 0; i < items().size(); i++) {
      float den = qn * itemNorm[i];
      out[i] = den == 0f ? 0f : Vectors.dot(itemEmb, i * dim, itemEmb, row * dim, dim) / den;
    }
  }

  /**
   * A cold user or movie still has its embedding row (index -1: the out-of-vocabulary row), but no rating
   * ever trained it: it holds its random initial value.
   */
  @Override
  public String fallback(int user, int item) {
    boolean ku = knowsUser(user);
    boolean ki = knowsItem(item);
    if (ku && ki) {
      return null;
    }
    String rows = !ku && !ki ? "user and movie embeddings" : ku ? "movie embedding" : "user embedding";
    return (predictsRatings ? "the rating head" : "the dot product") + " on the untrained " + rows
        + " (still at their random initial values)";
  }

  @Override
  public int embeddingDim() {
    return dim;
  }

  @Override
  public float[] itemEmbeddings() {
    return java.util.Arrays.copyOf(itemEmb, items().size() * dim);
  }

  /** Row-major {@code (users().size() + 1) × dim} copy of the user table (last row: unknown users). */
  public float[] userEmbeddings() {
    return userEmb.clone();
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("dim", dim);
    cfg.put("sizes", mlp.sizes());
    cfg.put("activation", mlp.activation().id());
    cfg.put("predictsRatings", predictsRatings);
    out.putJson("multitask.config", cfg);
    out.putFloats("multitask.user_embeddings", userEmb, users().size() + 1, dim);
    out.putFloats("multitask.item_embeddings", itemEmb, items().size() + 1, dim);
    out.putFloats("multitask.mlp", theta);
    trainingItems().write(out, "multitask.rated");
  }

  static MultitaskModel read(ModelReader in) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> cfg = in.json("multitask.config", Map.class);
    int dim = ((Number) cfg.get("dim")).intValue();
    @SuppressWarnings("unchecked")
    int[] sizes = ((java.util.List<Number>) cfg.get("sizes")).stream().mapToInt(Number::intValue).toArray();
    Mlp mlp = new Mlp(sizes, Activation.of((String) cfg.get("activation")));
    float[] ue = in.floats("multitask.user_embeddings");
    float[] ie = in.floats("multitask.item_embeddings");
    float[] theta = in.floats("multitask.mlp");
    TrainingItems rated = TrainingItems.read(in, "multitask.rated");
    if (ue.length != (in.users().size() + 1) * dim || ie.length != (in.items().size() + 1) * dim
        || theta.length != mlp.numParams() || rated.numUsers() != in.users().size()) {
      throw new CinerecException("multitask model: tensor sizes do not match its vocabularies (damaged file?)");
    }
    return new MultitaskModel(in.users(), in.items(), in.info(), dim, ue, ie, mlp, theta, rated,
        Boolean.TRUE.equals(cfg.get("predictsRatings")));
  }
}
