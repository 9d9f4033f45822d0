package org.cinerec.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.math.Gemm;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.split.FileSplit;
import org.cinerec.split.Split;

/**
 * The multitask model against the PyTorch reference ({@code peers/torch_multitask.py}) on the same split and
 * settings, one model seed at a time, back to back (torch, then cinerec), so both see the same machine load.
 *
 * <pre>
 * java -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.MultitaskRun \
 *     DATA_DIR --split SPLIT_DIR [--seeds 42,1,2] [--peer PEERS_DIR] [--no-peer] [name=value ...]
 * </pre>
 *
 * SPLIT_DIR holds {@code peers/split.py}'s train.csv/test.csv (the peer recomputes the same split from
 * DATA_DIR). Extra {@code name=value} pairs are multitask parameters (e.g. {@code epochs=10}); epochs and
 * embedding-dim are passed to the peer too. The run starts from {@code preset=notebook} (the peer's settings),
 * not cinerec's default preset; {@code preset=...} overrides that. cinerec's train time is {@code fit} in a JVM that has already
 * run one untimed fit (JIT warm); the first, cold fit is printed too. Eval time is {@link Evaluator} (RMSE/MAE,
 * top-K accuracy with and without training movies, and per-user top-N metrics, which the peer does not
 * compute). GFLOP/s counts only the matrix products ({@link Gemm#profile}), per core: operations over the
 * thread-seconds spent inside them (time a thread waits for a core on a busy machine counts, so the figure
 * is a lower bound there), and also over the CPU-seconds the whole fit used (all work, a load-robust
 * figure). The BLAS is {@code math.Blas}'s default (the bundled OpenBLAS, one thread, set in code);
 * {@code -Dcinerec.blas=system|java} compares the others.
 */
public final class MultitaskRun {
  private MultitaskRun() {}

