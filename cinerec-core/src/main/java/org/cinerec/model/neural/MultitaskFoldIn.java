package org.cinerec.model.neural;

import java.util.Arrays;
import org.cinerec.math.Activation;
import org.cinerec.math.Gemm;
import org.cinerec.math.Rng;

/**
 * Fold-in of one user into a trained {@link MultitaskModel}: her user embedding u (the user tower is an id
 * embedding and nothing else, so u is all of it) from her ratings H (movies with training ratings only; the
 * others have untrained embeddings and are left out), every other weight fixed, by descent on the
 * multitask loss restricted to her, per rating as in a training batch of B rows, plus a weak prior:
 *
 * <pre>
 *   J(u) = (1/|H|) [ Σ_{k ∈ H} ( (w_r / B) (mlp([u, M_k]) − r_k)² + w_q c CE_k(u) + λ |u|² ) + κ/(2σ²) |u − ū|² ]
 *   CE_k(u) = log( e^{z_k} + Σ_{j ∈ N} e^{z_j} ) − z_k,     z_j = u·M_j / T − log q_j
 * </pre>
 *
 * with w_r, w_q, T, λ = {@code l2}, B = {@code batch-size} (at most the training ratings), c = 1 for
 * {@code --retrieval-reduction sum} and 1/B for mean, log q_j the logQ correction (0 when off), all read from
 * the model's training parameters. N stands for the other B − 1 movies of a training batch: B − 1 movies
 * drawn, as a batch's are, in proportion to their number of training ratings, by a generator seeded with
 * the model's seed and the history's movies, shared by every k.
 *
 * <p><b>Deviation: the prior.</b> ū and σ² are the training users' mean embedding and per-dimension variance,
 * κ = {@value #PRIOR_WEIGHT}: a Gaussian prior ten times as wide as the training users' spread, worth one
 * rating's weight whatever the history's length. Training has no such term; without it a short history's
 * embedding runs off along the directions that separate its few positives from the sample, where the
 * rating head was never trained (figures at {@link #PRIOR_WEIGHT}).
 *
 * <p>With a pooled history ({@code --user-features history}) descent starts at ū − p̄ + p(H): the training
 * users' mean less their mean pool vector plus the pool of her movies, so a new user is personal before the
 * first step; the prior stays centred on ū (centred on that start, ml-latest-small's new users folded in
 * from 5 / 20 ratings ranked worse: NDCG@10 0.562 / 0.639 against 0.584 / 0.648; a pool of few movies is
 * noisier than the up-to-50 the model was trained with).
 *
 * <p>The steps: u₀ = ū; then up to {@value #STEPS} steps of gradient descent with Armijo backtracking (a step
 * is taken only when it lowers J by at least a tenth of its first-order estimate; the step size, 1 at first,
 * halves until then, at most {@value #MAX_HALVINGS} times, and doubles after a step taken), so J never rises
 * and the time is bounded: at most {@value #STEPS} × ({@value #MAX_HALVINGS} + 1) evaluations of J, each
 * {@code |H|} rows through the rating head and B dot products. Other approximations: the sample N of
 * in-batch candidates, q from every training rating (with early stopping training's q leaves out its
 * holdout), the fixed number of steps. Deterministic: the same history gives the same bits (sums in a fixed
 * order, {@link StrictMath#exp}, products through {@link Gemm}, which is deterministic per JVM).
 */
final class MultitaskFoldIn {
  /** Descent steps. */
  static final int STEPS = 12;
  /**
   * κ: the prior's weight against the history, in units of the training users' spread (see the class
   * comment). Measured on ml-latest-small (NDCG@10 of held-out users from 5 / 20 ratings): 0 gives 0.39 /
   * 0.53 (the embedding runs off along the few directions that separate her positives from the sample,
   * and its predicted ratings go wrong: RMSE 1.50 / 1.11), 0.05 gives 0.60 / 0.64, 0.1 gives 0.59 / 0.64,
   * 0.4 gives 0.54 / 0.52; the model retrained with those ratings 0.58 / 0.62.
   */
  static final double PRIOR_WEIGHT = 0.1;
  /** Step halvings allowed per step. */
  static final int MAX_HALVINGS = 6;

  private final Context cx;
  private final int d;
  private final int h;
  private final float[] ratings;
  /** First layer's pre-activation from the movie half of the input and the bias: h × out(0). */
  private final float[] moviePart;
  /** Rows of the retrieval terms: the history's movies (h), then the sampled candidates. */
  private final int[] rows;
  /** Where descent starts: ū, or with a pooled history ū less the mean pool plus hers. */
  private final float[] start;

  /** What fold-in needs of a model, computed once per model. */
  static final class Context {
    final int d;
    final float[] itemEmb;
    final Mlp mlp;
    final float[] theta;
    /** ū and σ²: the training users' mean embedding and mean per-dimension variance around it. */
    final float[] meanUser;
    final double spread;
    final long[] cumulative;
    final float[] logq;
    final double ratingWeight;
    final double retrievalWeight;
    final double temperature;
    final double l2;
    final int batch;
    final long seed;

