package org.cinerec.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the raw results of {@link PeerComparison} into a Markdown table of medians and ratios. */
final class ComparisonTable {
  private ComparisonTable() {}

  static String render(List<ObjectNode> results, String dataset, int repeats) {
    Map<String, List<ObjectNode>> groups = new LinkedHashMap<>();
    for (ObjectNode n : results) {
      String peerName = n.path("side").asText().equals("cinerec") ? "cinerec " + n.path("task").asText()
          : peerLabel(n);
      groups.computeIfAbsent(n.path("task").asText() + "\u0000" + peerName, k -> new ArrayList<>()).add(n);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "### %s: cinerec and the peers in one run (%d repeats, medians, "
        + "range in brackets)%n%n", dataset, repeats));
    sb.append("| task | implementation | RMSE | MAE | top-100 acc. (all / train excl.) "
        + "| train s | eval s | train speed-up | eval speed-up |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    Map<String, double[]> peerTimes = new LinkedHashMap<>();
    for (var e : groups.entrySet()) {
      String task = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      if (!e.getKey().contains("\u0000cinerec ")) {
        peerTimes.put(task, new double[] {median(e.getValue(), "train_seconds"), median(e.getValue(), "eval_seconds")});
      }
    }
    for (var e : groups.entrySet()) {
      List<ObjectNode> rows = e.getValue();
      String task = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      String impl = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
      boolean ours = impl.startsWith("cinerec ");
      double train = median(rows, "train_seconds");
      double eval = median(rows, "eval_seconds");
      String rmse = fmt(median(rows, "rmse"), 4);
      if (rows.get(0).has("rmse_clipped_0.5_5")) {
        rmse += " (clipped " + fmt(median(rows, "rmse_clipped_0.5_5"), 4) + ")";
      }
      if (rows.get(0).has("rmse_rows_spark_keeps")) {
        rmse += " (" + fmt(median(rows, "rmse_rows_spark_keeps"), 4) + " on the rows Spark keeps)";
      }
      String top = rows.get(0).has("topk_accuracy")
          ? fmt(medianPath(rows, "topk_accuracy", "100"), 4) + " / " + fmt(medianPath(rows, "topk_accuracy_excl_train", "100"), 4)
          : "–";
      double[] peer = peerTimes.get(task);
      String trainUp = ours && peer != null ? fmt(peer[0] / train, 1) + "×" : "";
      String evalUp = ours && peer != null && !Double.isNaN(peer[1]) ? fmt(peer[1] / eval, 1) + "×" : "";
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s %s | %s | %s | %s |%n", task, impl, rmse,
          fmt(median(rows, "mae"), 4), top, fmt(train, 3), range(rows, "train_seconds"),
          Double.isNaN(eval) ? "–" : fmt(eval, 3), trainUp, evalUp));
    }
    sb.append("\nSpeed-up = peer median time / cinerec median time, measured in the same run. "
        + "Load average during the run: ").append(loadRange(results)).append(".\n");
    return sb.toString();
  }

  private static String peerLabel(JsonNode n) {
    String peer = n.path("peer").asText();
    return switch (peer) {
      case "librec" -> "LibRec 2.0.0 " + n.path("algo").asText();
      case "spark-als" -> "Spark " + n.path("spark").asText() + " ALS";
      case "torch_multitask" -> "PyTorch " + n.path("torch").asText() + " (torch_multitask.py)";
      default -> peer;
    };
  }

  private static double value(JsonNode n, String field) {
    if (field.equals("train_seconds") && n.has("fit_seconds")) {
      return n.path("fit_seconds").asDouble();
    }
    if (field.equals("eval_seconds")) {
      if (n.has("transform_eval_seconds")) {
        return n.path("transform_eval_seconds").asDouble();
      }
      if (n.has("evaluate_seconds")) {
        return n.path("predict_seconds").asDouble(0) + n.path("evaluate_seconds").asDouble();
      }
    }
    if (field.equals("train_seconds") && n.path("peer").asText().equals("librec")) {
      return n.path("setup_seconds").asDouble(0) + n.path("similarity_seconds").asDouble(0)
          + n.path("train_seconds").asDouble();
    }
    return n.has(field) ? n.path(field).asDouble() : Double.NaN;
  }

  static double median(List<ObjectNode> rows, String field) {
    return median(rows.stream().mapToDouble(n -> value(n, field)).toArray());
  }

  private static double medianPath(List<ObjectNode> rows, String obj, String key) {
    return median(rows.stream().mapToDouble(n -> n.path(obj).path(key).asDouble(Double.NaN)).toArray());
  }

  private static double median(double[] v) {
    double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String range(List<ObjectNode> rows, String field) {
    double[] v = rows.stream().mapToDouble(n -> value(n, field)).sorted().toArray();
    return v.length < 2 ? "" : "(" + fmt(v[0], 2) + "–" + fmt(v[v.length - 1], 2) + ")";
  }

  private static String loadRange(List<ObjectNode> results) {
    double[] v = results.stream().mapToDouble(n -> n.path("loadavg").asDouble()).sorted().toArray();
    return v.length == 0 ? "unknown" : fmt(v[0], 2) + "–" + fmt(v[v.length - 1], 2);
  }

  private static String fmt(double d, int digits) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", d);
  }
}
