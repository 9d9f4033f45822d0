package org.cinerec.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;

/**
 * {@code train-als}: MLlib's {@link ALS} on the Parquet ratings {@code prepare} wrote (columns
 * {@code userId, movieId, rating}), every ALS parameter under MLlib's name ({@link #PARAMS}), explicit or
 * implicit, on all of it or on the training part of a {@code hash:F:SEED} split (the core's rows). Writes the model with {@code ALSModel.save} into OUT and, beside MLlib's {@code metadata/},
 * {@code userFactors/} and {@code itemFactors/}, {@code OUT/cinerec-train.json}: the input, every
 * parameter's value (the estimator's: {@code ALSModel.save} keeps only rank), the rating scale, the counts,
 * the training RMSE and the wall time, which {@code export} turns into the model file's provenance.
 *
 * <p>A checkpoint directory ({@code --checkpointDir}, any Hadoop path) makes ALS cut its RDD lineage every
 * {@code checkpointInterval} iterations; without one a long run (maxIter in the hundreds) can overflow the
 * driver's stack while serialising the lineage.
 */
public final class TrainAlsJob {
  /** MLlib ALS's parameters, by MLlib's names; values are checked by MLlib's own validators. */
  public static final List<String> PARAMS = List.of("rank", "maxIter", "regParam", "alpha", "implicitPrefs",
      "nonnegative", "numUserBlocks", "numItemBlocks", "seed", "checkpointInterval", "intermediateStorageLevel",
      "finalStorageLevel", "coldStartStrategy");
  /** The sidecar file {@code export} reads. */
  public static final String SIDECAR = "cinerec-train.json";
  static final ObjectMapper JSON = new ObjectMapper();

  private TrainAlsJob() {}

  /** What a run trained. */
  public record Result(long ratings, long users, long movies, double trainRmse, double seconds,
      Map<String, String> params) {}

  /**
   * Trains on {@code input} (a {@code prepare} output folder or a Parquet path) and saves into {@code out}.
   * {@code given}: MLlib parameter name → text; {@code checkpointDir} may be null.
   */
  public static Result run(SparkSession spark, String input, String out, Map<String, String> given,
      String checkpointDir) {
    return run(spark, input, out, given, checkpointDir, null);
  }

  /**
   * As above, training on the training part of {@code split} (a {@code hash:F:SEED} spec, decided per row as
   * the core decides it; null or "none": all of INPUT).
   */
  public static Result run(SparkSession spark, String input, String out, Map<String, String> given,
      String checkpointDir, String split) {
    String spec = splitSpec(split);
    ALS als = configure(given);
    if (checkpointDir != null) {
      spark.sparkContext().setCheckpointDir(checkpointDir);
    }
    PreparedRatings.Loaded data = PreparedRatings.read(spark, input, null);
    String parquet = data.path();
    RatingScale scale = data.scale();
    Dataset<Row> ratings = trainingPart(data, spec);
    long t0 = System.nanoTime();
    ALSModel model = als.fit(ratings);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long n = ratings.count();
    long users = model.userFactors().count();
    long movies = model.itemFactors().count();
    double rmse = Double.NaN;
    if (!als.getImplicitPrefs()) {
      rmse = new RegressionEvaluator().setMetricName("rmse").setLabelCol("rating").setPredictionCol("prediction")
          .evaluate(model.setColdStartStrategy("drop").transform(ratings));
      model.setColdStartStrategy(als.getColdStartStrategy());
    }
    try {
      model.write().overwrite().save(out);
    } catch (IOException e) {
      throw new CinerecException(out + ": cannot save the ALS model: " + e.getMessage(), e);
    }
    Map<String, String> params = values(als);
    ObjectNode side = JSON.createObjectNode();
    side.put("input", parquet);
    side.put("split", spec);
    ObjectNode p = side.putObject("params");
    params.forEach(p::put);
    side.putObject("scale").put("min", scale.min()).put("max", scale.max()).put("step", scale.step())
        .put("source", scale.source().id());
    side.put("ratings", n).put("users", users).put("movies", movies);
    if (!Double.isNaN(rmse)) {
      side.put("trainRmse", rmse);
    }
    side.put("trainSeconds", seconds);
    side.put("checkpointDir", checkpointDir);
    PrepareJob.writeText(out + "/" + SIDECAR, side.toPrettyString() + "\n", spark.sparkContext().hadoopConfiguration());
    return new Result(n, users, movies, rmse, seconds, params);
  }

