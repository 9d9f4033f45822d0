package org.cinerec.model.bpmf;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.math.Dense;
import org.cinerec.math.Vectors;
import org.cinerec.model.Fallback;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.PredictionSpread;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainedParams;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * A trained {@code bpmf} model: the S kept Gibbs samples of every user's and movie's row ({@link
 * BpmfTrainer}), and the prediction {@code r̂(u,i) = μ + (1/S) Σ_s x_u⁽ˢ⁾·y_i⁽ˢ⁾}, the posterior mean's Monte
 * Carlo estimate, clipped to the training range.
 *
 * <p>Layout: each row holds its S samples side by side as augmented blocks of w values (users {@code (p,
 * b_u, 1)}, movies {@code (q, 1, b_i)}, w = k + 2; without biases {@code p} and {@code q}, w = k), so the
 * average over samples is one dot product of length S·w and every movie is scored by one matrix-vector
 * product: S times the cost of an {@code mf} score of the same rank. Memory (and file size):
 * {@code 4·S·w·(users + movies)} bytes plus the user side's S hyperparameters ({@code 8·S·(d + d²)}, d = k + 1
 * or k); ml-latest-small at the defaults (S = 100, k = 10): 10,352 rows × 1,200 floats ≈ 50 MB; ml-25m would
 * be ≈ 1.1 GB, so lower {@code samples} (or raise {@code thin}) there. Storing the samples keeps the mean of
 * the products exact; the product of the mean factors would not be.
 *
 * <p>Spread ({@link PredictionSpread}, the scorers of {@link #scorer} and {@link #foldIn}): the standard
 * deviation over the samples of the per-sample predictions {@code μ + x⁽ˢ⁾·y⁽ˢ⁾} (unclipped).
 *
 * <p>Fold-in: for each sample s, the user's row is the mean of its Gibbs conditional given the movies' sample s
 * and the user side's hyperparameters of that sweep (μ_U⁽ˢ⁾, Λ_U⁽ˢ⁾, kept in the file): {@code (Λ_U +
 * α Σ_{i∈H} f_i f_iᵀ)⁻¹ (Λ_U μ_U + α Σ_{i∈H} (r_i − μ − b_i) f_i)}, {@code f_i = (q_i, 1)}. Using the
 * conditional mean instead of a draw (Rao-Blackwellisation) needs no generator, so the folded user depends
 * only on the history, and the averaged prediction is the same in expectation with less noise. The folded
 * spread adds back what the mean leaves out: {@code Var = var_s(pred_s) + mean_s(f_iᵀ Λ*_s⁻¹ f_i)} (the
 * law of total variance). Unknown users and movies drop their terms as in the biased factor models:
 * {@code μ + b̄_i}, {@code μ + b̄_u}, μ.
 */
public final class BpmfModel extends TrainedModel implements ItemEmbeddings {

  /**
   * The tensors.
   *
   * @param dim        k, the factors
   * @param samples    S
   * @param biases     whether rows carry biases
   * @param userRows   users × S·w (see the class comment); rows of users without ratings are zero
   * @param itemRows   movies × S·w; rows of movies without ratings are (0, 1, 0) per block (0 unbiased)
   * @param userHyper  S × (d + d²): per kept sample the user side's μ_U (d) then Λ_U (d × d, row-major)
   * @param globalMean μ
   * @param minRating  lower clip bound
   * @param maxRating  upper clip bound
   * @param rated      each user's training movies
   */
  public record Parts(int dim, int samples, boolean biases, float[] userRows, float[] itemRows, double[] userHyper,
      float globalMean, float minRating, float maxRating, TrainingItems rated) {}

  private final Parts parts;
  private final int k;
  private final int s;
  private final int w;
  private final int d;
  private final float mu;
  private final float[] users;
  private final float[] items;
  private final float[] meanItemFactors;
  private final float[] itemNorms;
  private final float[] unknownUserScores;

