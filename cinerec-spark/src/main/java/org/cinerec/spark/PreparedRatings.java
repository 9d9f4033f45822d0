package org.cinerec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.split.HashSplit;
import org.cinerec.split.SplitSpec;

/**
 * What {@code prepare} wrote, read back for the jobs after it: {@code DATA/ratings.parquet}
 * ({@code userId int, movieId int, rating float, timestamp long}) and the rating scale from
 * {@code DATA/report.json} (or given), and the {@code hash:F:SEED} split computed per row with the
 * core's {@link HashSplit#inTest(long, double, int, int)}: no shuffle, the core's rows.
 */
final class PreparedRatings {
  private PreparedRatings() {}

  /** The ratings and their scale. */
  record Loaded(Dataset<Row> ratings, RatingScale scale, String path) {}

  /**
   * Reads {@code data}: a folder written by {@code prepare}, or a ratings Parquet path (its scale then from
   * {@code report.json} beside it when there is one). {@code scale} given wins; with neither it is read
   * off the ratings ({@link RatingScale#infer(float[], int)} over the distinct values).
   */
  static Loaded read(SparkSession spark, String data, RatingScale scale) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    boolean file = data.endsWith(".parquet");
    String parquet = file ? data : data + "/ratings.parquet";
    String report = file ? new Path(data).getParent() + "/report.json" : data + "/report.json";
    if (!exists(parquet, conf)) {
      throw new CinerecException(parquet + ": no such file or folder; give the folder `prepare` wrote (with "
          + "ratings.parquet) or a ratings Parquet path");
    }
    Dataset<Row> ratings = spark.read().parquet(parquet);
    for (String c : List.of("userId", "movieId", "rating")) {
      if (!List.of(ratings.columns()).contains(c)) {
        throw new CinerecException(parquet + ": no column " + c + " (have " + String.join(", ", ratings.columns())
            + "); the jobs read what `prepare` writes");
      }
    }
    for (String c : List.of("userId", "movieId")) {
      if (ratings.schema().apply(c).dataType().equals(DataTypes.StringType)) {
        throw new CinerecException(parquet + ": " + c + " holds text ids (prepare keeps them as text when some are"
            + " not numbers); the jobs after prepare take numeric ids");
      }
    }
    ratings = ratings.select(functions.col("userId").cast("int"), functions.col("movieId").cast("int"),
        functions.col("rating").cast("float"));
    if (scale == null && exists(report, conf)) {
      scale = scaleOf(report, conf);
    }
    if (scale == null) {
      List<Row> distinct = ratings.select("rating").distinct().collectAsList();
      float[] values = new float[distinct.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = distinct.get(k).getFloat(0);
      }
      scale = RatingScale.infer(values, values.length);
    }
    return new Loaded(ratings, scale, parquet);
  }

  /** The split spec, which must be {@code hash:F:SEED} (the one computed per row). */
  static HashSplit split(String text) {
    SplitSpec spec = SplitSpec.parse(text);
    if (!(spec instanceof HashSplit h)) {
      throw CinerecException.usage("--split " + text + ": the Spark jobs cut only hash:FRACTION:SEED splits (each "
          + "row decided on its own, as the core does for that spec); e.g. --split hash:0.2:42");
    }
    return h;
  }

  /** The ratings with a boolean column {@code test}: the split's decision for each row. */
  static Dataset<Row> withTest(Dataset<Row> ratings, HashSplit split) {
    long seed = split.seed();
    double fraction = split.fraction();
    UDF2<Integer, Integer, Boolean> inTest = (u, m) -> HashSplit.inTest(seed, fraction, u, m);
    return ratings.withColumn("test",
        functions.udf(inTest, DataTypes.BooleanType).apply(functions.col("userId"), functions.col("movieId")));
  }

  /** The training rows ({@code test} false), without the column. */
  static Dataset<Row> train(Dataset<Row> split) {
    return split.filter((FilterFunction<Row>) r -> !r.getBoolean(3)).drop("test");
  }

  /** The test rows ({@code test} true), without the column. */
  static Dataset<Row> test(Dataset<Row> split) {
    return split.filter((FilterFunction<Row>) r -> r.getBoolean(3)).drop("test");
  }

  private static boolean exists(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static RatingScale scaleOf(String report, Configuration conf) {
    Path p = new Path(report);
    try (InputStream in = FileSystem.get(p.toUri(), conf).open(p)) {
      JsonNode s = new ObjectMapper().readTree(in).get("scale");
      if (s == null || !s.has("min") || !s.has("max")) {
        throw new CinerecException(report + ": no scale {min, max, step}; give --scale MIN:MAX[:STEP]");
      }
      return new RatingScale(s.get("min").asDouble(), s.get("max").asDouble(), s.path("step").asDouble(0),
          RatingScale.Source.of(s.path("source").asText("given")));
    } catch (IOException e) {
      throw new CinerecException(report + ": cannot read the preparation report: " + e.getMessage(), e);
    }
  }
}