    Context(int d, float[] itemEmb, Mlp mlp, float[] theta, float[] meanUser, double spread, int[] raters,
        boolean logqOn,
        double ratingWeight, double retrievalWeight, boolean meanRetrieval, double temperature, double l2,
        int batchSize, long seed) {
      this.d = d;
      this.itemEmb = itemEmb;
      this.mlp = mlp;
      this.theta = theta;
      this.meanUser = meanUser;
      this.spread = spread > 0 ? spread : 1;
      this.cumulative = new long[raters.length + 1];
      for (int i = 0; i < raters.length; i++) {
        cumulative[i + 1] = cumulative[i] + raters[i];
      }
      long total = cumulative[raters.length];
      this.logq = new float[raters.length];
      for (int i = 0; i < raters.length && logqOn; i++) {
        logq[i] = raters[i] == 0 ? 0f : (float) Math.log((double) raters[i] / total);
      }
      this.batch = (int) Math.max(1, Math.min(batchSize, total));
      this.ratingWeight = ratingWeight;
      this.retrievalWeight = meanRetrieval ? retrievalWeight / batch : retrievalWeight;
      this.temperature = temperature;
      this.l2 = l2;
      this.seed = seed;
    }
  }

  /** The fold-in problem of a history (movies with training ratings, increasing; their ratings). */
  MultitaskFoldIn(Context cx, int[] items, float[] ratings) {
    this(cx, items, ratings, cx.meanUser);
  }

  /** As above, descent starting from {@code start} rather than ū (the prior stays centred on ū). */
  MultitaskFoldIn(Context cx, int[] items, float[] ratings, float[] start) {
    this.cx = cx;
    this.start = start.clone();
    this.d = cx.d;
    this.h = items.length;
    this.ratings = ratings;
    int negatives = cx.retrievalWeight > 0 ? cx.batch - 1 : 0;
    this.rows = Arrays.copyOf(items, h + negatives);
    long total = cx.cumulative[cx.cumulative.length - 1];
    Rng rng = new Rng(cx.seed ^ (0x9E3779B97F4A7C15L * Arrays.hashCode(items)));
    for (int k = h; k < rows.length; k++) {
      rows[k] = movieAt(cx.cumulative, (long) (rng.nextDouble() * total));
    }
    Mlp mlp = cx.mlp;
    int out0 = mlp.out(0);
    this.moviePart = new float[h * out0];
    float[] x = new float[h * d];
    for (int k = 0; k < h; k++) {
      System.arraycopy(cx.itemEmb, items[k] * d, x, k * d, d);
      System.arraycopy(cx.theta, mlp.biasOffset(0), moviePart, k * out0, out0);
    }
    if (cx.ratingWeight > 0) {
      // rows d..2d of the first kernel take the movie half of the input [u, M]
      Gemm.gemm(false, false, h, out0, d, 1f, x, 0, d, cx.theta, mlp.kernelOffset(0) + d * out0, out0, 1f, moviePart,
          0, out0);
    }
  }

