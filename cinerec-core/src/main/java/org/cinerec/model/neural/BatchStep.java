package org.cinerec.model.neural;

import java.util.Arrays;
import org.cinerec.math.Gemm;
import org.cinerec.math.Parallel;
import org.cinerec.math.Softmax;

/**
 * Loss and gradients of one mini-batch of the multitask model, computed on {@code threads} contiguous row
 * chunks in parallel and reduced in chunk order (so a given thread count always gives the same bits).
 *
 * <p>For batch rows {@code b = 0..n-1} with user row {@code u_b}, movie row {@code m_b}, rating {@code r_b}
 * and gathered embeddings {@code U} ({@code n × d}), {@code M} ({@code n × d}) (with features, the rows
 * {@link FeatureTower} composes, plus the {@link HistoryPool}'s part; the gradients below are then those of
 * the composed rows):
 * <pre>
 * rating    = w_r · (1/n) Σ_b (mlp([U_b, M_b]) - r_b)²
 * retrieval = w_q · c · Σ_b (logsumexp_j S_bj - S_bb),  S = U Mᵀ / T - 1 log q(m)ᵀ   (c = 1, or 1/n for mean)
 * l2        = λ Σ_b (|U_b|² + |M_b|²) + λ Σ_l |W_l|²
 * </pre>
 * (T the temperature, {@code log q(m_j)} the logQ correction, 0 when off). Gradients: with
 * {@code G = w_q c (softmax_rows(S) - I)}, {@code dU = G M / T}, {@code dM = Gᵀ U / T}; the MLP adds its
 * input gradient (see {@link Mlp}), the L2 term {@code 2λ} times the weights. Chunk {@code t} owns rows
 * {@code [r0, r1)} of U, M, S, dU and its own partial {@code dM} and {@code dTheta}; the partials are summed
 * afterwards, chunk 0 first.
 */
final class BatchStep {
  private final MultitaskConfig cfg;
  private final Mlp mlp;
  private final int dim;
  private final int threads;
  private final Mlp.Workspace[] ws;
  private final float[][] dThetaPart;
  private final float[][] dMPart;
  private final double[][] lossPart;
  private final float[] logits;
  private final float[][] dOut;

  // inputs gathered per batch and outputs, read by the trainer
  final float[] u;
  final float[] m;
  final float[] du;
  final float[] dm;
  final float[] dTheta;
  final float[] pred;
  double ratingMse;
  double retrieval;
  double l2;
  int n;
  /** When set, {@link #run} computes the losses and predictions only (validation). */
  boolean forwardOnly;
  /** The towers with features (null: the id embedding alone); {@link #u} and {@link #m} hold composed rows. */
  FeatureTower userTower;
  FeatureTower itemTower;
  /** The user tower's pooled history (null: none); added to {@link #u} after the tower's rows. */
  HistoryPool pool;

  BatchStep(MultitaskConfig cfg, Mlp mlp, int maxBatch) {
    this.cfg = cfg;
    this.mlp = mlp;
    this.dim = cfg.dim();
    this.threads = Math.max(1, Math.min(cfg.threads(), maxBatch));
    int chunkRows = (maxBatch + threads - 1) / threads + 1;
    ws = new Mlp.Workspace[threads];
    dThetaPart = new float[threads][];
    dMPart = new float[threads][];
    lossPart = new double[threads][2];
    for (int t = 0; t < threads; t++) {
      ws[t] = mlp.workspace(chunkRows);
      dThetaPart[t] = new float[mlp.numParams()];
      dMPart[t] = new float[maxBatch * dim];
    }
    logits = cfg.retrievalWeight() > 0 ? new float[maxBatch * maxBatch] : new float[0];
    dOut = new float[threads][chunkRows];
    u = new float[maxBatch * dim];
    m = new float[maxBatch * dim];
    du = new float[maxBatch * dim];
    dm = new float[maxBatch * dim];
    dTheta = new float[mlp.numParams()];
    pred = new float[maxBatch];
  }

  /**
   * Computes the loss terms and gradients of rows {@code users[b], items[b], ratings[b]} ({@code b < n}) of
   * the given tables. {@code logq} holds log q per movie row (null when the correction is off).
   */
  void run(float[] userTable, float[] itemTable, float[] theta, int[] users, int[] items, float[] ratings, int n,
      float[] logq) {
    this.n = n;
    gather(userTower, userTable, users, n, u);
    if (pool != null) {
      pool.gather(users, items, n, u);
    }
    gather(itemTower, itemTable, items, n, m);
    Parallel.forEachChunk(n, threads, (t, r0, r1) -> chunk(t, r0, r1, theta, items, ratings, logq));
    int chunks = Math.max(1, Math.min(threads, n));
    // deterministic reduction: chunk 0, then 1, ...
    System.arraycopy(dThetaPart[0], 0, dTheta, 0, dTheta.length);
    double mse = lossPart[0][0];
    double ret = lossPart[0][1];
    for (int t = 1; t < chunks; t++) {
      float[] p = dThetaPart[t];
      for (int i = 0; i < p.length; i++) {
        dTheta[i] += p[i];
      }
      mse += lossPart[t][0];
      ret += lossPart[t][1];
    }
    if (cfg.retrievalWeight() > 0) {
      for (int t = 0; t < chunks; t++) {
        float[] p = dMPart[t];
        for (int i = 0; i < n * dim; i++) {
          dm[i] += p[i];
        }
      }
    }
    ratingMse = mse / n;
    retrieval = cfg.meanRetrieval() ? ret / n : ret;
    l2 = cfg.l2() > 0 ? addL2(theta) : 0;
  }

