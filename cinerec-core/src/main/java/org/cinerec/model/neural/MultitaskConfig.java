package org.cinerec.model.neural;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.math.Activation;
import org.cinerec.math.Parallel;
import org.cinerec.model.Params;
import org.cinerec.train.Optimizer;

/**
 * The validated settings of a multitask model: the {@link MultitaskFamily#SPEC} values after the preset is
 * applied, plus the checks a range cannot express (a learning rate or temperature of exactly 0, both task
 * weights 0). Errors name the flag.
 */
record MultitaskConfig(Params params, int dim, int[] layers, Activation activation, float ratingWeight,
    float retrievalWeight, boolean meanRetrieval, String optimizer, float learningRate, float initialAccumulator,
    float epsilon, float beta1, float beta2, int batchSize, int epochs, String shuffle, long seed, int threads,
    float temperature, float l2, boolean logq, int patience, String stopMetric, double holdout,
    boolean dropRemainder, boolean refitBias, List<String> itemFeatures, List<String> userFeatures,
    double idDropout, int minTokenMovies, boolean history, int historySize,
    String historyTable) {

  /** The {@code --user-features} name of the pooled history ({@link HistoryPool}), beside the attributes. */
  static final String HISTORY = "history";

  /**
   * The named presets: each sets the same parameters (so switching presets changes all of them), and each
   * value applies only where the parameter was not given ({@link Params#isGiven}): {@code --preset notebook
   * --epochs 5} is the notebook with 5 epochs, and {@code --temperature 1} is kept under any preset.
   *
   * <p>{@code balanced}, the default (its values are also the declared defaults of {@link MultitaskFamily#SPEC},
   * so {@code --help} shows what runs): chosen by the rule of issue #9 (the best top-100 accuracy among the
   * candidates whose median RMSE over 3 seeds beats {@code baseline} on both ml-latest-small and
   * ratings_small), on a validation part of the training data, from the 23 candidates of
   * docs/notes/multitask-default.md. logQ and temperature 2 keep retrieval from overfitting and from its
   * popularity bias; retrieval weight 0.1 leaves the shared embeddings to the rating task enough that 20
   * epochs bring its RMSE below baseline's while top-100 stays at 1.6-1.7 times the notebook's; the bias
   * refit removes the level the rating head drifts to (±0.2 stars epoch to epoch); dropping the partial last
   * batch keeps a few-row batch from jerking the rating head (ratings_small's training part leaves 3 rows).
   *
   * <p>{@code notebook}: the TFRS multitask notebook's settings (3 epochs, temperature 1, no logQ correction,
   * the partial last batch kept, no bias refit, both task weights 1), which the PyTorch reference and the
   * known-answer tests use.
   *
   * <p>{@code stable}: the earlier preset (logQ, temperature 2, 10 epochs, drop-remainder): steadier than the
   * notebook, but its RMSE does not beat baseline's on ratings_small (0.906 against 0.902).
   */
  static final Map<String, Map<String, String>> PRESETS = Map.of(
      "balanced", preset("epochs", "20", "temperature", "2.0", "logq", "true", "drop-remainder", "true",
          "refit-bias", "true", "retrieval-weight", "0.1"),
      "notebook", preset("epochs", "3", "temperature", "1.0", "logq", "false", "drop-remainder", "false",
          "refit-bias", "false", "retrieval-weight", "1.0"),
      "stable", preset("epochs", "10", "temperature", "2.0", "logq", "true", "drop-remainder", "true",
          "refit-bias", "false", "retrieval-weight", "1.0"));

  private static Map<String, String> preset(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put(kv[k], kv[k + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The preset's values applied to every parameter of {@code given} that was not given. */
  static Params applyPreset(Params given) {
    Map<String, String> preset = PRESETS.get(given.getString("preset"));
    if (preset == null) {
      throw new IllegalStateException("no preset " + given.getString("preset") + " in " + PRESETS.keySet());
    }
    Params p = given;
    for (Map.Entry<String, String> e : preset.entrySet()) {
      if (!given.isGiven(e.getKey())) {
        p = p.with(e.getKey(), e.getValue());
      }
    }
    return p;
  }

  static MultitaskConfig of(Params given) {
    Params p = applyPreset(given);
    if (!(p.getDouble("learning-rate") > 0)) {
      throw CinerecException.usage("--learning-rate must be greater than 0, got " + p.getDouble("learning-rate"));
    }
    if (!(p.getDouble("temperature") > 0)) {
      throw CinerecException.usage("--temperature must be greater than 0, got " + p.getDouble("temperature"));
    }
    if (p.getDouble("rating-weight") == 0 && p.getDouble("retrieval-weight") == 0) {
      throw CinerecException.usage("--rating-weight and --retrieval-weight are both 0: nothing to train; "
          + "make at least one positive");
    }
    if (p.getInt("early-stopping") > 0 && p.getDouble("rating-weight") == 0
        && "rmse".equals(p.getString("early-stopping-metric"))) {
      throw CinerecException.usage("--early-stopping-metric rmse needs the rating task; --rating-weight is 0");
    }
    int threads = Parallel.threads(p.getInt("threads"));
    return new MultitaskConfig(p, p.getInt("embedding-dim"), p.getIntList("layers"),
        Activation.of(p.getString("activation")), p.getFloat("rating-weight"), p.getFloat("retrieval-weight"),
        "mean".equals(p.getString("retrieval-reduction")), p.getString("optimizer"), p.getFloat("learning-rate"),
        p.getFloat("initial-accumulator"), p.getFloat("epsilon"), p.getFloat("beta1"), p.getFloat("beta2"),
        p.getInt("batch-size"), p.getInt("epochs"), p.getString("shuffle"), p.getLong("seed"), threads,
        p.getFloat("temperature"), p.getFloat("l2"), p.getBool("logq"), p.getInt("early-stopping"),
        p.getString("early-stopping-metric"), p.getDouble("holdout"), p.getBool("drop-remainder"),
        p.getBool("refit-bias") && p.getDouble("rating-weight") > 0, itemFeatures(p.getString("item-features")),
        userAttributes(p.getString("user-features")), p.getDouble("id-dropout"), p.getInt("min-token-movies"),
        userFeatureList(p.getString("user-features")).contains(HISTORY), p.getInt("history-size"),
        p.getString("history-table"));
  }

  /** A comma list, "none" (or empty) for none. */
  static List<String> list(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (String v : t.split(",")) {
      String x = v.strip();
      if (x.isEmpty()) {
        throw CinerecException.usage("an empty name in the list \"" + text + "\"");
      }
      if (!out.contains(x)) {
        out.add(x);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> userFeatureList(String text) {
    try {
      return list(text);
    } catch (CinerecException e) {
      throw CinerecException.usage("--user-features: " + e.getMessage());
    }
  }

  /** The attribute names of --user-features: the list less {@link #HISTORY}. */
  private static List<String> userAttributes(String text) {
    List<String> out = new java.util.ArrayList<>(userFeatureList(text));
    out.remove(HISTORY);
    return List.copyOf(out);
  }

  private static List<String> itemFeatures(String text) {
    List<String> groups;
    try {
      groups = list(text);
    } catch (CinerecException e) {
      throw CinerecException.usage("--item-features: " + e.getMessage());
    }
    for (String g : groups) {
      if (!org.cinerec.model.content.Features.MOVIE_GROUPS.contains(g)) {
        throw CinerecException.usage("--item-features: unknown movie feature \"" + g + "\"; use none or a comma "
            + "list of " + String.join(", ", org.cinerec.model.content.Features.MOVIE_GROUPS));
      }
    }
    return groups;
  }

  /**
   * The movie feature groups to embed, checked against the catalogue: a usage error naming --item-features
   * and the feature when the catalogue has no value of it for any movie (language, runtime and overview come
   * from Kaggle's movies_metadata.csv only; the Netflix Prize has no genres), since such a group would be one
   * unknown value for every movie and add nothing.
   */
  List<String> itemFeaturesIn(org.cinerec.data.Catalog catalog) {
    List<String> missing = org.cinerec.model.content.Features.missingIn(catalog, itemFeatures);
    if (!missing.isEmpty()) {
      boolean details = missing.stream().anyMatch(org.cinerec.model.content.Features.DETAIL_GROUPS::contains);
      throw CinerecException.usage("--item-features " + String.join(",", itemFeatures) + ": the data has no "
          + String.join(", no ", missing) + " for any movie" + (details ? " (only Kaggle's movies_metadata.csv gives "
          + "original_language, runtime and overview)" : "") + "; leave " + String.join(", ", missing)
          + " out of --item-features");
    }
    return itemFeatures;
  }

  /**
   * The user attributes to embed, checked against the data's: all of them for "all"; a usage error naming
   * --user-features when one is not in the data (or the data has none).
   */
  List<String> userFeaturesIn(org.cinerec.data.UserAttributes attrs) {
    if (userFeatures.isEmpty()) {
      return List.of();
    }
    if (attrs.isEmpty()) {
      List<String> given = new java.util.ArrayList<>(userFeatures);
      if (history) {
        given.add(HISTORY);
      }
      throw CinerecException.usage("--user-features " + String.join(",", given) + ": the data has no user "
          + "attributes (a users.csv beside ratings.csv, MovieLens 1M's users.dat or 100K's u.user); use "
          + "--user-features " + (history ? HISTORY + " (the pooled history alone)" : "none"));
    }
    if (userFeatures.equals(List.of("all"))) {
      return attrs.names();
    }
    for (String f : userFeatures) {
      if (!attrs.names().contains(f)) {
        throw CinerecException.usage("--user-features: the data has no user attribute \"" + f + "\"; it has "
            + String.join(", ", attrs.names()) + " (or use all)");
      }
    }
    return userFeatures;
  }

  Optimizer newOptimizer() {
    return Optimizer.of(optimizer, learningRate, epsilon, initialAccumulator, beta1, beta2);
  }
}
