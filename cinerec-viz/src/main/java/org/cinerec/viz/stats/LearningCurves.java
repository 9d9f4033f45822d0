package org.cinerec.viz.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.model.ModelInfo;

/**
 * A model's training history ({@link ModelInfo#history()}) as one series per metric over the epochs, in
 * three groups that are drawn on separate panels because their scales differ by orders of magnitude:
 * {@link #losses()} (names containing "loss", and cross-entropies "..._ce": the multitask model's are
 * about 6,000), {@link #ratingErrors()} (names ending in "rmse", "mae" or "mse": about 1 star) and
 * {@link #others()} (anything else, e.g. an accuracy). An epoch that did not record a metric holds NaN.
 *
 * @param label        the model's label ("mf")
 * @param epochs       epoch numbers
 * @param losses       loss name → value per epoch
 * @param ratingErrors rating-error name → value per epoch
 * @param others       other metric name → value per epoch
 */
public record LearningCurves(String label, int[] epochs, Map<String, double[]> losses,
    Map<String, double[]> ratingErrors, Map<String, double[]> others) {

  /** The panel a metric belongs to. */
  public enum Group { LOSS, RATING_ERROR, OTHER }

  /** The group of a metric name (see the class comment). */
  public static Group group(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.contains("loss") || n.endsWith("_ce") || n.equals("ce") || n.contains("entropy")) {
      return Group.LOSS;
    }
    if (n.endsWith("rmse") || n.endsWith("mae") || n.endsWith("mse")) {
      return Group.RATING_ERROR;
    }
    return Group.OTHER;
  }

  public static LearningCurves of(String label, ModelInfo info) {
    List<ModelInfo.EpochRecord> history = info.history();
    if (history.size() < 2) {
      throw new CinerecException("model " + label + " (" + info.kind() + ") recorded " + history.size()
          + " training epoch" + (history.size() == 1 ? "" : "s") + ", so there is no learning curve to draw");
    }
    int n = history.size();
    int[] epochs = new int[n];
    Map<String, double[]> all = new LinkedHashMap<>();
    for (int e = 0; e < n; e++) {
      ModelInfo.EpochRecord r = history.get(e);
      epochs[e] = r.epoch();
      final int at = e;
      r.metrics().forEach((name, v) -> {
        double[] series = all.computeIfAbsent(name, x -> {
          double[] s = new double[n];
          Arrays.fill(s, Double.NaN);
          return s;
        });
        series[at] = v == null ? Double.NaN : v;
      });
    }
    Map<String, double[]> losses = new LinkedHashMap<>();
    Map<String, double[]> ratingErrors = new LinkedHashMap<>();
    Map<String, double[]> others = new LinkedHashMap<>();
    all.forEach((name, s) -> (switch (group(name)) {
      case LOSS -> losses;
      case RATING_ERROR -> ratingErrors;
      case OTHER -> others;
    }).put(name, s));
    return new LearningCurves(label, epochs, losses, ratingErrors, others);
  }

  /** Names of every series, group by group. */
  public List<String> names() {
    List<String> out = new ArrayList<>(losses.keySet());
    out.addAll(ratingErrors.keySet());
    out.addAll(others.keySet());
    return out;
  }
}
