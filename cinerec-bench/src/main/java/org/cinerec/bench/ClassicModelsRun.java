package org.cinerec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.Protocol;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.FileSplit;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;

/**
 * End-to-end measurement of the rating models against the peers' figures (Surprise, LibRec, Spark; see
 * ../shared/peers/README.md): for each model spec, K-fold cross-validated RMSE/MAE (mean ± std over the
 * folds) with the fit time of each fold, and, when a split folder from {@code peers/split.py} is given, the
 * fit time (median of N repeats after untimed warm-up fits: at least --warmup (3) and 2 s) and RMSE on that shared split, also over the
 * rows Spark keeps (user and movie both seen in training).
 *
 * <pre>
 * java -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.ClassicModelsRun \
 *     DATA_DIR|synthetic:PRESET [--fit-only] [--split SPLIT_DIR] [--folds 5] [--seed 42] [--fold-dir DIR] [--warmup 3] [--repeats 5] [--ranking temporal:10] MODEL[:k=v,k=v] ...
 * e.g. ... ../shared/data/ml-latest-small --split /tmp/split-mls mf svdpp als "mf:factors=50,reg=0.05"
 * </pre>
 *
 * Times are wall-clock seconds of {@code Trainer.fit} only (data loading and evaluation excluded), in the
 * same JVM after at least 2 s and --warmup (3) untimed fits per model; the machine may be shared, so treat them as noisy. "fit CPU s"
 * is the CPU time the whole JVM used during the fit (all threads, JIT and GC included): on a busy machine
 * it is a steadier measure of the work than wall time.
 */
public final class ClassicModelsRun {
  /** Untimed fits before the timed ones: at least this many, and for at least {@link #WARMUP_SECONDS}. */
  private static int warmup = 3;
  /**
   * The JIT (C2) needs a few seconds of a model's hot loops before it has compiled them all (the Vector API
   * kernels run slowly until then, and the compiler threads take CPU): as JMH warms up for a time.
   */
  private static final double WARMUP_SECONDS = 2.0;

  static void warmUp(Trainer trainer, Dataset train) {
    long t0 = System.nanoTime();
    for (int w = 0; w < warmup || (w > 0 && (System.nanoTime() - t0) / 1e9 < WARMUP_SECONDS); w++) {
      trainer.fit(train); // untimed
    }
  }

  private ClassicModelsRun() {}

