package org.cinerec.eval;

import org.cinerec.CinerecException;
import java.util.Arrays;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.math.Mmr;
import org.cinerec.math.Parallel;
import org.cinerec.math.TopK;
import org.cinerec.model.BatchPredictor;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.Recommender;

/**
 * Measures any {@link Recommender} on held-out ratings. One instance is reusable and thread-safe.
 *
 * <p><b>Rating metrics</b> (models with {@link Recommender#predictsRatings()}): over every test pair
 * (u, i, r), {@code RMSE = sqrt(mean((clip(p) - r)²))}, {@code MAE = mean(|clip(p) - r|)} where
 * {@code p = predict(u, i)} and {@code clip} bounds it to the data's rating scale ({@link RatingScale}); clipping and
 * test pairs unseen in training follow {@link PredictionPolicy}, which the Spark {@code evaluate} job shares. Models that
 * implement {@link BatchPredictor} get all pairs in one call from the caller's thread.
 *
 * <p><b>Ranking</b>: every user with test ratings is scored once ({@link Recommender#scoreItems}); users
 * are spread over {@link Parallel}'s threads, each writing only its own users' results, and the totals
 * are summed in user order, so results do not depend on the thread count. From that one score vector:
 * <ul>
 *   <li>TFRS FactorizedTopK accuracy for every test pair of the user, with and without the user's
 *       training movies (see {@link EvaluationReport.TopKAccuracy});</li>
 *   <li>the user's top-max(K) list over the candidates (every movie not rated in training, or with
 *       {@link EvalOptions#newItemsOnly} only the movies nobody rated in training; ties broken by
 *       lower item index as {@link TopK} does) and the metrics of {@link Metrics} on it. Relevant movies
 *       are the user's distinct test movies (with rating at least the threshold when one is set) that
 *       are not also among the user's training movies; test movies unknown to the model stay in the
 *       relevant count but can never be retrieved.</li>
 * </ul>
 * With {@link EvalOptions#diversity} λ above 0 that top-max(K) list is the service's: the MMR order
 * ({@link Mmr}) over the model's unit item vectors ({@link ItemEmbeddings}; a model without them is a usage
 * error naming {@code --diversity}), so the diversity knob's price in accuracy can be measured.
 *
 * <p>Test and training ratings are in the index space of the given {@link Dataset}. When its
 * vocabularies differ from the model's, ids are mapped through their external names; ids the model does
 * not know become -1 (the model's fallback).
 *
 * <p>Models' {@code scoreItems} run on the shared pool's threads, so they must not themselves wait on
 * {@link Parallel}.
 */
public final class Evaluator {
  private final EvalOptions options;
  private final int chunks;

  public Evaluator(EvalOptions options) {
    this(options, 0);
  }

  /** With a fixed number of work chunks for the ranking pass (0 = four per thread); for tests. */
  Evaluator(EvalOptions options, int chunks) {
    this.options = options;
    this.chunks = chunks;
  }

  /** The same evaluator (thread chunks) with other options. */
  public Evaluator withOptions(EvalOptions other) {
    return new Evaluator(other, chunks);
  }

  public Evaluator() {
    this(EvalOptions.defaults());
  }

  public EvalOptions options() {
    return options;
  }

  /**
   * Evaluates {@code model} on {@code test}; {@code train} supplies the training ratings (candidate
   * exclusion, popularity, rating scale) and the index space of both.
   */
  public EvaluationReport evaluate(Recommender model, Dataset train, Ratings test) {
    if (test.numUsers() != train.numUsers() || test.numItems() != train.numItems()) {
      throw new IllegalArgumentException("test ratings index " + test.numUsers() + " users × " + test.numItems()
          + " items, the training dataset " + train.numUsers() + " × " + train.numItems());
    }
    checkThreshold(options.relevanceThreshold(), train.scale());
    checkDiversity(model, options);
    Context c = new Context(model, train, test);
    EvaluationReport.RatingMetrics rating = null;
    double predictSeconds = 0;
    if (options.rating() && model.predictsRatings()) {
      long t0 = System.nanoTime();
      rating = ratingMetrics(c);
      predictSeconds = (System.nanoTime() - t0) / 1e9;
    }
    EvaluationReport.TopKAccuracy accuracy = null;
    EvaluationReport.RankingMetrics ranking = null;
    double rankSeconds = 0;
    if (options.ranking()) {
      long t0 = System.nanoTime();
      RankingPass pass = new RankingPass(c, options, chunks);
      pass.run();
      accuracy = pass.accuracy();
      ranking = pass.ranking();
      rankSeconds = (System.nanoTime() - t0) / 1e9;
    }
    return new EvaluationReport(model.kind(), model.info() == null ? null : model.info().split(),
        train.ratings().size(), test.size(), c.coldUserPairs, c.coldItemPairs, c.fallbackPairs, rating,
        accuracy, ranking, new EvaluationReport.Timing(0, predictSeconds, rankSeconds, Parallel.threads()));
  }