  BpmfModel(IdIndex users, IdIndex items, ModelInfo info, Parts parts) {
    super(BpmfFamily.KIND, info, users, items, parts.rated());
    this.parts = parts;
    this.k = parts.dim();
    this.s = parts.samples();
    this.w = width(k, parts.biases());
    this.d = parts.biases() ? k + 1 : k;
    this.mu = parts.globalMean();
    this.users = parts.userRows();
    this.items = parts.itemRows();
    int nu = users.size();
    int ni = items.size();
    check("user samples", this.users.length, (long) nu * s * w);
    check("movie samples", this.items.length, (long) ni * s * w);
    check("user hyperparameters", parts.userHyper().length, (long) s * (d + d * d));
    check("rated items", parts.rated().numUsers(), nu);
    meanItemFactors = new float[ni * k];
    itemNorms = new float[ni];
    unknownUserScores = new float[ni];
    for (int i = 0; i < ni; i++) {
      double bias = 0;
      for (int t = 0; t < s; t++) {
        int o = (i * s + t) * w;
        Vectors.axpy(1f / s, this.items, o, meanItemFactors, i * k, k);
        bias += parts.biases() ? this.items[o + k + 1] : 0;
      }
      itemNorms[i] = (float) Vectors.norm(meanItemFactors, i * k, k);
      unknownUserScores[i] = (float) (mu + bias / s);
    }
  }

  /** The block width w of one sample: k + 2 with biases, else k. */
  static int width(int k, boolean biases) {
    return biases ? k + 2 : k;
  }

