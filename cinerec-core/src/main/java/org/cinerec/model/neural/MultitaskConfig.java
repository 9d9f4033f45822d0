package org.cinerec.model.neural;

import java.util.LinkedHashMap;
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
    boolean dropRemainder) {

  /**
   * Settings of the "stable" preset, chosen from the measurements in docs/notes/multitask.md (ml-latest-small,
   * 3 model seeds): the logQ correction removes the retrieval task's popularity bias and its overfitting,
   * temperature 2 softens the summed in-batch softmax so that it no longer swamps the rating head, and with
   * both, 10 epochs train the rating head further without losing top-K (test RMSE 0.873-0.885 against
   * 0.906-0.932 with the notebook's settings; top-100 0.175 against 0.107); dropping the partial last batch
   * keeps a few-row batch from jerking the rating head at the end of an epoch (ratings_small, whose last batch
   * has 3 rows: RMSE 0.894-0.900 against 0.97-1.56 without). Each applies only where the parameter is left
   * at its default.
   */
  static final Map<String, String> STABLE = stable();

  private static Map<String, String> stable() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("logq", "true");
    m.put("temperature", "2.0");
    m.put("epochs", "10");
    m.put("drop-remainder", "true");
    return m;
  }

  static MultitaskConfig of(Params given) {
    Params p = given;
    if ("stable".equals(given.getString("preset"))) {
      Params defaults = given.spec().defaults();
      for (Map.Entry<String, String> e : STABLE.entrySet()) {
        if (given.asText().get(e.getKey()).equals(defaults.asText().get(e.getKey()))) {
          p = p.with(e.getKey(), e.getValue());
        }
      }
    }
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
        p.getString("early-stopping-metric"), p.getDouble("holdout"), p.getBool("drop-remainder"));
  }

  Optimizer newOptimizer() {
    return Optimizer.of(optimizer, learningRate, epsilon, initialAccumulator, beta1, beta2);
  }
}