  public static void main(String[] args) {
    Path data = null;
    Path split = null;
    Path foldDir = null;
    int folds = 5;
    long seed = 42;
    int repeats = 5;
    String ranking = null;
    boolean fitOnly = false;
    List<String> models = new ArrayList<>();
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--split" -> split = Path.of(args[++a]);
        case "--fold-dir" -> foldDir = Path.of(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--folds" -> folds = Integer.parseInt(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--repeats" -> repeats = Integer.parseInt(args[++a]);
        case "--ranking" -> ranking = args[++a];
        case "--fit-only" -> fitOnly = true;
        default -> {
          if (data == null) {
            data = Path.of(args[a]);
          } else {
            models.add(args[a]);
          }
        }
      }
    }
    if (data == null || models.isEmpty()) {
      System.err.println("usage: ClassicModelsRun DATA_DIR [--split DIR] [--folds K] [--seed S] [--repeats N] MODEL[:k=v,...] ...");
      System.exit(2);
    }
    String name = data.toString();
    Dataset all = name.startsWith("synthetic:")
        ? org.cinerec.synth.SyntheticData.generate(org.cinerec.synth.Preset.byName(name.substring(10)), seed,
            org.cinerec.Progress.NONE)
        : DataSources.load(data);
    System.out.printf(Locale.ROOT, "data %s: %d ratings, %d users, %d items; %d cores; java %s; kernels: %s%n",
        data, all.ratings().size(), all.numUsers(), all.numItems(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), org.cinerec.math.Simd.describe());
    if (fitOnly) {
      fitTable(models, all);
      return;
    }
    Evaluator evaluator = new Evaluator(EvalOptions.defaults().withRanking(false));
    List<SplitSpec> cvFolds = foldDir == null ? Protocol.parse("kfold:" + folds + ":" + seed).folds()
        : foldFiles(foldDir);
    System.out.println();
    System.out.println("| model | params | " + cvFolds.size() + "-fold RMSE (± std) | MAE | fit s per fold, median (min–max) | fit CPU s, median |");
    System.out.println("|---|---|---|---|---|---|");
    for (String spec : models) {
      Trainer trainer = trainer(spec);
      cv(trainer, all, cvFolds, evaluator);
    }
    if (ranking != null) {
      rankingTable(models, all, Protocol.parse(ranking));
    }
    if (split != null) {
      System.out.println();
      System.out.println("| model | params | shared split RMSE | RMSE on rows Spark keeps | fit s, median of " + repeats
          + " (min–max) | fit CPU s, median |");
      System.out.println("|---|---|---|---|---|---|");
      Split s = new FileSplit(split.resolve("train.csv"), split.resolve("test.csv")).apply(all);
      for (String spec : models) {
        shared(trainer(spec), all, s, evaluator, repeats);
      }
    }
  }

  /** One fit per model on all the data: fit wall and CPU seconds and the per-epoch seconds of its history. */
  private static void fitTable(List<String> models, Dataset all) {
    System.out.println();
    System.out.println("| model | params | fit s | fit CPU s | epoch s, median (min–max) |");
    System.out.println("|---|---|---|---|---|");
    for (String spec : models) {
      Trainer trainer = trainer(spec);
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      Recommender m = trainer.fit(all);
      double fit = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - c0;
      List<Double> epochs = m.info().history().stream().map(r -> r.seconds()).toList();
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.3f (%.3f–%.3f) |%n", trainer.kind(), describe(trainer),
          fit, cpu, median(epochs), min(epochs), max(epochs));
    }
  }

  /** Top-10 metrics over all unrated movies under a ranking protocol (e.g. temporal:10), one fit per split. */
  private static void rankingTable(List<String> models, Dataset all, Protocol protocol) {
    Evaluator evaluator = new Evaluator(EvalOptions.defaults().withKs(10));
    System.out.println();
    System.out.println("| model | params | " + protocol.describe() + ": NDCG@10 | Recall@10 | Precision@10 | MRR | coverage@10 | fit s |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String spec : models) {
      Trainer trainer = trainer(spec);
      for (SplitSpec fold : protocol.folds()) {
        Split s = fold.apply(all);
        Dataset train = s.trainSet(all);
        long t0 = System.nanoTime();
        Recommender m = trainer.fit(train);
        double fit = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> r = evaluator.evaluate(m, train, s.test()).metrics();
        System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f |%n", trainer.kind(),
            describe(trainer), r.get("ndcg@10"), r.get("recall@10"), r.get("precision@10"), r.get("mrr"),
            r.get("coverage@10"), fit);
      }
    }
  }

  static Trainer trainer(String spec) {
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? spec : spec.substring(0, colon);
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String kv : spec.substring(colon + 1).split(",")) {
        String[] p = kv.split("=", 2);
        params.put(p[0].trim(), p[1].trim());
      }
    }
    return ModelFamilies.trainer(kind, params);
  }

  /** The folds written by scripts/surprise-folds.py: DIR/fold1/{train,test}.csv, DIR/fold2/..., in order. */
  private static List<SplitSpec> foldFiles(Path dir) {
    List<SplitSpec> out = new ArrayList<>();
    for (int f = 1; Files.isDirectory(dir.resolve("fold" + f)); f++) {
      out.add(new FileSplit(dir.resolve("fold" + f).resolve("train.csv"), dir.resolve("fold" + f).resolve("test.csv")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--fold-dir " + dir + ": no fold1/ folder (write it with scripts/surprise-folds.py)");
    }
    return out;
  }

  private static void cv(Trainer trainer, Dataset all, List<SplitSpec> folds, Evaluator evaluator) {
    Split first = folds.get(0).apply(all);
    warmUp(trainer, first.trainSet(all));
    List<Double> rmse = new ArrayList<>();
    List<Double> mae = new ArrayList<>();
    List<Double> fit = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (SplitSpec fold : folds) {
      Split s = fold.apply(all);
      Dataset train = s.trainSet(all);
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      Recommender m = trainer.fit(train);
      fit.add((System.nanoTime() - t0) / 1e9);
      cpu.add(cpuSeconds() - c0);
      EvaluationReport r = evaluator.evaluate(m, train, s.test());
      if (r.rating() != null) {
        rmse.add(r.rating().rmse());
        mae.add(r.rating().mae());
      }
    }
    String quality = rmse.isEmpty() ? "ranks only | -"
        : String.format(Locale.ROOT, "%.4f (± %.4f) | %.4f", mean(rmse), std(rmse), mean(mae));
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f (%.3f–%.3f) | %.3f |%n", trainer.kind(),
        describe(trainer), quality, median(fit), min(fit), max(fit), median(cpu));
    StringBuilder perFold = new StringBuilder(); // on stderr, for paired differences between models
    for (double x : rmse) {
      perFold.append(String.format(Locale.ROOT, " %.4f", x));
    }
    System.err.printf(Locale.ROOT, "per-fold RMSE, %s %s:%s%n", trainer.kind(), describe(trainer), perFold);
  }

  private static void shared(Trainer trainer, Dataset all, Split s, Evaluator evaluator, int repeats) {
    Dataset train = s.trainSet(all);
    warmUp(trainer, train);
    List<Double> fit = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    Recommender m = null;
    for (int r = 0; r < repeats; r++) {
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      m = trainer.fit(train);
      fit.add((System.nanoTime() - t0) / 1e9);
      cpu.add(cpuSeconds() - c0);
    }
    EvaluationReport report = evaluator.evaluate(m, train, s.test());
    String quality = report.rating() == null ? "ranks only | -"
        : String.format(Locale.ROOT, "%.4f | %s", report.rating().rmse(), keptRmse(m, train.ratings(), s.test()));
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f (%.3f–%.3f) | %.3f |%n", trainer.kind(), describe(trainer),
        quality, median(fit), min(fit), max(fit), median(cpu));
  }

  /** RMSE over the test rows whose user and movie both have training ratings (Spark's coldStartStrategy=drop). */
  private static String keptRmse(Recommender m, Ratings train, Ratings test) {
    boolean[] knownItem = new boolean[train.numItems()];
    for (int i : train.items()) {
      knownItem[i] = true;
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float r : train.ratings()) {
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    double sse = 0;
    int n = 0;
    for (int k = 0; k < test.size(); k++) {
      int u = test.user(k);
      int i = test.item(k);
      if (!knownItem[i] || !m.knowsUser(u)) {
        continue;
      }
      double p = Math.max(lo, Math.min(hi, m.predict(u, i)));
      double e = p - test.rating(k);
      sse += e * e;
      n++;
    }
    return String.format(Locale.ROOT, "%.4f (%d of %d rows)", Math.sqrt(sse / n), n, test.size());
  }

  private static String describe(Trainer t) {
    StringBuilder b = new StringBuilder();
    t.params().asText().forEach((k, v) -> {
      if (!k.equals("seed") && !k.equals("threads") && !k.equals("init-std")) {
        b.append(b.length() == 0 ? "" : " ").append(k).append(' ').append(v);
      }
    });
    return b.toString();
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double std(List<Double> v) {
    double m = mean(v);
    return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / v.size());
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** CPU seconds used by the whole JVM so far (all threads), or NaN when the platform does not tell. */
  static double cpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }
}
