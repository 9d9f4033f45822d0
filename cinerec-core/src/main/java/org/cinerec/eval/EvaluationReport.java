package org.cinerec.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one {@link Evaluator} run: what was measured, on how much data, and how long it took.
 * Serialises with Jackson as is; {@link #metrics()} flattens it to name → value for tables, leaderboards
 * and cross-validation summaries; {@link #toTable()} renders it for a terminal. Parts that were not
 * measured are null (for example {@code rating} for a model that only ranks).
 *
 * @param model          model kind
 * @param protocol       how the test part was cut (e.g. {@code "random:0.2:42"}), or null
 * @param trainRatings   ratings the model was trained on (as given to the evaluator)
 * @param testRatings    held-out ratings evaluated
 * @param coldUserPairs  test pairs whose user the model does not know (no training ratings or not in its
 *                       vocabulary): the model fell back to a non-personal answer
 * @param coldItemPairs  test pairs whose movie had no training ratings or is not in the model's vocabulary
 * @param fallbackPairs  test pairs with a cold user or a cold movie (or both)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationReport(
    String model,
    String protocol,
    long trainRatings,
    long testRatings,
    long coldUserPairs,
    long coldItemPairs,
    long fallbackPairs,
    RatingMetrics rating,
    TopKAccuracy accuracy,
    RankingMetrics ranking,
    Timing timing) {

  /**
   * Rating error over every test pair. Predictions are clipped to {@code [clipMin, clipMax]}, the data's
   * rating scale, before the error is taken (as Surprise clips to its rating scale).
   */
  public record RatingMetrics(double rmse, double mae, long pairs, double clipMin, double clipMax) {}

  /**
   * TFRS FactorizedTopK accuracy: the share of test pairs whose movie has fewer than K catalogue movies
   * scoring strictly higher for that user (ties count as hits, like {@code tf.math.in_top_k}).
   * {@code all}: every movie of the vocabulary competes (TFRS's semantics); {@code excludingTrain}: the
   * user's training movies are removed first (the true movie itself never is). Movies unknown to the
   * model ({@code unrankablePairs}) count as misses.
   */
  public record TopKAccuracy(int[] ks, double[] all, double[] excludingTrain, long pairs, long unrankablePairs) {}

  /**
   * Per-user top-N metrics, averaged over the {@code users} that have at least one relevant test movie.
   * Candidates: every movie of the model's vocabulary the user did not rate in training (no sampling).
   * {@code coverage}: distinct movies in all top-K lists / catalogue size. {@code avgPopularity}: the
   * average recommendation popularity (ARP, Abdollahpouri, Burke &amp; Mobasher, FLAIRS 2019): the mean over
   * users of the mean number of training ratings of the movies in their top-K (compare
   * {@code catalogMeanPopularity}, the mean over the catalogue). {@code diversity}: intra-list diversity,
   * the mean pairwise genre Jaccard distance in a top-K, averaged over the {@code diversityUsers} whose
   * top-K has two movies with genres. {@code novelty}: the mean self-information {@code -log2} of the share
   * of training users who rated a recommended movie (Zhou et al., PNAS 2010), averaged over users. The
   * formulas are in {@link Metrics}; diversity, diversityUsers and novelty are null when not measured
   * (the Spark job). {@code mmrDiversity}: the diversity λ at which every top-K list was MMR re-ranked as the
   * service does ({@link EvalOptions#diversity}); null for the plain lists.
   */
  public record RankingMetrics(Double relevanceThreshold, long users, long coldUsers, int[] ks,
      double[] precision, double[] recall, double[] ndcg, double[] map, double[] hitRate,
      double[] coverage, double[] avgPopularity, double mrr, double catalogMeanPopularity,
      @JsonInclude(JsonInclude.Include.NON_NULL) double[] diversity,
      @JsonInclude(JsonInclude.Include.NON_NULL) long[] diversityUsers,
      @JsonInclude(JsonInclude.Include.NON_NULL) double[] novelty,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double mmrDiversity) {}

  /**
   * Wall times in seconds: {@code fit} (filled in by whoever trained), {@code predict} (every test pair's
   * rating prediction), {@code rank} (scoring every test user once and computing the ranking metrics).
   */
  public record Timing(double fitSeconds, double predictSeconds, double rankSeconds, int threads) {}

  /** The same report with the training time set. */
  public EvaluationReport withFitSeconds(double seconds) {
    Timing t = timing == null ? new Timing(seconds, 0, 0, 1)
        : new Timing(seconds, timing.predictSeconds(), timing.rankSeconds(), timing.threads());
    return new EvaluationReport(model, protocol, trainRatings, testRatings, coldUserPairs, coldItemPairs,
        fallbackPairs, rating, accuracy, ranking, t);
  }

  /** The same report with the protocol description set. */
  public EvaluationReport withProtocol(String description) {
    return new EvaluationReport(model, description, trainRatings, testRatings, coldUserPairs, coldItemPairs,
        fallbackPairs, rating, accuracy, ranking, timing);
  }

  /**
   * Every measured number by name, in a stable order: {@code rmse}, {@code mae}, {@code top10_accuracy},
   * {@code top10_accuracy_excl}, {@code precision@10}, {@code recall@10}, {@code ndcg@10}, {@code map@10},
   * {@code hit_rate@10}, {@code coverage@10}, {@code diversity@10}, {@code novelty@10}
   * (when measured), {@code popularity@10}, {@code mrr}, {@code fit_seconds},
   * {@code predict_seconds}, {@code rank_seconds}.
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (rating != null) {
      m.put("rmse", rating.rmse());
      m.put("mae", rating.mae());
    }
    if (accuracy != null) {
      for (int j = 0; j < accuracy.ks().length; j++) {
        m.put("top" + accuracy.ks()[j] + "_accuracy", accuracy.all()[j]);
      }
      for (int j = 0; j < accuracy.ks().length; j++) {
        m.put("top" + accuracy.ks()[j] + "_accuracy_excl", accuracy.excludingTrain()[j]);
      }
    }
    if (ranking != null) {
      int[] ks = ranking.ks();
      put(m, "precision@", ks, ranking.precision());
      put(m, "recall@", ks, ranking.recall());
      put(m, "ndcg@", ks, ranking.ndcg());
      put(m, "map@", ks, ranking.map());
      put(m, "hit_rate@", ks, ranking.hitRate());
      put(m, "coverage@", ks, ranking.coverage());
      if (ranking.diversity() != null) {
        put(m, "diversity@", ks, ranking.diversity());
        put(m, "novelty@", ks, ranking.novelty());
      }
      put(m, "popularity@", ks, ranking.avgPopularity());
      m.put("mrr", ranking.mrr());
    }
    if (timing != null) {
      m.put("fit_seconds", timing.fitSeconds());
      m.put("predict_seconds", timing.predictSeconds());
      m.put("rank_seconds", timing.rankSeconds());
    }
    return m;
  }

  private static void put(Map<String, Double> m, String prefix, int[] ks, double[] values) {
    for (int j = 0; j < ks.length; j++) {
      m.put(prefix + ks[j], values[j]);
    }
  }

  /** A plain-text rendering for the terminal. */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "model %s%s: %,d training ratings, %,d test ratings%n", model,
        protocol == null ? "" : " (" + protocol + ")", trainRatings, testRatings));
    if (fallbackPairs > 0) {
      b.append(String.format(Locale.ROOT,
          "fallback: %,d test pairs (%,d with a user, %,d with a movie the model has no training ratings for)%n",
          fallbackPairs, coldUserPairs, coldItemPairs));
    }
    if (rating != null) {
      b.append(String.format(Locale.ROOT, "RMSE %.4f   MAE %.4f   (predictions clipped to %s..%s)%n",
          rating.rmse(), rating.mae(), num(rating.clipMin()), num(rating.clipMax())));
    }
    if (accuracy != null) {
      b.append("top-K accuracy (TFRS FactorizedTopK, all ").append(accuracy.pairs()).append(" test pairs)\n");
      b.append(String.format(Locale.ROOT, "  %-28s", "K"));
      for (int k : accuracy.ks()) {
        b.append(String.format(Locale.ROOT, "%9d", k));
      }
      b.append('\n');
      row(b, "  all catalogue movies", accuracy.all());
      row(b, "  excluding training movies", accuracy.excludingTrain());
    }
    if (ranking != null) {
      b.append(String.format(Locale.ROOT, "top-N ranking over unrated movies (%,d users%s%s%s)%n", ranking.users(),
          ranking.coldUsers() > 0 ? ", " + ranking.coldUsers() + " of them cold" : "",
          ranking.relevanceThreshold() == null ? "" : ", relevant: rating >= " + num(ranking.relevanceThreshold()),
          ranking.mmrDiversity() == null ? "" : ", lists MMR re-ranked at diversity " + num(ranking.mmrDiversity())));
      b.append(String.format(Locale.ROOT, "  %-28s", "K"));
      for (int k : ranking.ks()) {
        b.append(String.format(Locale.ROOT, "%9d", k));
      }
      b.append('\n');
      row(b, "  precision", ranking.precision());
      row(b, "  recall", ranking.recall());
      row(b, "  NDCG", ranking.ndcg());
      row(b, "  MAP", ranking.map());
      row(b, "  hit rate", ranking.hitRate());
      row(b, "  coverage", ranking.coverage());
      if (ranking.diversity() != null) {
        row(b, "  diversity (genre ILD)", ranking.diversity());
        if (java.util.Arrays.stream(ranking.diversity()).allMatch(Double::isNaN)) {
          b.setLength(b.length() - 1);
          b.append("   (no movie has genres)\n");
        }
        row(b, "  novelty (bits)", ranking.novelty());
      }
      b.append(String.format(Locale.ROOT, "  %-28s", "popularity"));
      for (double v : ranking.avgPopularity()) {
        b.append(String.format(Locale.ROOT, "%9.1f", v));
      }
      b.append(String.format(Locale.ROOT, "   (catalogue mean %.1f)%n", ranking.catalogMeanPopularity()));
      b.append(String.format(Locale.ROOT, "  %-28s%9.4f%n", "MRR", ranking.mrr()));
    }
    if (timing != null) {
      b.append(String.format(Locale.ROOT, "time: fit %.3f s, predict %.3f s, rank %.3f s (%d threads)%n",
          timing.fitSeconds(), timing.predictSeconds(), timing.rankSeconds(), timing.threads()));
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String label, double[] values) {
    b.append(String.format(Locale.ROOT, "%-30s", label));
    for (double v : values) {
      b.append(Double.isNaN(v) ? "        -" : String.format(Locale.ROOT, "%9.4f", v));
    }
    b.append('\n');
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }
}
