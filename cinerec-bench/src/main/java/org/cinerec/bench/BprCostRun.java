package org.cinerec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.io.DataSources;
import org.cinerec.math.BprKernel;
import org.cinerec.math.RatedPairs;
import org.cinerec.math.Rng;
import org.cinerec.math.Simd;
import org.cinerec.math.SparseRows;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Trainer;
import org.cinerec.split.FileSplit;

/**
 * Where a {@code bpr} triple's time goes, in nanoseconds per triple of this thread's CPU time (the
 * steadier figure on a shared machine), the minimum over N repeats after a warm-up, on the training ratings
 * of a data set (or of a shared split):
 * <ol>
 *   <li>the "is j rated by u" check: a binary search in the user's sorted row (the old sampler) against
 *       {@link RatedPairs}' bitset, each on a uniform (user, positive) draw plus one uniform item;</li>
 *   <li>the step on a fixed stream of uniform triples: the old kernel (flat arrays at run-time offsets,
 *       scalar, with a {@code log1p} loss per step), the same without the loss, and {@link BprKernel} (one
 *       array per vector, loss from the product of σ): the portable kernel, and the Vector API one when
 *       the JVM runs with {@code --add-modules=jdk.incubator.vector};</li>
 *   <li>whole fits of {@code bpr} per schedule and thread count: wall and the JVM's CPU seconds (all
 *       threads, JIT and GC included) per fit, and that CPU time per triple drawn.</li>
 * </ol>
 *
 * <pre>
 * java [--add-modules=jdk.incubator.vector] -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.BprCostRun ../shared/data/ml-latest-small [--split /tmp/split-mls] [--repeats 5]
 * </pre>
 */
