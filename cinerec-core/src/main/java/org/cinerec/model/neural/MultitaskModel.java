package org.cinerec.model.neural;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.math.Activation;
import org.cinerec.math.Parallel;
import org.cinerec.math.Vectors;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.NewMovies;
import org.cinerec.model.Recommender;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainedParams;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.model.content.Features;
import org.cinerec.store.ModelWriter;

/**
 * A trained multitask model (see {@link MultitaskTrainer}): user and movie embedding tables with one
 * out-of-vocabulary row each (the last row; index -1 maps to it, as Keras's {@code StringLookup} +
 * {@code Embedding(vocab + 1)}), and the rating MLP. Ranking scores are {@code dot(user, movie)} (the
 * retrieval tower); {@link #predict} is the rating head (or the dot product when the model was trained
 * without the rating task). {@link #similarItems} is the cosine of movie embeddings. Immutable.
 *
 * <p><b>Fold-in</b> ({@link #foldIn}), an approximation: a new user is her user-tower vector (the id part,
 * attributes and pool alike; with {@code --user-features history} it starts from her movies' pool, see
 * {@link #foldInStart}), found by Newton's method (1–5 steps) on the multitask loss of her ratings
 * (the rating head's squared error and the retrieval softmax against a seeded sample of in-batch
 * candidates, weighted as in training) from the training users' mean embedding, with the movie tower and
 * the rating head fixed and a weak Gaussian prior around that mean (a deviation: see
 * {@link MultitaskFoldIn}). Movies without training ratings are left out; an empty history (or one of only
 * such movies) gets the fallback, the out-of-vocabulary row. Measured on ml-latest-small: under 1 ms of CPU
 * for 20 ratings and about 2 ms for 200, and held-out movies ranked about as well as by the model retrained
 * with the ratings.
 */
public final class MultitaskModel extends TrainedModel implements ItemEmbeddings, NewMovies {
  /**
   * The feature parts of the towers (see {@link MultitaskTrainer}): per side the features of every row and
   * their embedding table ({@code values × d}); both null for a side without features.
   */
  record Towers(Features users, float[] userFeatureEmb, Features items, float[] itemFeatureEmb,
      HistoryPool history) {
    static final Towers NONE = new Towers(null, null, null, null, null);

    Towers(Features users, float[] userFeatureEmb, Features items, float[] itemFeatureEmb) {
      this(users, userFeatureEmb, items, itemFeatureEmb, null);
    }
  }

  private final int dim;
  /** The composed rows every score uses: the id tables, with features their sums ({@link #compose}). */
  private final float[] userEmb;
  private final float[] itemEmb;
  /** The id tables as trained (what the file holds), and the feature parts. */
  private final float[] idUserEmb;
  private final float[] idItemEmb;
  private final Towers towers;
  private final Mlp mlp;
  private final float[] theta;
  private final boolean predictsRatings;
  private final float[] itemNorm;
  /** For fold-in: the training users' mean embedding, their variance around it, each movie's raters. */
  private final float[] meanUser;
  /** With a pooled history: the training users' mean pool vector (else null). */
  private final float[] meanPool;
  private final double userSpread;
  private final int[] raters;
  /**
   * With user attributes: per attribute (in {@link Features#groups()} order) the training users' mean vector of
   * its values, {@code groups × dim} (else null): what {@link #attributeShift} replaces.
   */
  private final float[] meanAttribute;
  /** What else fold-in needs, built on first use ({@link #foldInContext}). */
  private volatile MultitaskFoldIn.Context foldIn;

  MultitaskModel(IdIndex users, IdIndex items, ModelInfo info, int dim, float[] userEmb, float[] itemEmb, Mlp mlp,
      float[] theta, TrainingItems rated, boolean predictsRatings) {
    this(users, items, info, dim, userEmb, itemEmb, mlp, theta, rated, predictsRatings, Towers.NONE);
  }

