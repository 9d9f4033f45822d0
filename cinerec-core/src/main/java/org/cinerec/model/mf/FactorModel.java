package org.cinerec.model.mf;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
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
 * The trained form shared by the latent-factor families ({@code mf}, {@code svdpp}, {@code als},
 * {@code ials}): a score {@code ŝ(u,i) = μ + b_u + b_i + p_u·q_i} for a biased model, {@code p_u·q_i} for
 * an unbiased one (Spark's ALS), clipped to the rating scale when the model predicts ratings.
 *
 * <p>Symbols: {@code μ} = {@link Parts#globalMean}, {@code b_u}/{@code b_i} = user/item bias (zero when the
 * family has none), {@code p_u} = row u of {@link Parts#userFactors} (for SVD++ the effective vector
 * {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j}, precomputed), {@code q_i} = row i of {@link Parts#itemFactors}.
 *
 * <p>Unknown users and items (index -1, or no rating in training) drop their terms, as Surprise's
 * {@code SVD.estimate} does: trainers leave their factors and biases at zero, so an unknown user gets
 * {@code μ + b_i} and an unknown item {@code μ + b_u}; an unbiased model predicts μ (the training mean)
 * for any pair with an unknown side, as Surprise's default prediction does. {@link #knowsUser} says which
 * case applies. A ranking-only model ({@link Parts#predictsRatings} false, e.g. {@code ials}) has no biases; it scores an
 * unknown user's items by {@link Parts#fallbackScores} (popularity).
 *
 * <p>{@link #scoreItems} returns the unclipped scores (clipping would tie the top of the list);
 * {@link #predict} clips. {@link #similarItems} is the cosine of item factor vectors (0 for an item without
 * factors).
 *
 * <p>Fold-in ({@link #foldIn}): the user's vector (and bias, in a biased model) is solved from the history
 * with every item-side tensor fixed, minimising training's objective for that one user with training's
 * regularisation read from the model's parameters ({@code reg}, and {@code alpha} for ials). Movies of the
 * history without training ratings have no factors or bias and are left out; a history with none left is
 * the fallback ({@code scorer(-1)}). Per family:
 * <ul>
 *   <li>{@code als}: {@code (Σ_{i∈H} f_i f_iᵀ + λ|H| I) w = Σ_{i∈H} (r_ui − μ − b_i) f_i} with
 *       {@code f_i = (q_i, 1)}, {@code w = (p_u, b_u)} when the model has biases, else {@code f_i = q_i},
 *       {@code w = p_u} and targets r_ui: exactly the trainer's user step (weighted λ). Training ends on a
 *       user step, so folding in a training user's own ratings gives back the trained vector (to rounding).
 *   <li>{@code mf}: the same system. SGD's weight decay λ is applied once per rating visit, so the objective
 *       it descends has λ|H| on the user's diagonal, bias included; the solve is that objective's exact
 *       minimum with the items fixed. Approximation: SGD stops after a few epochs, short of that minimum,
 *       so a training user's folded vector is not their trained one; with training's small λ (0.02) the
 *       exact minimum fits a short history more closely than SGD's early stop would (ml-latest-small, 10
 *       ratings given: held-out RMSE 0.925 folded in, 0.903 retrained, 1.024 for the fallback μ + b_i).
 *   <li>{@code svdpp}: the same system with the implicit part {@code z = |H|^-½ Σ_{j∈H} y_j} (N(u) = the
 *       history's movies) held fixed in the targets ({@code r_ui − μ − b_i − q_i·z}); the user's effective
 *       vector is {@code p_u + z}. The same SGD approximation as mf (RMSE 0.961
 *       folded in, 0.897 retrained, same protocol).
 *   <li>{@code ials}: Hu-Koren-Volinsky's exact user step,
 *       {@code (YᵀY + Σ_{i∈H} α r_ui q_i q_iᵀ + λ I) x = Σ_{i∈H} (1 + α r_ui) q_i} (λ unscaled), with YᵀY over
 *       every movie computed once per model on first use. Training takes a few conjugate-gradient steps
 *       per user and ends on an item step, so a trained vector is close to, not exactly, this solve.
 * </ul>
 * All solves are dense Cholesky factorisations in double ({@link FactorFoldIn}); a folded user is scored
 * by the same code as a trained one, so scores and predictions agree between the two.
 */
public final class FactorModel extends TrainedModel implements ItemEmbeddings {

  /**
   * The tensors of a factor model.
   *
   * @param dim             factor dimension k
   * @param userFactors     row-major numUsers × k (rows of unknown users are zero)
   * @param itemFactors     row-major numItems × k (rows of unknown items are zero)
   * @param userBias        length numUsers, or null for an unbiased model (then itemBias is null too)
   * @param itemBias        length numItems, or null for an unbiased model
   * @param globalMean      μ, the training mean: part of every prediction of a biased model, the
   *                        prediction for unknown pairs of an unbiased one
   * @param minRating       lower clip bound (the smallest training rating)
   * @param maxRating       upper clip bound (the largest training rating)
   * @param predictsRatings false for ranking-only models (no clipping then)
   * @param rated           which items each user rated in training (a user with none is unknown)
   * @param fallbackScores  ranking scores for unknown users (e.g. popularity), or null for {@code μ + b_i}
   * @param extras          family-specific tensors kept in the file (e.g. SVD++'s y), name → data
   */
  public record Parts(int dim, float[] userFactors, float[] itemFactors, float[] userBias, float[] itemBias,
      float globalMean, float minRating, float maxRating, boolean predictsRatings, TrainingItems rated,
      float[] fallbackScores, Map<String, float[]> extras) {}

  private final Parts parts;
  private final int dim;
  private final float[] p;
  private final float[] q;
  private final float[] bu;
  private final float[] bi;
  private final float mu;
  private final boolean biased;
  private final float[] itemNorms;
  private final float[] unknownUserScores;
  /** YᵀY of the item factors for ials fold-in: computed on first use (any thread computes the same). */
  private volatile double[] itemGram;

  public FactorModel(String kind, IdIndex users, IdIndex items, ModelInfo info, Parts parts) {
    super(kind, info, users, items, parts.rated());
    int nu = users().size();
    int ni = items().size();
    int k = parts.dim();
    check("user factors", parts.userFactors().length, (long) nu * k);
    check("item factors", parts.itemFactors().length, (long) ni * k);
    check("rated items", parts.rated().numUsers(), nu);
    this.parts = parts;
    this.dim = k;
    this.p = parts.userFactors();
    this.q = parts.itemFactors();
    this.bu = parts.userBias() == null ? new float[nu] : parts.userBias();
    this.bi = parts.itemBias() == null ? new float[ni] : parts.itemBias();
    check("user bias", bu.length, nu);
    check("item bias", bi.length, ni);
    this.mu = parts.globalMean();
    this.biased = parts.userBias() != null;
    this.itemNorms = new float[ni];
    for (int i = 0; i < ni; i++) {
      itemNorms[i] = (float) Vectors.norm(q, i * k, k);
    }
    if (parts.fallbackScores() != null) {
      check("fallback scores", parts.fallbackScores().length, ni);
      unknownUserScores = parts.fallbackScores();
    } else {
      unknownUserScores = new float[ni];
      for (int i = 0; i < ni; i++) {
        unknownUserScores[i] = biased ? mu + bi[i] : mu;
      }
    }
  }

  private static void check(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + ": length " + actual + " != " + expected);
    }
  }

  @Override
  public boolean predictsRatings() {
    return parts.predictsRatings();
  }

  /** The tensors (shared arrays; do not modify). */
  public Parts parts() {
    return parts;
  }

  @Override
  public float predict(int user, int item) {
    if (!knowsUser(user)) {
      if (!parts.predictsRatings()) {
        return item >= 0 ? unknownUserScores[item] : 0f;
      }
      if (!biased) {
        return unbiasedPrediction(false, knowsItem(item), 0f, mu, parts.minRating(), parts.maxRating());
      }
      float s = knowsItem(item) ? mu + bi[item] : mu;
      return Math.max(parts.minRating(), Math.min(parts.maxRating(), s));
    }
    return predictKnown(p, user * dim, bu[user], item);
  }

  /**
   * The prediction of a factor model without biases (MLlib's ALS; {@code als} with {@code biases=false}):
   * {@code dot} ({@code p_u·q_i}) when the user and the movie are both seen in training, else the training
   * mean {@code mu}, clipped to the training range {@code [min, max]}. The one implementation: {@link #predict}
   * and the Spark {@code evaluate} job (through {@code eval.PredictionPolicy}) call it.
   */
  public static float unbiasedPrediction(boolean userSeen, boolean itemSeen, float dot, float mu, float min,
      float max) {
    float s = userSeen && itemSeen ? dot : mu;
    return Math.max(min, Math.min(max, s));
  }

  /** {@link #predict} for a known user with factors {@code pv[po..po+k)} and bias {@code bias}. */
  private float predictKnown(float[] pv, int po, float bias, int item) {
    if (!parts.predictsRatings()) {
      return item >= 0 ? Vectors.dot(pv, po, q, item * dim, dim) : 0f;
    }
    boolean ki = knowsItem(item);
    float s;
    if (biased) {
      s = mu;
      s += bias;
      if (ki) {
        s += bi[item];
        s += Vectors.dot(pv, po, q, item * dim, dim);
      }
    } else {
      return unbiasedPrediction(true, ki, ki ? Vectors.dot(pv, po, q, item * dim, dim) : 0f, mu,
          parts.minRating(), parts.maxRating());
    }
    return Math.max(parts.minRating(), Math.min(parts.maxRating(), s));
  }

  @Override
  public void scoreItems(int user, float[] out) {
    if (!knowsUser(user)) {
      System.arraycopy(unknownUserScores, 0, out, 0, out.length);
      return;
    }
    scoreKnown(p, user * dim, bu[user], out);
  }

  /** {@link #scoreItems} for a known user with factors {@code pv[po..po+k)} and bias {@code bias}. */
  private void scoreKnown(float[] pv, int po, float bias, float[] out) {
    Vectors.matVec(q, items().size(), dim, pv, po, out);
    float base = biased ? mu + bias : 0f;
    for (int i = 0; i < out.length; i++) {
      out[i] += base + bi[i];
    }
  }

  /** Fold-in by the family's rule: see the class comment. */
  @Override
  public UserScorer foldIn(History history) {
    float[] w = foldInVector(history);
    return w == null ? scorer(-1) : new Folded(java.util.Arrays.copyOf(w, dim), w[dim]);
  }

  /**
   * The folded-in user's (effective) factor vector followed by their bias (0 in an unbiased model):
   * {@code k + 1} values; null when no movie of the history has training ratings (then the fallback).
   */
  float[] foldInVector(History history) {
    history.requireItemsBelow(items().size());
    FactorFoldIn.Rule rule = FactorFoldIn.Rule.of(kind());
    if (rule == null) {
      throw new UnsupportedOperationException("the " + kind() + " model cannot fold in a new user");
    }
    int[] known = new int[history.size()];
    float[] ratings = new float[history.size()];
    int n = 0;
    for (int t = 0; t < history.size(); t++) {
      if (knowsItem(history.item(t))) {
        known[n] = history.item(t);
        ratings[n++] = history.rating(t);
      }
    }
    if (n == 0) {
      return null;
    }
    double lambda = TrainedParams.number(info(), "reg");
    double[] w;
    float[] z = null;
    if (rule == FactorFoldIn.Rule.IMPLICIT) {
      double alpha = TrainedParams.number(info(), "alpha");
      for (int t = 0; t < n; t++) {
        if (!(ratings[t] >= 0)) {
          throw new IllegalArgumentException("rating " + ratings[t] + " of item " + known[t] + " is negative; the "
              + kind() + " model's confidence 1 + alpha·r needs r >= 0");
        }
      }
      w = FactorFoldIn.implicit(dim, q, itemGram(), known, ratings, n, lambda, alpha);
    } else {
      float[] y = parts.extras().get(SvdppTrainer.Y);
      if (kind().equals(SvdppFamily.KIND)) {
        z = new float[dim];
        float scale = (float) (1.0 / Math.sqrt(n));
        for (int t = 0; t < n; t++) {
          Vectors.axpy(scale, y, known[t] * dim, z, 0, dim);
        }
      }
      w = FactorFoldIn.perRating(dim, q, biased ? bi : null, mu, z, known, ratings, n, lambda);
    }
    float[] x = new float[dim + 1];
    for (int f = 0; f < dim; f++) {
      x[f] = (float) w[f];
    }
    if (z != null) {
      Vectors.axpy(1f, z, 0, x, 0, dim);
    }
    x[dim] = biased ? (float) w[dim] : 0f;
    return x;
  }

  private double[] itemGram() {
    double[] g = itemGram;
    if (g == null) {
      g = FactorFoldIn.gram(q, items().size(), dim);
      itemGram = g;
    }
    return g;
  }

  /** A folded-in user: scored and predicted by the code a trained user is. */
  private final class Folded implements UserScorer {
    private final float[] x;
    private final float bias;

    Folded(float[] x, float bias) {
      this.x = x;
      this.bias = bias;
    }

    @Override
    public void scoreItems(float[] out) {
      checkLength(out);
      scoreKnown(x, 0, bias, out);
    }

    @Override
    public float predict(int item) {
      return predictKnown(x, 0, bias, item);
    }

    @Override
    public boolean personal() {
      return true;
    }
  }

  @Override
  public void similarItems(int item, float[] out) {
    Vectors.matVec(q, items().size(), dim, q, item * dim, out);
    float ni = itemNorms[item];
    for (int j = 0; j < out.length; j++) {
      float d = ni * itemNorms[j];
      out[j] = d == 0 ? 0f : out[j] / d;
    }
  }

  @Override
  public String fallback(int user, int item) {
    boolean ku = knowsUser(user);
    boolean ki = knowsItem(item);
    if (!parts.predictsRatings()) {
      if (!ku) {
        return item < 0 ? "0 (an unknown movie)" : parts.fallbackScores() != null ? "the movie's popularity score"
            : biased ? "the global mean plus the movie's bias, μ + b_i" : "the global mean μ";
      }
      return ki ? null : "0 (the movie has no factors)";
    }
    if (biased) {
      return org.cinerec.model.Fallback.biases(ku, ki);
    }
    return ku && ki ? null : "the training mean μ";
  }

  @Override
  public int embeddingDim() {
    return dim;
  }

  @Override
  public float[] itemEmbeddings() {
    return q.clone();
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putFloats("factors.user", p, users().size(), dim);
    out.putFloats("factors.item", q, items().size(), dim);
    if (biased) {
      out.putFloats("bias.user", bu);
      out.putFloats("bias.item", bi);
    }
    out.putDoubles("scale", new double[] {mu, parts.minRating(), parts.maxRating()});
    out.putInts("predicts_ratings", new int[] {parts.predictsRatings() ? 1 : 0});
    trainingItems().write(out, "rated");
    if (parts.fallbackScores() != null) {
      out.putFloats("fallback.item_scores", parts.fallbackScores());
    }
    for (Map.Entry<String, float[]> e : parts.extras().entrySet()) {
      out.putFloats("extra." + e.getKey(), e.getValue());
    }
  }

  /** Reads what {@link #write} wrote; {@code extraNames} are the family's extra tensors. */
  public static FactorModel read(String kind, ModelReader in, String... extraNames) {
    int[] shape = in.shape("factors.item");
    int k = shape.length == 2 ? shape[1] : 0;
    double[] scale = in.doubles("scale");
    Map<String, float[]> extras = new LinkedHashMap<>();
    for (String name : extraNames) {
      extras.put(name, in.floats("extra." + name));
    }
    Parts parts = new Parts(k, in.floats("factors.user"), in.floats("factors.item"), in.has("bias.user") ? in.floats("bias.user") : null,
        in.has("bias.item") ? in.floats("bias.item") : null, (float) scale[0], (float) scale[1], (float) scale[2],
        in.ints("predicts_ratings")[0] == 1, TrainingItems.read(in, "rated"),
        in.has("fallback.item_scores") ? in.floats("fallback.item_scores") : null, extras);
    return new FactorModel(kind, in.users(), in.items(), in.info(), parts);
  }

  /**
   * RMSE on held-out ratings while training, predicting as the final model will: {@code μ + b_u + b_i +
   * p_u·q_i} with unknown users or items (count 0) dropping their terms, or, when the biases are null,
   * {@code p_u·q_i} for known pairs and μ otherwise; clipped to {@code [min, max]}.
   */
  public static double rmse(Ratings data, int k, float[] p, float[] q, float[] bu, float[] bi, float mu,
      int[] userCounts, int[] itemCounts, float min, float max) {
    int[] us = data.users();
    int[] is = data.items();
    float[] rs = data.ratings();
    double sse = 0;
    for (int n = 0; n < us.length; n++) {
      int u = us[n];
      int i = is[n];
      boolean ku = userCounts[u] > 0;
      boolean ki = itemCounts[i] > 0;
      float s;
      if (bu == null) {
        s = ku && ki ? Vectors.dot(p, u * k, q, i * k, k) : mu;
      } else {
        s = mu + (ku ? bu[u] : 0f) + (ki ? bi[i] : 0f) + (ku && ki ? Vectors.dot(p, u * k, q, i * k, k) : 0f);
      }
      s = Math.max(min, Math.min(max, s));
      double e = rs[n] - s;
      sse += e * e;
    }
    return us.length == 0 ? Double.NaN : Math.sqrt(sse / us.length);
  }
}
