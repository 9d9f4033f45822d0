package org.cinerec.model.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.content.Features;
import org.cinerec.train.Optimizer;
import org.cinerec.train.TrainingListener;

/**
 * Trains the multi-task two-tower model of TensorFlow Recommenders' "multitask" tutorial
 * (tensorflow.org/recommenders/examples/multitask; the retrieval task as in Yi et al. 2019, "Sampling-bias
 * corrected neural modeling for large corpus item recommendations", RecSys, doi:10.1145/3298689.3346996).
 *
 * <p>Model: user tower {@code U[u]} and movie tower {@code M[m]} are id embeddings of dimension d; the rating
 * head is an MLP on {@code [U[u], M[m]]} ({@link Mlp}). Objective per mini-batch (see {@link BatchStep} for
 * the exact terms): {@code w_r · MSE(mlp, r) + w_q · CE(softmax(U Mᵀ / T - log q), I) + L2}, the
 * cross-entropy summed over the batch as {@code tfrs.tasks.Retrieval} does (or averaged). Update rule:
 * Adagrad (default; Keras semantics), Adam or SGD, the embedding rows of a batch updated sparsely (rows not
 * in the batch keep their weights and optimizer state), the MLP densely.
 *
 * <p>Initialisation (Keras defaults): embeddings U(-0.05, 0.05) (Keras {@code "uniform"}), Dense kernels
 * Glorot-uniform, biases 0; each from its own seeded stream ({@code Rng.forShard(seed, k)}: k = 0 users,
 * 1 movies, 2 MLP, 3 early-stopping holdout, 4 batch order, 5 and 6 the user and movie feature embeddings,
 * 7 and 8 their id dropout, 9 the pooled-history embedding).
 *
 * <p><b>Features</b> (beyond the multitask notebook, as TFRS's "Using side features" and "Building deep
 * retrieval models" tutorials add them; off by default): with {@code --item-features} a movie's vector is
 * its id embedding plus the mean-pooled embeddings of its genres, year bucket and title words
 * ({@link Features}), with {@code --user-features} a user's is her id embedding plus her attributes'. The
 * tutorials concatenate the parts and add a Dense layer; here they are summed (the same family of model with
 * one matrix less; the parts keep the dimension d, so the rating head and retrieval are unchanged). With
 * {@code --id-dropout p} a training row's id part is left out with chance p ({@link FeatureTower}), so the
 * features alone must place a movie, as they will for one nobody rated. With {@code --user-features history}
 * a user's vector also has the mean of a pooled-movie embedding over her most recent training movies, the
 * target left out of its own pool in training ({@link HistoryPool}); the pool counts as a user feature, so
 * {@code --id-dropout} also drops the user's id part, leaving her pool (and attributes) to place her.
 *
 * <p>Deviations from the notebook: batches are reshuffled each epoch ({@code --shuffle epoch}; the tutorial
 * shuffles once with a 10,000-row buffer and caches; {@code --shuffle once} does that with a full shuffle);
 * vocabularies are the dataset's (every user of the data and every catalogue movie, as the tutorial builds
 * them from the full files), OOV rows are the last row of each table rather than row 0.
 *
 * <p>Defaults: the {@code balanced} preset ({@link MultitaskConfig#PRESETS}), not the notebook's settings:
 * logQ correction, temperature 2, retrieval weight 0.1, 20 epochs, partial last batch dropped, and after the
 * last epoch the rating head's output bias refitted on the training ratings ({@code --refit-bias}: the
 * least-squares shift of every prediction; a step the notebook does not have). {@code --preset notebook}
 * gives the notebook's settings. Also beyond the notebook, off by default: L2, early stopping with best-epoch
 * restore.
 */
public final class MultitaskTrainer implements Trainer {
  private final Params params;
  private final MultitaskConfig cfg;

  public MultitaskTrainer(Params params) {
    this.cfg = MultitaskConfig.of(params);
    this.params = cfg.params();
  }

