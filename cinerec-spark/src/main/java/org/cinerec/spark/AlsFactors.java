package org.cinerec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.model.als.MllibAls;

/**
 * Reading what {@code ALSModel.save} wrote, onto the driver: {@code metadata/} (one JSON line: class, Spark
 * version, {@code paramMap}, {@code defaultParamMap} and the rank) and the Parquet {@code userFactors/} and
 * {@code itemFactors/} ({@code id int, features array<float>}), streamed partition by partition into
 * primitive arrays (12 + 4·rank bytes a row on the driver); and training ratings the same way.
 */
final class AlsFactors {
  private AlsFactors() {}

  /** The saved model's metadata: its rank and its parameters (defaults, then the set ones). */
  record Metadata(int rank, String sparkVersion, Map<String, String> params) {}

  static Metadata metadata(SparkSession spark, String dir) {
    String path = dir + "/metadata";
    requireExists(spark, path, "give the folder ALSModel.save wrote");
    try {
      List<String> lines = spark.read().textFile(path).collectAsList();
      if (lines.isEmpty()) {
        throw new CinerecException(path + ": empty; not a model saved by ALSModel.save");
      }
      JsonNode m = TrainAlsJob.JSON.readTree(lines.get(0));
      String cls = m.path("class").asText("");
      if (!cls.equals("org.apache.spark.ml.recommendation.ALSModel")) {
        throw new CinerecException(path + ": class \"" + cls + "\", expected org.apache.spark.ml.recommendation.ALSModel");
      }
      if (!m.path("rank").canConvertToInt()) {
        throw new CinerecException(path + ": no rank");
      }
      Map<String, String> params = new LinkedHashMap<>();
      m.path("defaultParamMap").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      m.path("paramMap").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      return new Metadata(m.get("rank").asInt(), m.path("sparkVersion").asText("?"), params);
    } catch (IOException e) {
      throw new CinerecException(path + ": not JSON: " + e.getMessage(), e);
    }
  }

  /** A usage error naming the path when it does not exist. */
  static void requireExists(SparkSession spark, String path, String fix) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new CinerecException(path + ": no such file or folder; " + fix);
      }
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** One side's factors from {@code dir/userFactors} or {@code dir/itemFactors}. */
  static MllibAls.Factors read(SparkSession spark, String path, int rank) {
    int[] ids = new int[1024];
    float[] values = new float[1024 * rank];
    int n = 0;
    requireExists(spark, path, "not a model saved by ALSModel.save");
    Iterator<Row> it = spark.read().parquet(path).select("id", "features").toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      List<Object> f = r.getList(1);
      if (f.size() != rank) {
        throw new CinerecException(path + ": id " + r.getInt(0) + " has " + f.size() + " features, rank is " + rank);
      }
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        values = Arrays.copyOf(values, n * 2 * rank);
      }
      ids[n] = r.getInt(0);
      for (int k = 0; k < rank; k++) {
        values[n * rank + k] = ((Number) f.get(k)).floatValue();
      }
      n++;
    }
    return new MllibAls.Factors(Arrays.copyOf(ids, n), Arrays.copyOf(values, n * rank), rank);
  }

  /**
   * The ratings of {@code data} ({@code userId, movieId, rating}) in the training part of {@code split}
   * ("none": all; 12 bytes a rating on the driver).
   */
  static MllibAls.TrainingRatings ratings(SparkSession spark, PreparedRatings.Loaded data, String split) {
    int[] u = new int[1 << 16];
    int[] m = new int[1 << 16];
    float[] r = new float[1 << 16];
    int n = 0;
    Iterator<Row> it = TrainAlsJob.trainingPart(data, split).toLocalIterator();
    while (it.hasNext()) {
      Row row = it.next();
      if (n == u.length) {
        u = Arrays.copyOf(u, n * 2);
        m = Arrays.copyOf(m, n * 2);
        r = Arrays.copyOf(r, n * 2);
      }
      u[n] = row.getInt(0);
      m[n] = row.getInt(1);
      r[n++] = row.getFloat(2);
    }
    return new MllibAls.TrainingRatings(Arrays.copyOf(u, n), Arrays.copyOf(m, n), Arrays.copyOf(r, n));
  }
}
