package org.cinerec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
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
 * core's {@link HashSplit#inTest(long, double, long, long)}: no shuffle, the core's rows. Text ids (a
 * {@code string} column) are read as indices into an {@link IdVocabulary}, which the jobs turn back into
 * the ids where they write them.
 */
final class PreparedRatings {
  private PreparedRatings() {}

  /**
   * The ratings ({@code userId int, movieId int, rating float}) and their scale; {@code users} and
   * {@code movies} are the id vocabularies of a side whose ids are text (its column then holds the index into
   * the vocabulary), null for a side of numbers.
   */
  record Loaded(Dataset<Row> ratings, RatingScale scale, String path, IdVocabulary users, IdVocabulary movies) {
    /** Whether some ids are text (the rows hold vocabulary indices). */
    boolean textIds() {
      return users != null || movies != null;
    }

    /**
     * {@code rows} with its int columns {@code userId} and {@code movieId} turned back into the ids as
     * {@code prepare} wrote them (text for a side with a vocabulary).
     */
    Dataset<Row> withOriginalIds(Dataset<Row> rows) {
      Dataset<Row> out = rows;
      for (String c : List.of("userId", "movieId")) {
        IdVocabulary v = c.equals("userId") ? users : movies;
        if (v != null) {
          Broadcast<IdVocabulary> b = broadcast(rows.sparkSession(), v);
          UDF1<Integer, String> name = i -> b.value().id(i);
          out = out.withColumn(c, functions.udf(name, DataTypes.StringType).apply(functions.col(c)));
        }
      }
      return out;
    }
  }

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
    IdVocabulary users = vocabulary(ratings, "userId");
    IdVocabulary movies = vocabulary(ratings, "movieId");
    ratings = ratings.select(indexed(spark, "userId", users), indexed(spark, "movieId", movies),
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
    return new Loaded(ratings, scale, parquet, users, movies);
  }

  /** The vocabulary of a text id column, null for a numeric one. */
  private static IdVocabulary vocabulary(Dataset<Row> ratings, String c) {
    return ratings.schema().apply(c).dataType().equals(DataTypes.StringType) ? IdVocabulary.of(ratings, c) : null;
  }

  /** Column {@code c} as int: the id itself, or its index in {@code v}. */
  private static Column indexed(SparkSession spark, String c, IdVocabulary v) {
    if (v == null) {
      return functions.col(c).cast("int").as(c);
    }
    Broadcast<IdVocabulary> b = broadcast(spark, v);
    UDF1<String, Integer> index = id -> id == null ? null : b.value().index(id);
    return functions.udf(index, DataTypes.IntegerType).apply(functions.col(c)).as(c);
  }

  private static Broadcast<IdVocabulary> broadcast(SparkSession spark, IdVocabulary v) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(v);
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

  /**
   * {@code ratings} (rows of {@code data}: {@code userId, movieId, rating}) with a boolean column
   * {@code test}: the split's decision for each row, from the ids as {@code prepare} wrote them (a text id's
   * hash through its vocabulary).
   */
  static Dataset<Row> withTest(Loaded data, Dataset<Row> ratings, HashSplit split) {
    long seed = split.seed();
    double fraction = split.fraction();
    SparkSession spark = ratings.sparkSession();
    Broadcast<IdVocabulary> bu = data.users() == null ? null : broadcast(spark, data.users());
    Broadcast<IdVocabulary> bm = data.movies() == null ? null : broadcast(spark, data.movies());
    UDF2<Integer, Integer, Boolean> inTest = (u, m) -> HashSplit.inTest(seed, fraction,
        bu == null ? HashSplit.idHash(u) : bu.value().hash(u), bm == null ? HashSplit.idHash(m) : bm.value().hash(m));
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

  static RatingScale scaleOf(String report, Configuration conf) {
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
