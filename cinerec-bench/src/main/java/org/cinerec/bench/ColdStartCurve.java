package org.cinerec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.store.ModelWriter;

/**
 * The cold-start curve: how good fold-in is for a new user after a few ratings (issue #10, "Fold-in
 * quality").
 *
 * <p>Per seed: hold out {@code --fraction} (10%) of the users with at least {@code --min-ratings} (40)
 * ratings, chosen with that seed; train each model on everyone else. Each held-out user's ratings are put
 * in time order (ties by movie); for n in 1, 3, 5, 10, 20 the user "gives" their earliest n ratings and is
 * measured on every rating after their 20th — the same test ratings for every n, so the points of a curve
 * are comparable. Their first 20 ratings are left out of the candidates for every n (those after the n
 * given are neither given nor tested: a model that ranks them well must not be counted wrong). With
 * {@code --test rest} (the words, "measure ... on the rest"), n given are measured on every rating
 * after the n-th instead, and only the n given are out of the candidates. Ways
 * to serve them, each evaluated by the one {@link Evaluator}:
 * <ul>
 *   <li><b>fold-in</b>: the model trained without them, each user folded in from the n given ratings
 *       ({@link Recommender#foldIn});
 *   <li><b>fold-in+prior</b>: that fold-in with the serving path's {@link PopularityPrior} over the training
 *       data's popularity (what {@code cinerec serve --popularity-prior} does);
 *   <li><b>fold-in+recent</b>: the same prior over popularity as of the time t of the user's n-th rating:
 *       every training rating made at t or before, weighted {@code 2^(−(t − t_r) / half-life)} (a year
 *       unless {@code --half-life}; with {@code --sign-up} only ratings made within a day of their rater's
 *       first rating); nothing after t counts;
 *   <li><b>retrained</b>: the same model family trained again with the given ratings in its training data;
 *   <li><b>popularity</b>: the most-rated movies (trained without them), given movies excluded; and
 *       <b>recent</b>: the most popular as of t, as above.
 * </ul>
 * The priors' schedules (weight w₀ and fade-out N) are not tuned on the held-out users: per seed and model
 * they are chosen from {@link #GRID} on <em>validation</em> users carved from the training users (the same
 * fraction of the training users with at least {@code --min-ratings} ratings, chosen with the seed's
 * complement; the model trained again without them; the best mean NDCG@10 over n), or fixed a priori with
 * {@code --prior W0,N}. The chosen schedules are written to {@code cold-start-priors.csv}.
 *
 * <p>Every test rating is relevant (no threshold), as in cinerec's default ranking metrics. Figures are the
 * median over seeds of NDCG@10 and Recall@10; a CSV, a Markdown table and a picture (of the models in
 * {@code --plot} and the methods in {@code --plot-methods}, default all) are written to {@code --out}.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.ColdStartCurve \
 *     ../shared/data/ml-latest-small [--models mf,als,ease,multitask] [--seeds 1,2,3] [--out target/cold-start] [--no-retrain]
 *     [--no-prior | --prior W0,N] [--half-life DAYS] [--sign-up] [--test after20|rest] [--plot MODELS] [--plot-methods METHODS]
 *     [--from-csv FILE]
 * </pre>
 */
public final class ColdStartCurve {
  static final int[] GIVEN = {1, 3, 5, 10, 20};
  private static final int K = 10;
  /** Issue #10's goal: after 5 ratings the best model reaches this multiple of popularity's NDCG@10. */
  static final double GOAL_RATIO = 1.25;

  private ColdStartCurve() {}

  /** One point: a method's NDCG@10 and Recall@10 for n given ratings under one seed. */
  record Point(String model, String method, int given, long seed, double ndcg, double recall, long users) {}