  /** The movie i with {@code cumulative[i] ≤ r < cumulative[i + 1]} (one with training ratings). */
  static int movieAt(long[] cumulative, long r) {
    int lo = 0;
    int hi = cumulative.length;
    while (lo < hi) { // first index whose cumulative count exceeds r
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= r) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** The history's movies then the sampled candidates N (a copy; for tests). */
  int[] rows() {
    return rows.clone();
  }

  /** The folded-in embedding: {@link #STEPS} descent steps from the mean training user. */
  float[] solve() {
    return descend(STEPS);
  }

  /** u after this many descent steps. */
  float[] descend(int steps) {
    float[] u = start.clone();
    float[] g = new float[d];
    float[] next = new float[d];
    float[] gNext = new float[d];
    double j = lossAndGradient(u, g);
    double eta = 1;
    for (int s = 0; s < steps; s++) {
      double gg = 0;
      for (float x : g) {
        gg += (double) x * x;
      }
      if (gg == 0) {
        break;
      }
      boolean taken = false;
      for (int half = 0; half <= MAX_HALVINGS && !taken; half++) {
        for (int a = 0; a < d; a++) {
          next[a] = (float) (u[a] - eta * g[a]);
        }
        double jNext = lossAndGradient(next, gNext);
        if (jNext <= j - 0.1 * eta * gg) {
          float[] t = u;
          u = next;
          next = t;
          t = g;
          g = gNext;
          gNext = t;
          j = jNext;
          taken = true;
          eta *= 2;
        } else {
          eta *= 0.5;
        }
      }
      if (!taken) {
        break;
      }
    }
    return u;
  }

  /** J(u) (see the class comment), with its gradient into {@code grad}. */
  double lossAndGradient(float[] u, float[] grad) {
    double[] gu = new double[d];
    double loss = 0;
    if (cx.ratingWeight > 0) {
      loss += ratingTerm(u, gu);
    }
    if (cx.retrievalWeight > 0) {
      loss += retrievalTerm(u, gu);
    }
    double sq = 0;
    double pr = 0;
    for (int a = 0; a < d; a++) {
      sq += (double) u[a] * u[a];
      double dev = u[a] - cx.meanUser[a];
      pr += dev * dev;
      grad[a] = (float) (gu[a] / h + 2 * cx.l2 * u[a] + PRIOR_WEIGHT / cx.spread * dev / h);
    }
    return loss / h + cx.l2 * sq + PRIOR_WEIGHT / (2 * cx.spread) * pr / h;
  }

  /** Σ_k (w_r/B)(mlp([u, M_k]) − r_k)², its gradient added to {@code gu}. */
  private double ratingTerm(float[] u, double[] gu) {
    Mlp mlp = cx.mlp;
    int layers = mlp.numLayers();
    float[] theta = cx.theta;
    Activation act = mlp.activation();
    float[][] a = new float[layers + 1][];
    int out0 = mlp.out(0);
    // first layer: u W_top (once) plus each row's movie part
    float[] uw = new float[out0];
    Gemm.gemm(false, false, 1, out0, d, 1f, u, 0, d, theta, mlp.kernelOffset(0), out0, 0f, uw, 0, out0);
    a[1] = moviePart.clone();
    for (int k = 0; k < h; k++) {
      for (int c = 0; c < out0; c++) {
        a[1][k * out0 + c] += uw[c];
      }
    }
    if (layers > 1) {
      act.apply(a[1], 0, h * out0);
    }
    for (int l = 1; l < layers; l++) {
      int in = mlp.in(l);
      int out = mlp.out(l);
      a[l + 1] = new float[h * out];
      for (int k = 0; k < h; k++) {
        System.arraycopy(theta, mlp.biasOffset(l), a[l + 1], k * out, out);
      }
      Gemm.gemm(false, false, h, out, in, 1f, a[l], 0, in, theta, mlp.kernelOffset(l), out, 1f, a[l + 1], 0, out);
      if (l < layers - 1) {
        act.apply(a[l + 1], 0, h * out);
      }
    }
    double scale = cx.ratingWeight / cx.batch;
    double loss = 0;
    float[] g = new float[h];
    float[] pred = a[layers];
    for (int k = 0; k < h; k++) {
      double e = pred[k] - ratings[k];
      loss += scale * e * e;
      g[k] = (float) (2 * scale * e);
    }
    for (int l = layers - 1; l >= 1; l--) {
      int in = mlp.in(l);
      int out = mlp.out(l);
      float[] gin = new float[h * in];
      Gemm.gemm(false, true, h, in, out, 1f, g, 0, out, theta, mlp.kernelOffset(l), out, 0f, gin, 0, in);
      act.backward(a[l], gin, 0, h * in);
      g = gin;
    }
    // dJ/du = (Σ_k g_k) W_topᵀ
    double[] colSum = new double[out0];
    for (int k = 0; k < h; k++) {
      for (int c = 0; c < out0; c++) {
        colSum[c] += g[k * out0 + c];
      }
    }
    int w0 = mlp.kernelOffset(0);
    for (int r = 0; r < d; r++) {
      double s = 0;
      for (int c = 0; c < out0; c++) {
        s += theta[w0 + r * out0 + c] * colSum[c];
      }
      gu[r] += s;
    }
    return loss;
  }

  /** Σ_k w_q c CE_k(u), its gradient added to {@code gu}. */
  private double retrievalTerm(float[] u, double[] gu) {
    int n = rows.length;
    double invT = 1 / cx.temperature;
    double[] z = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      int off = rows[k] * d;
      double s = 0;
      for (int a = 0; a < d; a++) {
        s += u[a] * cx.itemEmb[off + a];
      }
      z[k] = s * invT - cx.logq[rows[k]];
      max = Math.max(max, z[k]);
    }
    // shared part: S = Σ_N e^{z_j − max}, A = Σ_N e^{z_j − max} M_j
    double sumN = 0;
    double[] aN = new double[d];
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      e[k] = StrictMath.exp(z[k] - max);
      if (k >= h) {
        sumN += e[k];
        int off = rows[k] * d;
        for (int a = 0; a < d; a++) {
          aN[a] += e[k] * cx.itemEmb[off + a];
        }
      }
    }
    double w = cx.retrievalWeight;
    double loss = 0;
    double[] coefPos = new double[h];
    double sumShare = 0;
    for (int k = 0; k < h; k++) {
      double zk = e[k] + sumN;
      loss += w * (Math.log(zk) + max - z[k]);
      double share = 1 / zk; // the weight of A in this term's softmax mean
      sumShare += share;
      coefPos[k] = e[k] / zk - 1; // the positive's softmax probability minus its one-hot
    }
    for (int a = 0; a < d; a++) {
      double s = sumShare * aN[a];
      for (int k = 0; k < h; k++) {
        s += coefPos[k] * cx.itemEmb[rows[k] * d + a];
      }
      gu[a] += w * invT * s;
    }
    return loss;
  }
}
