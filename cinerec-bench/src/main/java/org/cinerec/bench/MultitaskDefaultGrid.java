package org.cinerec.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.AtomicFiles;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;

/**
 * The candidate settings for the multitask model's default, measured the way the default was chosen
 * (docs/notes/multitask-default.md): every candidate × model seed on each dataset, in two phases.
 *
 * <ul>
 *   <li><b>validation</b> (the choice): the data is split as {@code train} does by default
 *   ({@code random:0.2:42}); the training part is split again ({@code random:0.1:4242}); each candidate trains
 *   on the remaining 90% and is scored on that 10% of the training part. The test part is not touched.
 *   <li><b>test</b> (the report): each candidate trains on the whole training part and is scored on the
 *   test part, as {@code cinerec train} does.
 * </ul>
 *
 * In each phase {@code baseline} (deterministic) is trained on the same rows. The rule: among candidates
 * whose median RMSE over the seeds is below baseline's on every dataset, the one with the best mean (over
 * the datasets) of the median top-100 accuracy over all catalogue movies (TFRS FactorizedTopK) wins; the
 * winner is chosen on the validation phase and the test phase shows what it gives.
 *
 * <pre>
 * mvn -q -B -ntp package -DskipTests
 * OPENBLAS_NUM_THREADS=1 java --add-modules=jdk.incubator.vector -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.MultitaskDefaultGrid [--data DIR]... [--seeds 42,1,2] [--only NAME,...] \
 *     [--phases validation,test] [--raw FILE.tsv]
 * </pre>
 *
 * Defaults: ../shared/data/ml-latest-small and ../shared/data/the-movies-dataset, seeds 42,1,2, every
 * candidate, both phases. Per fit a line goes to stderr; the tables (median and min-max of the seeds) and the
 * choice go to stdout; {@code --raw} writes every fit's figures as TSV. Every candidate starts from
 * {@code preset=notebook} and states its differences, so the table does not move when the default does.
 * Fit times are wall seconds on whatever else the machine runs (the load average is printed): indicative.
 */
public final class MultitaskDefaultGrid {
  private MultitaskDefaultGrid() {}

  /** One setting: a short name and its parameters beyond {@code preset=notebook}. */
  record Candidate(String name, Map<String, String> params) {
    static Candidate of(String name, String kv) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("preset", "notebook");
      for (String pair : kv.isEmpty() ? new String[0] : kv.split(",")) {
        String[] x = pair.split("=", 2);
        p.put(x[0], x[1]);
      }
      return new Candidate(name, p);
    }

