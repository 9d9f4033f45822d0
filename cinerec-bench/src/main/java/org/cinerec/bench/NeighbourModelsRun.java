package org.cinerec.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.Protocol;
import org.cinerec.io.DataSources;
import org.cinerec.math.SparseRows;
import org.cinerec.math.SparseSimilarity;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;

/**
 * Measures the neighbour models ({@code itemknn}, {@code bpr}, {@code ease}) on one data set:
 * <ol>
 *   <li>fit times on all ratings: the itemknn similarity kernel alone, each model's whole fit, and EASE
 *       with both solvers (wall median (min–max) of N repeats after an untimed warm-up, and the JVM's CPU
 *       seconds during the fit, steadier than wall time on a shared machine; the item-gram EASE fit, about
 *       n³ flops in BLAS, runs once without warm-up, and {@code --no-item-gram} skips it);</li>
 *   <li>itemknn K-fold RMSE/MAE (mean ± std; Surprise KNNBaseline's protocol);</li>
 *   <li>per-user leave-last-10 ranking (NDCG@10, Recall@10 over every movie the user did not rate in
 *       training) of popularity, itemknn, bpr and ease, with the time to rank every test user.</li>
 * </ol>
 *
 * <pre>
 * java -Xmx3g -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.NeighbourModelsRun \
 *     ../shared/data/ml-latest-small [--repeats 5] [--folds 5] [--no-item-gram]
 * </pre>
 */
public final class NeighbourModelsRun {
  private NeighbourModelsRun() {}

  public static void main(String[] args) {
    Path data = null;
    int repeats = 5;
    int folds = 5;
    boolean itemGram = true;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--repeats" -> repeats = Integer.parseInt(args[++a]);
        case "--folds" -> folds = Integer.parseInt(args[++a]);
        case "--no-item-gram" -> itemGram = false;
        default -> data = Path.of(args[a]);
      }
    }
    if (data == null) {
      System.err.println("usage: NeighbourModelsRun DATA_DIR [--repeats N] [--folds K] [--no-item-gram]");
      System.exit(2);
    }
    Dataset all = DataSources.load(data);
    System.out.printf(Locale.ROOT, "data %s: %d ratings, %d users, %d items; %d cores; java %s%n%n", data,
        all.ratings().size(), all.numUsers(), all.numItems(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    System.out.println("| step (all ratings) | wall s, median (min–max) | CPU s, median |");
    System.out.println("|---|---|---|");
    Ratings r = all.ratings();
    SparseRows byUser = SparseRows.of(r.users(), r.items(), r.ratings(), r.numUsers());
    SparseRows byItem = SparseRows.of(r.items(), r.users(), r.ratings(), r.numItems());
    time("itemknn similarity kernel (keep 400)", repeats, () -> SparseSimilarity.topNeighbours(byItem.offsets(),
        byItem.cols(), byItem.vals(), byUser.offsets(), byUser.cols(), byUser.vals(), 100, 1, 400));
    time("itemknn fit (baseline + similarities)", repeats, () -> trainer("itemknn").fit(all));
    time("ease fit (auto: user-gram)", repeats, () -> trainer("ease").fit(all));
    if (itemGram) {
      // one run, no warm-up: ~n³ flops in BLAS (minutes on a busy machine), the JIT hardly matters
      time("ease fit (item-gram, dense inverse), 1 run", 1, false, () -> trainer("ease:solver=item-gram").fit(all));
    }
    time("bpr fit (64 factors, 50 epochs)", repeats, () -> trainer("bpr").fit(all));

    System.out.println();
    System.out.println("| model | " + folds + "-fold RMSE (± std) | MAE | fit s per fold, median |");
    System.out.println("|---|---|---|---|");
    Evaluator ratingEval = new Evaluator(EvalOptions.defaults().withRanking(false));
    for (String spec : List.of("itemknn", "itemknn:similarity=cosine")) {
      List<Double> rmse = new ArrayList<>();
      List<Double> mae = new ArrayList<>();
      List<Double> fit = new ArrayList<>();
      for (SplitSpec fold : Protocol.parse("kfold:" + folds + ":42").folds()) {
        Split s = fold.apply(all);
        Dataset train = s.trainSet(all);
        long t0 = System.nanoTime();
        Recommender m = trainer(spec).fit(train);
        fit.add((System.nanoTime() - t0) / 1e9);
        EvaluationReport rep = ratingEval.evaluate(m, train, s.test());
        rmse.add(rep.rating().rmse());
        mae.add(rep.rating().mae());
      }
      System.out.printf(Locale.ROOT, "| %s | %.4f (± %.4f) | %.4f | %.3f |%n", spec, mean(rmse), std(rmse), mean(mae),
          median(fit));
    }

    System.out.println();
    System.out.println("| model (leave-last-10 per user) | NDCG@10 | Recall@10 | fit s | rank all test users s |");
    System.out.println("|---|---|---|---|---|");
    Split temporal = Protocol.parse("temporal:10").folds().get(0).apply(all);
    Dataset train = temporal.trainSet(all);
    Evaluator rankEval = new Evaluator(EvalOptions.defaults().withKs(10));
    for (String spec : List.of("popularity", "itemknn", "bpr", "ease")) {
      long t0 = System.nanoTime();
      Recommender m = trainer(spec).fit(train);
      double fit = (System.nanoTime() - t0) / 1e9;
      EvaluationReport rep = rankEval.evaluate(m, train, temporal.test());
      Map<String, Double> x = rep.metrics();
      System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.3f | %.3f |%n", spec, x.get("ndcg@10"), x.get("recall@10"),
          fit, x.get("rank_seconds"));
    }
  }

  static Trainer trainer(String spec) {
    return ClassicModelsRun.trainer(spec);
  }

  private static void time(String what, int repeats, Supplier<Object> body) {
    time(what, repeats, true, body);
  }

  private static void time(String what, int repeats, boolean warmUp, Supplier<Object> body) {
    if (warmUp) {
      body.get();
    }
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int k = 0; k < repeats; k++) {
      double c0 = ClassicModelsRun.cpuSeconds();
      long t0 = System.nanoTime();
      body.get();
      wall.add((System.nanoTime() - t0) / 1e9);
      cpu.add(ClassicModelsRun.cpuSeconds() - c0);
    }
    System.out.printf(Locale.ROOT, "| %s | %.3f (%.3f–%.3f) | %.3f |%n", what, median(wall),
        wall.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        wall.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(cpu));
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double std(List<Double> v) {
    double m = mean(v);
    return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / v.size()); // population std, as numpy/Surprise
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