  /**
   * The batch rows of one tower: the id rows as they are, or with features composed by the tower (its id
   * dropout drawn for a training batch, none when {@link #forwardOnly}).
   */
  private void gather(FeatureTower tower, float[] table, int[] rows, int n, float[] out) {
    if (tower == null) {
      for (int b = 0; b < n; b++) {
        System.arraycopy(table, rows[b] * dim, out, b * dim, dim);
      }
      return;
    }
    if (forwardOnly) {
      tower.noDropout(n);
    } else {
      tower.drawDropout(n);
    }
    tower.gather(table, rows, n, out);
  }

  /** Total weighted loss of the last {@link #run}. */
  double loss() {
    return cfg.ratingWeight() * ratingMse + cfg.retrievalWeight() * retrieval + l2;
  }

  private void chunk(int t, int r0, int r1, float[] theta, int[] items, float[] ratings, float[] logq) {
    int rows = r1 - r0;
    int d = dim;
    Arrays.fill(du, r0 * d, r1 * d, 0f);
    Arrays.fill(dm, r0 * d, r1 * d, 0f);
    Arrays.fill(dThetaPart[t], 0f);
    double sq = 0;
    if (cfg.ratingWeight() > 0) {
      Mlp.Workspace w = ws[t];
      float[] x = w.input();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(u, (r0 + r) * d, x, r * 2 * d, d);
        System.arraycopy(m, (r0 + r) * d, x, r * 2 * d + d, d);
      }
      mlp.forward(theta, w, rows);
      float[] out = w.output();
      float scale = 2f * cfg.ratingWeight() / n;
      for (int r = 0; r < rows; r++) {
        float e = out[r] - ratings[r0 + r];
        pred[r0 + r] = out[r];
        sq += (double) e * e;
        dOut[t][r] = scale * e;
      }
      if (forwardOnly) {
        lossPart[t][0] = sq;
        lossPart[t][1] = retrievalLoss(r0, r1, items, logq);
        return;
      }
      // the input rows are not read after the first layer's weight gradient: their buffer takes dLoss/dInput
      float[] gin = w.acts[0];
      mlp.backward(theta, w, rows, dOut[t], dThetaPart[t], gin);
      for (int r = 0; r < rows; r++) {
        int gi = r * 2 * d;
        int o = (r0 + r) * d;
        for (int j = 0; j < d; j++) {
          du[o + j] += gin[gi + j];
          dm[o + j] += gin[gi + d + j];
        }
      }
    }
    double ce = 0;
    if (forwardOnly) {
      ce = retrievalLoss(r0, r1, items, logq);
    } else if (cfg.retrievalWeight() > 0 && n > 0) {
      float invT = 1f / cfg.temperature();
      float c = cfg.meanRetrieval() ? cfg.retrievalWeight() / n : cfg.retrievalWeight();
      Gemm.gemm(false, true, rows, n, d, invT, u, r0 * d, d, m, 0, d, 0f, logits, r0 * n, n);
      for (int r = r0; r < r1; r++) {
        int ro = r * n;
        if (logq != null) {
          for (int j = 0; j < n; j++) {
            logits[ro + j] -= logq[items[j]];
          }
        }
        float diag = logits[ro + r];
        ce += Softmax.softmaxInPlace(logits, ro, n, c) - diag;
        logits[ro + r] -= c;
      }
      Gemm.gemm(false, false, rows, d, n, invT, logits, r0 * n, n, m, 0, d, 1f, du, r0 * d, d);
      Gemm.gemm(true, false, n, d, rows, invT, logits, r0 * n, n, u, r0 * d, d, 0f, dMPart[t], 0, d);
    }
    lossPart[t][0] = sq;
    lossPart[t][1] = ce;
  }

  private double addL2(float[] theta) {
    float lambda = cfg.l2();
    float two = 2f * lambda;
    double sum = 0;
    for (int i = 0; i < n * dim; i++) {
      sum += (double) u[i] * u[i] + (double) m[i] * m[i];
      du[i] += two * u[i];
      dm[i] += two * m[i];
    }
    for (int l = 0; l < mlp.numLayers(); l++) {
      int k0 = mlp.kernelOffset(l);
      int k1 = mlp.biasOffset(l);
      for (int i = k0; i < k1; i++) {
        sum += (double) theta[i] * theta[i];
        dTheta[i] += two * theta[i];
      }
    }
    return lambda * sum;
  }

  /** The retrieval cross-entropy of rows [r0, r1) without gradients (0 when the task is off). */
  private double retrievalLoss(int r0, int r1, int[] items, float[] logq) {
    if (cfg.retrievalWeight() == 0) {
      return 0;
    }
    float invT = 1f / cfg.temperature();
    int rows = r1 - r0;
    Gemm.gemm(false, true, rows, n, dim, invT, u, r0 * dim, dim, m, 0, dim, 0f, logits, r0 * n, n);
    double ce = 0;
    for (int r = r0; r < r1; r++) {
      int ro = r * n;
      if (logq != null) {
        for (int j = 0; j < n; j++) {
          logits[ro + j] -= logq[items[j]];
        }
      }
      float diag = logits[ro + r];
      ce += Softmax.softmaxInPlace(logits, ro, n) - diag;
    }
    return ce;
  }
}