  /** The canonical text of a {@code hash:F:SEED} split ({@link PreparedRatings#split}), or "none". */
  static String splitSpec(String split) {
    return split == null || split.equalsIgnoreCase("none") ? "none" : PreparedRatings.split(split).spec();
  }

  /** The training rows of {@code data} (userId, movieId, rating) under {@code spec}: all for "none". */
  static Dataset<Row> trainingPart(PreparedRatings.Loaded data, String spec) {
    return spec.equals("none") ? data.ratings()
        : PreparedRatings.train(PreparedRatings.withTest(data, data.ratings(), PreparedRatings.split(spec)));
  }

  /** An {@link ALS} on {@code userId, movieId, rating} with the given parameters; a bad one is a usage error. */
  static ALS configure(Map<String, String> given) {
    ALS als = new ALS().setUserCol("userId").setItemCol("movieId").setRatingCol("rating");
    for (Map.Entry<String, String> e : given.entrySet()) {
      String name = e.getKey();
      String v = e.getValue();
      try {
        switch (name) {
          case "rank" -> als.setRank(Integer.parseInt(v));
          case "maxIter" -> als.setMaxIter(Integer.parseInt(v));
          case "regParam" -> als.setRegParam(Double.parseDouble(v));
          case "alpha" -> als.setAlpha(Double.parseDouble(v));
          case "implicitPrefs" -> als.setImplicitPrefs(bool(v));
          case "nonnegative" -> als.setNonnegative(bool(v));
          case "numUserBlocks" -> als.setNumUserBlocks(Integer.parseInt(v));
          case "numItemBlocks" -> als.setNumItemBlocks(Integer.parseInt(v));
          case "seed" -> als.setSeed(Long.parseLong(v));
          case "checkpointInterval" -> als.setCheckpointInterval(Integer.parseInt(v));
          case "intermediateStorageLevel" -> als.setIntermediateStorageLevel(v);
          case "finalStorageLevel" -> als.setFinalStorageLevel(v);
          case "coldStartStrategy" -> als.setColdStartStrategy(v);
          default -> throw CinerecException.usage("train-als: unknown parameter --" + name + "; MLlib ALS takes --"
              + String.join(", --", PARAMS));
        }
      } catch (IllegalArgumentException ex) { // NumberFormatException too
        throw CinerecException.usage("train-als: --" + name + " " + v + " is not valid: " + ex.getMessage());
      }
    }
    return als;
  }

  private static boolean bool(String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("expected true or false");
    }
    return Boolean.parseBoolean(v);
  }

  /** Every parameter's value as text, the defaults included. */
  static Map<String, String> values(ALS a) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("rank", Integer.toString(a.getRank()));
    m.put("maxIter", Integer.toString(a.getMaxIter()));
    m.put("regParam", Double.toString(a.getRegParam()));
    m.put("alpha", Double.toString(a.getAlpha()));
    m.put("implicitPrefs", Boolean.toString(a.getImplicitPrefs()));
    m.put("nonnegative", Boolean.toString(a.getNonnegative()));
    m.put("numUserBlocks", Integer.toString(a.getNumUserBlocks()));
    m.put("numItemBlocks", Integer.toString(a.getNumItemBlocks()));
    m.put("seed", Long.toString(a.getSeed()));
    m.put("checkpointInterval", Integer.toString(a.getCheckpointInterval()));
    m.put("intermediateStorageLevel", a.getIntermediateStorageLevel());
    m.put("finalStorageLevel", a.getFinalStorageLevel());
    m.put("coldStartStrategy", a.getColdStartStrategy());
    return m;
  }
}
