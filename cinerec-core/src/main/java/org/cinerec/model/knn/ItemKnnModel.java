package org.cinerec.model.knn;

import java.io.IOException;
import java.util.Arrays;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.SparseRows;
import org.cinerec.math.SparseSimilarity;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainedParams;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.ModelReader;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * Item-item k-nearest-neighbours with baseline-corrected predictions: Surprise's {@code KNNBaseline}
 * with {@code user_based=False} (Koren, "Factor in the neighbors: scalable and accurate collaborative
 * filtering", ACM TKDD 4(1), 2010, doi:10.1145/1644873.1644874, eq. 3):
 *
 * <pre>
 *   r̂_ui = b_ui + Σ_{j ∈ N^k_i(u)} s_ij (r_uj − b_uj) / Σ_{j ∈ N^k_i(u)} s_ij,     b_ui = μ + b_u + b_i
 * </pre>
 *
 * where {@code N^k_i(u)} are the {@code k} items the user rated that are most similar to {@code i}, of
 * which only those with {@code s_ij > 0} enter the sums (as in Surprise). With fewer than {@code min-k}
 * such neighbours the prediction is the baseline {@code b_ui}. Symbols: {@code mu} = μ,
 * {@code userBias} = b_u, {@code itemBias} = b_i (fitted by ALS, see {@link BaselineFit}), {@code sims}
 * = s_ij ({@link SparseSimilarity}: shrunk Pearson-baseline or cosine over common raters).
 *
 * <p>Deviations from Surprise, on purpose: (1) only each item's {@code keep} most similar positive
 * neighbours are stored (Surprise holds the dense n×n matrix), so a neighbour ranked below that is
 * ignored — with the default 400 the effect on RMSE is measured in docs/notes/knn.md; (2)
 * {@link #predict} clips to the training rating range as Surprise does, but {@link #scoreItems} returns
 * the unclipped estimate, so that ranking does not tie every item above the top of the scale; (3)
 * shrinkage also applies to cosine when asked (Surprise's cosine has none: use {@code --shrinkage 0}).
 *
 * <p>Unknown users (index -1 or no training ratings) get the baseline {@code μ + b_i}
 * ({@link #knowsUser} is false); unknown items get {@code μ + b_u}. {@link #similarItems} gives the
 * stored similarities, 1 for the item itself and {@code -Infinity} for items that are not among its
 * kept neighbours. The model holds the training ratings by user (the neighbourhood needs them).
 *
 * <p><b>Fold-in</b> ({@link #foldIn}): exact. The history's bias is the closed-form ALS user step training
 * ends with (items first, then users, in every sweep), {@code b_u = Σ_{i∈h} (r_ui − μ − b_i) / (λ_u + |h|)}
 * with λ_u = {@code reg-users} from the model's training parameters (0 when {@code baseline-epochs} was 0,
 * as training has no baseline then), then every item is scored from the history's ratings exactly as a
 * training user's row is. A training user's own history reproduces her scores up to float rounding of the
 * stored biases (the baseline model keeps μ, b_u, b_i in float: about 1e-6).
 */
public final class ItemKnnModel extends TrainedModel {
  /** Prediction settings stored with the model. */
  record Settings(int k, int minK, float minRating, float maxRating) {}

  private final Settings settings;
  private final double mu;
  private final double[] userBias;
  private final double[] itemBias;
  private final SparseRows byUser;
  private final SparseSimilarity.Neighbours nb;
  /** Reverse neighbour index: for item j, the positions p of the lists that hold j (ascending). */
  private final int[] revOffsets;
  private final int[] revPos;
  /** The item whose list holds position p. */
  private final int[] ownerOf;

  ItemKnnModel(ModelInfo info, IdIndex users, IdIndex items, Settings settings, double mu, double[] userBias,
      double[] itemBias, SparseRows byUser, SparseSimilarity.Neighbours nb, TrainingItems rated) {
    super(ItemKnnFamily.KIND, info, users, items, rated);
    this.settings = settings;
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
    this.byUser = byUser;
    this.nb = nb;
    int n = nb.offsets().length - 1;
    int total = nb.items().length;
    ownerOf = new int[total];
    revOffsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      for (int p = nb.offsets()[i]; p < nb.offsets()[i + 1]; p++) {
        ownerOf[p] = i;
        revOffsets[nb.items()[p] + 1]++;
      }
    }
    for (int j = 0; j < n; j++) {
      revOffsets[j + 1] += revOffsets[j];
    }
    revPos = new int[total];
    int[] next = Arrays.copyOf(revOffsets, n);
    for (int p = 0; p < total; p++) {
      revPos[next[nb.items()[p]]++] = p;
    }
  }

  /** True: predictions are ratings on the training scale. */
  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public boolean knowsUser(int user) {
    return user >= 0 && user < byUser.numRows() && byUser.count(user) > 0;
  }

  @Override
  public float predict(int user, int item) {
    return clip(estimate(user, item));
  }

  /**
   * Every item's prediction at the cost of one {@link #scoreItems} (a few ms) rather than a walk of every
   * item's neighbour list (tens of ms per user: the blend, which ranks by its members' predictions, spent
   * most of its evaluation here).
   */
  @Override
  public void predictItems(int user, float[] out) {
    scoreItems(user, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = clip(out[i]);
    }
  }

  /** The unclipped estimate r̂_ui. */
  double estimate(int user, int item) {
    if (!knowsUser(user)) {
      return mu + (item >= 0 ? itemBias[item] : 0);
    }
    return estimate(byUser.cols(), byUser.vals(), byUser.start(user), byUser.end(user), userBias[user], item);
  }

  /**
   * The unclipped estimate for the user who rated items {@code cols[from..to)} (increasing) with
   * {@code vals[from..to)} and has bias {@code bu}: a training user's row, or a folded-in history.
   */
  private double estimate(int[] cols, float[] vals, int from, int to, double userBiasOf, int item) {
    double est = mu + userBiasOf + (item >= 0 ? itemBias[item] : 0);
    if (item < 0) {
      return est;
    }
    int[] nbItems = nb.items();
    float[] nbSims = nb.sims();
    int[] offsets = nb.offsets();
    double bu = mu + userBiasOf;
    double sumSim = 0;
    double sumRes = 0;
    int hits = 0;
    for (int p = offsets[item]; p < offsets[item + 1] && hits < settings.k(); p++) {
      int j = nbItems[p];
      int q = Arrays.binarySearch(cols, from, to, j);
      if (q >= 0) {
        double s = nbSims[p];
        sumSim += s;
        sumRes += s * (vals[q] - bu - itemBias[j]);
        hits++;
      }
    }
    if (hits >= settings.minK() && sumSim > 0) {
      est += sumRes / sumSim;
    }
    return est;
  }

  private float clip(double v) {
    return (float) Math.max(settings.minRating(), Math.min(settings.maxRating(), v));
  }

  /**
   * Unclipped estimates for every item; the baseline μ + b_i for unknown users. Works from the user's side
   * instead of walking every item's list: each rated item j proposes itself to every item whose kept list
   * holds it (reverse index), and an item with more than k proposals keeps the k that come first in its
   * list, the same neighbours {@link #predict} picks. Cost: Σ_{j ∈ I_u} |reverse list of j|. Users whose
   * proposals would outnumber the kept pairs / 4 use the forward walk instead (every item's list, stopping
   * at k hits), which is cheaper for heavy raters.
   */
  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    int n = items().size();
    if (!knowsUser(user)) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) (mu + itemBias[i]);
      }
      return;
    }
    score(byUser.cols(), byUser.vals(), byUser.start(user), byUser.end(user), userBias[user], out);
  }

  /**
   * Unclipped estimates of every item for the user who rated {@code cols[from..to)} with {@code vals} and has
   * bias {@code userBiasOf} (a training user's row, or a folded-in history).
   */
  private void score(int[] cols, float[] vals, int from, int to, double userBiasOf, float[] out) {
    long proposals = 0;
    for (int q = from; q < to; q++) {
      int j = cols[q];
      proposals += revOffsets[j + 1] - revOffsets[j];
    }
    if (proposals * REVERSE_COST > nb.items().length) {
      scoreForward(cols, vals, from, to, userBiasOf, out);
    } else {
      scoreReverse(cols, vals, from, to, userBiasOf, out);
    }
  }

  /**
   * Relative cost of one proposal of the reverse walk (count, fill, partial sort) against one step of the
   * forward walk; picks the cheaper walk per user (light users: reverse; heavy users: forward).
   */
  private static final int REVERSE_COST = 4;

  /** Walks every item's kept list, stopping at k neighbours the user rated. */
  private void scoreForward(int[] cols, float[] vals, int from, int to, double userBiasOf, float[] out) {
    int n = items().size();
    double bu = mu + userBiasOf;
    float[] residual = new float[n];
    Arrays.fill(residual, Float.NaN);
    for (int q = from; q < to; q++) {
      residual[cols[q]] = (float) (vals[q] - bu - itemBias[cols[q]]);
    }
    int[] nbItems = nb.items();
    float[] nbSims = nb.sims();
    int[] offsets = nb.offsets();
    int k = settings.k();
    int minK = settings.minK();
    for (int i = 0; i < n; i++) {
      double sumSim = 0;
      double sumRes = 0;
      int hits = 0;
      for (int p = offsets[i]; p < offsets[i + 1] && hits < k; p++) {
        float res = residual[nbItems[p]];
        if (res == res) {
          double sim = nbSims[p];
          sumSim += sim;
          sumRes += sim * res;
          hits++;
        }
      }
      double est = bu + itemBias[i];
      if (hits >= minK && sumSim > 0) {
        est += sumRes / sumSim;
      }
      out[i] = (float) est;
    }
  }

  /** Each rated item proposes itself to the items whose lists hold it; see {@link #scoreItems}. */
  private void scoreReverse(int[] cols, float[] vals, int from, int to, double userBiasOf, float[] out) {
    int n = items().size();
    double bu = mu + userBiasOf;
    int[] start = new int[n + 1];
    for (int q = from; q < to; q++) {
      int j = cols[q];
      for (int e = revOffsets[j]; e < revOffsets[j + 1]; e++) {
        start[ownerOf[revPos[e]] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    long[] cand = new long[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int q = from; q < to; q++) {
      int j = cols[q];
      int res = Float.floatToRawIntBits((float) (vals[q] - bu - itemBias[j]));
      for (int e = revOffsets[j]; e < revOffsets[j + 1]; e++) {
        int p = revPos[e];
        cand[fill[ownerOf[p]]++] = ((long) p << 32) | (res & 0xFFFFFFFFL);
      }
    }
    float[] nbSims = nb.sims();
    int k = settings.k();
    int minK = settings.minK();
    for (int i = 0; i < n; i++) {
      int first = start[i];
      int last = start[i + 1];
      if (last - first > k) {
        Arrays.sort(cand, first, last);
        last = first + k;
      }
      double sumSim = 0;
      double sumRes = 0;
      for (int c = first; c < last; c++) {
        double sim = nbSims[(int) (cand[c] >>> 32)];
        sumSim += sim;
        sumRes += sim * Float.intBitsToFloat((int) cand[c]);
      }
      double est = bu + itemBias[i];
      if (last - first >= minK && sumSim > 0) {
        est += sumRes / sumSim;
      }
      out[i] = (float) est;
    }
  }

  /**
   * The scorer of a user known only by this history (see the class comment): her bias is solved from the
   * history, her scores computed once here (cost: one user's scoring).
   */
  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    if (history.size() == 0) {
      return scorer(-1);
    }
    int[] cols = history.items();
    float[] vals = history.ratings();
    double bu = 0;
    if (TrainedParams.number(info(), ItemKnnFamily.BASELINE_EPOCHS.name()) > 0) {
      double regUsers = TrainedParams.number(info(), ItemKnnFamily.REG_USERS.name());
      double dev = 0;
      for (int k = 0; k < cols.length; k++) {
        dev += vals[k] - mu - itemBias[cols[k]];
      }
      bu = dev / (regUsers + cols.length);
    }
    float[] scores = new float[items().size()];
    score(cols, vals, 0, cols.length, bu, scores);
    double userBiasOf = bu;
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        checkLength(out);
        System.arraycopy(scores, 0, out, 0, scores.length);
      }

      @Override
      public float predict(int item) {
        return clip(estimate(cols, vals, 0, cols.length, userBiasOf, item));
      }

      @Override
      public void predictItems(float[] out) {
        checkLength(out);
        for (int i = 0; i < out.length; i++) {
          out[i] = clip(scores[i]);
        }
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (int p = nb.offsets()[item]; p < nb.offsets()[item + 1]; p++) {
      out[nb.items()[p]] = nb.sims()[p];
    }
    out[item] = 1f;
  }

  @Override
  public String fallback(int user, int item) {
    return org.cinerec.model.Fallback.biases(knowsUser(user), knowsItem(item));
  }

  /** Root mean squared error of {@link #predict} over these ratings (same index spaces). */
  public double rmse(Ratings ratings) {
    double se = 0;
    for (int p = 0; p < ratings.size(); p++) {
      double e = predict(ratings.user(p), ratings.item(p)) - ratings.rating(p);
      se += e * e;
    }
    return Math.sqrt(se / Math.max(1, ratings.size()));
  }

  /** Number of stored neighbour pairs (for memory reports). */
  public long storedNeighbours() {
    return nb.items().length;
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putInts("itemknn.settings", new int[] {settings.k(), settings.minK()});
    out.putFloats("itemknn.rating_range", new float[] {settings.minRating(), settings.maxRating()});
    out.putDouble("itemknn.mu", mu);
    out.putDoubles("itemknn.user_bias", userBias);
    out.putDoubles("itemknn.item_bias", itemBias);
    out.putInts("itemknn.ratings.offsets", byUser.offsets());
    out.putInts("itemknn.ratings.items", byUser.cols());
    out.putFloats("itemknn.ratings.values", byUser.vals());
    out.putInts("itemknn.neighbours.offsets", nb.offsets());
    out.putInts("itemknn.neighbours.items", nb.items());
    out.putFloats("itemknn.neighbours.sims", nb.sims());
    trainingItems().write(out, "itemknn.rated");
  }

  static ItemKnnModel read(ModelReader in) {
    int[] s = in.ints("itemknn.settings");
    float[] range = in.floats("itemknn.rating_range");
    Settings settings = new Settings(s[0], s[1], range[0], range[1]);
    SparseRows byUser = new SparseRows(in.ints("itemknn.ratings.offsets"), in.ints("itemknn.ratings.items"),
        in.floats("itemknn.ratings.values"));
    SparseSimilarity.Neighbours nb = new SparseSimilarity.Neighbours(in.ints("itemknn.neighbours.offsets"),
        in.ints("itemknn.neighbours.items"), in.floats("itemknn.neighbours.sims"));
    if (byUser.offsets().length != in.users().size() + 1 || nb.offsets().length != in.items().size() + 1
        || nb.items().length != nb.sims().length || nb.offsets()[in.items().size()] != nb.items().length) {
      throw new org.cinerec.CinerecException("itemknn model: sections do not match the vocabularies ("
          + in.users().size() + " users, " + in.items().size() + " items): damaged file? train it again");
    }
    return new ItemKnnModel(in.info(), in.users(), in.items(), settings, in.getDouble("itemknn.mu"),
        in.doubles("itemknn.user_bias"), in.doubles("itemknn.item_bias"), byUser, nb,
        TrainingItems.read(in, "itemknn.rated"));
  }
}