  @Override
  public String kind() {
    return MultitaskFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    Ratings all = train.ratings();
    if (all.size() == 0) {
      throw new org.cinerec.CinerecException("no training ratings: cannot train a multitask model");
    }
    int d = cfg.dim();
    int nu = train.numUsers();
    int ni = train.numItems();
    // rows used for fitting, and the early-stopping holdout
    int[] fitRows;
    int[] holdRows = new int[0];
    if (cfg.patience() > 0) {
      int[] perm = Rng.forShard(cfg.seed(), 3).permutation(all.size());
      int h = (int) Math.max(1, Math.round(cfg.holdout() * all.size()));
      holdRows = Arrays.copyOfRange(perm, 0, Math.min(h, all.size() - 1));
      fitRows = Arrays.copyOfRange(perm, holdRows.length, perm.length);
      Arrays.sort(holdRows);
      Arrays.sort(fitRows);
    } else {
      fitRows = new int[all.size()];
      Arrays.setAll(fitRows, i -> i);
    }
    int[] ru = all.users();
    int[] ri = all.items();
    float[] rr = all.ratings();

    Mlp mlp = Mlp.forEmbeddings(d, cfg.layers(), cfg.activation());
    float[] userEmb = new float[(nu + 1) * d];
    float[] itemEmb = new float[(ni + 1) * d];
    float[] theta = new float[mlp.numParams()];
    Rng.forShard(cfg.seed(), 0).fillUniform(userEmb, -0.05, 0.05);
    Rng.forShard(cfg.seed(), 1).fillUniform(itemEmb, -0.05, 0.05);
    mlp.init(theta, Rng.forShard(cfg.seed(), 2));
    float[] logq = cfg.logq() ? logFrequencies(ri, fitRows, ni) : null;
    // the towers' features (item: from the catalogue; user: from the data's attributes), each with its own
    // seeded streams: k = 5, 6 the feature embeddings, 7, 8 the id dropout
    List<String> userNames = cfg.userFeaturesIn(train.userAttributes());
    Features userFeatures = userNames.isEmpty() ? null : Features.ofUsers(train.userAttributes(), userNames);
    Features itemFeatures = cfg.itemFeatures().isEmpty() ? null
        : Features.ofMovies(train.catalog(), cfg.itemFeaturesIn(train.catalog()), cfg.minTokenMovies());
    // the pooled history (k = 9): the fitting rows' movies, so a holdout rating is not in its own pool
    HistoryPool pool = cfg.history()
        ? HistoryPool.build(all, fitRows, nu, ni, cfg.historySize(), d, Rng.forShard(cfg.seed(), 9),
            cfg.historyTable().equals("movie") ? itemEmb : null) : null;

    Optimizer opt = cfg.newOptimizer();
    Optimizer.State userState = opt.newState(userEmb.length);
    Optimizer.State itemState = opt.newState(itemEmb.length);
    Optimizer.State mlpState = opt.newState(theta.length);

    int bs = Math.min(cfg.batchSize(), fitRows.length);
    BatchStep step = new BatchStep(cfg, mlp, bs);
    // a pooled history is a user feature too: the id dropout applies to the user's id part
    FeatureTower userTower = userFeatures == null && pool == null ? null
        : new FeatureTower(userFeatures, nu + 1, d, bs, cfg.idDropout(), Rng.forShard(cfg.seed(), 5),
            Rng.forShard(cfg.seed(), 7));
    FeatureTower itemTower = itemFeatures == null ? null : new FeatureTower(itemFeatures, ni + 1, d, bs,
        cfg.idDropout(), Rng.forShard(cfg.seed(), 6), Rng.forShard(cfg.seed(), 8));
    step.userTower = userTower;
    step.itemTower = itemTower;
    step.pool = pool;
    Optimizer.State poolState = pool == null ? null : pool.shared ? itemState : opt.newState(pool.emb.length);
    Optimizer.State userFeatureState = userTower == null ? null : opt.newState(userTower.featureEmb.length);
    Optimizer.State itemFeatureState = itemTower == null ? null : opt.newState(itemTower.featureEmb.length);
    SparseRows userRows = new SparseRows(nu + 1, bs, d);
    SparseRows itemRows = new SparseRows(ni + 1, bs, d);
    int[] bu = new int[bs];
    int[] bi = new int[bs];
    float[] br = new float[bs];

    boolean drop = cfg.dropRemainder() && fitRows.length % bs != 0 && fitRows.length > bs;
    int batches = drop ? fitRows.length / bs : (fitRows.length + bs - 1) / bs;
    int epochRows = batches == 0 ? 0 : Math.min(fitRows.length, batches * bs);
    if (holdRows.length > 0) {
      listener.measuredOn("holdout_", "validation", "held out of the training part (--holdout), watched by early "
          + "stopping", holdRows.length);
    }
    listener.started("multitask", (long) batches * cfg.epochs());
    Rng order = Rng.forShard(cfg.seed(), 4);
    int[] rows = fitRows.clone();
    if (cfg.shuffle().equals("once")) {
      order.shuffle(rows);
    }
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    Evaluation evalScratch = new Evaluation(bs, cfg.ratingWeight() > 0);
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    float[][] bestWeights = null;
    long done = 0;
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      long e0 = System.nanoTime();
      if (cfg.shuffle().equals("epoch")) {
        order.shuffle(rows);
      }
      double sumLoss = 0;
      double sumMse = 0;
      double sumRet = 0;
      for (int s = 0; s < epochRows; s += bs) {
        int n = Math.min(bs, epochRows - s);
        for (int b = 0; b < n; b++) {
          int row = rows[s + b];
          bu[b] = ru[row];
          bi[b] = ri[row];
          br[b] = rr[row];
        }
        step.run(userEmb, itemEmb, theta, bu, bi, br, n, logq);
        opt.nextStep();
        if (userTower == null) {
          userRows.apply(opt, userEmb, userState, bu, step.du, n);
        } else {
          userTower.apply(opt, userEmb, userState, userFeatureState, bu, step.du, n);
        }
        if (itemTower == null) {
          itemRows.apply(opt, itemEmb, itemState, bi, step.dm, n);
        } else {
          itemTower.apply(opt, itemEmb, itemState, itemFeatureState, bi, step.dm, n);
        }
        if (pool != null) {
          pool.apply(opt, poolState, bu, step.du, n);
        }
        opt.update(theta, 0, step.dTheta, 0, theta.length, mlpState);
        double loss = step.loss();
        sumLoss += loss;
        sumMse += step.ratingMse;
        sumRet += step.retrieval;
        listener.progress(++done, loss);
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("loss", sumLoss / batches);
      metrics.put("rating_mse", sumMse / batches);
      metrics.put("retrieval_ce", sumRet / batches);
      // the bias refit comes before the epoch's held-out figures, so they are the model's: after the last
      // epoch, or after every epoch with early stopping (so the holdout judges, and the best epoch keeps, the
      // refitted head)
      if (cfg.refitBias() && (epoch == cfg.epochs() || holdRows.length > 0)) {
        metrics.put("bias_shift", refitBias(step, evalScratch, userEmb, itemEmb, theta, ru, ri, rr, fitRows, logq,
            bu, bi, br));
      }
      if (holdRows.length > 0) {
        evalScratch.run(step, userEmb, itemEmb, theta, ru, ri, rr, holdRows, logq, bu, bi, br);
        evalScratch.put(metrics, "holdout_");
        double score = cfg.stopMetric().equals("rmse") ? evalScratch.rmse : evalScratch.loss;
        if (score < best) {
          best = score;
          bestEpoch = epoch;
          bestWeights = new float[][] {userEmb.clone(), itemEmb.clone(), theta.clone(),
              userTower == null ? null : userTower.featureEmb.clone(),
              itemTower == null ? null : itemTower.featureEmb.clone(), pool == null || pool.shared ? null : pool.emb.clone()};
        }
      }
      if (validation != null && validation.size() > 0) {
        int[] vRows = new int[validation.size()];
        Arrays.setAll(vRows, i -> i);
        evalScratch.run(step, userEmb, itemEmb, theta, validation.users(), validation.items(),
            validation.ratings(), vRows, logq, bu, bi, br);
        evalScratch.put(metrics, "val_");
      }
      history.add(new ModelInfo.EpochRecord(epoch, (System.nanoTime() - e0) / 1e9, metrics));
      listener.epochEnded(epoch, metrics);
      if (holdRows.length > 0 && epoch - bestEpoch >= cfg.patience()) {
        break;
      }
    }
    if (bestWeights != null) {
      userEmb = bestWeights[0];
      itemEmb = bestWeights[1];
      theta = bestWeights[2];
      if (userTower != null) {
        System.arraycopy(bestWeights[3], 0, userTower.featureEmb, 0, bestWeights[3].length);
      }
      if (itemTower != null) {
        System.arraycopy(bestWeights[4], 0, itemTower.featureEmb, 0, bestWeights[4].length);
      }
      if (pool != null && !pool.shared) {
        System.arraycopy(bestWeights[5], 0, pool.emb, 0, bestWeights[5].length);
      }
    }
    listener.finished();
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelInfo info = ModelInfo.of(MultitaskFamily.KIND, params, cfg.seed(), train, seconds, history);
    MultitaskModel.Towers towers = new MultitaskModel.Towers(userFeatures,
        userFeatures == null ? null : userTower.featureEmb, itemFeatures, itemTower == null ? null : itemTower.featureEmb,
        pool == null ? null : pool.copy(itemEmb));
    return new MultitaskModel(train.users(), train.items(), info, d, userEmb, itemEmb, mlp, theta,
        org.cinerec.model.TrainingItems.of(all), cfg.ratingWeight() > 0, towers);
  }

