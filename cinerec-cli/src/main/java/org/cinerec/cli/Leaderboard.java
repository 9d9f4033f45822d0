package org.cinerec.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinerec.eval.ProtocolResult;

/** Renders protocol results side by side: a text table (metrics as rows, models as columns) and a CSV. */
final class Leaderboard {
  private Leaderboard() {}

  /** Metrics shown in the text table, in order, when some model has a value: the rest are in the JSON and CSV. */
  static List<String> keyMetrics(List<ProtocolResult> results, int k) {
    List<String> wanted = List.of("rmse", "mae", "top10_accuracy", "top100_accuracy", "top100_accuracy_excl",
        "precision@" + k, "recall@" + k, "ndcg@" + k, "map@" + k, "hit_rate@" + k, "mrr", "coverage@" + k,
        "diversity@" + k, "novelty@" + k, "popularity@" + k, "fit_seconds", "predict_seconds", "rank_seconds");
    List<String> out = new ArrayList<>();
    for (String m : wanted) {
      if (results.stream().anyMatch(r -> r.summary().containsKey(m) && !Double.isNaN(r.summary().get(m).mean()))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Whether smaller is better for this metric. */
  static boolean lowerIsBetter(String metric) {
    return metric.equals("rmse") || metric.equals("mae") || metric.endsWith("_seconds") || metric.startsWith("popularity@");
  }

  /** How wide the text table may grow: more models than fit go on in another block below, as pandas prints. */
  static final int WIDTH = 120;

  /**
   * Metrics as rows, models as columns, in blocks of as many models as fit in {@link #WIDTH} characters (each
   * block repeats the metric names); the best of all models is starred in whichever block it is.
   */
  static String table(List<ProtocolResult> results, List<String> labels, int k) {
    List<String> metrics = keyMetrics(results, k);
    int w0 = Math.max(22, metrics.stream().mapToInt(String::length).max().orElse(0) + 2);
    int w = 20;
    for (String l : labels) {
      w = Math.max(w, l.length() + 2);
    }
    int perBlock = Math.max(1, (WIDTH - w0) / w);
    StringBuilder b = new StringBuilder();
    for (int from = 0; from < results.size(); from += perBlock) {
      int to = Math.min(results.size(), from + perBlock);
      if (from > 0) {
        b.append('\n');
      }
      b.append(String.format(Locale.ROOT, "%-" + w0 + "s", "metric"));
      for (String l : labels.subList(from, to)) {
        b.append(String.format(Locale.ROOT, "%" + w + "s", l));
      }
      b.append('\n');
      for (String m : metrics) {
        b.append(String.format(Locale.ROOT, "%-" + w0 + "s", m));
        int best = best(results, m);
        for (int j = from; j < to; j++) {
          String cell = results.get(j).format(m) + (j == best && results.size() > 1 && !m.endsWith("_seconds") ? " *"
              : "  ");
          b.append(String.format(Locale.ROOT, "%" + w + "s", cell));
        }
        b.append('\n');
      }
    }
    b.append("(* best").append(results.size() > perBlock ? " of all " + results.size() + " models" : "")
        .append("; mean ± population std over folds where there are several)\n");
    return b.toString();
  }

  static int best(List<ProtocolResult> results, String metric) {
    int best = -1;
    for (int j = 0; j < results.size(); j++) {
      double v = results.get(j).mean(metric);
      if (Double.isNaN(v)) {
        continue;
      }
      if (best < 0 || (lowerIsBetter(metric) ? v < results.get(best).mean(metric) : v > results.get(best).mean(metric))) {
        best = j;
      }
    }
    return best;
  }

  /** One row per result: label, model, params, protocol, folds, then NAME_mean and NAME_std for every metric. */
  static String csv(List<ProtocolResult> results, List<String> labels) {
    Set<String> metrics = new LinkedHashSet<>();
    results.forEach(r -> metrics.addAll(r.summary().keySet()));
    StringBuilder b = new StringBuilder("label,model,params,protocol,folds");
    for (String m : metrics) {
      b.append(',').append(m).append("_mean,").append(m).append("_std");
    }
    b.append('\n');
    for (int j = 0; j < results.size(); j++) {
      ProtocolResult r = results.get(j);
      b.append(quote(labels.get(j))).append(',').append(quote(r.model())).append(',')
          .append(quote(params(r.params()))).append(',').append(quote(r.protocol())).append(',').append(r.folds().size());
      for (String m : metrics) {
        ProtocolResult.Stat s = r.summary().get(m);
        b.append(',').append(s == null ? "" : Double.toString(s.mean()))
            .append(',').append(s == null ? "" : Double.toString(s.std()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String params(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