  MultitaskModel(IdIndex users, IdIndex items, ModelInfo info, int dim, float[] userEmb, float[] itemEmb, Mlp mlp,
      float[] theta, TrainingItems rated, boolean predictsRatings, Towers towers) {
    super(MultitaskFamily.KIND, info, users, items, rated);
    if (userEmb.length != (users().size() + 1) * dim || itemEmb.length != (items().size() + 1) * dim) {
      throw new IllegalArgumentException("embedding tables do not match the vocabularies");
    }
    if (theta.length != mlp.numParams()) {
      throw new IllegalArgumentException("mlp has " + mlp.numParams() + " parameters, got " + theta.length);
    }
    if (towers.users() != null && (towers.users().rows() != users().size()
        || towers.userFeatureEmb().length != towers.users().size() * dim)) {
      throw new IllegalArgumentException("user features do not match the vocabulary");
    }
    if (towers.items() != null && (towers.items().rows() != items().size()
        || towers.itemFeatureEmb().length != towers.items().size() * dim)) {
      throw new IllegalArgumentException("movie features do not match the vocabulary");
    }
    if (towers.history() != null && (towers.history().users() != users().size()
        || towers.history().movies() != items().size() || towers.history().dim != dim)) {
      throw new IllegalArgumentException("the pooled history does not match the vocabularies");
    }
    this.dim = dim;
    this.idUserEmb = userEmb;
    this.idItemEmb = itemEmb;
    this.towers = towers;
    float[] composedUsers = towers.users() == null ? userEmb
        : compose(userEmb, towers.users(), towers.userFeatureEmb(), dim, this::knowsUser);
    if (towers.history() != null) {
      composedUsers = composedUsers == userEmb ? userEmb.clone() : composedUsers;
      towers.history().addTo(composedUsers);
    }
    this.userEmb = composedUsers;
    this.itemEmb = towers.items() == null ? itemEmb
        : compose(itemEmb, towers.items(), towers.itemFeatureEmb(), dim, this::knowsItem);
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
    if (towers.history() != null) {
      float[] pooled = new float[(users().size() + 1) * dim];
      towers.history().addTo(pooled);
      double[] mp = new double[dim];
      for (int u = 0; u < users().size(); u++) {
        for (int a = 0; a < dim && knowsUser(u); a++) {
          mp[a] += pooled[u * dim + a];
        }
      }
      this.meanPool = new float[dim];
      for (int a = 0; a < dim; a++) {
        meanPool[a] = (float) (mp[a] / Math.max(1, known));
      }
    } else {
      this.meanPool = null;
    }
    this.raters = rated.raters(items().size());
    this.meanAttribute = towers.users() == null ? null : meanAttributes(towers.users(), towers.userFeatureEmb());
  }

  /** Per attribute, the mean over the training users of her value's vector (see {@link #meanAttribute}). */
  private float[] meanAttributes(Features f, float[] featureEmb) {
    java.util.List<String> groups = f.groups();
    double[] sum = new double[groups.size() * dim];
    int known = 0;
    for (int u = 0; u < users().size(); u++) {
      if (!knowsUser(u)) {
        continue;
      }
      known++;
      for (int e = f.start(u); e < f.end(u); e++) {
        int g = groups.indexOf(f.groupOf(f.id(e)));
        for (int a = 0; a < dim; a++) {
          sum[g * dim + a] += f.weight(e) * featureEmb[f.id(e) * dim + a];
        }
      }
    }
    float[] out = new float[sum.length];
    for (int k = 0; k < sum.length; k++) {
      out[k] = (float) (sum[k] / Math.max(1, known));
    }
    return out;
  }