  /**
   * Shifts the rating head's output bias so that the mean of prediction − rating over {@code rows} is 0 (the
   * least-squares bias for the rest of the network: the output layer is Dense(1), whose bias, the last value
   * of theta, moves every prediction alike); returns the shift.
   */
  static double refitBias(BatchStep step, Evaluation scratch, float[] ue, float[] ie, float[] theta, int[] u,
      int[] i, float[] r, int[] rows, float[] logq, int[] bu, int[] bi, float[] br) {
    scratch.run(step, ue, ie, theta, u, i, r, rows, logq, bu, bi, br);
    float before = theta[theta.length - 1];
    theta[theta.length - 1] = (float) (before - scratch.meanError);
    return theta[theta.length - 1] - before;
  }

  /** log of each movie's share of the fitting ratings (the in-batch sampling probability); 0 when unrated. */
  static float[] logFrequencies(int[] items, int[] rows, int numItems) {
    int[] count = new int[numItems + 1];
    for (int r : rows) {
      count[items[r]]++;
    }
    float[] logq = new float[numItems + 1];
    for (int i = 0; i < logq.length; i++) {
      logq[i] = count[i] == 0 ? 0f : (float) Math.log((double) count[i] / rows.length);
    }
    return logq;
  }

  /** Gradients of one batch's rows collected per distinct table row, then one optimizer update per row. */
  static final class SparseRows {
    private final int[] slotOf;
    private final int[] touched;
    private final float[] grad;
    private final int dim;

