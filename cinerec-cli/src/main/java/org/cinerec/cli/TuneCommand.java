package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.Protocol;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.eval.ProtocolRunner;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Param;
import org.cinerec.model.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec tune DATA --model mf --grid factors=50,100 learning-rate=0.005,0.01 --protocol kfold:3}:
 * evaluates every combination of the grid (or {@code --random N} of them, drawn without replacement
 * from the grid with {@code --seed}) under the protocol and reports the best by {@code --metric}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Grid or random search of a model's hyper-parameters with cross-validation.",
        "Each combination is trained and evaluated on every fold of --protocol; the best mean of --metric "
            + "wins. Ranking metrics are only computed when --metric is one (or is not given)."})
final class TuneCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions dataOptions;

  @Option(names = "--model", required = true, paramLabel = "KIND", description = "Model to tune.")
  String model;

  @Option(names = "--grid", arity = "1..*", paramLabel = "NAME=V1,V2",
      description = "Values to try for a parameter, e.g. factors=50,100 learning-rate=0.005,0.01. Default: the "
          + "model's own few values around its defaults (ease: lambda=100,200,500,1000,2000), said on stderr.")
  List<String> grid;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A fixed parameter value; repeatable.")
  List<String> fixed = new ArrayList<>();

  @Option(names = "--random", paramLabel = "N", description = "Try N combinations drawn at random from the grid "
      + "instead of all of them.")
  Integer random;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of --random. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--protocol", paramLabel = "P", defaultValue = "kfold:3",
      description = "Protocol as in compare. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--metric", paramLabel = "NAME", defaultValue = AUTO,
      description = "Metric to optimise (rmse, mae, ndcg@10, recall@10, top100_accuracy, ...; lower is better "
          + "for rmse, mae and popularity, higher for the rest). Default: rmse, or for a model that only ranks "
          + "ndcg@10 (without 10 among --k, the first K).")
  String metric;

  static final String AUTO = "auto";

  @Mixin
  EvalFlags eval;

  @Option(names = "--json", description = "Print every combination's result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Protocol p = Protocol.parse(protocol);
    if (grid == null || grid.isEmpty()) {
      grid = ModelFamilies.get(model).defaultGrid();
      if (grid.isEmpty()) {
        throw CinerecException.usage(model + " has no default grid: give --grid NAME=V1,V2 (its parameters: "
            + ModelFamilies.get(model).params().params().stream().map(Param::name).toList() + ")");
      }
      err.printf(Locale.ROOT, "grid: %s (%s's default; --grid sets another)%n", String.join(" ", grid), model);
    }
    List<Map<String, String>> combos = combinations(grid);
    if (random != null) {
      if (random < 1) {
        throw CinerecException.usage("--random must be at least 1, got " + random);
      }
      int[] order = new Rng(seed).permutation(combos.size());
      List<Map<String, String>> picked = new ArrayList<>();
      for (int j = 0; j < Math.min(random, combos.size()); j++) {
        picked.add(combos.get(order[j]));
      }
      combos = picked;
    }
    Map<String, String> base = new LinkedHashMap<>();
    for (String f : fixed) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw CinerecException.usage("--set \"" + f + "\" must look like NAME=VALUE");
      }
      base.put(f.substring(0, eq), f.substring(eq + 1));
    }
    List<Trainer> trainers = new ArrayList<>();
    for (Map<String, String> c : combos) {
      Map<String, String> all = new LinkedHashMap<>(base);
      all.putAll(c);
      trainers.add(ModelFamilies.trainer(model, all)); // validates every value before any training
    }
    boolean auto = metric.equals(AUTO);
    boolean ratingMetric = metric.equals("rmse") || metric.equals("mae");
    EvalOptions options = eval.options().withRanking(auto || (!ratingMetric && !metric.endsWith("_seconds")));
    Path data = dataOptions.path();
    Dataset all = CliSupport.loadData(dataOptions, spec.commandLine().getErr());
    ProtocolRunner runner = new ProtocolRunner(new Evaluator(options));
    List<ProtocolResult> results = new ArrayList<>();
    for (int j = 0; j < trainers.size(); j++) {
      ProtocolResult r;
      try (ProgressBars bars = ProgressBars.stderr()) {
        r = runner.run(trainers.get(j), all, p, bars);
      }
      if (metric.equals(AUTO)) { // the first result says whether the model predicts ratings
        metric = r.summary().containsKey("rmse") ? "rmse" : "ndcg@" + CompareCommand.mainK(options.ks());
      }
      if (!r.summary().containsKey(metric)) {
        throw CinerecException.usage("--metric " + metric + " was not measured for " + model + " (measured: "
            + String.join(", ", r.summary().keySet()) + ")"
            + (ratingMetric ? "; this model only ranks: use a ranking metric such as ndcg@10" : ""));
      }
      results.add(r);
      err.printf(Locale.ROOT, "[%d/%d] %s: %s %s%n", j + 1, trainers.size(), Leaderboard.params(combos.get(j)),
          metric, r.format(metric));
      err.flush();
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < results.size(); j++) {
      order.add(j);
    }
    boolean lower = Leaderboard.lowerIsBetter(metric);
    order.sort((a, b) -> lower ? Double.compare(results.get(a).mean(metric), results.get(b).mean(metric))
        : Double.compare(results.get(b).mean(metric), results.get(a).mean(metric)));
    int best = order.get(0);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("data", CliSupport.dataJson(all, data));
      result.put("model", model);
      result.put("protocol", p.describe());
      result.put("metric", metric);
      result.put("best", ModelFamilies.jsonParams(model, combos.get(best)));
      result.put("bestParams", ModelFamilies.jsonParams(model, results.get(best).params()));
      result.put("bestMean", results.get(best).mean(metric));
      result.put("results", results.stream().map(CliSupport::resultJson).toList());
      CliSupport.printJson(out, result);
      return 0;
    }
    out.printf(Locale.ROOT, "%s on %s, protocol %s, %d combination(s), by %s (%s is better)%n", model, data, p.describe(),
        combos.size(), metric, lower ? "lower" : "higher");
    out.printf(Locale.ROOT, "%4s  %-50s  %22s  %8s%n", "rank", "parameters", metric, "fit s");
    for (int r = 0; r < order.size(); r++) {
      int j = order.get(r);
      out.printf(Locale.ROOT, "%4d  %-50s  %22s  %8.2f%n", r + 1, Leaderboard.params(combos.get(j)),
          results.get(j).format(metric), results.get(j).mean("fit_seconds"));
    }
    StringBuilder flags = new StringBuilder();
    Map<String, String> chosen = new LinkedHashMap<>(base);
    chosen.putAll(combos.get(best));
    chosen.forEach((k, v) -> flags.append(" --").append(k).append(' ').append(v));
    out.printf(Locale.ROOT, "best: %s (%s %s)%n", Leaderboard.params(chosen), metric, results.get(best).format(metric));
    out.printf(Locale.ROOT, "train it: cinerec train %s --model %s%s%n", data, model, flags);
    return 0;
  }

  /** The cartesian product of "name=v1,v2" entries, in the order given (the last name varies fastest). */
  static List<Map<String, String>> combinations(List<String> grid) {
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (String entry : grid) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw CinerecException.usage("--grid \"" + entry + "\" must look like NAME=V1,V2,..., e.g. factors=50,100");
      }
      String name = entry.substring(0, eq).strip();
      String[] values = entry.substring(eq + 1).split(",");
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        if (c.containsKey(name)) {
          throw CinerecException.usage("--grid names " + name + " twice");
        }
        for (String v : values) {
          Map<String, String> m = new LinkedHashMap<>(c);
          m.put(name, v.strip());
          next.add(m);
        }
      }
      combos = next;
    }
    return combos;
  }
}
