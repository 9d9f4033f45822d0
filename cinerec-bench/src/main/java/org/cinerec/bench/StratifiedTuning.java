package org.cinerec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.store.ModelWriter;

/**
 * Issue 14, "Ranking on a published protocol", with hyper-parameters chosen on a validation part and never
 * on the test part. {@code cinerec tune} selects on the folds it reports, so it cannot do this; per seed s:
 * <ol>
 *   <li>the outer split {@code stratified:0.25:s} of the data: training part T and test part;</li>
 *   <li>the same per-user cut of T, {@code stratified:0.25:s} again: fit part F and validation part V;</li>
 *   <li>every grid point of each model trained on F, NDCG@10 on V (F's movies left out of the candidates);
 *       the best is chosen (ties: the first in grid order);</li>
 *   <li>the chosen point trained again on all of T, NDCG@10 on the test part, and the paired difference
 *       from EASE at its default λ = 500 trained on T.</li>
 * </ol>
 * Models: {@code ease} over {@code --lambdas}; {@code rp3beta} over {@code --alphas} × {@code --betas} ×
 * {@code --neighbours} × {@code --normalize}; then score blends ({@link ScoreBlend}: per-user standardised
 * scores, {@code (1 − w)·z(ease) + w·z(other)}) of the chosen EASE with the chosen RP3β and with popularity, and
 * a rank blend (Borda: each score replaced by {@code 1 − rank/n} before mixing) of EASE with RP3β; with
 * {@code --adjacency}, EASE with time adjacency over {@code --adjacency} × {@code --adjacency-lambdas} ×
 * {@code --adjacency-floors} and its score
 * blend with the chosen plain EASE;
 * the weight w from {@code --weights} chosen on V in the same way (the members fitted on F, then on T).
 * Prints one line per seed and model, then the medians and each model's median over EASE λ = 500.
 *
 * <pre>
 * java -Xmx3g -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.StratifiedTuning \
 *     ../shared/data/ml-latest-small [--seeds 42,43,44] [--lambdas 50,100,...] [--alphas 0.5,0.75,1]
 *     [--betas 0.2,0.35,0.5,0.65] [--neighbours 50,100,200,400] [--normalize false,true] [--weights 0,0.1,...,1]
 *     [--adjacency 5,10,20] [--adjacency-lambdas 30,100,300] [--adjacency-floors 0,0.1,0.2]
 * </pre>
 */
public final class StratifiedTuning {
  /** Issue 14's reference: EASE at λ = 500 on this protocol, median NDCG@10 over seeds 42-44 (docs/evaluation.md). */
  static final double EASE_MEDIAN = 0.4018;
  static final double GOAL = 1.15;

  private StratifiedTuning() {}

