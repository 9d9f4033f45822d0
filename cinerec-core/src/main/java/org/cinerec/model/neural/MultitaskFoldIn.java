package org.cinerec.model.neural;

import java.util.Arrays;
import org.cinerec.math.Activation;
import org.cinerec.math.Cholesky;
import org.cinerec.math.Gemm;
import org.cinerec.math.Rng;

/**
 * Fold-in of one user into a trained {@link MultitaskModel}: her user embedding u (the user tower is an id
 * embedding and nothing else, so u is all of it) from her ratings H (movies with training ratings only; the
 * others have untrained embeddings and are left out), every other weight fixed, by minimising the
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
 * <p>With a pooled history ({@code --user-features history}) Newton starts at ū − p̄ + p(H): the training
 * users' mean less their mean pool vector plus the pool of her movies, so a new user is personal before the
 * first step; the prior stays centred on ū (centred on that start, ml-latest-small's new users folded in
 * from 5 / 20 ratings ranked worse: NDCG@10 0.562 / 0.639 against 0.584 / 0.648; a pool of few movies is
 * noisier than the up-to-50 the model was trained with).
 *
 * <p>The steps: u₀ = ū; then at most {@value #ITERATIONS} Newton steps u ← u + t p, H p = −∇J (d × d, solved
 * by {@link Cholesky}), with Armijo backtracking (t = 1 first, halved at most {@value #MAX_HALVINGS} times until
 * J falls by at least a tenth of what the step's slope predicts; no step is taken otherwise and it stops), so J
 * never rises; it stops when the predicted decrease −∇Jᵀp/2 falls below {@value #TOLERANCE}/2. H is exact for
 * the retrieval terms and the two penalties; for the rating head it is Gauss-Newton's (2 w_r/B) JᵀJ, J the
 * predictions' derivatives in u (one backward pass seeded with ones: each row depends on u alone through its
 * own first layer), which is the exact Hessian almost everywhere when the head is relu or linear (then the
 * predictions are piecewise linear in u), and positive semi-definite always, so H (with 2λ + κ/(σ²|H|) on its
 * diagonal) is positive definite. An evaluation of J costs {@code |H|} rows through the rating head and B
 * dot products; a Newton step adds one backward pass, JᵀJ and the candidates' Σ e_j M_j M_jᵀ. On
 * ml-latest-small it stops after 1–5 steps (2–4 for most users) within 10⁻⁶ of where ten thousand gradient steps end
 * (the 12 Armijo gradient steps fold-in took before stopped about 6·10⁻⁴ above it), at a third of their
 * time. Other approximations: the sample N of in-batch candidates, q from every training rating (with early
 * stopping training's q leaves out its holdout). Deterministic: the same history gives the same bits (sums
 * in a fixed order, {@link StrictMath#exp}, products through {@link Gemm}, which is deterministic per JVM).
 */
final class MultitaskFoldIn {
  /** Newton steps at most. */
  static final int ITERATIONS = 8;
  /**
   * Newton stops when the decrease its step predicts, −gᵀH⁻¹g/2, is below half this: about a millionth of J
   * (which is 0.5–5 on real data), reached in 1–5 steps on ml-latest-small.
   */
  static final double TOLERANCE = 1e-6;
  /**
   * κ: the prior's weight against the history, in units of the training users' spread (see the class
   * comment). Measured on ml-latest-small (NDCG@10 of held-out users from 5 / 20 ratings): 0 gives 0.39 /
   * 0.53 (the embedding runs off along the few directions that separate her positives from the sample,
   * and its predicted ratings go wrong: RMSE 1.50 / 1.11), 0.05 gives 0.60 / 0.64, 0.1 gives 0.59 / 0.64,
   * 0.4 gives 0.54 / 0.52; the model retrained with those ratings 0.58 / 0.62.
   */
  static final double PRIOR_WEIGHT = 0.1;
  /** Step halvings allowed per Newton step. */
  static final int MAX_HALVINGS = 6;