    /** The parameters beyond the notebook's, as text for the tables. */
    String settings() {
      StringBuilder b = new StringBuilder();
      params.forEach((k, v) -> {
        if (!k.equals("preset")) {
          b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v);
        }
      });
      return b.length() == 0 ? "(the notebook's)" : b.toString();
    }
  }

  private static final String DROP = "drop-remainder=true";
  private static final String STABLE = "logq=true,temperature=2,epochs=10," + DROP;
  private static final String REFIT = "refit-bias=true";

  /** The grid: the notebook, each fix alone, their combinations, and one step of each other knob around them. */
  static final List<Candidate> CANDIDATES = List.of(
      Candidate.of("notebook", ""),
      Candidate.of("nb-drop", DROP),
      Candidate.of("nb-refit", REFIT),
      Candidate.of("t2-e10-drop", "temperature=2,epochs=10," + DROP),
      Candidate.of("logq-e3-drop", "logq=true," + DROP),
      Candidate.of("logq-e10-drop", "logq=true,epochs=10," + DROP),
      Candidate.of("stable", STABLE),
      Candidate.of("stable-keep-last", "logq=true,temperature=2,epochs=10"),
      Candidate.of("logq-t4-e10-drop", "logq=true,temperature=4,epochs=10," + DROP),
      Candidate.of("logq-t2-e20-drop", "logq=true,temperature=2,epochs=20," + DROP),
      Candidate.of("stable-lr0.05", STABLE + ",learning-rate=0.05"),
      Candidate.of("stable-dim64", STABLE + ",embedding-dim=64"),
      Candidate.of("stable-l2-1e-4", STABLE + ",l2=0.0001"),
      Candidate.of("stable-retw0.1", STABLE + ",retrieval-weight=0.1"),
      Candidate.of("logq-t2-es-rmse", "logq=true,temperature=2,epochs=20," + DROP
          + ",early-stopping=3,early-stopping-metric=rmse"),
      Candidate.of("stable-refit", STABLE + "," + REFIT),
      Candidate.of("logq-t2-e20-refit", "logq=true,temperature=2,epochs=20," + DROP + "," + REFIT),
      Candidate.of("logq-t4-e20-refit", "logq=true,temperature=4,epochs=20," + DROP + "," + REFIT),
      Candidate.of("logq-t2-e15-retw0.1-refit", "logq=true,temperature=2,epochs=15,retrieval-weight=0.1," + DROP
          + "," + REFIT),
      Candidate.of("logq-t2-e20-retw0.1-refit", "logq=true,temperature=2,epochs=20,retrieval-weight=0.1," + DROP
          + "," + REFIT),
      Candidate.of("logq-t2-e20-retw0.3-refit", "logq=true,temperature=2,epochs=20,retrieval-weight=0.3," + DROP
          + "," + REFIT),
      // added after the validation phase of the rows above, around their best (the test part still untouched)
      Candidate.of("logq-t2-e30-retw0.1-refit", "logq=true,temperature=2,epochs=30,retrieval-weight=0.1," + DROP
          + "," + REFIT),
      Candidate.of("logq-t2-e20-retw0.1-dim64-refit", "logq=true,temperature=2,epochs=20,retrieval-weight=0.1,"
          + "embedding-dim=64," + DROP + "," + REFIT));

  /** Figures of one fit: test-set (or validation-set) metrics, fit wall and CPU seconds, epochs run. */
  record Figures(double rmse, double mae, double top100, double top100Excl, double ndcg10, double fitSeconds,
      double fitCpuSeconds, int epochs) {
    static final String[] NAMES = {"rmse", "mae", "top100", "top100_excl", "ndcg@10", "fit_s", "fit_cpu_s",
        "epochs"};

    double get(int k) {
      return switch (k) {
        case 0 -> rmse;
        case 1 -> mae;
        case 2 -> top100;
        case 3 -> top100Excl;
        case 4 -> ndcg10;
        case 5 -> fitSeconds;
        case 6 -> fitCpuSeconds;
        default -> epochs;
      };
    }
  }

  /** One phase of one dataset: what to train on, what to score on. */
  record Part(String dataset, String phase, Dataset train, Ratings scored, String description) {}

  public static void main(String[] args) throws IOException {
    List<Path> data = new ArrayList<>();
    List<Long> seeds = List.of(42L, 1L, 2L);
    List<String> only = null;
    List<String> phases = List.of("validation", "test");
    Path raw = null;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--data" -> data.add(Path.of(args[++a]));
        case "--seeds" -> seeds = Arrays.stream(args[++a].split(",")).map(Long::parseLong).toList();
        case "--only" -> only = List.of(args[++a].split(","));
        case "--phases" -> phases = List.of(args[++a].split(","));
        case "--raw" -> raw = Path.of(args[++a]);
        default -> {
          System.err.println("usage: MultitaskDefaultGrid [--data DIR]... [--seeds 42,1,2] [--only NAME,...] "
              + "[--phases validation,test] [--raw FILE.tsv]; bad argument " + args[a]);
          System.exit(2);
        }
      }
    }
    if (data.isEmpty()) {
      data = List.of(Path.of("../shared/data/ml-latest-small"), Path.of("../shared/data/the-movies-dataset"));
    }
    List<Candidate> grid = new ArrayList<>();
    for (Candidate c : CANDIDATES) {
      if (only == null || only.contains(c.name())) {
        grid.add(c);
      }
    }
    System.out.printf(Locale.ROOT, "MultitaskDefaultGrid: %d candidates x %d seeds %s, phases %s; %d cores; "
        + "load average at start %s%n", grid.size(), seeds.size(), seeds, phases,
        Runtime.getRuntime().availableProcessors(), loadAverage());

    List<Part> parts = new ArrayList<>();
    for (Path dir : data) {
      Dataset all = DataSources.load(dir);
      String name = dir.getFileName().toString();
      Split outer = SplitSpec.parse(SplitSpec.DEFAULT).apply(all);
      Dataset train = outer.trainSet(all);
      if (phases.contains("validation")) {
        Split inner = SplitSpec.parse("random:0.1:4242").apply(train);
        parts.add(new Part(name, "validation", inner.trainSet(all), inner.test(), String.format(Locale.ROOT,
            "validation: %,d ratings held out of the %,d-rating training part (random:0.1:4242), fit on the "
                + "other %,d", inner.test().size(), train.ratings().size(), inner.train().size())));
      }
      if (phases.contains("test")) {
        parts.add(new Part(name, "test", train, outer.test(), String.format(Locale.ROOT,
            "test: %,d held-out ratings (%s), fit on the %,d-rating training part", outer.test().size(),
            SplitSpec.DEFAULT, train.ratings().size())));
      }
    }
    // JIT warm-up: one untimed 1-epoch fit, so the first candidate's time is not the compiler's
    ModelFamilies.trainer("multitask", Map.of("epochs", "1")).fit(parts.get(0).train());

    // results.get(part index).get(candidate name) = one Figures per seed
    List<Map<String, List<Figures>>> results = new ArrayList<>();
    double[] baselineRmse = new double[parts.size()];
    StringBuilder tsv = new StringBuilder("dataset\tphase\tcandidate\tseed\t" + String.join("\t", Figures.NAMES)
        + "\tparams\n");
    for (int pi = 0; pi < parts.size(); pi++) {
      Part part = parts.get(pi);
      Figures base = fitAndScore(part, "baseline", Map.of());
      baselineRmse[pi] = base.rmse();
      tsv.append(row(part, "baseline", 0, base, "{}"));
      Map<String, List<Figures>> byCandidate = new LinkedHashMap<>();
      for (Candidate c : grid) {
        List<Figures> runs = new ArrayList<>();
        for (long seed : seeds) {
          Map<String, String> p = new LinkedHashMap<>(c.params());
          p.put("seed", Long.toString(seed));
          Figures f = fitAndScore(part, "multitask", p);
          runs.add(f);
          tsv.append(row(part, c.name(), seed, f, p.toString()));
          System.err.printf(Locale.ROOT, "%s %s %s seed %d: RMSE %.4f top-100 %.4f / %.4f NDCG@10 %.4f, %d epochs "
              + "in %.1f s (load %s)%n", part.dataset(), part.phase(), c.name(), seed, f.rmse(), f.top100(),
              f.top100Excl(), f.ndcg10(), f.epochs(), f.fitSeconds(), loadAverage());
        }
        byCandidate.put(c.name(), runs);
      }
      results.add(byCandidate);
      printTable(part, base, grid, byCandidate);
    }
    for (String phase : phases) {
      choose(phase, parts, results, baselineRmse, grid);
    }
    System.out.printf(Locale.ROOT, "%nload average at the end %s%n", loadAverage());
    if (raw != null) {
      AtomicFiles.writeString(raw, tsv.toString());
    }
  }

  private static Figures fitAndScore(Part part, String kind, Map<String, String> params) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Recommender m = ModelFamilies.trainer(kind, params).fit(part.train());
    double fitS = (System.nanoTime() - t0) / 1e9;
    double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
    EvaluationReport rep = new Evaluator().evaluate(m, part.train(), part.scored());
    Map<String, Double> x = rep.metrics();
    return new Figures(x.get("rmse"), x.get("mae"), x.get("top100_accuracy"), x.get("top100_accuracy_excl"),
        x.get("ndcg@10"), fitS, cpuS, m.info().history().size());
  }

  private static String row(Part part, String name, long seed, Figures f, String params) {
    StringBuilder b = new StringBuilder(part.dataset() + "\t" + part.phase() + "\t" + name + "\t" + seed);
    for (int k = 0; k < Figures.NAMES.length; k++) {
      b.append('\t').append(String.format(Locale.ROOT, "%.6f", f.get(k)));
    }
    return b.append('\t').append(params).append('\n').toString();
  }

  private static void printTable(Part part, Figures base, List<Candidate> grid, Map<String, List<Figures>> res) {
    System.out.printf(Locale.ROOT, "%n### %s, %s%n%n%s; baseline RMSE %.4f, MAE %.4f, top-100 %.4f / %.4f, "
        + "NDCG@10 %.4f. Each cell: median of the seeds [min-max].%n%n", part.dataset(), part.phase(),
        part.description(), base.rmse(), base.mae(), base.top100(), base.top100Excl(), base.ndcg10());
    System.out.println("| candidate | settings beyond the notebook's | RMSE | MAE | top-100 (all) | top-100 (excl. "
        + "train) | NDCG@10 | epochs | fit s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Candidate c : grid) {
      List<Figures> runs = res.get(c.name());
      System.out.printf(Locale.ROOT, "| %s | %s | %s%s | %s | %s | %s | %s | %s | %s |%n", c.name(), c.settings(),
          cell(runs, 0, "%.4f"), median(runs, 0) < base.rmse() ? "" : " ✗", cell(runs, 1, "%.4f"),
          cell(runs, 2, "%.4f"), cell(runs, 3, "%.4f"), cell(runs, 4, "%.4f"), cell(runs, 7, "%.0f"),
          cell(runs, 5, "%.1f"));
    }
    System.out.println();
    System.out.println("✗: median RMSE not below baseline's.");
  }

  /** Applies the rule on one phase and prints the ranking of the eligible candidates. */
  private static void choose(String phase, List<Part> parts, List<Map<String, List<Figures>>> results,
      double[] baselineRmse, List<Candidate> grid) {
    record Score(String name, double meanTop100, String perDataset) {}
    List<Score> eligible = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (Candidate c : grid) {
      boolean ok = true;
      double sum = 0;
      int n = 0;
      StringBuilder per = new StringBuilder();
      for (int pi = 0; pi < parts.size(); pi++) {
        if (!parts.get(pi).phase().equals(phase)) {
          continue;
        }
        List<Figures> runs = results.get(pi).get(c.name());
        ok &= median(runs, 0) < baselineRmse[pi];
        sum += median(runs, 2);
        n++;
        per.append(String.format(Locale.ROOT, "%s%s RMSE %.4f (baseline %.4f) top-100 %.4f", per.length() == 0 ? ""
            : "; ", parts.get(pi).dataset(), median(runs, 0), baselineRmse[pi], median(runs, 2)));
      }
      if (ok) {
        eligible.add(new Score(c.name(), sum / n, per.toString()));
      } else {
        excluded.add(c.name());
      }
    }
    eligible.sort((a, b) -> Double.compare(b.meanTop100(), a.meanTop100()));
    System.out.printf(Locale.ROOT, "%n### the rule on the %s phase%n%n", phase);
    System.out.println("Not below baseline's RMSE on every dataset: " + (excluded.isEmpty() ? "none" : excluded));
    System.out.println();
    System.out.println("| rank | candidate | mean of the median top-100 | per dataset |");
    System.out.println("|---|---|---|---|");
    for (int k = 0; k < eligible.size(); k++) {
      Score s = eligible.get(k);
      System.out.printf(Locale.ROOT, "| %d | %s | %.4f | %s |%n", k + 1, s.name(), s.meanTop100(), s.perDataset());
    }
  }

  private static String cell(List<Figures> runs, int k, String fmt) {
    double[] v = runs.stream().mapToDouble(f -> f.get(k)).sorted().toArray();
    String med = String.format(Locale.ROOT, fmt, median(runs, k));
    return v.length == 1 ? med : med + " [" + String.format(Locale.ROOT, fmt, v[0]) + "-"
        + String.format(Locale.ROOT, fmt, v[v.length - 1]) + "]";
  }

  private static double median(List<Figures> runs, int k) {
    double[] v = runs.stream().mapToDouble(f -> f.get(k)).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
