package org.cinerec.devdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.TopK;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;

/**
 * Dev-only measurement (until the shared loader, splits and Evaluator land):
 * {@code java -cp ... org.cinerec.devdata.DevMeasure DATA_DIR kfold|last10 kind [name=value ...]}.
 */
public final class DevMeasure {
  private DevMeasure() {}

  public static void main(String[] args) {
    Dataset d = DevData.movieLens(Path.of(args[0]));
    Map<String, String> params = new HashMap<>();
    for (int k = 3; k < args.length; k++) {
      String[] kv = args[k].split("=", 2);
      params.put(kv[0], kv[1]);
    }
    if (args[1].equals("time")) {
      time(d);
    } else if (args[1].equals("kfold")) {
      kfold(d, args[2], params);
    } else {
      last10(d, args[2], params);
    }
  }

  static void time(Dataset d) {
    Ratings r = d.ratings();
    org.cinerec.math.SparseRows byUser = org.cinerec.math.SparseRows.of(r.users(), r.items(), r.ratings(), r.numUsers());
    org.cinerec.math.SparseRows byItem = org.cinerec.math.SparseRows.of(r.items(), r.users(), r.ratings(), r.numItems());
    long pairs = 0;
    for (int u = 0; u < byUser.numRows(); u++) {
      pairs += (long) byUser.count(u) * byUser.count(u);
    }
    System.out.println("sum n_u^2 = " + pairs + ", threads " + org.cinerec.math.Parallel.threads());
    for (int keep : new int[] {400, 0}) {
      double[] t = new double[7];
      double[] cpu = new double[7];
      long stored = 0;
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      for (int k = 0; k < t.length; k++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        org.cinerec.math.SparseSimilarity.Neighbours nb = org.cinerec.math.SparseSimilarity.topNeighbours(
            byItem.offsets(), byItem.cols(), byItem.vals(), byUser.offsets(), byUser.cols(), byUser.vals(), 100, 1, keep);
        t[k] = (System.nanoTime() - t0) / 1e9;
        cpu[k] = (os.getProcessCpuTime() - c0) / 1e9;
        stored = nb.items().length;
      }
      Arrays.sort(t);
      Arrays.sort(cpu);
      System.out.printf("similarity keep=%d: median %.3f s (min %.3f, max %.3f), process CPU median %.3f s, stored pairs %d%n",
          keep, t[3], t[0], t[6], cpu[3], stored);
    }
    double[] t = new double[7];
    for (int k = 0; k < t.length; k++) {
      long t0 = System.nanoTime();
      ModelFamilies.trainer("itemknn", Map.of()).fit(d);
      t[k] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    System.out.printf("itemknn fit (all ratings): median %.3f s (min %.3f, max %.3f)%n", t[3], t[0], t[6]);
  }

  static void kfold(Dataset d, String kind, Map<String, String> params) {
    Ratings r = d.ratings();
    int[] perm = new Rng(0).permutation(r.size());
    int folds = 5;
    double[] rmse = new double[folds];
    double[] fit = new double[folds];
    for (int f = 0; f < folds; f++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int k = 0; k < perm.length; k++) {
        (k % folds == f ? te : tr).add(perm[k]);
      }
      Ratings train = r.select(tr.stream().mapToInt(Integer::intValue).sorted().toArray());
      Ratings test = r.select(te.stream().mapToInt(Integer::intValue).sorted().toArray());
      long t0 = System.nanoTime();
      Recommender m = ModelFamilies.trainer(kind, params).fit(d.withRatings(train));
      fit[f] = (System.nanoTime() - t0) / 1e9;
      double se = 0;
      for (int p = 0; p < test.size(); p++) {
        double e = m.predict(test.user(p), test.item(p)) - test.rating(p);
        se += e * e;
      }
      rmse[f] = Math.sqrt(se / test.size());
      System.out.printf("fold %d: rmse %.4f fit %.3f s%n", f, rmse[f], fit[f]);
    }
    double mean = Arrays.stream(rmse).average().orElse(0);
    double sd = Math.sqrt(Arrays.stream(rmse).map(x -> (x - mean) * (x - mean)).sum() / (folds - 1));
    double[] sorted = fit.clone();
    Arrays.sort(sorted);
    System.out.printf("%s %s: 5-fold RMSE %.4f ± %.4f, fit median %.3f s%n", kind, params, mean, sd, sorted[2]);
  }

  static void last10(Dataset d, String kind, Map<String, String> params) {
    Ratings r = d.ratings();
    List<Integer> tr = new ArrayList<>();
    List<Integer> te = new ArrayList<>();
    for (int u = 0; u < r.numUsers(); u++) {
      int[] pos = Arrays.copyOfRange(r.byUser().positions(), r.byUser().start(u), r.byUser().end(u));
      Integer[] boxed = Arrays.stream(pos).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, (a, b) -> a.equals(b) ? 0 : r.timestamp(a) != r.timestamp(b)
          ? Long.compare(r.timestamp(a), r.timestamp(b)) : Integer.compare(a, b));
      for (int k = 0; k < boxed.length; k++) {
        (k >= boxed.length - 10 ? te : tr).add(boxed[k]);
      }
    }
    Ratings train = r.select(tr.stream().mapToInt(Integer::intValue).sorted().toArray());
    Ratings test = r.select(te.stream().mapToInt(Integer::intValue).sorted().toArray());
    long t0 = System.nanoTime();
    Recommender m = ModelFamilies.trainer(kind, params).fit(d.withRatings(train));
    double fit = (System.nanoTime() - t0) / 1e9;
    ItemFilter seen = ItemFilter.rated(train);
    double ndcg = 0;
    double recall = 0;
    int users = 0;
    long t1 = System.nanoTime();
    float[] scores = new float[d.numItems()];
    for (int u = 0; u < r.numUsers(); u++) {
      int s = test.byUser().start(u);
      int e = test.byUser().end(u);
      if (s == e) {
        continue;
      }
      m.scoreItems(u, scores);
      seen.apply(u, scores);
      int[] top = TopK.select(scores, 10);
      boolean[] rel = new boolean[d.numItems()];
      for (int q = s; q < e; q++) {
        rel[test.item(test.byUser().positions()[q])] = true;
      }
      double dcg = 0;
      int hits = 0;
      for (int k = 0; k < top.length; k++) {
        if (rel[top[k]]) {
          dcg += 1 / (Math.log(k + 2) / Math.log(2));
          hits++;
        }
      }
      double idcg = 0;
      for (int k = 0; k < Math.min(10, e - s); k++) {
        idcg += 1 / (Math.log(k + 2) / Math.log(2));
      }
      ndcg += dcg / idcg;
      recall += hits / (double) (e - s);
      users++;
    }
    double rank = (System.nanoTime() - t1) / 1e9;
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int rep = 0; rep < 3; rep++) {
      long c0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      for (int u = 0; u < r.numUsers(); u++) {
        m.scoreItems(u, scores);
      }
      System.out.printf("scoreItems all users: wall %.3f s, CPU %.3f s%n", (System.nanoTime() - w0) / 1e9,
          (os.getProcessCpuTime() - c0) / 1e9);
    }
    System.out.printf("%s %s: leave-last-10 NDCG@10 %.4f Recall@10 %.4f (%d users), fit %.3f s, top-10 all users %.3f s%n",
        kind, params, ndcg / users, recall / users, users, fit, rank);
  }
}