  public static void main(String[] args) throws IOException {
    Path data = null;
    List<String> models = List.of("mf", "als", "ease", "multitask");
    long[] seeds = {1, 2, 3};
    int minRatings = 40;
    double fraction = 0.1;
    boolean retrain = true;
    Path out = Path.of("target/cold-start");
    Path fromCsv = null;
    boolean priorsOn = true;
    double halfLife = 365;
    boolean signUp = false;
    boolean rest = false;
    List<String> plot = null;
    List<String> plotMethods = null;
    Schedule fixedSchedule = null;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--from-csv" -> fromCsv = Path.of(args[++a]);
        case "--models" -> models = List.of(args[++a].split(","));
        case "--seeds" -> seeds = Arrays.stream(args[++a].split(",")).mapToLong(Long::parseLong).toArray();
        case "--min-ratings" -> minRatings = Integer.parseInt(args[++a]);
        case "--fraction" -> fraction = Double.parseDouble(args[++a]);
        case "--out" -> out = Path.of(args[++a]);
        case "--no-retrain" -> retrain = false;
        case "--no-prior" -> priorsOn = false;
        case "--sign-up" -> signUp = true;
        case "--test" -> {
          String t = args[++a];
          if (!t.equals("rest") && !t.equals("after20")) {
            System.err.println("--test: expected rest or after20, got " + t);
            System.exit(2);
          }
          rest = t.equals("rest");
        }
        case "--plot" -> plot = List.of(args[++a].split(","));
        case "--plot-methods" -> plotMethods = List.of(args[++a].split(","));
        case "--half-life" -> halfLife = Double.parseDouble(args[++a]);
        case "--prior" -> {
          String[] wf = args[++a].split(",");
          fixedSchedule = new Schedule(Double.parseDouble(wf[0]), Integer.parseInt(wf[1]));
        }
        default -> data = Path.of(args[a]);
      }
    }
    if (fromCsv != null) { // draw again from the points of an earlier run
      List<Point> points = readCsv(fromCsv);
      Files.createDirectories(out);
      write(points, out, plot, plotMethods);
      System.out.print(table(points));
      return;
    }
    if (data == null) {
      System.err.println("usage: ColdStartCurve [--from-csv FILE] DATA [--models mf,als,ease,multitask] [--seeds 1,2,3] "
          + "[--min-ratings 40] [--fraction 0.1] [--out DIR] [--no-retrain] [--no-prior] [--prior W0,N] "
          + "[--half-life DAYS] [--sign-up] [--test after20|rest] [--plot MODELS] [--plot-methods METHODS]");
      System.exit(2);
    }
    Dataset all = DataSources.load(data);
    System.out.printf(Locale.ROOT, "data %s: %d ratings, %d users, %d movies; models %s; seeds %s; %d cores%n",
        data, all.ratings().size(), all.numUsers(), all.numItems(), models, Arrays.toString(seeds),
        Runtime.getRuntime().availableProcessors());
    List<Point> points = new ArrayList<>();
    List<String> chosen = new ArrayList<>();
    PriorOptions priors = new PriorOptions(priorsOn, halfLife, fixedSchedule, signUp);
    for (long seed : seeds) {
      points.addAll(run(all, models, seed, minRatings, fraction, retrain, priors, chosen, rest));
    }
    Files.createDirectories(out);
    write(points, out, plot, plotMethods);
    if (priorsOn) {
      Files.writeString(out.resolve("cold-start-priors.csv"), "seed,model,training popularity,recent popularity\n"
          + String.join("\n", chosen) + "\n", StandardCharsets.UTF_8);
    }
    System.out.println();
    System.out.print(table(points));
  }

  /** How the prior blends of one seed are set: tuned on validation users, or fixed a priori. */
  record PriorOptions(boolean on, double halfLifeDays, Schedule fixed, boolean signUp) {}

  /** A prior's weight w₀ and fade-out N ({@link PopularityPrior}). */
  record Schedule(double weight, int fadeOut) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "w0=%.1f N=%d", weight, fadeOut);
    }
  }

  /** The schedules tried on validation users: w₀ in 0.2..1 by 0.2, N in 10, 30, 100, 300, and no prior. */
  static final List<Schedule> GRID = grid();

  private static List<Schedule> grid() {
    List<Schedule> g = new ArrayList<>();
    g.add(new Schedule(0, 1));
    for (double w : new double[] {0.2, 0.4, 0.6, 0.8, 1.0}) {
      for (int f : new int[] {10, 30, 100, 300}) {
        g.add(new Schedule(w, f));
      }
    }
    return List.copyOf(g);
  }

  /**
   * The protocol's data for one set of target users among the ratings of {@code all}: the training data
   * (everyone else), the test ratings (each target user's ratings after their 20th), the data whose movies
   * are left out of the candidates (training plus each target user's first 20), each target user's rows in
   * time order, and the training ratings in time order (for popularity as of a time).
   */
  static final class Protocol {
    final Dataset all;
    final int[] held;
    final int[][] ordered;
    final List<Integer> baseRows;
    final Dataset base;
    /** Whether each n is measured on all the user's ratings after the n given ({@code --test rest}). */
    final boolean rest;
    private final Ratings test;
    private final Dataset seen;
    private final Map<Integer, Ratings> restTests = new java.util.HashMap<>();
    private final Map<Integer, Dataset> restSeen = new java.util.HashMap<>();
    final long[] times;
    final int[] timeItems;
    /** Whether each training rating in time order was made within a day of its rater's first rating. */
    final boolean[] signUp;

    Protocol(Dataset all, int[] held, boolean rest) {
      this.all = all;
      this.held = held;
      this.rest = rest;
      Ratings r = all.ratings();
      CsrIndex byUser = r.byUser();
      boolean[] isHeld = new boolean[all.numUsers()];
      for (int u : held) {
        isHeld[u] = true;
      }
      int maxGiven = GIVEN[GIVEN.length - 1];
      ordered = new int[all.numUsers()][];
      for (int u : held) {
        ordered[u] = timeOrder(r, byUser, u);
      }
      baseRows = new ArrayList<>();
      for (int p = 0; p < r.size(); p++) {
        if (!isHeld[r.user(p)]) {
          baseRows.add(p);
        }
      }
      List<Integer> testRows = new ArrayList<>();
      for (int u : held) {
        for (int j = maxGiven; j < ordered[u].length; j++) {
          testRows.add(ordered[u][j]);
        }
      }
      base = all.withRatings(r.select(toArray(baseRows)));
      test = r.select(toArray(testRows));
      // every n is evaluated with the first 20 ratings of each held-out user left out of the candidates:
      // those between the n given and the test ones are neither given nor relevant, and would otherwise be
      // counted as misses when a model ranks them well (people rate in sessions of similar movies)
      List<Integer> seenRows = new ArrayList<>(baseRows);
      for (int u : held) {
        for (int j = 0; j < maxGiven; j++) {
          seenRows.add(ordered[u][j]);
        }
      }
      seen = all.withRatings(r.select(toArray(seenRows)));
      Ratings b = base.ratings();
      long first = Long.MAX_VALUE;
      for (int p = 0; p < b.size(); p++) {
        first = Math.min(first, b.timestamp(p));
      }
      long[] packed = new long[b.size()];
      for (int p = 0; p < b.size(); p++) { // seconds since the first rating high, row low: by time, then row
        packed[p] = ((b.timestamp(p) - first) << 32) | p;
      }
      Arrays.sort(packed);
      times = new long[b.size()];
      timeItems = new int[b.size()];
      signUp = new boolean[b.size()];
      long[] firstOf = new long[all.numUsers()];
      Arrays.fill(firstOf, Long.MAX_VALUE);
      for (int p = 0; p < b.size(); p++) {
        firstOf[b.user(p)] = Math.min(firstOf[b.user(p)], b.timestamp(p));
      }
      for (int k = 0; k < packed.length; k++) {
        int p = (int) packed[k];
        times[k] = b.timestamp(p);
        timeItems[k] = b.item(p);
        signUp[k] = b.timestamp(p) - firstOf[b.user(p)] < 86_400;
      }
    }

    /**
     * The ratings measured after n given: each target user's ratings after their 20th, or with
     * {@link #rest} every rating after their n-th.
     */
    Ratings test(int n) {
      if (!rest) {
        return test;
      }
      return restTests.computeIfAbsent(n, g -> {
        List<Integer> rows = new ArrayList<>();
        for (int u : held) {
          for (int j = g; j < ordered[u].length; j++) {
            rows.add(ordered[u][j]);
          }
        }
        return all.ratings().select(toArray(rows));
      });
    }

    /**
     * The data whose movies are out of the candidates after n given: training plus each target user's first
     * 20, or with {@link #rest} their first n (what {@link #withGiven} holds).
     */
    Dataset seen(int n) {
      return rest ? restSeen.computeIfAbsent(n, this::withGiven) : seen;
    }

    /** The training data plus each target user's first n ratings (what retraining sees). */
    Dataset withGiven(int n) {
      List<Integer> rows = new ArrayList<>(baseRows);
      for (int u : held) {
        for (int j = 0; j < n; j++) {
          rows.add(ordered[u][j]);
        }
      }
      return all.withRatings(all.ratings().select(toArray(rows)));
    }

    /** The user's first n ratings in the model's item indices (movies it does not know left out). */
    History given(Recommender model, int u, int n) {
      Ratings r = all.ratings();
      int[] items = new int[n];
      float[] ratings = new float[n];
      int m = 0;
      for (int j = 0; j < n; j++) {
        int p = ordered[u][j];
        int mi = model.items().indexOf(all.items().id(r.item(p)));
        if (mi >= 0) {
          items[m] = mi;
          ratings[m++] = r.rating(p);
        }
      }
      return History.of(Arrays.copyOf(items, m), Arrays.copyOf(ratings, m));
    }

    /** How many training ratings each movie has. */
    float[] popularity() {
      float[] c = new float[all.numItems()];
      for (int i : timeItems) {
        c[i]++;
      }
      return c;
    }

    /**
     * Popularity as of the time t of the user's n-th rating: every training rating made at t or before,
     * weighted {@code 2^(−(t − t_r) / halfLife)}; nothing after t counts.
     */
    float[] recentPopularity(int u, int n, double halfLifeDays, boolean signUpOnly) {
      long t = all.ratings().timestamp(ordered[u][n - 1]);
      double[] c = new double[all.numItems()];
      double perSecond = 1 / (halfLifeDays * 86_400);
      for (int k = 0; k < times.length && times[k] <= t; k++) {
        if (!signUpOnly || signUp[k]) {
          c[timeItems[k]] += Math.pow(2, -(t - times[k]) * perSecond);
        }
      }
      float[] out = new float[c.length];
      for (int i = 0; i < c.length; i++) {
        out[i] = (float) c[i];
      }
      return out;
    }
  }

  /** Every point of one seed. */
  static List<Point> run(Dataset all, List<String> models, long seed, int minRatings, double fraction,
      boolean retrain) {
    return run(all, models, seed, minRatings, fraction, retrain, new PriorOptions(false, 365, null, false), null,
        false);
  }

  /**
   * Every point of one seed; with the priors on, also each model's fold-in with a popularity prior (the
   * training data's popularity, and popularity as of the user's n-th rating), their schedules tuned on
   * validation users carved from the training users (or fixed), and the chosen schedules appended to
   * {@code chosen}.
   */
  static List<Point> run(Dataset all, List<String> models, long seed, int minRatings, double fraction,
      boolean retrain, PriorOptions priors, List<String> chosen, boolean rest) {
    Protocol pr = new Protocol(all, heldOutUsers(all, seed, minRatings, fraction), rest);
    System.out.printf(Locale.ROOT, "seed %d: %d held-out users (of %d with ≥ %d ratings), %d training ratings, "
        + "%d test ratings%n", seed, pr.held.length, eligible(all, minRatings), minRatings, pr.base.ratings().size(),
        pr.test(GIVEN[GIVEN.length - 1]).size());
    Evaluator evaluator = new Evaluator(EvalOptions.defaults().withKs(K));
    Recommender popularity = ModelFamilies.trainer("popularity", Map.of()).fit(pr.base);
    Map<String, Recommender> trained = new LinkedHashMap<>();
    for (String m : models) {
      long t0 = System.nanoTime();
      trained.put(m, trainer(m, seed).fit(pr.base));
      System.out.printf(Locale.ROOT, "  trained %s in %.1f s%n", m, (System.nanoTime() - t0) / 1e9);
    }
    Map<String, Schedule[]> schedules = new LinkedHashMap<>(); // per model: [training popularity, recent]
    PopularityPrior[][] recent = null;
    PopularityPrior global = null;
    if (priors.on()) {
      schedules = priors.fixed() != null ? fixed(models, priors.fixed())
          : tune(pr, models, seed, minRatings, fraction, priors, evaluator);
      for (Map.Entry<String, Schedule[]> e : schedules.entrySet()) {
        String line = String.format(Locale.ROOT, "%d,%s,%s,%s", seed, e.getKey(), e.getValue()[0], e.getValue()[1]);
        System.out.println("  prior schedules (seed, model, training popularity, recent): " + line);
        if (chosen != null) {
          chosen.add(line);
        }
      }
      global = PopularityPrior.of(pr.popularity(), 0, 1);
      recent = recentPriors(pr, priors.halfLifeDays(), priors.signUp());
    }
    List<Point> points = new ArrayList<>();
    for (int gi = 0; gi < GIVEN.length; gi++) {
      int n = GIVEN[gi];
      Point pop = point("popularity", "popularity", n, seed, evaluator.evaluate(popularity, pr.seen(n), pr.test(n)));
      points.add(pop);
      if (priors.on()) {
        UserScorer[] byTime = new UserScorer[all.numUsers()];
        for (int u : pr.held) {
          byTime[u] = recent[u][gi].apply(popularity.scorer(-1), 0); // n = 0: popularity as of then alone
        }
        points.add(point("popularity", "recent", n, seed, evaluator.evaluate(new FoldedIn(popularity, all, byTime),
            pr.seen(n), pr.test(n))));
      }
      for (String m : models) {
        Recommender model = trained.get(m);
        long t0 = System.nanoTime();
        FoldedIn folded = FoldedIn.of(model, pr, n);
        double foldSeconds = (System.nanoTime() - t0) / 1e9;
        points.add(point(m, "fold-in", n, seed, evaluator.evaluate(folded, pr.seen(n), pr.test(n))));
        String line = String.format(Locale.ROOT, "  n=%-2d %-10s fold-in %.4f (%.3f ms per user)", n, m,
            points.get(points.size() - 1).ndcg, foldSeconds * 1e3 / pr.held.length);
        if (priors.on()) {
          Schedule[] s = schedules.get(m);
          PopularityPrior g = global.withSchedule(s[0].weight(), s[0].fadeOut());
          points.add(point(m, "fold-in+prior", n, seed, evaluator.evaluate(folded.withPrior(pr.held, u -> g, n),
              pr.seen(n), pr.test(n))));
          line += String.format(Locale.ROOT, ", +prior %.4f", points.get(points.size() - 1).ndcg);
          PopularityPrior[][] rec = recent;
          int gj = gi;
          points.add(point(m, "fold-in+recent", n, seed, evaluator.evaluate(folded.withPrior(pr.held,
              u -> rec[u][gj].withSchedule(s[1].weight(), s[1].fadeOut()), n), pr.seen(n), pr.test(n))));
          line += String.format(Locale.ROOT, ", +recent %.4f", points.get(points.size() - 1).ndcg);
        }
        if (retrain) {
          Recommender again = trainer(m, seed).fit(pr.withGiven(n));
          points.add(point(m, "retrained", n, seed, evaluator.evaluate(again, pr.seen(n), pr.test(n))));
          line += String.format(Locale.ROOT, ", retrained %.4f", points.get(points.size() - 1).ndcg);
        }
        System.out.println(line + String.format(Locale.ROOT, ", popularity %.4f", pop.ndcg));
      }
    }
    return points;
  }

  private static Map<String, Schedule[]> fixed(List<String> models, Schedule s) {
    Map<String, Schedule[]> out = new LinkedHashMap<>();
    for (String m : models) {
      out.put(m, new Schedule[] {s, s});
    }
    return out;
  }

  /** Popularity as of each target user's n-th rating, per user and index of n in {@link #GIVEN}. */
  private static PopularityPrior[][] recentPriors(Protocol pr, double halfLifeDays, boolean signUp) {
    PopularityPrior[][] out = new PopularityPrior[pr.all.numUsers()][];
    for (int u : pr.held) {
      out[u] = new PopularityPrior[GIVEN.length];
      for (int gi = 0; gi < GIVEN.length; gi++) {
        out[u][gi] = PopularityPrior.of(pr.recentPopularity(u, GIVEN[gi], halfLifeDays, signUp), 0, 1);
      }
    }
    return out;
  }

  /**
   * The schedules chosen on validation users: {@code fraction} of the training users with at least
   * {@code minRatings} ratings (chosen with the seed's complement), each model trained again without them,
   * the same protocol run on them, and per model and prior the schedule of {@link #GRID} with the best mean
   * NDCG@10 over n in {@link #GIVEN} (ties: the earlier, so no prior wins a tie). The held-out users are
   * never looked at.
   */
  private static Map<String, Schedule[]> tune(Protocol outer, List<String> models, long seed, int minRatings,
      double fraction, PriorOptions priors, Evaluator evaluator) {
    Protocol val = new Protocol(outer.base, heldOutUsers(outer.base, ~seed, minRatings, fraction), outer.rest);
    System.out.printf(Locale.ROOT, "  validation: %d users carved from the training users, %d training ratings%n",
        val.held.length, val.base.ratings().size());
    PopularityPrior global = PopularityPrior.of(val.popularity(), 0, 1);
    PopularityPrior[][] recent = recentPriors(val, priors.halfLifeDays(), priors.signUp());
    Map<String, Schedule[]> out = new LinkedHashMap<>();
    for (String m : models) {
      Recommender model = trainer(m, seed).fit(val.base);
      FoldedIn[] folded = new FoldedIn[GIVEN.length];
      for (int gi = 0; gi < GIVEN.length; gi++) {
        folded[gi] = FoldedIn.of(model, val, GIVEN[gi]);
      }
      Schedule[] best = new Schedule[2];
      for (int kind = 0; kind < 2; kind++) {
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Schedule s : GRID) {
          double sum = 0;
          for (int gi = 0; gi < GIVEN.length; gi++) {
            int gj = gi;
            java.util.function.IntFunction<PopularityPrior> prior = kind == 0
                ? u -> global.withSchedule(s.weight(), s.fadeOut())
                : u -> recent[u][gj].withSchedule(s.weight(), s.fadeOut());
            sum += evaluator.evaluate(folded[gi].withPrior(val.held, prior, GIVEN[gi]), val.seen(GIVEN[gi]), val.test(GIVEN[gi]))
                .ranking().ndcg()[0];
          }
          if (sum > bestScore) {
            bestScore = sum;
            best[kind] = s;
          }
        }
        System.out.printf(Locale.ROOT, "  validation %s, %s: %s (mean NDCG@10 %.4f)%n", m,
            kind == 0 ? "training popularity" : "recent popularity", best[kind], bestScore / GIVEN.length);
      }
      out.put(m, best);
    }
    return out;
  }

  /**
   * The family's trainer with its defaults and this seed (families without randomness take no seed); a model
   * named {@code kind:name=value:...} (e.g. {@code ease:adjacency=10:lambda=100}) sets those parameters too.
   */
  static org.cinerec.model.Trainer trainer(String model, long seed) {
    boolean seeded = ModelFamilies.get(ModelFamilies.kindOf(model)).params().has("seed");
    return ModelFamilies.trainerOf(model, seeded ? Map.of("seed", Long.toString(seed)) : Map.of());
  }

  private static Point point(String model, String method, int n, long seed, EvaluationReport report) {
    EvaluationReport.RankingMetrics rm = report.ranking();
    int j = Arrays.binarySearch(rm.ks(), K);
    return new Point(model, method, n, seed, rm.ndcg()[j], rm.recall()[j], rm.users());
  }

  /** Users with at least {@code minRatings} ratings, a {@code fraction} of them chosen by the seed. */
  static int[] heldOutUsers(Dataset all, long seed, int minRatings, double fraction) {
    CsrIndex byUser = all.ratings().byUser();
    int[] eligible = java.util.stream.IntStream.range(0, all.numUsers())
        .filter(u -> byUser.count(u) >= minRatings).toArray();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = eligible.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = eligible[i];
      eligible[i] = eligible[j];
      eligible[j] = t;
    }
    int[] held = Arrays.copyOf(eligible, Math.max(1, (int) Math.round(eligible.length * fraction)));
    Arrays.sort(held);
    return held;
  }

  private static long eligible(Dataset all, int minRatings) {
    CsrIndex byUser = all.ratings().byUser();
    return java.util.stream.IntStream.range(0, all.numUsers()).filter(u -> byUser.count(u) >= minRatings).count();
  }

  /** The user's rating rows, earliest first; equal times by movie index, so the order is fixed. */
  static int[] timeOrder(Ratings r, CsrIndex byUser, int u) {
    int[] pos = byUser.positions();
    Integer[] rows = new Integer[byUser.count(u)];
    for (int j = 0; j < rows.length; j++) {
      rows[j] = pos[byUser.start(u) + j];
    }
    Arrays.sort(rows, (a, b) -> {
      int c = Long.compare(r.timestamp(a), r.timestamp(b));
      return c != 0 ? c : Integer.compare(r.item(a), r.item(b));
    });
    return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
  }

  private static int[] toArray(List<Integer> rows) {
    int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a;
  }

  /**
   * A trained model in which each held-out user is served by a scorer of their own (their fold-in, maybe
   * with a prior); every other user is served as trained. Its user vocabulary is the data's, so the
   * evaluator finds the held-out users (whom the trained model may not have in its own).
   */
  static final class FoldedIn implements Recommender {
    private final Recommender model;
    private final IdIndex users;
    private final int[] modelUser;
    private final UserScorer[] folded;

    FoldedIn(Recommender model, Dataset all, UserScorer[] folded) {
      this.model = model;
      this.users = all.users();
      this.modelUser = new int[users.size()];
      for (int u = 0; u < users.size(); u++) {
        modelUser[u] = model.users().indexOf(users.id(u));
      }
      this.folded = folded;
    }

    /** Each target user of the protocol folded in from their first n ratings. */
    static FoldedIn of(Recommender model, Protocol pr, int n) {
      UserScorer[] folded = new UserScorer[pr.all.numUsers()];
      for (int u : pr.held) {
        folded[u] = model.foldIn(pr.given(model, u, n));
      }
      return new FoldedIn(model, pr.all, folded);
    }

    /** The same fold-ins with each target user's prior applied for a history of n ratings. */
    FoldedIn withPrior(int[] held, java.util.function.IntFunction<PopularityPrior> prior, int n) {
      UserScorer[] out = folded.clone();
      for (int u : held) {
        out[u] = prior.apply(u).apply(folded[u], n);
      }
      return new FoldedIn(model, users, modelUser, out);
    }

    private FoldedIn(Recommender model, IdIndex users, int[] modelUser, UserScorer[] folded) {
      this.model = model;
      this.users = users;
      this.modelUser = modelUser;
      this.folded = folded;
    }

    @Override
    public String kind() {
      return model.kind();
    }

    @Override
    public IdIndex users() {
      return users;
    }

    @Override
    public IdIndex items() {
      return model.items();
    }

    @Override
    public ModelInfo info() {
      return model.info();
    }

    @Override
    public boolean predictsRatings() {
      return model.predictsRatings();
    }

    @Override
    public float predict(int user, int item) {
      return user >= 0 && folded[user] != null ? folded[user].predict(item)
          : model.predict(user < 0 ? -1 : modelUser[user], item);
    }

    @Override
    public void scoreItems(int user, float[] out) {
      if (user >= 0 && folded[user] != null) {
        folded[user].scoreItems(out);
      } else {
        model.scoreItems(user < 0 ? -1 : modelUser[user], out);
      }
    }

    @Override
    public void similarItems(int item, float[] out) {
      model.similarItems(item, out);
    }

    @Override
    public void write(ModelWriter out) {
      throw new UnsupportedOperationException("a fold-in view is not saved");
    }

    @Override
    public boolean knowsUser(int user) {
      return user >= 0 && (folded[user] != null ? folded[user].personal() : model.knowsUser(modelUser[user]));
    }
  }

  /** Median over seeds per (model, method, n), as a Markdown table of NDCG@10 (Recall@10). */
  static String table(List<Point> points) {
    Map<String, Map<Integer, List<Point>>> rows = new LinkedHashMap<>();
    for (Point p : points) {
      rows.computeIfAbsent(p.model + " " + p.method, x -> new LinkedHashMap<>())
          .computeIfAbsent(p.given, x -> new ArrayList<>()).add(p);
    }
    StringBuilder sb = new StringBuilder("| model | method |");
    for (int n : GIVEN) {
      sb.append(" n=").append(n).append(" |");
    }
    sb.append("\n|---|---|").append("---|".repeat(GIVEN.length)).append('\n');
    for (Map.Entry<String, Map<Integer, List<Point>>> e : rows.entrySet()) {
      String[] mm = e.getKey().split(" ", 2);
      sb.append("| ").append(mm[0]).append(" | ").append(mm[1]).append(" |");
      for (int n : GIVEN) {
        List<Point> ps = e.getValue().getOrDefault(n, List.of());
        sb.append(String.format(Locale.ROOT, " %.4f (%.4f) |", median(ps, true), median(ps, false)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static double median(List<Point> ps, boolean ndcg) {
    if (ps.isEmpty()) {
      return Double.NaN;
    }
    double[] v = ps.stream().mapToDouble(p -> ndcg ? p.ndcg : p.recall).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Medians over seeds of NDCG@10, one series per (model, method). */
  static org.cinerec.viz.stats.ColdStartCurves curves(List<Point> points) {
    Map<String, Map<Integer, List<Point>>> rows = new LinkedHashMap<>();
    for (Point p : points) {
      rows.computeIfAbsent(p.model + " " + p.method, x -> new java.util.TreeMap<>())
          .computeIfAbsent(p.given, x -> new ArrayList<>()).add(p);
    }
    List<org.cinerec.viz.stats.ColdStartCurves.Series> series = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, List<Point>>> e : rows.entrySet()) {
      String[] mm = e.getKey().split(" ", 2);
      int[] given = e.getValue().keySet().stream().mapToInt(Integer::intValue).toArray();
      double[] values = e.getValue().values().stream().mapToDouble(ps -> median(ps, true)).toArray();
      series.add(new org.cinerec.viz.stats.ColdStartCurves.Series(mm[0], mm[1], given, values));
    }
    // the goal of issue #10: after 5 ratings, 1.25 × popularity's NDCG@10
    Map<Integer, List<Point>> pop = rows.get("popularity popularity");
    if (pop != null && pop.containsKey(5)) {
      double goal = GOAL_RATIO * median(pop.get(5), true);
      int[] given = pop.keySet().stream().mapToInt(Integer::intValue).toArray();
      double[] flat = new double[given.length];
      Arrays.fill(flat, goal);
      series.add(new org.cinerec.viz.stats.ColdStartCurves.Series("goal", String.format(Locale.ROOT,
          "%.2f × popularity after 5 ratings", GOAL_RATIO), given, flat));
    }
    return new org.cinerec.viz.stats.ColdStartCurves("NDCG@10", series);
  }

  static List<Point> readCsv(Path csv) throws IOException {
    List<Point> points = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8).subList(1, Files.readAllLines(csv,
        StandardCharsets.UTF_8).size())) {
      String[] f = line.split(",");
      points.add(new Point(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), Long.parseLong(f[6])));
    }
    return points;
  }

  /**
   * The CSV, the Markdown table and the picture (of the models in {@code plot} and popularity, and the
   * methods in {@code methods}; null: all).
   */
  private static void write(List<Point> points, Path out, List<String> plot, List<String> methods) {
    StringBuilder csv = new StringBuilder("model,method,given,seed,ndcg10,recall10,users\n");
    for (Point p : points) {
      csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%d%n", p.model, p.method, p.given, p.seed,
          p.ndcg, p.recall, p.users));
    }
    try {
      Files.writeString(out.resolve("cold-start.csv"), csv.toString(), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("cold-start.md"), table(points), StandardCharsets.UTF_8);
      try (java.io.OutputStream png = Files.newOutputStream(out.resolve("cold-start.png"))) {
        List<Point> shown = points.stream()
            .filter(p -> plot == null || p.model.equals("popularity") || plot.contains(p.model))
            .filter(p -> methods == null || methods.contains(p.method)).toList();
        org.cinerec.viz.chart.ModelCharts.coldStart(curves(shown)).writePng(png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
