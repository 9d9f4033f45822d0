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
 * @param diversity          the service's diversity knob λ, 0..1: above 0 each user's top-max(K) list is the
 *                           MMR order ({@link org.cinerec.math.Mmr}) over the model's unit item vectors, as
 *                           {@code recommend --diversity} and the API's {@code diversity} give it for
 *                           {@code max(K)} movies, and the top-N metrics (precision to novelty, coverage,
 *                           popularity, MRR) are taken on that list; TFRS top-K accuracy ranks by score and
 *                           does not change. 0 (the default) is the plain top-K list
 */
public record EvalOptions(int[] ks, int[] accuracyKs, double relevanceThreshold, boolean rating, boolean ranking,
    boolean newItemsOnly, double diversity) implements java.io.Serializable {

  /** The top-N cut-offs used unless told otherwise. */
  public static final int[] DEFAULT_KS = {5, 10, 20};
  /** TFRS's FactorizedTopK cut-offs (the notebook's metrics). */
  public static final int[] DEFAULT_ACCURACY_KS = {1, 5, 10, 50, 100};

  public EvalOptions {
    ks = checkKs(ks, "--k");
    accuracyKs = checkKs(accuracyKs, "accuracy k");
    checkDiversity(diversity);
  }

  /** Plain top-K lists (diversity 0). */
  public EvalOptions(int[] ks, int[] accuracyKs, double relevanceThreshold, boolean rating, boolean ranking,
      boolean newItemsOnly) {
    this(ks, accuracyKs, relevanceThreshold, rating, ranking, newItemsOnly, 0);
  }

  /** Ranking every movie the user did not rate in training. */
  public EvalOptions(int[] ks, int[] accuracyKs, double relevanceThreshold, boolean rating, boolean ranking) {
    this(ks, accuracyKs, relevanceThreshold, rating, ranking, false);
  }

  public static EvalOptions defaults() {
    return new EvalOptions(DEFAULT_KS, DEFAULT_ACCURACY_KS, Double.NaN, true, true);
  }

  public EvalOptions withKs(int... newKs) {
    return new EvalOptions(newKs, accuracyKs, relevanceThreshold, rating, ranking, newItemsOnly, diversity);
  }

  public EvalOptions withRelevanceThreshold(double threshold) {
    return new EvalOptions(ks, accuracyKs, threshold, rating, ranking, newItemsOnly, diversity);
  }

  public EvalOptions withRanking(boolean on) {
    return new EvalOptions(ks, accuracyKs, relevanceThreshold, rating, on, newItemsOnly, diversity);
  }

  public EvalOptions withNewItemsOnly(boolean on) {
    return new EvalOptions(ks, accuracyKs, relevanceThreshold, rating, ranking, on, diversity);
  }

  /** With MMR top-N lists at diversity {@code lambda} (0..1; 0: the plain lists). */
  public EvalOptions withDiversity(double lambda) {
    return new EvalOptions(ks, accuracyKs, relevanceThreshold, rating, ranking, newItemsOnly, lambda);
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

  /** A diversity outside 0..1 (or NaN) is a usage error naming --diversity. */
  public static void checkDiversity(double lambda) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw org.cinerec.CinerecException.usage("--diversity must be between 0 and 1 (0: the plain ranking), got "
          + lambda);
    }
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