  private final Context cx;
  private final int d;
  private final int h;
  private final float[] ratings;
  /** First layer's pre-activation from the movie half of the input and the bias: h × out(0). */
  private final float[] moviePart;
  /** Rows of the retrieval terms: the history's movies (h), then the sampled candidates. */
  private final int[] rows;
  /** Where Newton starts: ū, or with a pooled history ū less the mean pool plus hers. */
  private final float[] start;
  /** Where the prior is centred: ū, or ū shifted by the user's attributes. */
  private final float[] centre;
  /** The history's movie embeddings (h × d), then the candidates' ((rows − h) × d). */
  private final float[] historyEmb;
  private final float[] candidateEmb;
  /**
   * Two points' worth of arrays (the current point and a trial), made at first use and reused by every
   * evaluation of this fold-in, and the derivatives' scratch: an evaluation allocates nothing of the
   * history's size, so a server folding users in makes little garbage.
   */
  private final Point[] slots = new Point[2];
  private float[][] backward;
  private float[] jac;
  private float[] weighted;
  private float[] mu;

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

  /** As above, starting from {@code start} rather than ū (the prior stays centred on ū). */
  MultitaskFoldIn(Context cx, int[] items, float[] ratings, float[] start) {
    this(cx, items, ratings, start, cx.meanUser);
  }