  @Override
  public Map<String, java.util.List<String>> userAttributes() {
    Features f = towers.users();
    if (f == null) {
      return Map.of();
    }
    Map<String, java.util.List<String>> out = new LinkedHashMap<>();
    for (String g : f.groups()) {
      out.put(g, java.util.List.copyOf(f.valuesOf(g)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * What a user's attributes move her by: for each attribute told, her value's vector less the training users'
   * mean vector of that attribute (so a user who tells nothing is the mean user, not the users whose value
   * was missing from the data). Null when no attribute was told. Names match the model's ignoring case.
   */
  float[] attributeShift(Map<String, String> attributes) {
    Features f = towers.users();
    if (f == null || attributes.isEmpty()) {
      return null;
    }
    float[] shift = new float[dim];
    boolean told = false;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = null;
      for (String g : f.groups()) {
        name = g.equalsIgnoreCase(e.getKey().strip()) ? g : name;
      }
      if (name == null) {
        throw CinerecException.usage("the model has no user attribute \"" + e.getKey() + "\"; it has "
            + String.join(", ", f.groups()));
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        continue;
      }
      int v = f.userValueId(name, e.getValue());
      if (v < 0) {
        throw CinerecException.usage("user attribute " + name + ": the model knows no value \""
            + e.getValue() + "\"; it knows " + String.join(", ", f.valuesOf(name))
            + (name.equalsIgnoreCase("age") ? " (an age in years is taken by its decade)" : ""));
      }
      int g = f.groups().indexOf(name);
      for (int a = 0; a < dim; a++) {
        shift[a] += towers.userFeatureEmb()[v * dim + a] - meanAttribute[g * dim + a];
      }
      told = true;
    }
    return told ? shift : null;
  }

  /**
   * A side's composed table: row r is its id row (when {@code trained(r)}: a row no rating trained is left at
   * its random start, so a cold row is its features alone) plus its features' vector; the out-of-vocabulary
   * last row is its id row (it has no features).
   */
  static float[] compose(float[] idTable, Features f, float[] featureEmb, int d,
      java.util.function.IntPredicate trained) {
    float[] out = new float[idTable.length];
    int rows = f.rows();
    for (int r = 0; r < rows; r++) {
      if (trained.test(r)) {
        System.arraycopy(idTable, r * d, out, r * d, d);
      }
      FeatureTower.addFeatures(f, featureEmb, d, r, out, r * d);
    }
    System.arraycopy(idTable, rows * d, out, rows * d, idTable.length - rows * d);
    return out;
  }

  /** The towers' feature parts ({@link Towers#NONE} without features). */
  Towers towers() {
    return towers;
  }

  /** Whether the movie tower has features, so {@link #movieVector} can place a movie it never saw. */
  @Override
  public boolean hasMovieFeatures() {
    return towers.items() != null;
  }

  /**
   * The movie tower's vector for a movie described by its metadata alone (one added after training): its
   * features' vector, values the model's vocabulary lacks counted as their group's unknown. Null when the
   * model has no movie features.
   */
  @Override
  public float[] movieVector(String title, int year, String[] genres) {
    return movieVector(title, year, genres, Catalog.Details.NONE);
  }

  @Override
  public java.util.List<String> movieFeatures() {
    return towers.items() == null ? java.util.List.of() : towers.items().groups();
  }

  /**
   * As {@link #movieVector(String, int, String[])}, with the movie's details for a model trained with
   * {@code language}, {@code runtime} or {@code overview} features (ignored by one trained without them).
   */
  @Override
  public float[] movieVector(String title, int year, String[] genres, Catalog.Details details) {
    Features f = towers.items();
    if (f == null) {
      return null;
    }
    int max = Features.maxValues(title, genres, details);
    int[] ids = new int[max];
    float[] w = new float[max];
    int k = f.describeMovie(title, year, genres, details, ids, w);
    float[] v = new float[dim];
    for (int e = 0; e < k; e++) {
      for (int j = 0; j < dim; j++) {
        v[j] += w[e] * towers.itemFeatureEmb()[ids[e] * dim + j];
      }
    }
    return v;
  }

  /** A movie vector's score for the user vector {@code u[uo..uo+dim)}: the retrieval dot product. */
  private float scoreVector(float[] u, int uo, float[] movie) {
    if (towers.items() == null) {
      throw new UnsupportedOperationException("this multitask model has no movie features (--item-features): "
          + "it cannot place a movie it was not trained on");
    }
    if (movie.length != dim) {
      throw new IllegalArgumentException("movie vector of length " + movie.length + ", the model's is " + dim);
    }
    return Vectors.dot(u, uo, movie, 0, dim);
  }

  /** As {@link Recommender#scorer}, plus {@link UserScorer#scoreMovie} for movies added after training. */
  @Override
  public UserScorer scorer(int user) {
    int uo = userRow(user) * dim;
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        MultitaskModel.this.scoreItems(user, out);
      }

      @Override
      public float predict(int item) {
        return MultitaskModel.this.predict(user, item);
      }

      @Override
      public boolean personal() {
        return knowsUser(user);
      }

      @Override
      public float scoreMovie(float[] movie) {
        return scoreVector(userEmb, uo, movie);
      }
    };
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
    return foldIn(history, Map.of());
  }

  /**
   * As {@link #foldIn(History)}; with attributes told ({@link #attributeShift}) Newton starts from that start
   * moved by her attributes' shift and the prior is centred on ū moved by it, and an empty history is ū moved
   * by it (personal) rather than the fallback.
   */
  @Override
  public UserScorer foldIn(History history, Map<String, String> attributes) {
    float[] u = foldInVector(history, attributes);
    if (u == null) {
      return scorer(-1);
    }
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

      @Override
      public float scoreMovie(float[] movie) {
        return scoreVector(u, 0, movie);
      }
    };
  }