    SparseRows(int tableRows, int maxBatch, int dim) {
      slotOf = new int[tableRows];
      Arrays.fill(slotOf, -1);
      touched = new int[maxBatch];
      grad = new float[maxBatch * dim];
      this.dim = dim;
    }

    /** Sums {@code g[b]} per distinct {@code rows[b]} in batch order, then updates each row once. */
    void apply(Optimizer opt, float[] table, Optimizer.State state, int[] rows, float[] g, int n) {
      int k = 0;
      for (int b = 0; b < n; b++) {
        int row = rows[b];
        int s = slotOf[row];
        if (s < 0) {
          s = k++;
          slotOf[row] = s;
          touched[s] = row;
          System.arraycopy(g, b * dim, grad, s * dim, dim);
        } else {
          for (int j = 0; j < dim; j++) {
            grad[s * dim + j] += g[b * dim + j];
          }
        }
      }
      for (int s = 0; s < k; s++) {
        int row = touched[s];
        opt.update(table, row * dim, grad, s * dim, dim, state);
        slotOf[row] = -1;
      }
    }
  }

  /** Loss and rating error over held-out rows, in batches of the training batch size, weights unchanged. */
  static final class Evaluation {
    double loss;
    double rmse;
    double mae;
    double mse;
    double retrieval;
    /** Mean of prediction − rating. */
    double meanError;
    private final int bs;
    private final boolean rating;

    Evaluation(int bs, boolean rating) {
      this.bs = bs;
      this.rating = rating;
    }

    void run(BatchStep step, float[] ue, float[] ie, float[] theta, int[] u, int[] i, float[] r, int[] rows,
        float[] logq, int[] bu, int[] bi, float[] br) {
      double sumLoss = 0;
      double sumRet = 0;
      double se = 0;
      double ae = 0;
      double sum = 0;
      int batches = 0;
      for (int s = 0; s < rows.length; s += bs) {
        int n = Math.min(bs, rows.length - s);
        for (int b = 0; b < n; b++) {
          bu[b] = u[rows[s + b]];
          bi[b] = i[rows[s + b]];
          br[b] = r[rows[s + b]];
        }
        step.forwardOnly = true;
        try {
          step.run(ue, ie, theta, bu, bi, br, n, logq);
        } finally {
          step.forwardOnly = false;
        }
        sumLoss += step.loss();
        sumRet += step.retrieval;
        for (int b = 0; b < n; b++) {
          double e = step.pred[b] - br[b];
          se += e * e;
          ae += Math.abs(e);
          sum += e;
        }
        batches++;
      }
      loss = sumLoss / batches;
      retrieval = sumRet / batches;
      mse = rating ? se / rows.length : Double.NaN;
      rmse = Math.sqrt(mse);
      mae = rating ? ae / rows.length : Double.NaN;
      meanError = rating ? sum / rows.length : Double.NaN;
    }

    void put(Map<String, Double> metrics, String prefix) {
      metrics.put(prefix + "loss", loss);
      metrics.put(prefix + "retrieval_ce", retrieval);
      if (!Double.isNaN(rmse)) {
        metrics.put(prefix + "rmse", rmse);
        metrics.put(prefix + "mae", mae);
      }
    }
  }
}
