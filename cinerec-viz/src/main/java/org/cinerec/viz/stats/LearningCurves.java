package org.cinerec.viz.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.model.ModelInfo;

/**
 * A model's training history ({@link ModelInfo#history()}) as one series per metric over the epochs.
 * Metrics whose name contains "loss" go in {@link #losses()}, the others (validation RMSE, accuracy ...)
 * in {@link #metrics()}; an epoch that did not record a metric holds NaN.
 *
 * @param label   the model's label ("mf")
 * @param epochs  epoch numbers
 * @param losses  loss name → value per epoch
 * @param metrics other metric name → value per epoch
 */
public record LearningCurves(String label, int[] epochs, Map<String, double[]> losses, Map<String, double[]> metrics) {

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
    Map<String, double[]> metrics = new LinkedHashMap<>();
    all.forEach((name, s) -> (name.toLowerCase(java.util.Locale.ROOT).contains("loss") ? losses : metrics).put(name, s));
    return new LearningCurves(label, epochs, losses, metrics);
  }

  /** Names of every series. */
  public List<String> names() {
    List<String> out = new ArrayList<>(losses.keySet());
    out.addAll(metrics.keySet());
    return out;
  }
}