  /** A relevance threshold outside a (non-degenerate) scale is a usage error naming --threshold. */
  public static void checkThreshold(double threshold, RatingScale scale) {
    if (!Double.isNaN(threshold) && scale.max() > scale.min()
        && (threshold < scale.min() || threshold > scale.max())) {
      throw CinerecException.usage("--threshold " + RatingScale.fmt(threshold) + " is outside the rating scale "
          + scale.describe() + ", so no test rating (or every one) would count as relevant; give a value in "
          + RatingScale.fmt(scale.min()) + ".." + RatingScale.fmt(scale.max()));
    }
  }

  /** MMR needs item vectors: a model without them is a usage error naming --diversity. */
  static void checkDiversity(Recommender model, EvalOptions options) {
    if (options.ranking() && options.diversity() > 0 && !(model instanceof ItemEmbeddings)) {
      throw CinerecException.usage("--diversity " + options.diversity() + " re-ranks the lists by MMR over the "
          + "model's item vectors, as the service does, and the " + model.kind() + " model has none; use a model "
          + "with them (mf, svdpp, als, ials, bpmf, bpr or multitask), or --diversity 0");
    }
  }

  /** The model's unit item vectors for MMR, when the options ask for diversity; else null. */
  static float[] unitVectors(Recommender model, EvalOptions options) {
    if (options.diversity() > 0 && model instanceof ItemEmbeddings e) {
      return Mmr.unitRows(e.itemEmbeddings(), e.embeddingDim());
    }
    return null;
  }

  private static EvaluationReport.RatingMetrics ratingMetrics(Context c) {
    Ratings test = c.test;
    int n = test.size();
    float[] pred = new float[n];
    float lo = c.clipMin;
    float hi = c.clipMax;
    if (c.model instanceof BatchPredictor batch) {
      int[] users = new int[n];
      int[] items = new int[n];
      for (int p = 0; p < n; p++) {
        users[p] = c.userMap[test.user(p)];
        items[p] = c.itemMap[test.item(p)];
      }
      batch.predict(users, items, pred);
    } else {
      Parallel.forEachChunk(n, 0, (chunk, from, to) -> {
        for (int p = from; p < to; p++) {
          pred[p] = c.model.predict(c.userMap[test.user(p)], c.itemMap[test.item(p)]);
        }
      });
    }
    double se = 0;
    double ae = 0;
    for (int p = 0; p < n; p++) {
      float x = Math.max(lo, Math.min(hi, pred[p]));
      double e = (double) x - test.rating(p);
      se += e * e;
      ae += Math.abs(e);
    }
    return new EvaluationReport.RatingMetrics(n == 0 ? Double.NaN : Math.sqrt(se / n), n == 0 ? Double.NaN : ae / n,
        n, lo, hi);
  }

  /** The model-space view of the data shared by both passes. */
  static final class Context {
    final Recommender model;
    final Ratings train;
    final Ratings test;
    final int[] userMap;
    final int[] itemMap;
    final int numModelItems;
    final int[] popularity;
    final ItemStats itemStats;
    final float clipMin;
    final float clipMax;
    final long coldUserPairs;
    final long coldItemPairs;
    final long fallbackPairs;

    Context(Recommender model, Dataset data, Ratings test) {
      this.model = model;
      this.train = data.ratings();
      this.test = test;
      this.userMap = map(data.users(), model.users());
      this.itemMap = map(data.items(), model.items());
      this.numModelItems = model.items().size();
      this.popularity = new int[numModelItems];
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int p = 0; p < train.size(); p++) {
        int mi = itemMap[train.item(p)];
        if (mi >= 0) {
          popularity[mi]++;
        }
        lo = Math.min(lo, train.rating(p));
        hi = Math.max(hi, train.rating(p));
      }
      this.itemStats = ItemStats.of(train, data.catalog(), itemMap, numModelItems);
      // predictions are clipped to the data's rating scale (as Surprise clips to its reader's scale); a
      // degenerate scale (one value, or none) falls back to the training range: PredictionPolicy
      PredictionPolicy.Bounds bounds = PredictionPolicy.bounds(data.scale(), lo, hi, train.size());
      this.clipMin = bounds.lo();
      this.clipMax = bounds.hi();
      long cu = 0;
      long ci = 0;
      long fb = 0;
      for (int p = 0; p < test.size(); p++) {
        int mu = userMap[test.user(p)];
        int mi = itemMap[test.item(p)];
        boolean coldUser = mu < 0 || !model.knowsUser(mu);
        boolean coldItem = mi < 0 || popularity[mi] == 0;
        cu += coldUser ? 1 : 0;
        ci += coldItem ? 1 : 0;
        fb += coldUser || coldItem ? 1 : 0;
      }
      this.coldUserPairs = cu;
      this.coldItemPairs = ci;
      this.fallbackPairs = fb;
    }

    /** data index → model index (or -1); the identity when the vocabularies are equal. */
    private static int[] map(IdIndex data, IdIndex model) {
      int[] m = new int[data.size()];
      if (data.equals(model)) {
        for (int i = 0; i < m.length; i++) {
          m[i] = i;
        }
      } else {
        String[] ids = data.ids();
        for (int i = 0; i < m.length; i++) {
          m[i] = model.indexOf(ids[i]);
        }
      }
      return m;
    }
  }

  @Override
  public String toString() {
    return "Evaluator[ks=" + Arrays.toString(options.ks()) + ", accuracyKs=" + Arrays.toString(options.accuracyKs())
        + ", threshold=" + options.relevanceThreshold() + "]";
  }
}