public final class BprCostRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Not a constant, as in the trainer: the JIT must not specialise the loops to it. */
  private static int F = 64;
  private static double sink;

  private BprCostRun() {}

  public static void main(String[] args) {
    Path data = null;
    Path split = null;
    int repeats = 5;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--split" -> split = Path.of(args[++a]);
        case "--repeats" -> repeats = Integer.parseInt(args[++a]);
        default -> data = Path.of(args[a]);
      }
    }
    if (data == null) {
      System.err.println("usage: BprCostRun DATA_DIR [--split DIR] [--repeats N]");
      System.exit(2);
    }
    Dataset all = DataSources.load(data);
    Dataset train = split == null ? all
        : new FileSplit(split.resolve("train.csv"), split.resolve("test.csv")).apply(all).trainSet(all);
    Ratings r = train.ratings();
    int n = r.size();
    int users = r.numUsers();
    int items = r.numItems();
    System.out.printf(Locale.ROOT, "%s%s: %d training ratings, %d users, %d items; %d cores; java %s; kernels: %s%n",
        data, split == null ? "" : " (split " + split + ")", n, users, items,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Simd.describe());
    SparseRows pos = SparseRows.of(r.users(), r.items(), new float[n], users);
    int[] owner = new int[n];
    for (int u = 0; u < users; u++) {
      for (int p = pos.start(u); p < pos.end(u); p++) {
        owner[p] = u;
      }
    }
    RatedPairs rated = new RatedPairs(pos, items);
    // a fixed stream of uniform triples for the kernels
    Rng rng = new Rng(42);
    int[] tu = new int[n];
    int[] ti = new int[n];
    int[] tj = new int[n];
    for (int t = 0; t < n; t++) {
      int p = rng.nextInt(n);
      tu[t] = owner[p];
      ti[t] = pos.cols()[p];
      int j;
      do {
        j = rng.nextInt(items);
      } while (rated.contains(tu[t], j));
      tj[t] = j;
    }

    System.out.println();
    System.out.println("| part | ns per triple (min of " + repeats + ") |");
    System.out.println("|---|---|");
    row("draw + check by binary search (old)", repeats, n, () -> {
      Rng g = new Rng(1);
      long s = 0;
      for (int t = 0; t < n; t++) {
        int p = g.nextInt(n);
        int j = g.nextInt(items);
        s += pos.find(owner[p], j) < 0 ? j : 0;
      }
      sink += s;
    });
    row("draw + check in RatedPairs bitset", repeats, n, () -> {
      Rng g = new Rng(1);
      long s = 0;
      for (int t = 0; t < n; t++) {
        int p = g.nextInt(n);
        int j = g.nextInt(items);
        s += rated.contains(owner[p], j) ? 0 : j;
      }
      sink += s;
    });
    float[] userVec = new float[users * F];
    float[] itemVec = new float[items * F];
    float[] bias = new float[items];
    new Rng(5).fillGaussian(userVec, 0, 0.1);
    new Rng(6).fillGaussian(itemVec, 0, 0.1);
    row("step: flat arrays, scalar, log1p loss (old)", repeats, n, () -> {
      double loss = 0;
      for (int t = 0; t < n; t++) {
        loss += flatStep(tu[t], ti[t], tj[t], userVec, itemVec, bias, true);
      }
      sink += loss;
    });
    row("step: flat arrays, scalar, no loss", repeats, n, () -> {
      double g = 0;
      for (int t = 0; t < n; t++) {
        g += flatStep(tu[t], ti[t], tj[t], userVec, itemVec, bias, false);
      }
      sink += g;
    });
    float[][] userRows = rows(userVec, users);
    float[][] itemRows = rows(itemVec, items);
    BprKernel scalar = BprKernel.scalar(F);
    row("step: BprKernel scalar, a row per vector", repeats, n, () -> {
      for (int t = 0; t < n; t++) {
        scalar.step(userRows[tu[t]], itemRows[ti[t]], itemRows[tj[t]], bias, ti[t], tj[t], 0.1f, 0.005f, 0.001f);
      }
      sink += scalar.takeLoss();
    });
    if (Simd.enabled()) {
      BprKernel vector = BprKernel.create(F);
      row("step: BprKernel " + Simd.describe(), repeats, n, () -> {
        for (int t = 0; t < n; t++) {
          vector.step(userRows[tu[t]], itemRows[ti[t]], itemRows[tj[t]], bias, ti[t], tj[t], 0.1f, 0.005f, 0.001f);
        }
        sink += vector.takeLoss();
      });
    }

    System.out.println();
    System.out.println("| bpr fit (defaults) | wall s, median (min–max) | JVM CPU s, median | CPU ns per triple |");
    System.out.println("|---|---|---|---|");
    Map<String, Map<String, String>> fits = new LinkedHashMap<>();
    fits.put("uniform (the paper's sampling), 1 thread", Map.of("schedule", "uniform"));
    fits.put("blocked, 1 thread", Map.of("threads", "1"));
    fits.put("blocked, 2 threads", Map.of("threads", "2"));
    for (Map.Entry<String, Map<String, String>> e : fits.entrySet()) {
      Trainer trainer = ModelFamilies.trainer("bpr", e.getValue());
      int epochs = trainer.params().getInt("epochs");
      trainer.fit(train);
      double[] wall = new double[repeats];
      double[] cpu = new double[repeats];
      for (int k = 0; k < repeats; k++) {
        double c0 = ClassicModelsRun.cpuSeconds();
        long t0 = System.nanoTime();
        trainer.fit(train);
        wall[k] = (System.nanoTime() - t0) / 1e9;
        cpu[k] = ClassicModelsRun.cpuSeconds() - c0;
      }
      double[] w = wall.clone();
      Arrays.sort(w);
      Arrays.sort(cpu);
      System.out.printf(Locale.ROOT, "| %s | %.3f (%.3f–%.3f) | %.3f | %.0f |%n", e.getKey(), w[repeats / 2], w[0],
          w[repeats - 1], cpu[repeats / 2], cpu[repeats / 2] * 1e9 / ((double) epochs * n));
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static void row(String name, int repeats, int n, Runnable body) {
    body.run();
    long best = Long.MAX_VALUE;
    for (int k = 0; k < repeats; k++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      for (int e = 0; e < 5; e++) {
        body.run();
      }
      best = Math.min(best, THREADS.getCurrentThreadCpuTime() - c0);
    }
    System.out.printf(Locale.ROOT, "| %s | %.1f |%n", name, best / (5.0 * n));
  }

  private static float[][] rows(float[] flat, int count) {
    float[][] out = new float[count][];
    for (int k = 0; k < count; k++) {
      out[k] = Arrays.copyOfRange(flat, k * F, k * F + F);
    }
    return out;
  }

  /** The step of BprTrainer before the kernel (flat arrays, scalar), with or without its per-step loss. */
  private static double flatStep(int u, int i, int j, float[] userVec, float[] itemVec, float[] itemBias,
      boolean withLoss) {
    float lr = 0.1f;
    float reg = 0.005f;
    float regBias = 0.001f;
    int uo = u * F;
    int io = i * F;
    int jo = j * F;
    float x = itemBias[i] - itemBias[j];
    for (int k = 0; k < F; k++) {
      x += userVec[uo + k] * (itemVec[io + k] - itemVec[jo + k]);
    }
    float g = (float) (1.0 / (1.0 + Math.exp(x)));
    for (int k = 0; k < F; k++) {
      float pu = userVec[uo + k];
      float qi = itemVec[io + k];
      float qj = itemVec[jo + k];
      userVec[uo + k] = pu + lr * (g * (qi - qj) - reg * pu);
      itemVec[io + k] = qi + lr * (g * pu - reg * qi);
      itemVec[jo + k] = qj + lr * (-g * pu - reg * qj);
    }
    float bi = itemBias[i];
    float bj = itemBias[j];
    itemBias[i] = bi + lr * (g - regBias * bi);
    itemBias[j] = bj + lr * (-g - regBias * bj);
    if (!withLoss) {
      return g;
    }
    return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
  }
}
