package org.cinerec.model.mf;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Vectors;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.ModelReader;
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
    if (!parts.predictsRatings()) {
      if (!knowsUser(user)) {
        return item >= 0 ? unknownUserScores[item] : 0f;
      }
      return item >= 0 ? Vectors.dot(p, user * dim, q, item * dim, dim) : 0f;
    }
    boolean ku = knowsUser(user);
    boolean ki = knowsItem(item);
    float s;
    if (biased) {
      s = mu;
      if (ku) {
        s += bu[user];
      }
      if (ki) {
        s += bi[item];
      }
      if (ku && ki) {
        s += Vectors.dot(p, user * dim, q, item * dim, dim);
      }
    } else {
      s = ku && ki ? Vectors.dot(p, user * dim, q, item * dim, dim) : mu;
    }
    return Math.max(parts.minRating(), Math.min(parts.maxRating(), s));
  }

  @Override
  public void scoreItems(int user, float[] out) {
    if (!knowsUser(user)) {
      System.arraycopy(unknownUserScores, 0, out, 0, out.length);
      return;
    }
    Vectors.matVec(q, items().size(), dim, p, user * dim, out);
    float base = biased ? mu + bu[user] : 0f;
    for (int i = 0; i < out.length; i++) {
      out[i] += base + bi[i];
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