  public static void main(String[] args) throws IOException {
    Path data = null;
    List<String> seeds = List.of("42", "43", "44");
    List<String> lambdas = List.of("50", "100", "200", "300", "500", "1000", "2000");
    List<String> alphas = List.of("0.5", "0.75", "1.0");
    List<String> betas = List.of("0.2", "0.35", "0.5", "0.65");
    List<String> neighbours = List.of("50", "100", "200", "400");
    List<String> normalize = List.of("false", "true");
    List<String> weights = List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1");
    List<String> adjacency = List.of();
    List<String> adjacencyLambdas = List.of("30", "100", "300");
    List<String> adjacencyFloors = List.of("0");
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--seeds" -> seeds = List.of(args[++a].split(","));
        case "--lambdas" -> lambdas = List.of(args[++a].split(","));
        case "--alphas" -> alphas = List.of(args[++a].split(","));
        case "--betas" -> betas = List.of(args[++a].split(","));
        case "--neighbours" -> neighbours = List.of(args[++a].split(","));
        case "--normalize" -> normalize = List.of(args[++a].split(","));
        case "--weights" -> weights = List.of(args[++a].split(","));
        case "--adjacency" -> adjacency = List.of(args[++a].split(","));
        case "--adjacency-lambdas" -> adjacencyLambdas = List.of(args[++a].split(","));
        case "--adjacency-floors" -> adjacencyFloors = List.of(args[++a].split(","));
        default -> {
          if (args[a].startsWith("--")) {
            System.err.println("StratifiedTuning: unknown flag " + args[a]);
            System.exit(2);
          }
          data = Path.of(args[a]);
        }
      }
    }
    if (data == null) {
      System.err.println("usage: StratifiedTuning DATA_DIR [--seeds 42,43,44] [--lambdas L,...] [--alphas A,...] "
          + "[--betas B,...] [--neighbours K,...] [--normalize false,true] [--weights W,...] [--adjacency S,...] "
          + "[--adjacency-lambdas L,...] [--adjacency-floors F,...]");
      System.exit(2);
    }
    List<Map<String, String>> easeGrid = new ArrayList<>();
    for (String l : lambdas) {
      easeGrid.add(Map.of("lambda", l));
    }
    List<Map<String, String>> adjGrid = new ArrayList<>();
    for (String sv : adjacency) {
      for (String l : adjacencyLambdas) {
        for (String f : adjacencyFloors) {
          Map<String, String> p = new LinkedHashMap<>();
          p.put("adjacency", sv);
          p.put("lambda", l);
          if (Double.parseDouble(f) != 0) {
            p.put("adjacency-floor", f);
          }
          adjGrid.add(p);
        }
      }
    }
    List<Map<String, String>> rpGrid = new ArrayList<>();
    for (String a : alphas) {
      for (String b : betas) {
        for (String k : neighbours) {
          for (String n : normalize) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("alpha", a);
            p.put("beta", b);
            p.put("neighbours", k);
            p.put("normalize", n);
            rpGrid.add(p);
          }
        }
      }
    }
    Dataset all = DataSources.load(data);
    System.out.printf(Locale.ROOT, "data %s: %d ratings, %d users, %d items; grids: ease %d, rp3beta %d, blend "
        + "weights %d%n", data, all.ratings().size(), all.numUsers(), all.numItems(), easeGrid.size(), rpGrid.size(),
        weights.size());
    Evaluator eval = new Evaluator(EvalOptions.defaults().withKs(10));
    Map<String, List<Double>> test = new LinkedHashMap<>();
    Map<String, List<Double>> diff = new LinkedHashMap<>();
    for (String seed : seeds) {
      String spec = "stratified:0.25:" + seed;
      Split outer = SplitSpec.parse(spec).apply(all);
      Dataset train = outer.trainSet(all);
      Split inner = SplitSpec.parse(spec).apply(train);
      Dataset fit = inner.trainSet(train);
      System.out.printf(Locale.ROOT, "%nseed %s: training %d (fit %d + validation %d), test %d%n", seed,
          outer.train().size(), inner.train().size(), inner.test().size(), outer.test().size());
      double reference = ndcg(eval, ModelFamilies.trainer("ease", Map.of()).fit(train), train, outer);
      report(test, diff, seed, "ease lambda=500", "-", Double.NaN, reference, reference);

      Chosen ease = choose(eval, "ease", easeGrid, fit, inner);
      Recommender easeT = ModelFamilies.trainer("ease", ease.params).fit(train);
      report(test, diff, seed, "ease tuned", ease.describe(), ease.validation, ndcg(eval, easeT, train, outer), reference);

      Chosen rp = choose(eval, "rp3beta", rpGrid, fit, inner);
      Recommender rpT = ModelFamilies.trainer("rp3beta", rp.params).fit(train);
      report(test, diff, seed, "rp3beta tuned", rp.describe(), rp.validation, ndcg(eval, rpT, train, outer), reference);

      Recommender easeF = ModelFamilies.trainer("ease", ease.params).fit(fit);
      Recommender rpF = ModelFamilies.trainer("rp3beta", rp.params).fit(fit);
      Recommender popF = ModelFamilies.trainer("popularity", Map.of()).fit(fit);
      Recommender popT = ModelFamilies.trainer("popularity", Map.of()).fit(train);
      blend(eval, test, diff, seed, "ease+rp3beta blend", false, easeF, rpF, easeT, rpT, weights, fit, inner, train,
          outer, reference);
      blend(eval, test, diff, seed, "ease+rp3beta rank blend", true, easeF, rpF, easeT, rpT, weights, fit, inner, train,
          outer, reference);
      blend(eval, test, diff, seed, "ease+popularity blend", false, easeF, popF, easeT, popT, weights, fit, inner, train,
          outer, reference);
      if (!adjGrid.isEmpty()) {
        Chosen adj = choose(eval, "ease", adjGrid, fit, inner);
        Recommender adjT = ModelFamilies.trainer("ease", adj.params).fit(train);
        report(test, diff, seed, "ease adjacency tuned", adj.describe(), adj.validation, ndcg(eval, adjT, train, outer),
            reference);
        Recommender adjF = ModelFamilies.trainer("ease", adj.params).fit(fit);
        blend(eval, test, diff, seed, "ease+adjacency blend", false, easeF, adjF, easeT, adjT, weights, fit, inner,
            train, outer, reference);
      }
    }
    System.out.printf(Locale.ROOT, "%n| model | test NDCG@10 median (min-max) | / EASE %.4f | paired diff vs ease lambda=500, "
        + "median (min..max) |%n|---|---|---|---|%n", EASE_MEDIAN);
    for (String m : test.keySet()) {
      double[] t = test.get(m).stream().mapToDouble(Double::doubleValue).toArray();
      double[] d = diff.get(m).stream().mapToDouble(Double::doubleValue).toArray();
      System.out.printf(Locale.ROOT, "| %s | %.4f (%.4f-%.4f) | %.3f | %+.4f (%+.4f..%+.4f) |%n", m, median(t), min(t), max(t),
          median(t) / EASE_MEDIAN, median(d), min(d), max(d));
    }
    System.out.printf(Locale.ROOT, "goal: NDCG@10 >= %.3f (%.2f x %.4f)%n", GOAL * EASE_MEDIAN, GOAL, EASE_MEDIAN);
  }

  /** A grid point chosen on validation: its parameters and validation NDCG@10. */
  record Chosen(Map<String, String> params, double validation) {
    String describe() {
      StringBuilder b = new StringBuilder();
      params.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
      return b.toString();
    }
  }

  /** Trains every grid point on the fit part and keeps the best validation NDCG@10 (ties: the first). */
  static Chosen choose(Evaluator eval, String kind, List<Map<String, String>> grid, Dataset fit, Split inner) {
    Chosen best = null;
    for (Map<String, String> p : grid) {
      double v = ndcg(eval, ModelFamilies.trainer(kind, p).fit(fit), fit, inner);
      if (best == null || v > best.validation) {
        best = new Chosen(p, v);
      }
    }
    return best;
  }

  /** The blend weight chosen on validation (members fitted on F), then the blend of the members fitted on T. */
  static void blend(Evaluator eval, Map<String, List<Double>> test, Map<String, List<Double>> diff, String seed,
      String name, boolean ranks, Recommender aF, Recommender bF, Recommender aT, Recommender bT,
      List<String> weights, Dataset fit, Split inner, Dataset train, Split outer, double reference) {
    double bestW = Double.NaN;
    double bestV = Double.NEGATIVE_INFINITY;
    for (String w : weights) {
      double v = ndcg(eval, new ScoreBlend(aF, bF, Double.parseDouble(w), ranks), fit, inner);
      if (v > bestV) {
        bestV = v;
        bestW = Double.parseDouble(w);
      }
    }
    double t = ndcg(eval, new ScoreBlend(aT, bT, bestW, ranks), train, outer);
    report(test, diff, seed, name, String.format(Locale.ROOT, "w=%s", bestW), bestV, t, reference);
  }

  static double ndcg(Evaluator eval, Recommender model, Dataset train, Split split) {
    return eval.evaluate(model, train, split.test()).metrics().get("ndcg@10");
  }

  static void report(Map<String, List<Double>> test, Map<String, List<Double>> diff, String seed, String model,
      String chosen, double validation, double t, double reference) {
    test.computeIfAbsent(model, k -> new ArrayList<>()).add(t);
    diff.computeIfAbsent(model, k -> new ArrayList<>()).add(t - reference);
    System.out.printf(Locale.ROOT, "seed %s  %-22s chosen %-52s validation %.4f  test NDCG@10 %.4f  vs ease lambda=500 %+.4f%n",
        seed, model, chosen, validation, t, t - reference);
    System.out.flush();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  /**
   * Two ranking models' scores blended per user: each model's scores of every movie standardised over the
   * catalogue ({@code z = (s − mean) / std}, 0 when all are equal) or, with {@code ranks}, replaced by
   * {@code 1 − rank/n}; then {@code (1 − w)·z_a + w·z_b}. Only what
   * the {@link Evaluator} asks of a model; both members share one vocabulary (trained on the same data).
   */
  static final class ScoreBlend implements Recommender {
    private final Recommender a;
    private final Recommender b;
    private final double w;
    private final boolean ranks;

    ScoreBlend(Recommender a, Recommender b, double w, boolean ranks) {
      if (!a.items().equals(b.items()) || !a.users().equals(b.users())) {
        throw new IllegalArgumentException("blend members differ in their vocabularies");
      }
      this.a = a;
      this.b = b;
      this.w = w;
      this.ranks = ranks;
    }

    @Override
    public String kind() {
      return a.kind() + "+" + b.kind();
    }

    @Override
    public IdIndex users() {
      return a.users();
    }

    @Override
    public IdIndex items() {
      return a.items();
    }

    @Override
    public ModelInfo info() {
      return null;
    }

    @Override
    public boolean predictsRatings() {
      return false;
    }

    @Override
    public float predict(int user, int item) {
      float[] s = new float[items().size()];
      scoreItems(user, s);
      return item < 0 ? 0f : s[item];
    }

    @Override
    public void scoreItems(int user, float[] out) {
      float[] sa = new float[out.length];
      float[] sb = new float[out.length];
      a.scoreItems(user, sa);
      b.scoreItems(user, sb);
      if (ranks) {
        toRanks(sa);
        toRanks(sb);
      } else {
        standardise(sa);
        standardise(sb);
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((1 - w) * sa[i] + w * sb[i]);
      }
    }

    /** Each score replaced by 1 − rank / n (rank 0 = the best; ties: the lower index first): a Borda count. */
    private static void toRanks(float[] s) {
      int n = s.length;
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        int bits = Float.floatToIntBits(s[i]);
        bits = bits < 0 ? bits ^ 0x7FFFFFFF : bits; // float order as int order
        keys[i] = ((long) bits << 32) | (~i & 0xFFFFFFFFL);
      }
      Arrays.sort(keys);
      for (int r = 0; r < n; r++) {
        s[~(int) keys[n - 1 - r]] = 1f - (float) r / n;
      }
    }

    private static void standardise(float[] s) {
      double mean = 0;
      for (float x : s) {
        mean += x;
      }
      mean /= s.length;
      double var = 0;
      for (float x : s) {
        var += (x - mean) * (x - mean);
      }
      double std = Math.sqrt(var / s.length);
      for (int i = 0; i < s.length; i++) {
        s[i] = std > 0 ? (float) ((s[i] - mean) / std) : 0f;
      }
    }

    @Override
    public void similarItems(int item, float[] out) {
      throw new UnsupportedOperationException("a score blend has no item similarity");
    }

    @Override
    public void write(ModelWriter out) {
      throw new UnsupportedOperationException("a score blend is not saved");
    }

    @Override
    public boolean knowsUser(int user) {
      return a.knowsUser(user) || b.knowsUser(user);
    }
  }
}