  public static void main(String[] args) throws Exception {
    Path data = null;
    Path split = null;
    Path peers = Path.of("../shared/peers");
    boolean peer = true;
    List<Long> seeds = List.of(42L, 1L, 2L);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("preset", "notebook");
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--split" -> split = Path.of(args[++a]);
        case "--peer" -> peers = Path.of(args[++a]);
        case "--no-peer" -> peer = false;
        case "--seeds" -> seeds = Arrays.stream(args[++a].split(",")).map(Long::parseLong).toList();
        default -> {
          if (args[a].contains("=")) {
            String[] kv = args[a].split("=", 2);
            params.put(kv[0], kv[1]);
          } else {
            data = Path.of(args[a]);
          }
        }
      }
    }
    if (data == null || split == null) {
      System.err.println("usage: MultitaskRun DATA_DIR --split SPLIT_DIR [--seeds 42,1,2] [--peer DIR] [--no-peer] [k=v ...]");
      System.exit(2);
    }
    Dataset all = DataSources.load(data);
    Split s = new FileSplit(split.resolve("train.csv"), split.resolve("test.csv")).apply(all);
    Dataset train = all.withRatings(s.train());
    System.out.printf(Locale.ROOT, "data %s: %d train, %d test, %d users, %d items; gemm %s; %d cores; OPENBLAS_NUM_THREADS=%s%n",
        data, s.train().size(), s.test().size(), all.numUsers(), all.numItems(), Gemm.implementation(),
        Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_NUM_THREADS"));
    Map<String, String> warm = new LinkedHashMap<>(params);
    warm.put("epochs", "1");
    long c0 = System.nanoTime();
    ModelFamilies.trainer("multitask", warm).fit(train);
    System.out.printf(Locale.ROOT, "cold 1-epoch fit (JIT warm-up, untimed below): %.2f s%n", (System.nanoTime() - c0) / 1e9);
    System.out.println();
    System.out.println("| seed | impl | train s | eval s | RMSE | top-K all (1/5/10/50/100) | top-K excl. train | examples/s | matmul GFLOP/s per core |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    List<double[]> rows = new ArrayList<>();
    for (long seed : seeds) {
      double[] t = peer ? runPeer(peers, data, seed, params) : null;
      Map<String, String> p = new LinkedHashMap<>(params);
      p.put("seed", Long.toString(seed));
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      Gemm.profile(true);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Recommender m = ModelFamilies.trainer("multitask", p).fit(train);
      double trainS = (System.nanoTime() - t0) / 1e9;
      double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
      Gemm.profile(false);
      double gflops = Gemm.profiledGflops();
      double share = Gemm.profiledSeconds();
      long t1 = System.nanoTime();
      EvaluationReport rep = new Evaluator().evaluate(m, train, s.test());
      double evalS = (System.nanoTime() - t1) / 1e9;
      int epochs = m.info().history().size();
      double exPerS = (double) epochs * s.train().size() / trainS;
      System.out.printf(Locale.ROOT, "| %d | cinerec | %.2f | %.3f | %.4f | %s | %s | %.0f | %.1f (%.1f thread-s in products; "
          + "fit used %.2f CPU-s: %.1f GFLOP of products per CPU-s) |%n",
          seed, trainS, evalS, rmse(rep), fmt(rep.accuracy().all()), fmt(rep.accuracy().excludingTrain()),
          exPerS, gflops, share, cpuS, Gemm.profiledFlops() / 1e9 / cpuS);
      double[] row = {trainS, evalS, rmse(rep), rep.accuracy().all()[4], rep.accuracy().excludingTrain()[4],
          t == null ? Double.NaN : t[0], t == null ? Double.NaN : t[1], t == null ? Double.NaN : t[2],
          t == null ? Double.NaN : t[3], t == null ? Double.NaN : t[4]};
      rows.add(row);
    }
    System.out.println();
    System.out.println("| median of " + rows.size() + " seeds | train s | eval s | RMSE | top-100 | top-100 excl. |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| cinerec | %.2f | %.3f | %.4f | %.4f | %.4f |%n", med(rows, 0), med(rows, 1), med(rows, 2),
        med(rows, 3), med(rows, 4));
    if (peer) {
      System.out.printf(Locale.ROOT, "| torch | %.2f | %.3f | %.4f | %.4f | %.4f |%n", med(rows, 5), med(rows, 6), med(rows, 7),
          med(rows, 8), med(rows, 9));
      System.out.printf(Locale.ROOT, "| ratio torch/cinerec | %.1fx | %.1fx | | | |%n", med(rows, 5) / med(rows, 0),
          med(rows, 6) / med(rows, 1));
    }
  }

  /** Runs the peer once: {train s, eval s, rmse, top100, top100 excl}; prints its row. */
  private static double[] runPeer(Path peers, Path data, long seed, Map<String, String> params)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", peers.resolve("torch_multitask.py").toString(),
        data.toString(), "--split", "shuffled", "--model-seed", Long.toString(seed),
        "--epochs", params.getOrDefault("epochs", "3"), "--embedding-dim", params.getOrDefault("embedding-dim", "32")));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    // the peer runs as measured in its README: with OpenBLAS's own threads, not cinerec's single-threaded setting
    pb.environment().remove("OPENBLAS_NUM_THREADS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("peer failed: " + cmd);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    JsonNode j = new ObjectMapper().readTree(last);
    double[] all = topk(j.get("topk_accuracy"));
    double[] ex = topk(j.get("topk_accuracy_excl_train"));
    double trainS = j.get("train_seconds").asDouble();
    System.out.printf(Locale.ROOT, "| %d | torch | %.2f | %.3f | %.4f | %s | %s | %.0f | |%n", seed, trainS,
        j.get("eval_seconds").asDouble(), j.get("rmse").asDouble(), fmt(all), fmt(ex),
        j.get("epochs").asDouble() * j.get("n_train").asDouble() / trainS);
    return new double[] {trainS, j.get("eval_seconds").asDouble(), j.get("rmse").asDouble(), all[4], ex[4]};
  }

  /** RMSE, or NaN for a retrieval-only model (rating-weight=0 predicts no ratings). */
  private static double rmse(EvaluationReport rep) {
    return rep.rating() == null ? Double.NaN : rep.rating().rmse();
  }

  private static double[] topk(JsonNode n) {
    return new double[] {n.get("1").asDouble(), n.get("5").asDouble(), n.get("10").asDouble(), n.get("50").asDouble(),
        n.get("100").asDouble()};
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.4f", x));
    }
    return b.toString();
  }

  private static double med(List<double[]> rows, int col) {
    double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
