package org.cinerec.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.PredictionPolicy;
import org.cinerec.eval.RankingTotals;
import org.cinerec.eval.UserRanking;
import org.cinerec.math.Vectors;
import org.cinerec.split.HashSplit;

/**
 * {@code evaluate}: an MLlib ALS model (a saved {@code ALSModel} folder, or one trained here on the split's
 * training rows) measured on the split's test rows the way the core's {@link Evaluator} measures the same
 * model imported into cinerec, distributed: RMSE and MAE over every test pair, TFRS top-K accuracy, and
 * Precision/Recall/NDCG/MAP/HitRate@K, coverage, popularity and MRR per user, averaged over the users
 * with a relevant test movie.
 *
 * <p>One implementation of each rule, from the core, called inside the partitions: the split
 * ({@link HashSplit#inTest}), the predictions and their clipping and the pairs unseen in training
 * ({@link PredictionPolicy}: kept, predicted μ, counted), the dot products ({@link Vectors}) and each
 * user's ranking metrics ({@link UserRanking}, summed with {@link RankingTotals}). The model's items are
 * in ascending id order (as the core's import of an MLlib model has them), so score ties break alike.
 * Test rows are grouped by user (one shuffle) and joined to the user factors and the user's training
 * movies; the item factors are broadcast (numItems × rank floats).
 *
 * <p>As in the core's import, "seen in training" means having training ratings whose user and movie both
 * have factors; μ, the training range and each movie's popularity come from the training rows.
 */
final class EvaluateJob {
  private EvaluateJob() {}

  /**
   * What to evaluate.
   *
   * @param data      the folder {@code prepare} wrote, or a ratings Parquet path
   * @param model     a saved MLlib {@code ALSModel} folder, or null to train one here ({@code als})
   * @param als       MLlib ALS parameters by MLlib's names for training here (rank, maxIter, regParam, seed, ...)
   * @param split     the {@code hash:F:SEED} spec
   * @param options   the core's evaluation options (k values, threshold)
   * @param scale     the rating scale, or null to read it from report.json (else off the ratings)
   * @param out       a folder for {@code evaluation.json}, or null
   */
  record Options(String data, String model, Map<String, String> als, String split, EvalOptions options, RatingScale scale,
      String out) {}

  /**
   * A model trained inside the job on the split's training rows: MLlib's {@code ALS} with these parameters
   * by MLlib's names (as {@code train-als} takes them, {@link TrainAlsJob#configure}); explicit ratings only.
   */
  static ALSModel fit(Map<String, String> als, Dataset<Row> train) {
    if (Boolean.parseBoolean(als.getOrDefault("implicitPrefs", "false"))) {
      throw CinerecException.usage("evaluate measures explicit-rating ALS (RMSE, and μ for unseen pairs); for an "
          + "implicit model run train-als, export, then `cinerec evaluate` the model file");
    }
    return TrainAlsJob.configure(als).fit(train);
  }

  /** The report, and the model evaluated (to compare with the core's figures). */
  record Result(EvaluationReport report, ALSModel model, HashSplit split, RatingScale scale) {}

  static Result run(SparkSession spark, Options o) {
    HashSplit split = PreparedRatings.split(o.split());
    PreparedRatings.Loaded data = PreparedRatings.read(spark, o.data(), o.scale());
    Evaluator.checkThreshold(o.options().relevanceThreshold(), data.scale());
    Dataset<Row> cut = PreparedRatings.withTest(data, data.ratings(), split).cache();
    try {
      Dataset<Row> train = PreparedRatings.train(cut);
      Dataset<Row> test = PreparedRatings.test(cut);
      long t0 = System.nanoTime();
      ALSModel model = o.model() != null ? load(spark, o.model()) : fit(o.als(), train);
      double fitSeconds = o.model() != null ? 0 : (System.nanoTime() - t0) / 1e9;
      return new Result(evaluate(spark, model, train, test, data.scale(), o.options(), split.spec())
          .withFitSeconds(fitSeconds), model, split, data.scale());
    } finally {
      cut.unpersist();
    }
  }

