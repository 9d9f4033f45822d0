package org.cinerec.eval;

import java.util.Arrays;

/**
 * What the {@link Evaluator} measures.
 *
 * @param ks                 cut-offs of the per-user top-N metrics (Precision@K, Recall@K, NDCG@K, MAP@K,
 *                           HitRate@K, coverage, popularity), each at least 1
 * @param accuracyKs         cut-offs of the TFRS FactorizedTopK accuracy, each at least 1
 * @param relevanceThreshold a test rating counts as relevant for top-N metrics when it is at least this;
 *                           NaN (the default) makes every test rating relevant
 * @param rating             measure RMSE and MAE (only for models that predict ratings)
 * @param ranking            measure top-K accuracy and the top-N metrics
 * @param newItemsOnly       rank only the movies without training ratings (item cold start: the split held
 *                           whole movies out, {@link org.cinerec.split.SplitSpec#holdsOutMovies()}); false
 *                           ranks every movie the user did not rate in training
 */
public record EvalOptions(int[] ks, int[] accuracyKs, double relevanceThreshold, boolean rating, boolean ranking,
    boolean newItemsOnly) implements java.io.Serializable {

  /** The top-N cut-offs used unless told otherwise. */
  public static final int[] DEFAULT_KS = {5, 10, 20};
  /** TFRS's FactorizedTopK cut-offs (the notebook's metrics). */
  public static final int[] DEFAULT_ACCURACY_KS = {1, 5, 10, 50, 100};

  public EvalOptions {
    ks = checkKs(ks, "--k");
    accuracyKs = checkKs(accuracyKs, "accuracy k");
  }

  /** Ranking every movie the user did not rate in training. */
  public EvalOptions(int[] ks, int[] accuracyKs, double relevanceThreshold, boolean rating, boolean ranking) {
    this(ks, accuracyKs, relevanceThreshold, rating, ranking, false);
  }

  public static EvalOptions defaults() {
    return new EvalOptions(DEFAULT_KS, DEFAULT_ACCURACY_KS, Double.NaN, true, true);
  }

  public EvalOptions withKs(int... newKs) {
    return new EvalOptions(newKs, accuracyKs, relevanceThreshold, rating, ranking, newItemsOnly);
  }

  public EvalOptions withRelevanceThreshold(double threshold) {
    return new EvalOptions(ks, accuracyKs, threshold, rating, ranking, newItemsOnly);
  }

  public EvalOptions withRanking(boolean on) {
    return new EvalOptions(ks, accuracyKs, relevanceThreshold, rating, on, newItemsOnly);
  }

  public EvalOptions withNewItemsOnly(boolean on) {
    return new EvalOptions(ks, accuracyKs, relevanceThreshold, rating, ranking, on);
  }

  /** These options for a split: new movies only when it holds whole movies out. */
  public EvalOptions forSplit(org.cinerec.split.SplitSpec split) {
    return split.holdsOutMovies() ? withNewItemsOnly(true) : this;
  }

  /** Largest top-N cut-off. */
  public int maxK() {
    return ks[ks.length - 1];
  }

  /** Largest accuracy cut-off. */
  public int maxAccuracyK() {
    return accuracyKs[accuracyKs.length - 1];
  }

  private static int[] checkKs(int[] ks, String what) {
    if (ks == null || ks.length == 0) {
      throw org.cinerec.CinerecException.usage(what + " needs at least one cut-off");
    }
    int[] sorted = Arrays.stream(ks).distinct().sorted().toArray();
    if (sorted[0] < 1) {
      throw org.cinerec.CinerecException.usage(what + " must be at least 1, got " + sorted[0]);
    }
    return sorted;
  }
}
