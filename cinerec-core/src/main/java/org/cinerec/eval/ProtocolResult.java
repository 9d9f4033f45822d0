package org.cinerec.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model under one {@link Protocol}: the report of every fold and, per metric, the mean, the standard
 * deviation (population, over folds: {@code sqrt(Σ(x - mean)² / folds)}, as Surprise's
 * {@code cross_validate} prints it), the minimum and the maximum.
 *
 * @param model    model kind
 * @param params   the hyper-parameters as text
 * @param protocol the protocol's description
 * @param folds    one report per split
 * @param summary  metric name (see {@link EvaluationReport#metrics()}) → statistics over the folds
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ProtocolResult(String model, Map<String, String> params, String protocol,
    List<EvaluationReport> folds, Map<String, Stat> summary) {

  /** Statistics of one metric over the folds. */
  public record Stat(double mean, double std, double min, double max) {}

  public ProtocolResult {
    params = new LinkedHashMap<>(params);
    folds = List.copyOf(folds);
    summary = new LinkedHashMap<>(summary);
  }

  /** Summarises the fold reports. */
  public static ProtocolResult of(String model, Map<String, String> params, String protocol,
      List<EvaluationReport> folds) {
    Map<String, List<Double>> byName = new LinkedHashMap<>();
    for (EvaluationReport r : folds) {
      r.metrics().forEach((k, v) -> byName.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Stat> summary = new LinkedHashMap<>();
    byName.forEach((k, values) -> summary.put(k, stat(values)));
    return new ProtocolResult(model, params, protocol, folds, summary);
  }

  static Stat stat(List<Double> values) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / values.size();
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Stat(mean, Math.sqrt(ss / values.size()), min, max);
  }

  /** The mean of a metric, or NaN when it was not measured. */
  public double mean(String metric) {
    Stat s = summary.get(metric);
    return s == null ? Double.NaN : s.mean();
  }

  /** "0.8731 ± 0.0042" (or just the mean for one fold). */
  public String format(String metric) {
    Stat s = summary.get(metric);
    if (s == null || Double.isNaN(s.mean())) {
      return "-"; // not measured, or nothing to measure (genre diversity of movies without genres)
    }
    boolean big = metric.startsWith("popularity@") || metric.endsWith("_seconds");
    String f = big ? "%.2f" : "%.4f";
    return folds.size() == 1 ? String.format(Locale.ROOT, f, s.mean())
        : String.format(Locale.ROOT, f + " ± " + f, s.mean(), s.std());
  }
}