  /**
   * As above with the prior centred on {@code centre} rather than ū: for a user who gave her attributes, ū with
   * the training users' mean attribute parts replaced by hers ({@link MultitaskModel#attributeShift}).
   */
  MultitaskFoldIn(Context cx, int[] items, float[] ratings, float[] start, float[] centre) {
    this.cx = cx;
    this.start = start.clone();
    this.centre = centre.clone();
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
    this.historyEmb = x;
    this.candidateEmb = new float[(rows.length - h) * d];
    for (int k = h; k < rows.length; k++) {
      System.arraycopy(cx.itemEmb, rows[k] * d, candidateEmb, (k - h) * d, d);
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

  /**
   * The folded-in embedding: Newton's method on J from the start (see the class comment), at most {@value
   * #ITERATIONS} steps.
   */
  float[] solve() {
    return newton(ITERATIONS);
  }

  /** u after at most this many Newton steps (each taken only when Armijo's condition holds). */
  float[] newton(int iterations) {
    float[] u = start.clone();
    int cur = 0;
    Point p = at(u, cur);
    double[] g = new double[d];
    double[] hess = new double[d * d];
    double[] step = new double[d];
    for (int it = 0; it < iterations; it++) {
      derivatives(p, g, hess);
      for (int a = 0; a < d; a++) {
        step[a] = -g[a];
      }
      try {
        Cholesky.solve(hess, step, d); // H is positive definite: Gauss-Newton and softmax parts ⪰ 0, plus 2λ + κ/(σ²h)
      } catch (IllegalArgumentException notPositive) {
        break; // only when H holds a NaN or an infinity (a model whose weights overflow): keep the last point
      }
      double slope = 0;
      for (int a = 0; a < d; a++) {
        slope += g[a] * step[a];
      }
      if (!(-slope > TOLERANCE)) {
        break; // the predicted decrease, −slope/2, is below the tolerance (or not a number)
      }
      Point taken = null;
      double t = 1;
      for (int half = 0; half <= MAX_HALVINGS && taken == null; half++, t *= 0.5) {
        float[] next = new float[d];
        for (int a = 0; a < d; a++) {
          next[a] = (float) (u[a] + t * step[a]);
        }
        Point q = at(next, 1 - cur);
        if (q.value <= p.value + 0.1 * t * slope) {
          taken = q;
        }
      }
      if (taken == null) {
        break;
      }
      u = taken.u;
      p = taken;
      cur = 1 - cur;
    }
    return u;
  }

  /** J(u) (see the class comment), with its gradient into {@code grad}. */
  double lossAndGradient(float[] u, float[] grad) {
    Point p = at(u, 0);
    double[] g = new double[d];
    derivatives(p, g, new double[d * d]);
    for (int a = 0; a < d; a++) {
      grad[a] = (float) g[a];
    }
    return p.value;
  }

  /** J(u) and its gradient and Hessian (row-major d × d), for tests. */
  double lossGradientAndHessian(float[] u, double[] grad, double[] hess) {
    Point p = at(u, 0);
    derivatives(p, grad, hess);
    return p.value;
  }

  /**
   * J at one point, with what its derivatives need: the rating head's activations over the history and the
   * retrieval terms' exponentials.
   */
  private static final class Point {
    float[] u;
    /** The rating head's activations a[1..layers] over the history's rows (a[layers]: the predictions). */
    float[][] act;
    /** z_j, then e^{z_j − max}, for the history's movies then the candidates; the shared sums over the candidates. */
    double[] z;
    double[] e;
    double sumN;
    final double[] aN;
    double value;

    Point(int d) {
      this.aN = new double[d];
    }
  }

  /** J at u, in slot {@code slot}'s arrays (whatever point was there is gone). */
  private Point at(float[] u, int slot) {
    Point p = slots[slot];
    if (p == null) {
      p = slots[slot] = new Point(d);
    }
    p.u = u;
    double loss = 0;
    if (cx.ratingWeight > 0) {
      loss += ratingForward(p);
    }
    if (cx.retrievalWeight > 0) {
      loss += retrievalForward(p);
    }
    double sq = 0;
    double pr = 0;
    for (int a = 0; a < d; a++) {
      sq += (double) u[a] * u[a];
      double dev = u[a] - centre[a];
      pr += dev * dev;
    }
    p.value = loss / h + cx.l2 * sq + PRIOR_WEIGHT / (2 * cx.spread) * pr / h;
    return p;
  }

  /** The gradient and Hessian of J at {@code p} (the rating head's by Gauss-Newton: see the class comment). */
  private void derivatives(Point p, double[] grad, double[] hess) {
    Arrays.fill(grad, 0);
    Arrays.fill(hess, 0);
    if (cx.ratingWeight > 0) {
      ratingDerivatives(p, grad, hess);
    }
    if (cx.retrievalWeight > 0) {
      retrievalDerivatives(p, grad, hess);
    }
    double diag = 2 * cx.l2 + PRIOR_WEIGHT / cx.spread / h;
    for (int a = 0; a < d; a++) {
      grad[a] = grad[a] / h + 2 * cx.l2 * p.u[a] + PRIOR_WEIGHT / cx.spread * (p.u[a] - centre[a]) / h;
      for (int b = 0; b <= a; b++) {
        double v = hess[a * d + b] / h + (a == b ? diag : 0);
        hess[a * d + b] = v;
        hess[b * d + a] = v;
      }
    }
  }

  /** An array per layer of the rating head over the history's rows: [l] holds h × out(l − 1), l = 1..layers. */
  private float[][] perLayer() {
    Mlp mlp = cx.mlp;
    float[][] a = new float[mlp.numLayers() + 1][];
    for (int l = 1; l < a.length; l++) {
      a[l] = new float[h * mlp.out(l - 1)];
    }
    return a;
  }

  /** The rating head over the history at p.u: Σ_k (w_r/B)(mlp([u, M_k]) − r_k)². */
  private double ratingForward(Point p) {
    Mlp mlp = cx.mlp;
    int layers = mlp.numLayers();
    float[] theta = cx.theta;
    Activation act = mlp.activation();
    float[][] a = p.act;
    if (a == null) {
      a = p.act = perLayer();
    }
    int out0 = mlp.out(0);
    // first layer: u W_top (once) plus each row's movie part
    float[] uw = new float[out0];
    Gemm.gemm(false, false, 1, out0, d, 1f, p.u, 0, d, theta, mlp.kernelOffset(0), out0, 0f, uw, 0, out0);
    System.arraycopy(moviePart, 0, a[1], 0, moviePart.length);
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
    float[] pred = a[layers];
    for (int k = 0; k < h; k++) {
      double e = pred[k] - ratings[k];
      loss += scale * e * e;
    }
    return loss;
  }

  /**
   * Adds the rating term's gradient Jᵀ(2(w_r/B) e) and Gauss-Newton Hessian 2(w_r/B) JᵀJ, with J (h × d) the
   * predictions' derivatives in u: one backward pass seeded with ones gives each row's derivative in its own
   * first-layer input (the rows share nothing but u), times W_topᵀ.
   */
  private void ratingDerivatives(Point p, double[] grad, double[] hess) {
    Mlp mlp = cx.mlp;
    int layers = mlp.numLayers();
    float[] theta = cx.theta;
    Activation act = mlp.activation();
    float[][] a = p.act;
    if (backward == null) {
      backward = perLayer(); // backward[l]: the derivatives in a[l]; backward[layers]: ones
      Arrays.fill(backward[layers], 1f);
      jac = new float[h * d];
    }
    float[] g = backward[layers];
    for (int l = layers - 1; l >= 1; l--) {
      int in = mlp.in(l);
      int out = mlp.out(l);
      float[] gin = backward[l];
      Gemm.gemm(false, true, h, in, out, 1f, g, 0, out, theta, mlp.kernelOffset(l), out, 0f, gin, 0, in);
      act.backward(a[l], gin, 0, h * in);
      g = gin;
    }
    int out0 = mlp.out(0);
    Gemm.gemm(false, true, h, d, out0, 1f, g, 0, out0, theta, mlp.kernelOffset(0), out0, 0f, jac, 0, d);
    double scale = 2 * cx.ratingWeight / cx.batch;
    float[] pred = a[layers];
    for (int k = 0; k < h; k++) {
      double r = scale * (pred[k] - ratings[k]);
      int o = k * d;
      for (int x = 0; x < d; x++) {
        grad[x] += r * jac[o + x];
      }
    }
    float[] jtj = new float[d * d];
    Gemm.gemm(true, false, d, d, h, 1f, jac, 0, d, jac, 0, d, 0f, jtj, 0, d);
    for (int x = 0; x < d; x++) {
      for (int y = 0; y <= x; y++) {
        hess[x * d + y] += scale * jtj[x * d + y];
      }
    }
  }

  /** Σ_k w_q c CE_k(u) at p.u. */
  private double retrievalForward(Point p) {
    int n = rows.length;
    double invT = 1 / cx.temperature;
    if (p.z == null) {
      p.z = new double[n];
      p.e = new double[n];
    }
    double[] z = p.z;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      int off = rows[k] * d;
      double s = 0;
      for (int a = 0; a < d; a++) {
        s += p.u[a] * cx.itemEmb[off + a];
      }
      z[k] = s * invT - cx.logq[rows[k]];
      max = Math.max(max, z[k]);
    }
    // shared part: S = Σ_N e^{z_j − max}, A = Σ_N e^{z_j − max} M_j
    double sumN = 0;
    double[] aN = p.aN;
    Arrays.fill(aN, 0);
    double[] e = p.e;
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
    p.sumN = sumN;
    double loss = 0;
    for (int k = 0; k < h; k++) {
      loss += cx.retrievalWeight * (Math.log(e[k] + sumN) + max - z[k]);
    }
    return loss;
  }

  /**
   * Adds the retrieval terms' gradient and Hessian. Term k is a log-sum-exp over {k} ∪ N with softmax π_k:
   * gradient (1/T)(Σ_j π_kj M_j − M_k), Hessian (1/T²)(Σ_j π_kj M_j M_jᵀ − μ_k μ_kᵀ), μ_k = Σ_j π_kj M_j; the
   * candidates' part Σ_N e_j M_j M_jᵀ is shared by every k.
   */
  private void retrievalDerivatives(Point p, double[] grad, double[] hess) {
    double invT = 1 / cx.temperature;
    double w = cx.retrievalWeight;
    double[] e = p.e;
    double[] aN = p.aN;
    int c = rows.length - h;
    if (weighted == null) {
      weighted = new float[Math.max(c, h) * d];
      mu = new float[h * d];
    }
    for (int k = 0; k < c; k++) {
      float ek = (float) e[h + k];
      for (int x = 0; x < d; x++) {
        weighted[k * d + x] = ek * candidateEmb[k * d + x];
      }
    }
    float[] hN = new float[d * d]; // Σ_N e_j M_j M_jᵀ
    Gemm.gemm(true, false, d, d, c, 1f, weighted, 0, d, candidateEmb, 0, d, 0f, hN, 0, d);
    double sumShare = 0;
    double[] gq = new double[d];
    for (int k = 0; k < h; k++) {
      double zk = e[k] + p.sumN;
      double share = 1 / zk; // the weight of A in this term's softmax mean
      double pk = e[k] * share; // the positive's softmax probability
      sumShare += share;
      int o = k * d;
      for (int x = 0; x < d; x++) {
        float mx = historyEmb[o + x];
        gq[x] += (pk - 1) * mx;
        mu[o + x] = (float) (pk * mx + share * aN[x]);
        weighted[o + x] = (float) (pk * mx);
      }
    }
    float[] hq = new float[d * d]; // Σ_k p_k M_k M_kᵀ − μ_k μ_kᵀ
    Gemm.gemm(true, false, d, d, h, 1f, weighted, 0, d, historyEmb, 0, d, 0f, hq, 0, d);
    Gemm.gemm(true, false, d, d, h, -1f, mu, 0, d, mu, 0, d, 1f, hq, 0, d);
    for (int x = 0; x < d; x++) {
      grad[x] += w * invT * (gq[x] + sumShare * aN[x]);
      for (int y = 0; y <= x; y++) {
        hess[x * d + y] += w * invT * invT * (hq[x * d + y] + sumShare * hN[x * d + y]);
      }
    }
  }
}