  /** A training user's composed vector (a copy), for tests. */
  float[] userVector(int user) {
    return Arrays.copyOfRange(userEmb, userRow(user) * dim, userRow(user) * dim + dim);
  }

  /** ū: the training users' mean vector (a copy), for tests. */
  float[] meanUser() {
    return meanUser.clone();
  }

  /** The folded-in user's vector ({@link #foldIn(History, Map)}), or null for the fallback. */
  float[] foldInVector(History history, Map<String, String> attributes) {
    history.requireItemsBelow(items().size());
    float[] shift = attributeShift(attributes);
    int[] known = new int[history.size()];
    float[] ratings = new float[history.size()];
    int h = 0;
    for (int k = 0; k < history.size(); k++) {
      if (knowsItem(history.item(k))) {
        known[h] = history.item(k);
        ratings[h++] = history.rating(k);
      }
    }
    if (h == 0 && shift == null) {
      return null;
    }
    float[] centre = meanUser.clone();
    float[] start = h == 0 ? meanUser.clone() : foldInStart(Arrays.copyOf(known, h));
    for (int a = 0; shift != null && a < dim; a++) {
      centre[a] += shift[a];
      start[a] += shift[a];
    }
    return h == 0 ? centre : new MultitaskFoldIn(foldInContext(), Arrays.copyOf(known, h),
        Arrays.copyOf(ratings, h), start, centre).solve();
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

  /**
   * Where fold-in's Newton steps start: the training users' mean vector, with a pooled history that mean less the
   * mean pool plus the pool of the given movies (all of them: a history has no times), so the user is
   * personal before any step (the prior stays centred on the mean: {@link MultitaskFoldIn}).
   */
  float[] foldInStart(int[] movies) {
    if (meanPool == null) {
      return meanUser.clone();
    }
    float[] c = new float[dim];
    for (int a = 0; a < dim; a++) {
      c[a] = meanUser[a] - meanPool[a];
    }
    towers.history().addMean(movies, 0, movies.length, c, 0);
    return c;
  }

  /** Built at the first fold-in (a file without the parameters fold-in needs still loads and serves). */
  MultitaskFoldIn.Context foldInContext() {
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
    if (ku && towers.items() != null && item >= 0) {
      return (predictsRatings ? "the rating head" : "the dot product") + " on the movie's features (genres, "
          + "year, title words: nobody rated it in training)";
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
    out.putFloats("multitask.user_embeddings", idUserEmb, users().size() + 1, dim);
    out.putFloats("multitask.item_embeddings", idItemEmb, items().size() + 1, dim);
    out.putFloats("multitask.mlp", theta);
    trainingItems().write(out, "multitask.rated");
    if (towers.users() != null) {
      towers.users().write(out, "multitask.user_features");
      out.putFloats("multitask.user_feature_embeddings", towers.userFeatureEmb(), towers.users().size(), dim);
    }
    if (towers.items() != null) {
      towers.items().write(out, "multitask.item_features");
      out.putFloats("multitask.item_feature_embeddings", towers.itemFeatureEmb(), towers.items().size(), dim);
    }
    if (towers.history() != null) {
      towers.history().write(out, "multitask.history");
    }
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
    Features uf = null;
    float[] ufe = null;
    if (in.has("multitask.user_features.config")) {
      uf = Features.read(in, "multitask.user_features", in.users().size());
      ufe = in.floats("multitask.user_feature_embeddings");
    }
    Features itf = null;
    float[] ife = null;
    if (in.has("multitask.item_features.config")) {
      itf = Features.read(in, "multitask.item_features", in.items().size());
      ife = in.floats("multitask.item_feature_embeddings");
    }
    if ((uf != null && ufe.length != uf.size() * dim) || (itf != null && ife.length != itf.size() * dim)) {
      throw new CinerecException("multitask model: feature tables do not match their vocabularies (damaged file?)");
    }
    // a file written before the pooled history existed has no such section: the option was off
    HistoryPool pool = in.has("multitask.history.config")
        ? HistoryPool.read(in, "multitask.history", in.users().size(), in.items().size(), dim, ie) : null;
    return new MultitaskModel(in.users(), in.items(), in.info(), dim, ue, ie, mlp, theta, rated,
        Boolean.TRUE.equals(cfg.get("predictsRatings")), new Towers(uf, ufe, itf, ife, pool));
  }
}