  /** A saved {@code ALSModel} folder; an implicit one is a usage error (this job measures explicit models). */
  static ALSModel load(SparkSession spark, String dir) {
    AlsFactors.Metadata meta = AlsFactors.metadata(spark, dir);
    if (Boolean.parseBoolean(meta.params().getOrDefault("implicitPrefs", "false"))) {
      throw CinerecException.usage(dir + ": an implicit-feedback ALS model (implicitPrefs=true); evaluate measures "
          + "explicit ones: export it and run `cinerec evaluate` on the model file");
    }
    try {
      return ALSModel.load(dir);
    } catch (RuntimeException e) {
      throw new CinerecException(dir + ": not a saved MLlib ALSModel (metadata/, userFactors/, itemFactors/): "
          + e.getMessage(), e);
    }
  }

  /** What the jobs know of the training rows, over the model's items. */
  static final class TrainStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    float mean;
    float min;
    float max;
    /** Per model item: training ratings (any user), the core Evaluator's popularity. */
    int[] popularity;
    /** Per model item: rated in training by a user with factors (the model's "seen"). */
    boolean[] seen;
  }

  /** The training rows whose user and movie have factors: what the model's "seen" and μ are made of. */
  static Dataset<Row> seenTrain(ALSModel model, Dataset<Row> train) {
    return train
        .join(model.userFactors().select(functions.col("id").as("userId")), "userId")
        .join(model.itemFactors().select(functions.col("id").as("movieId")), "movieId")
        .select("userId", "movieId", "rating");
  }

  static TrainStats trainStats(ItemFactors items, Dataset<Row> train, Dataset<Row> seenTrain) {
    TrainStats s = new TrainStats();
    Row agg = seenTrain.agg(functions.count("rating"), functions.avg("rating"), functions.min("rating"),
        functions.max("rating")).first();
    s.count = agg.getLong(0);
    if (s.count == 0) {
      throw new CinerecException("no training rating has a user and a movie with factors in the model: the model "
          + "was not trained on this data and split");
    }
    s.mean = (float) agg.getDouble(1);
    s.min = agg.getFloat(2);
    s.max = agg.getFloat(3);
    s.popularity = new int[items.size()];
    for (Row r : train.groupBy("movieId").count().collectAsList()) {
      int i = items.index(r.getInt(0));
      if (i >= 0) {
        s.popularity[i] = (int) r.getLong(1);
      }
    }
    s.seen = new boolean[items.size()];
    for (Row r : seenTrain.select("movieId").distinct().collectAsList()) {
      s.seen[items.index(r.getInt(0))] = true;
    }
    return s;
  }

  /** Users seen in training, with their factors: {@code userId, features}. */
  static Dataset<Row> seenUsers(ALSModel model, Dataset<Row> seenTrain) {
    return seenTrain.select("userId").distinct()
        .join(model.userFactors().withColumnRenamed("id", "userId"), "userId");
  }

  static EvaluationReport evaluate(SparkSession spark, ALSModel model, Dataset<Row> train, Dataset<Row> test,
      RatingScale scale, EvalOptions options, String spec) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ItemFactors items = ItemFactors.items(model);
    Dataset<Row> seenTrain = seenTrain(model, train).cache();
    try {
      TrainStats stats = trainStats(items, train, seenTrain);
      long trainCount = train.count();
      PredictionPolicy.Bounds bounds = PredictionPolicy.bounds(scale, stats.min, stats.max, stats.count);
      Broadcast<ItemFactors> bItems = jsc.broadcast(items);
      Broadcast<TrainStats> bStats = jsc.broadcast(stats);
      Dataset<Row> users = seenUsers(model, seenTrain);

      long t0 = System.nanoTime();
      int rank = items.rank;
      Dataset<Row> pairs = test.join(users, "userId", "left").select("movieId", "rating", "features");
      List<double[]> parts = pairs.javaRDD().mapPartitions((Iterator<Row> it) -> {
        ItemFactors f = bItems.value();
        TrainStats st = bStats.value();
        double se = 0;
        double ae = 0;
        long n = 0;
        long coldUser = 0;
        long coldItem = 0;
        long fallback = 0;
        while (it.hasNext()) {
          Row r = it.next();
          int mi = f.index(r.getInt(0));
          float rating = r.getFloat(1);
          boolean userSeen = !r.isNullAt(2);
          boolean itemSeen = mi >= 0 && st.seen[mi];
          float dot = userSeen && itemSeen
              ? Vectors.dot(ItemFactors.features(r, 2, rank), 0, f.values, mi * rank, rank) : 0f;
          float p = PredictionPolicy.unbiasedFactor(userSeen, itemSeen, dot, st.mean, st.min, st.max);
          double e = (double) bounds.clip(p) - rating;
          se += e * e;
          ae += Math.abs(e);
          n++;
          boolean cu = !userSeen;
          boolean ci = mi < 0 || st.popularity[mi] == 0;
          coldUser += cu ? 1 : 0;
          coldItem += ci ? 1 : 0;
          fallback += cu || ci ? 1 : 0;
        }
        return List.of(new double[] {se, ae, n, coldUser, coldItem, fallback}).iterator();
      }).collect();
      double[] sum = new double[6];
      for (double[] p : parts) {
        for (int j = 0; j < 6; j++) {
          sum[j] += p[j];
        }
      }
      long n = (long) sum[2];
      EvaluationReport.RatingMetrics rating = options.rating() ? new EvaluationReport.RatingMetrics(
          n == 0 ? Double.NaN : Math.sqrt(sum[0] / n), n == 0 ? Double.NaN : sum[1] / n, n, bounds.lo(), bounds.hi())
          : null;
      double predictSeconds = (System.nanoTime() - t0) / 1e9;

      EvaluationReport.TopKAccuracy accuracy = null;
      EvaluationReport.RankingMetrics ranking = null;
      double rankSeconds = 0;
      if (options.ranking()) {
        long t1 = System.nanoTime();
        RankingTotals totals = rank(test, train, users, bItems, bStats, options);
        accuracy = totals.accuracy();
        ranking = totals.ranking(trainCount);
        rankSeconds = (System.nanoTime() - t1) / 1e9;
      }
      return new EvaluationReport("als", spec, trainCount, n, (long) sum[3], (long) sum[4], (long) sum[5], rating,
          accuracy, ranking, new EvaluationReport.Timing(0, predictSeconds, rankSeconds,
              spark.sparkContext().defaultParallelism()));
    } finally {
      seenTrain.unpersist();
    }
  }

  /**
   * The ranking pass: test rows grouped by user, joined to the user's training movies and factors; each
   * partition ranks its users with one {@link UserRanking} and sums them; the driver merges the partial
   * sums in partition order.
   */
  private static RankingTotals rank(Dataset<Row> test, Dataset<Row> train, Dataset<Row> users,
      Broadcast<ItemFactors> bItems, Broadcast<TrainStats> bStats, EvalOptions options) {
    Dataset<Row> testByUser = test.groupBy("userId").agg(
        functions.collect_list(functions.struct(functions.col("movieId"), functions.col("rating"))).as("test"));
    Dataset<Row> trainByUser = train.groupBy("userId").agg(functions.collect_list("movieId").as("train"));
    Dataset<Row> byUser = testByUser.join(trainByUser, "userId", "left").join(users, "userId", "left")
        .select("test", "train", "features");
    int numItems = bItems.value().size();
    List<RankingTotals> parts = byUser.javaRDD().mapPartitions((Iterator<Row> it) -> {
      ItemFactors f = bItems.value();
      TrainStats st = bStats.value();
      int k = f.rank;
      int ni = f.size();
      UserRanking ranking = new UserRanking(options, st.popularity);
      RankingTotals totals = new RankingTotals(options, ni);
      int[] first = RankingTotals.firstRanks(ni);
      float[] scores = new float[ni];
      while (it.hasNext()) {
        Row r = it.next();
        List<Row> t = r.getList(0);
        int nTest = t.size();
        int[] testItems = new int[nTest];
        float[] testRatings = new float[nTest];
        for (int j = 0; j < nTest; j++) {
          testItems[j] = f.index(t.get(j).getInt(0));
          testRatings[j] = t.get(j).getFloat(1);
        }
        List<Integer> tr = r.isNullAt(1) ? List.of() : r.getList(1);
        int[] trainItems = new int[tr.size()];
        for (int j = 0; j < trainItems.length; j++) {
          trainItems[j] = f.index(tr.get(j));
        }
        boolean seen = !r.isNullAt(2);
        if (seen) {
          // as FactorModel.scoreItems for a model without biases: q·p, then + (0 + 0)
          Vectors.matVec(f.values, ni, k, ItemFactors.features(r, 2, k), 0, scores);
          for (int i = 0; i < ni; i++) {
            scores[i] += 0f + 0f;
          }
        } else {
          Arrays.fill(scores, st.mean); // the model's fallback scores for an unseen user: μ for every movie
        }
        totals.add(ranking.rank(scores, trainItems, trainItems.length, testItems, testRatings, nTest, !seen, first));
      }
      totals.addFirstRanks(first);
      return List.of(totals).iterator();
    }).collect();
    RankingTotals sum = new RankingTotals(options, numItems);
    for (RankingTotals p : parts) {
      sum.merge(p);
    }
    return sum;
  }

  /** {@code evaluate DATA [flags]}: prints the table, writes OUT/evaluation.json when --out is given. */
  static int cli(String[] args, Supplier<SparkSession> session) {
    JobFlags f = JobFlags.parse("evaluate", args, 1, List.of("--model", "--split", "--k", "--threshold", "--scale",
        "--out"));
    EvalOptions options = EvalOptions.defaults();
    if (f.has("--k")) {
      options = options.withKs(f.ints("--k"));
    }
    if (f.has("--threshold")) {
      options = options.withRelevanceThreshold(f.number("--threshold", Double.NaN));
    }
    RatingScale scale = f.has("--scale") ? RatingScale.parse(f.get("--scale"), "--scale") : null;
    Options o = new Options(f.positional(0), f.get("--model"), f.alsParams(), f.get("--split", "hash:0.2:42"), options, scale,
        f.get("--out"));
    Result r = run(session.get(), o);
    System.out.print(r.report().toTable());
    if (o.out() != null) {
      String file = o.out() + "/evaluation.json";
      PrepareJob.writeText(file, json(r.report()), session.get().sparkContext().hadoopConfiguration());
      System.out.println("wrote " + file);
    }
    return 0;
  }

  static String json(EvaluationReport report) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
    } catch (IOException e) {
      throw new CinerecException("cannot write the evaluation as JSON: " + e.getMessage(), e);
    }
  }

  /** Flags of the form {@code --name value} after the positional arguments; unknown flags are usage errors. */
  static final class JobFlags {
    private final String job;
    private final List<String> positional = new ArrayList<>();
    private final java.util.Map<String, String> values = new java.util.LinkedHashMap<>();

    private JobFlags(String job) {
      this.job = job;
    }

    static JobFlags parse(String job, String[] args, int positionals, List<String> known) {
      JobFlags f = new JobFlags(job);
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("--")) {
          if (!known.contains(a) && !TrainAlsJob.PARAMS.contains(a.substring(2))) {
            throw CinerecException.usage(job + ": unknown option " + a + " (known: " + String.join(", ", known)
                + ", and MLlib ALS's --" + String.join(", --", TrainAlsJob.PARAMS) + " to train a model here)");
          }
          if (i + 1 == args.length) {
            throw CinerecException.usage(job + ": " + a + " needs a value");
          }
          f.values.put(a, args[++i]);
        } else {
          f.positional.add(a);
        }
      }
      if (f.positional.size() != positionals) {
        throw CinerecException.usage(job + ": expected " + positionals + " argument(s) before the options, got "
            + f.positional + "\n" + SparkJobs.usage());
      }
      return f;
    }

    /** The MLlib ALS parameters given ({@code --rank 10 --maxIter 10 ...}), by MLlib's names. */
    Map<String, String> alsParams() {
      Map<String, String> p = new java.util.LinkedHashMap<>();
      values.forEach((flag, v) -> {
        if (TrainAlsJob.PARAMS.contains(flag.substring(2))) {
          p.put(flag.substring(2), v);
        }
      });
      return p;
    }

    String positional(int i) {
      return positional.get(i);
    }

    boolean has(String flag) {
      return values.containsKey(flag);
    }

    String get(String flag) {
      return values.get(flag);
    }

    String get(String flag, String dflt) {
      return values.getOrDefault(flag, dflt);
    }

    int integer(String flag, int dflt) {
      return (int) longInt(flag, dflt);
    }

    long longInt(String flag, long dflt) {
      String v = values.get(flag);
      if (v == null) {
        return dflt;
      }
      try {
        return Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        throw CinerecException.usage(job + ": " + flag + " \"" + v + "\" is not an integer");
      }
    }

    double number(String flag, double dflt) {
      String v = values.get(flag);
      if (v == null) {
        return dflt;
      }
      try {
        return Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        throw CinerecException.usage(job + ": " + flag + " \"" + v + "\" is not a number");
      }
    }

    int[] ints(String flag) {
      String[] parts = values.get(flag).split(",");
      int[] out = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        try {
          out[i] = Integer.parseInt(parts[i].strip());
        } catch (NumberFormatException e) {
          throw CinerecException.usage(job + ": " + flag + " \"" + values.get(flag)
              + "\" is not a comma-separated list of integers, e.g. 5,10,20");
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %s %s", job, positional, values);
    }
  }
}
