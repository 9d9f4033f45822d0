package org.cinerec.model.als;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.util.random.XORShiftRandom;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.split.FileSplit;
import org.cinerec.split.Split;

/**
 * Check of cinerec's {@code als} against Spark 4.0.1 MLlib ALS: draws the initial user factors exactly as
 * Spark's {@code ALS.train} does for a seed (Spark's own {@code XORShiftRandom}, {@code byteswap64} and
 * {@code snrm2}, 10 user blocks by {@code userId mod 10}, ids sorted within a block), starts
 * {@code AlsTrainer} from them, and prints the RMSE on the test rows Spark keeps (unclipped, as Spark
 * predicts, and clipped, as cinerec predicts), next to the same fit started from cinerec's own draw.
 * Not part of the build: it needs Spark's jars (see run.sh beside it).
 *
 * <p>Usage: SparkStart DATA_DIR SPLIT_DIR [--history] SEED|FROM-TO...
 */
public final class SparkStart {
  private static final int RANK = 10;
  private static final int BLOCKS = 10; // ALS's default numUserBlocks

  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    Path split = Path.of(args[1]);
    boolean history = false;
    List<Long> seeds = new ArrayList<>();
    for (int a = 2; a < args.length; a++) {
      if (args[a].equals("--history")) {
        history = true;
      } else if (args[a].contains("-")) { // a range FROM-TO
        String[] ft = args[a].split("-");
        for (long sd = Long.parseLong(ft[0]); sd <= Long.parseLong(ft[1]); sd++) {
          seeds.add(sd);
        }
      } else {
        seeds.add(Long.parseLong(args[a]));
      }
    }
    Dataset all = DataSources.load(data);
    Split s = new FileSplit(split.resolve("train.csv"), split.resolve("test.csv")).apply(all);
    Dataset train = s.trainSet(all);
    Ratings test = s.test();
    System.out.println("| seed | start | RMSE on rows Spark keeps, unclipped | same, clipped | rows | train RMSE after 10 it. |");
    System.out.println("|---|---|---|---|---|---|");
    double[][] rmse = new double[3][seeds.size()]; // Spark's draw unclipped, cinerec's draw clipped, unclipped
    for (int n = 0; n < seeds.size(); n++) {
      long seed = seeds.get(n);
      Params p = AlsFamily.PARAMS.parse(Map.of("seed", Long.toString(seed), "threads", "1"));
      FactorModel spark = (FactorModel) new AlsTrainer(p, sparkStart(train, seed, RANK)).fit(train);
      FactorModel ours = (FactorModel) new AlsTrainer(p).fit(train);
      rmse[0][n] = row(seed, "Spark's draw", spark, train.ratings(), test, history)[0];
      double[] o = row(seed, "cinerec's draw", ours, train.ratings(), test, history);
      rmse[1][n] = o[1];
      rmse[2][n] = o[0];
    }
    String[] names = {"Spark's draw, unclipped (= Spark's RMSE)", "cinerec's draw, clipped (= cinerec's RMSE)",
        "cinerec's draw, unclipped"};
    System.out.println();
    System.out.println("| " + seeds.size() + " seeds | median | mean | std | min | max |");
    System.out.println("|---|---|---|---|---|---|");
    for (int k = 0; k < 3; k++) {
      double[] v = rmse[k].clone();
      java.util.Arrays.sort(v);
      int m = v.length;
      double median = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
      double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
      double var = java.util.Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, m - 1);
      System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n", names[k], median, mean,
          Math.sqrt(var), v[0], v[m - 1]);
    }
  }

  /** Spark 4.0.1 {@code ALS.initialize} for the user side, laid out in the dataset's user order. */
  static float[] sparkStart(Dataset train, long seed, int rank) {
    IdIndex users = train.users();
    Ratings r = train.ratings();
    List<TreeSet<Integer>> blocks = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      blocks.add(new TreeSet<>());
    }
    for (int n = 0; n < r.size(); n++) {
      int id = Integer.parseInt(users.id(r.user(n)));
      blocks.get(Math.floorMod(Integer.hashCode(id), BLOCKS)).add(id); // HashPartitioner
    }
    long userSeed = new XORShiftRandom(seed).nextLong(); // the first draw is the users', the second the items'
    float[] x = new float[users.size() * rank];
    for (int b = 0; b < BLOCKS; b++) {
      XORShiftRandom random = new XORShiftRandom(scala.util.hashing.package$.MODULE$.byteswap64(userSeed ^ b));
      for (int id : blocks.get(b)) {
        float[] f = new float[rank];
        for (int j = 0; j < rank; j++) {
          f[j] = (float) random.nextGaussian();
        }
        float nrm = org.apache.spark.ml.linalg.BLAS$.MODULE$.nativeBLAS().snrm2(rank, f, 1);
        org.apache.spark.ml.linalg.BLAS$.MODULE$.nativeBLAS().sscal(rank, 1.0f / nrm, f, 1);
        System.arraycopy(f, 0, x, users.indexOf(Integer.toString(id)) * rank, rank);
      }
    }
    return x;
  }

  /** Prints one result row and returns {unclipped, clipped} RMSE on the rows Spark keeps. */
  private static double[] row(long seed, String start, FactorModel m, Ratings train, Ratings test, boolean history) {
    FactorModel.Parts parts = m.parts();
    float[] x = parts.userFactors();
    float[] y = parts.itemFactors();
    boolean[] knownUser = new boolean[train.numUsers()];
    boolean[] knownItem = new boolean[train.numItems()];
    for (int n = 0; n < train.size(); n++) {
      knownUser[train.user(n)] = true;
      knownItem[train.item(n)] = true;
    }
    double raw = 0;
    double clipped = 0;
    int rows = 0;
    for (int n = 0; n < test.size(); n++) {
      int u = test.user(n);
      int i = test.item(n);
      if (!knownUser[u] || !knownItem[i]) {
        continue;
      }
      float dot = 0f; // float, as Spark's predict UDF
      for (int f = 0; f < RANK; f++) {
        dot += x[u * RANK + f] * y[i * RANK + f];
      }
      double e = dot - test.rating(n);
      raw += e * e;
      double c = m.predict(u, i) - test.rating(n);
      clipped += c * c;
      rows++;
    }
    List<ModelInfo.EpochRecord> h = m.info().history();
    System.out.printf(Locale.ROOT, "| %d | %s | %.6f | %.6f | %d | %.6f |%n", seed, start, Math.sqrt(raw / rows),
        Math.sqrt(clipped / rows), rows, h.get(h.size() - 1).metrics().get("train_rmse"));
    if (history) {
      StringBuilder b = new StringBuilder("    per iteration: train RMSE");
      for (ModelInfo.EpochRecord e : h) {
        b.append(String.format(Locale.ROOT, " %.5f", e.metrics().get("train_rmse")));
      }
      b.append("; loss");
      for (ModelInfo.EpochRecord e : h) {
        b.append(String.format(Locale.ROOT, " %.5f", e.metrics().get("loss")));
      }
      System.out.println(b);
    }
    return new double[] {Math.sqrt(raw / rows), Math.sqrt(clipped / rows)};
  }
}
