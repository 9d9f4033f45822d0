package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.Protocol;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.eval.ProtocolRunner;
import org.cinerec.io.AtomicFiles;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cinerec compare DATA --models a,b,c --protocol kfold:5}: a leaderboard under one protocol. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train and evaluate several models under the same protocol and print a leaderboard.",
        "Every model is trained afresh on each training part (default parameters unless --set) and "
            + "evaluated on the matching test part; k-fold results are mean ± std over the folds."})
final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions dataOptions;

  @Option(names = "--models", split = ",", paramLabel = "KIND",
      description = "Models to compare, comma-separated (a kind may repeat with different --set values: "
          + "write it as KIND@LABEL, e.g. baseline@sgd). Default: every model the data can feed, as the demo "
          + "trains them.")
  List<String> models;

  @Option(names = "--protocol", paramLabel = "P", defaultValue = "holdout",
      description = "holdout (random 80/20, seed 42), holdout:F:SEED, kfold:K[:SEED] (all K folds), temporal:N "
          + "(per user, the N latest ratings are test) or any --split form. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--set", paramLabel = "MODEL.NAME=VALUE",
      description = "A hyper-parameter for one model (by kind or KIND@LABEL), e.g. --set mf.factors=50; repeatable.")
  List<String> settings = new ArrayList<>();

  @Mixin
  EvalFlags eval;

  @Option(names = "--json", description = "Print the results as JSON: the data, the protocol, and per model its "
      + "parameters, every fold's report and the summary.")
  boolean json;

  @Option(names = "--out", paramLabel = "PREFIX", description = "Also write PREFIX.json and PREFIX.csv (a device "
      + "or pipe, such as /dev/stdout, takes the JSON alone).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Protocol p = Protocol.parse(protocol);
    Map<String, Map<String, String>> params = settings(settings);
    boolean every = models == null || models.isEmpty();
    if (every) {
      models = new ArrayList<>(ModelFamilies.all().stream().map(ModelFamily::kind).toList());
    }
    List<Trainer> trainers = new ArrayList<>();
    for (String label : models) {
      String kind = label.contains("@") ? label.substring(0, label.indexOf('@')) : label;
      Map<String, String> given = new LinkedHashMap<>(params.getOrDefault(kind, Map.of()));
      given.putAll(params.getOrDefault(label, Map.of()));
      trainers.add(ModelFamilies.trainer(kind.strip(), given));
    }
    for (String key : params.keySet()) {
      if (!models.contains(key) && models.stream().noneMatch(m -> m.startsWith(key + "@") || m.equals(key))) {
        throw CinerecException.usage("--set names model \"" + key + "\", which is not in --models " + String.join(",", models));
      }
    }
    Path data = dataOptions.path();
    Dataset all = CliSupport.loadData(dataOptions, spec.commandLine().getErr());
    for (int j = trainers.size() - 1; j >= 0; j--) { // before any training, not after the models ahead of it
      String why = ModelFamilies.get(trainers.get(j).kind()).unusableOn(all);
      if (why != null && !every) {
        throw CinerecException.usage("--models " + models.get(j) + ": " + why + "; leave it out of --models");
      }
      if (why != null) {
        spec.commandLine().getErr().printf(Locale.ROOT, "left out %s: %s%n", models.get(j), why);
        models.remove(j);
        trainers.remove(j);
      }
    }
    ProtocolRunner runner = new ProtocolRunner(new Evaluator(eval.options()));
    List<ProtocolResult> results = new ArrayList<>();
    int k = mainK(eval.options().ks());
    PrintWriter stderr = spec.commandLine().getErr();
    for (int j = 0; j < trainers.size(); j++) {
      String step = "[" + (j + 1) + "/" + trainers.size() + "] " + models.get(j);
      try (ProgressBars bars = ProgressBars.stderr()) {
        results.add(runner.run(trainers.get(j), all, p, bars,
            (fold, folds, report) -> bars.println(stderr, stepLine(step, fold, folds, report, k))));
      }
    }
    Map<String, Object> dataJson = CliSupport.dataJson(all, data);
    if (out != null) {
      write(out, dataJson, results, models);
    }
    if (json) {
      CliSupport.printJson(stdout, document(dataJson, results, models));
    } else {
      stdout.printf(Locale.ROOT, "%s, protocol %s: %,d ratings, %,d users, %,d movies%s%n", data, p.describe(),
          all.ratings().size(), all.numUsers(), all.numItems(), eval.diversity > 0
              ? "; top-N lists MMR re-ranked at diversity " + eval.diversity : "");
      stdout.print(Leaderboard.table(results, models, k));
      if (out != null) {
        stdout.println(csv(out) == null ? "wrote the leaderboard's JSON to " + out + " (a device or pipe: no CSV)"
            : "wrote " + json(out) + " and " + csv(out));
      }
    }
    return 0;
  }

  /**
   * One line per model and fold, printed as each finishes (on a pipe the only sign of life in a long
   * run): {@code [2/6] mf fold 1/5: rmse 0.8731  ndcg@10 0.0681  (1.84 s)}; no fold part for one fold.
   */
  static String stepLine(String step, int fold, int folds, org.cinerec.eval.EvaluationReport report, int k) {
    StringBuilder b = new StringBuilder(step);
    if (folds > 1) {
      b.append(" fold ").append(fold).append('/').append(folds);
    }
    b.append(": ");
    Map<String, Double> m = report.metrics();
    for (String name : List.of("rmse", "ndcg@" + k)) {
      Double v = m.get(name);
      if (v != null) {
        b.append(String.format(Locale.ROOT, "%s %.4f  ", name, v));
      }
    }
    var t = report.timing();
    double seconds = t == null ? 0 : t.fitSeconds() + t.predictSeconds() + t.rankSeconds();
    return b.append(String.format(Locale.ROOT, "(%.2f s)", seconds)).toString();
  }

  static int mainK(int[] ks) {
    for (int k : ks) {
      if (k == 10) {
        return 10;
      }
    }
    return ks[0];
  }

  /** "mf.factors=50" → {mf: {factors: 50}}. */
  static Map<String, Map<String, String>> settings(List<String> settings) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String s : settings) {
      int dot = s.indexOf('.');
      int eq = s.indexOf('=');
      if (dot <= 0 || eq < dot + 2 || eq == s.length() - 1) {
        throw CinerecException.usage("--set \"" + s + "\" must look like MODEL.NAME=VALUE, e.g. mf.factors=50");
      }
      out.computeIfAbsent(s.substring(0, dot), x -> new LinkedHashMap<>()).put(s.substring(dot + 1, eq), s.substring(eq + 1));
    }
    return out;
  }

  /** Each result as a JSON object with its label first (parameters typed). */
  static List<Map<String, Object>> labelled(List<ProtocolResult> results, List<String> labels) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int j = 0; j < results.size(); j++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", labels.get(j));
      m.putAll(CliSupport.resultJson(results.get(j)));
      out.add(m);
    }
    return out;
  }

  /**
   * What {@code --json} prints and {@code --out PREFIX} writes to PREFIX.json: the data (path as given,
   * format, size; absent when unknown), the protocol, and one labelled result per model.
   */
  static Map<String, Object> document(Map<String, Object> data, List<ProtocolResult> results, List<String> labels) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (data != null) {
      m.put("data", data);
    }
    m.put("protocol", results.isEmpty() ? null : results.get(0).protocol());
    m.put("results", labelled(results, labels));
    return m;
  }

  /** Writes PREFIX.json ({@link #document}, without a data entry) and PREFIX.csv. */
  static void write(Path prefix, List<ProtocolResult> results, List<String> labels) {
    write(prefix, null, results, labels);
  }

  static void write(Path prefix, Map<String, Object> data, List<ProtocolResult> results, List<String> labels) {
    Map<String, Object> json = document(data, results, labels);
    AtomicFiles.write(json(prefix), o -> o.write(CliSupport.JSON.writeValueAsBytes(json)));
    if (csv(prefix) != null) {
      byte[] csv = Leaderboard.csv(results, labels).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      AtomicFiles.write(csv(prefix), o -> o.write(csv));
    }
  }

  /** PREFIX.json; a device or pipe given as the prefix ({@code --out /dev/stdout}) takes the JSON itself. */
  static Path json(Path prefix) {
    return AtomicFiles.isDevice(prefix) ? prefix : sibling(prefix, ".json");
  }

  /** PREFIX.csv, or null when the prefix is a device or pipe (nothing is written beside one). */
  static Path csv(Path prefix) {
    return AtomicFiles.isDevice(prefix) ? null : sibling(prefix, ".csv");
  }

  private static Path sibling(Path prefix, String ext) {
    String name = prefix.getFileName().toString().replaceFirst("\\.(json|csv)$", "");
    return prefix.resolveSibling(name + ext);
  }
}