  private static void check(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + ": length " + actual + " != " + expected);
    }
  }

  /** The tensors (shared arrays; do not modify). */
  public Parts parts() {
    return parts;
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  private float clip(double x) {
    return (float) Math.max(parts.minRating(), Math.min(parts.maxRating(), x));
  }

  @Override
  public float predict(int user, int item) {
    return knowsUser(user) ? predictRow(users, user * s * w, item) : unknownUser(item);
  }

  private float unknownUser(int item) {
    return clip(knowsItem(item) ? unknownUserScores[item] : mu);
  }

  /** The clipped mean prediction for the user whose blocks start at {@code row[ro]}. */
  private float predictRow(float[] row, int ro, int item) {
    if (!knowsItem(item)) {
      double b = 0;
      for (int t = 0; parts.biases() && t < s; t++) {
        b += row[ro + t * w + k];
      }
      return clip(mu + b / s);
    }
    return clip(mu + Vectors.dot(row, ro, items, item * s * w, s * w) / s);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    if (!knowsUser(user)) {
      System.arraycopy(unknownUserScores, 0, out, 0, out.length);
      return;
    }
    scoreRow(users, user * s * w, out);
  }

  private void scoreRow(float[] row, int ro, float[] out) {
    Vectors.matVec(items, items().size(), s * w, row, ro, out);
    float scale = 1f / s;
    for (int i = 0; i < out.length; i++) {
      out[i] = mu + out[i] * scale;
    }
  }

  /** The standard deviation over the samples of the unclipped per-sample predictions (see the class comment). */
  private double sampleSpread(float[] row, int ro, int item) {
    double sum = 0;
    double sq = 0;
    for (int t = 0; t < s; t++) {
      double p;
      if (row == null) { // unknown user: the movie's bias
        p = item >= 0 && knowsItem(item) && parts.biases() ? items[(item * s + t) * w + k + 1] : 0;
      } else if (item < 0 || !knowsItem(item)) {
        p = parts.biases() ? row[ro + t * w + k] : 0;
      } else {
        p = Vectors.dot(row, ro + t * w, items, (item * s + t) * w, w);
      }
      sum += p;
      sq += p * p;
    }
    double mean = sum / s;
    return Math.max(0, sq / s - mean * mean);
  }

  @Override
  public UserScorer scorer(int user) {
    boolean known = knowsUser(user);
    return new Scorer(known ? users : null, known ? user * s * w : 0, null);
  }

  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
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
      return scorer(-1);
    }
    double alpha = BpmfTrainer.precision(TrainedParams.number(info(), "alpha"), info().scale());
    float[] row = new float[s * w];
    double[] factors = new double[s * d * d];
    double[] a = new double[d * d];
    double[] b = new double[d];
    double[] hyper = parts.userHyper();
    for (int t = 0; t < s; t++) {
      int h = t * (d + d * d);
      System.arraycopy(hyper, h + d, a, 0, d * d);
      for (int i = 0; i < d; i++) {
        double v = 0;
        for (int j = 0; j < d; j++) {
          v += hyper[h + d + i * d + j] * hyper[h + j];
        }
        b[i] = v;
      }
      for (int r = 0; r < n; r++) {
        int o = (known[r] * s + t) * w; // (q, 1, b_i): its first d values are the features f = (q, 1)
        double target = ratings[r] - mu - (parts.biases() ? items[o + k + 1] : 0);
        Dense.addOuterLower(a, d, items, o, alpha);
        Dense.addScaled(b, items, o, d, alpha * target);
      }
      Gibbs.finish(a, b, d, null);
      System.arraycopy(a, 0, factors, t * d * d, d * d);
      for (int j = 0; j < d; j++) {
        row[t * w + j] = (float) b[j];
      }
      if (parts.biases()) {
        row[t * w + k + 1] = 1f;
      }
    }
    return new Scorer(row, 0, factors);
  }

  /**
   * A user's scorer: a training user's sample blocks, a folded-in user's conditional means (with the
   * Cholesky factors of their conditional precisions, for the spread), or the fallback (row null).
   */
  private final class Scorer implements UserScorer, PredictionSpread {
    private final float[] row;
    private final int ro;
    private final double[] factors;

    Scorer(float[] row, int ro, double[] factors) {
      this.row = row;
      this.ro = ro;
      this.factors = factors;
    }

    @Override
    public void scoreItems(float[] out) {
      checkLength(out);
      if (row == null) {
        System.arraycopy(unknownUserScores, 0, out, 0, out.length);
      } else {
        scoreRow(row, ro, out);
      }
    }

    @Override
    public float predict(int item) {
      return row == null ? unknownUser(item) : predictRow(row, ro, item);
    }

    @Override
    public boolean personal() {
      return row != null;
    }

    @Override
    public float spread(int item) {
      double var = sampleSpread(row, ro, item);
      if (factors != null && knowsItem(item)) {
        double[] f = new double[d];
        double extra = 0;
        for (int t = 0; t < s; t++) {
          for (int j = 0; j < d; j++) {
            f[j] = items[(item * s + t) * w + j];
          }
          int l = t * d * d; // ‖L⁻¹ f‖² = fᵀ Λ*⁻¹ f, by forward substitution in L
          for (int i = 0; i < d; i++) {
            double v = f[i];
            for (int j = 0; j < i; j++) {
              v -= factors[l + i * d + j] * f[j];
            }
            f[i] = v / factors[l + i * d + i];
            extra += f[i] * f[i];
          }
        }
        var += extra / s;
      }
      return (float) Math.sqrt(var);
    }
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    Vectors.matVec(meanItemFactors, items().size(), k, meanItemFactors, item * k, out);
    float ni = itemNorms[item];
    for (int j = 0; j < out.length; j++) {
      float m = ni * itemNorms[j];
      out[j] = m == 0 ? 0f : out[j] / m;
    }
  }

  @Override
  public String fallback(int user, int item) {
    boolean ku = knowsUser(user);
    boolean ki = knowsItem(item);
    if (parts.biases()) {
      return Fallback.biases(ku, ki);
    }
    return ku && ki ? null : "the training mean μ";
  }

  /** The posterior mean of each movie's factors q (not its bias): for pictures and diversity. */
  @Override
  public int embeddingDim() {
    return k;
  }

  @Override
  public float[] itemEmbeddings() {
    return meanItemFactors.clone();
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    out.putInts("shape", new int[] {k, s, parts.biases() ? 1 : 0});
    out.putFloats("samples.user", users, users().size(), s * w);
    out.putFloats("samples.item", items, items().size(), s * w);
    out.putDoubles("hyper.user", parts.userHyper());
    out.putDoubles("scale", new double[] {mu, parts.minRating(), parts.maxRating()});
    trainingItems().write(out, "rated");
  }

  /** Reads what {@link #write} wrote. */
  static BpmfModel read(ModelReader in) {
    int[] shape = in.ints("shape");
    double[] scale = in.doubles("scale");
    Parts parts = new Parts(shape[0], shape[1], shape[2] == 1, in.floats("samples.user"), in.floats("samples.item"),
        in.doubles("hyper.user"), (float) scale[0], (float) scale[1], (float) scale[2],
        TrainingItems.read(in, "rated"));
    return new BpmfModel(in.users(), in.items(), in.info(), parts);
  }
}
